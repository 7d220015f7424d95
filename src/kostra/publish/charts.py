"""Charts of key figures (nøkkeltall) for the public statistics pages and the printable fact
sheets: a municipality against its county, its KOSTRA group and the country, as inline SVG drawn
on the server.

`line_chart` draws a figure over the years, one line per region; `bar_chart` compares the regions
in one year. Both return the markup of one `<svg>` element, ready to be put into a page as it is
(in Jinja: `{{ chart | safe }}`); every text in it is escaped here.

The pages' Content-Security-Policy allows no inline style, so the charts carry no `style`
attribute and no `<style>` element: they are drawn with SVG presentation attributes only (fill,
stroke, stroke-dasharray, font-size, …). They need no script, no font and no other file, and
link to nothing outside themselves: the one reference in them is an estimated bar's
`fill="url(#…-hatch)"`, to a pattern in the same `<svg>`. Their classes are hooks for the page's
stylesheet, which need not define any of them:

| class | on |
|---|---|
| `kostra-chart` | the `<svg>` (e.g. `max-width: 100%; height: auto` to shrink it with the page) |
| `kostra-chart-line` | each `<g>` of one region's line: its `<path>` pieces and markers |
| `kostra-chart-marker`, `kostra-chart-marker-estimated` | a point, drawn filled / hollow |
| `kostra-chart-bar`, `kostra-chart-bar-highlight`, `kostra-chart-bar-estimated` | a bar (the
  last striped) |
| `kostra-chart-symbol` | the symbol printed where a bar has no value (`..`, `:`, `.`) |
| `kostra-chart-legend`, `kostra-chart-note` | the legend; the notes on symbols below it |

What a reader sees and what a screen reader says agree: the `<svg>` has `role="img"`, is named
by its `<title>` (the chart's title) and described by its `<desc>`, which gives every figure in
words. Regions differ in dash pattern and marker shape as well as in colour, so a chart printed
in greys still tells them apart; text keeps a contrast of at least 7:1, lines and bars at least
3:1. The same input gives the same string: the ids come from `ident`, or from the content.

Numbers are written the Norwegian way: decimal comma, digits grouped by a no-break space, and a
true minus sign (`−1 234,5`).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from html import escape
from typing import TypeGuard

from kostra.publish.dataset import Symbol
from kostra.text import NO_BREAK_SPACE, number

Point = tuple[str, float | None, str | None]
"""One figure: its x label (a year), its value or None, and its symbol if any (`..`, `:`, `.`,
or `e` for an estimate, which still has a value)."""


# Colours. Text is as dark as the portal's (7:1 and more on white); lines and bars keep 3:1.
_TEXT = "#1b1b1b"
_MUTED = "#444444"
_GRID = "#d0d0d0"
_BACKGROUND = "#ffffff"
_BAR = "#6b8bb0"  # 3.5:1 on white
_BAR_HIGHLIGHT = "#0f4c81"  # 8.9:1
_FONT = "Arial, Helvetica, Liberation Sans, Arimo, sans-serif"

_TITLE_SIZE = 15
_TEXT_SIZE = 13
_SMALL_SIZE = 12
_PAD = 12


@dataclass(frozen=True)
class Series:
    """One region's figures over the years: its name and a point per year."""

    label: str
    points: Sequence[Point]

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", tuple(self.points))


@dataclass(frozen=True)
class _Style:
    """How one region's line is drawn."""

    colour: str
    width: float
    dash: str | None  # stroke-dasharray; None for a solid line
    marker: str  # circle, square, triangle, diamond, down


# The unit's line first and strongest; then county, KOSTRA group and country (and more, repeated).
_STYLES = (
    _Style("#0f4c81", 3.0, None, "circle"),  # dark blue, 8.9:1
    _Style("#b5470b", 2.0, "7 4", "square"),  # burnt orange, 5.4:1
    _Style("#1e7b3c", 2.25, "2 3", "triangle"),  # green, 5.3:1
    _Style("#4d4d4d", 2.0, "10 3 2 3", "diamond"),  # dark grey, 8.5:1
    _Style("#7b2d8e", 2.0, "4 2", "down"),  # purple, 8.1:1
    _Style("#8a5a00", 2.0, "1 2", "square"),  # brown, 5.9:1
)


def _style(index: int) -> _Style:
    """The style of the `index`th line; after the last they repeat, all but the unit's."""
    if index < len(_STYLES):
        return _STYLES[index]
    return _STYLES[1 + (index - 1) % (len(_STYLES) - 1)]


# --- numbers -------------------------------------------------------------------------------------


_LARGEST = 1e300  # a figure beyond ±this is taken for missing: its axis would overflow
_TINY = 1e-290  # an axis narrower than this is taken for one of zeros: its step would underflow
# Enough digits for any float's whole part (the default 28 would not hold 1e30).
_PRECISION = 400


def _decimal(value: float) -> Decimal:
    # repr is the shortest text that reads back as the same float: 2.675 is "2.675", not the
    # binary 2.67499…, so that rounding does what a reader of the figure expects.
    return Decimal(repr(float(value)))


def _label(value: float, decimals: int) -> str:
    """A figure as a chart labels it (digit groups held together by no-break spaces)."""
    return number(value, decimals, space=NO_BREAK_SPACE)


@dataclass(frozen=True)
class Ticks:
    """The ticks of a value axis: "nice" values (1, 2, 2.5 or 5 × 10^k apart) from the first at
    or below the smallest figure (and 0) to the last at or above the largest."""

    values: tuple[float, ...]
    step: float
    decimals: int  # as many as the labels need to tell the ticks apart

    @property
    def low(self) -> float:
        """Where the axis starts."""
        return self.values[0]

    @property
    def high(self) -> float:
        """Where the axis ends."""
        return self.values[-1]

    def labels(self) -> list[str]:
        """The ticks as Norwegian numbers, all with the same decimals."""
        return [_label(value, self.decimals) for value in self.values]


_MANTISSAS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))


def nice_ticks(
    values: Iterable[float | None], *, count: int = 5, decimals: int | None = None
) -> Ticks:
    """The ticks of an axis for `values` (None and what is no number skipped), starting at 0 as
    counts and shares do: about `count` steps of 1, 2, 2.5 or 5 × 10^k. With `decimals` (the
    figures' own) no step is finer than the figures' last digit: counts get whole-number ticks.
    An axis with no figures, or only zeros, runs from 0 to 1."""
    present = [float(v) for v in values if _present(v)]
    low = min([0.0, *present])
    high = max([0.0, *present])
    if not high - low > _TINY:
        high = low + 1.0
    with localcontext(prec=_PRECISION):
        finest = None if decimals is None else Decimal(1).scaleb(-max(decimals, 0))
        raw = (high - low) / max(count, 1)
        if finest is not None:
            raw = max(raw, float(finest))
        exponent = math.floor(math.log10(raw))
        # 1 × 10^(exponent + 1) is always at least `raw`, and a multiple of `finest`.
        candidates = [m.scaleb(e) for e in (exponent, exponent + 1) for m in _MANTISSAS]
        step = next(
            c
            for c in candidates
            if float(c) >= raw * (1 - 1e-9) and (finest is None or c % finest == 0)
        )
        first = (_decimal(low) / step).to_integral_value(rounding=ROUND_FLOOR)
        last = (_decimal(high) / step).to_integral_value(rounding=ROUND_CEILING)
        ticks = tuple(float((first + i) * step) for i in range(int(last - first) + 1))
        exponent_of_step = step.normalize().as_tuple().exponent
        places = (
            -exponent_of_step if isinstance(exponent_of_step, int) and exponent_of_step < 0 else 0
        )
    return Ticks(values=ticks, step=float(step), decimals=places)


@dataclass(frozen=True)
class _Scale:
    """A linear map from figures to pixels."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low
        return self.start + (value - self.low) / span * (self.end - self.start)


# --- symbols -------------------------------------------------------------------------------------


def _symbol(code: str | None) -> Symbol | None:
    if code is None:
        return None
    try:
        return Symbol(code)
    except ValueError:
        return None


def _is_estimate(code: str | None) -> bool:
    return _symbol(code) is Symbol.ESTIMATED


def _present(value: float | None) -> TypeGuard[float]:
    """Whether a figure is there to be drawn: not None, and a number (not NaN, not infinite,
    nor so large that an axis above it would overflow)."""
    return value is not None and math.isfinite(value) and abs(value) <= _LARGEST


def _missing_text(code: str | None) -> str:
    """What a reader is told about a figure that is not there: `tallgrunnlag mangler`."""
    symbol = _symbol(_missing_mark(code))
    return _lower_first(symbol.label) if symbol is not None else f"ingen tall ({code})"


def _missing_mark(code: str | None) -> str:
    """The symbol printed for a figure that is not there (`..` when none was given)."""
    if code and _symbol(code) is not Symbol.ESTIMATED:
        return code
    return Symbol.MISSING.value


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class _Note:
    """One line of explanation below a chart: its key (a sample or a symbol), and its text."""

    key: str  # "hollow-marker", "hatched-bar", "gap", or a symbol such as ".."
    text: str


def _symbol_notes(codes: Iterable[str | None]) -> list[_Note]:
    """One note per symbol that stands for a missing figure, in SSB's order: `..` Tallgrunnlag
    mangler."""
    marks = {_missing_mark(code) for code in codes}
    order = [s.value for s in Symbol if s is not Symbol.ESTIMATED]
    notes = []
    for mark in sorted(marks, key=lambda m: (order.index(m) if m in order else len(order), m)):
        symbol = _symbol(mark)
        notes.append(_Note(mark, symbol.label if symbol is not None else "Symbol uten forklaring"))
    return notes


# --- text ----------------------------------------------------------------------------------------

_NARROW = set("iljtfrI.,:;!|'()[]- ")
_WIDE = set("mwMW@%")


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """About how wide `text` is set in Arial (or its metric twin Liberation Sans), in pixels."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.3
        elif char in _WIDE:
            em += 0.85
        elif char.isupper() or char in "ÆØÅ":
            em += 0.68
        else:
            em += 0.56
    return em * size * (1.07 if bold else 1.0)


def _wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `width` (a word wider than that keeps a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and _text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line or not lines:
        lines.append(line)
    return lines


# --- SVG -----------------------------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate, to a tenth of a pixel, without trailing zeros."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(attributes: dict[str, str | float | None]) -> str:
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        text = _n(value) if isinstance(value, float | int) else escape(value, quote=True)
        parts.append(f' {name}="{text}"')
    return "".join(parts)


def _element(tag: str, content: str | None = None, **attributes: str | float | None) -> str:
    """One SVG element; attribute names with `_` are written with `-` (font_size → font-size)."""
    attrs = _attrs({name.rstrip("_").replace("_", "-"): v for name, v in attributes.items()})
    if content is None:
        return f"<{tag}{attrs}/>"
    return f"<{tag}{attrs}>{content}</{tag}>"


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = _TEXT_SIZE,
    anchor: str | None = None,
    bold: bool = False,
    fill: str = _TEXT,
    class_: str | None = None,
) -> str:
    return _element(
        "text",
        escape(text, quote=False),
        x=x,
        y=y,
        font_size=float(size),
        font_weight="bold" if bold else None,
        text_anchor=anchor,
        fill=fill,
        class_=class_,
    )


def _ident(ident: str | None, *content: object) -> str:
    """The prefix of a chart's ids: `ident` made safe, or one derived from the content (the same
    chart gets the same ids; two charts of different figures do not collide)."""
    if ident is None:
        digest = hashlib.sha256(repr(content).encode("utf-8")).hexdigest()[:12]
        return f"kostra-chart-{digest}"
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", ident)
    return safe if safe[:1].isalpha() else f"kostra-chart-{safe}"


def _svg(ident: str, width: float, height: float, title: str, desc: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kostra-chart" role="img"'
        f' width="{_n(width)}" height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}"'
        f' aria-labelledby="{ident}-title" aria-describedby="{ident}-desc"'
        f' font-family="{_FONT}">'
    )
    parts = [
        head,
        _element("title", escape(title, quote=False), id=f"{ident}-title"),
        _element("desc", escape(desc, quote=False), id=f"{ident}-desc"),
        _element("rect", x=0.0, y=0.0, width=float(width), height=float(height), fill=_BACKGROUND),
        *body,
        "</svg>",
    ]
    return "\n".join(parts)


def _title_lines(title: str, width: float) -> tuple[list[str], float]:
    """The title wrapped to the chart, and the y of the first line below it."""
    lines = _wrap(title, width - 2 * _PAD, _TITLE_SIZE, bold=True)
    return lines, _PAD + len(lines) * 19.0


def _draw_title(lines: list[str]) -> list[str]:
    return [
        _text(_PAD, _PAD + 14 + 19 * i, line, size=_TITLE_SIZE, bold=True)
        for i, line in enumerate(lines)
    ]


def _marker(shape: str, x: float, y: float, colour: str, hollow: bool) -> str:
    """A point on a line: filled, or hollow (white inside) for an estimate."""
    fill = _BACKGROUND if hollow else colour
    stroke = colour if hollow else _BACKGROUND
    width = 2.0 if hollow else 1.0
    class_ = "kostra-chart-marker-estimated" if hollow else "kostra-chart-marker"
    r = 4.5
    if shape == "circle":
        return _element(
            "circle", cx=x, cy=y, r=r, fill=fill, stroke=stroke, stroke_width=width, class_=class_
        )
    if shape == "square":
        s = 4.0
        points = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    elif shape == "triangle":
        points = [(x, y - r - 0.5), (x + r + 0.5, y + r - 0.5), (x - r - 0.5, y + r - 0.5)]
    elif shape == "down":
        points = [(x, y + r + 0.5), (x + r + 0.5, y - r + 0.5), (x - r - 0.5, y - r + 0.5)]
    else:  # diamond
        d = r + 0.8
        points = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
    path = "M" + " L".join(f"{_n(px)} {_n(py)}" for px, py in points) + " Z"
    return _element("path", d=path, fill=fill, stroke=stroke, stroke_width=width, class_=class_)


def _figure(value: float | None, code: str | None, decimals: int) -> str:
    """One figure as a reader is told it: `3,4`, `3,6 (anslått)`, `tallgrunnlag mangler`."""
    if not _present(value):
        return _missing_text(code)
    text = _label(value, decimals)
    return f"{text} (anslått)" if _is_estimate(code) else text


_NOTE_KEY = 32.0  # the width of the notes' first column (a sample or a symbol)


def _note_lines(notes: list[_Note], width: float) -> list[tuple[str | None, str]]:
    """The notes wrapped to the chart: (the key on a note's first line, else None; the text)."""
    return [
        (note.key if i == 0 else None, line)
        for note in notes
        for i, line in enumerate(_wrap(note.text, width - 2 * _PAD - _NOTE_KEY, _SMALL_SIZE))
    ]


def _draw_notes(lines: list[tuple[str | None, str]], top: float, hatch: str = "") -> str:
    """The notes below a chart, a sample or a symbol before each (a table of two columns);
    `hatch` is the id of the pattern of an estimated bar."""
    drawn = []
    for i, (key, line) in enumerate(lines):
        y = top + i * _NOTE_ROW + 11
        if key == "hollow-marker":
            drawn.append(_marker("circle", _PAD + 12, y - 4, _MUTED, True))
        elif key == "hatched-bar":
            drawn.append(
                _element(
                    "rect",
                    x=float(_PAD + 1),
                    y=y - 10,
                    width=22.0,
                    height=11.0,
                    fill=f"url(#{hatch})",
                    stroke=_BAR,
                    stroke_width=1.5,
                )
            )
        elif key == "gap":  # a line broken between two points
            for x1, x2 in ((_PAD, _PAD + 6.0), (_PAD + 18.0, _PAD + 24.0)):
                drawn.append(
                    _element(
                        "line", x1=x1, y1=y - 4, x2=x2, y2=y - 4, stroke=_MUTED, stroke_width=2.0
                    )
                )
            for cx in (_PAD + 6.0, _PAD + 18.0):
                drawn.append(_element("circle", cx=cx, cy=y - 4, r=2.5, fill=_MUTED))
        elif key is not None:
            drawn.append(_text(_PAD + 12, y, key, size=_SMALL_SIZE, anchor="middle", bold=True))
        drawn.append(_text(_PAD + _NOTE_KEY, y, line, size=_SMALL_SIZE, fill=_MUTED))
    return _element("g", "".join(drawn), class_="kostra-chart-note")


# --- line chart ----------------------------------------------------------------------------------

_LEGEND_ROW = 20.0
_NOTE_ROW = 16.0
_SAMPLE = 34.0  # the length of a line in the legend


def _x_labels(series: Sequence[Series]) -> list[str]:
    """The years of all the lines, in order (as text: `2024`, or periods such as `2024K1`), so
    that a year only some regions have falls in its place."""
    return sorted({x for one in series for x, _, _ in one.points})


def _aligned(series: Series, years: list[str]) -> list[Point]:
    """A region's points for every year of the chart, a year it has no point for as missing."""
    by_year = {x: (v, c) for x, v, c in series.points}
    return [(year, *by_year.get(year, (None, None))) for year in years]


def _legend_layout(
    entries: list[tuple[str, bool]], width: float, left: float
) -> list[tuple[float, int, list[str]]]:
    """Where each legend entry goes: (x, row, lines of its label), flowing left to right."""
    placed: list[tuple[float, int, list[str]]] = []
    x, row = left, 0
    room = width - left - _PAD
    for label, bold in entries:
        lines = _wrap(label, room - _SAMPLE - 8, _TEXT_SIZE, bold)
        entry = _SAMPLE + 8 + max(_text_width(line, _TEXT_SIZE, bold) for line in lines)
        if x > left and (x + entry > width - _PAD or len(lines) > 1):
            x, row = left, (placed[-1][1] + len(placed[-1][2]) if placed else 0)
        placed.append((x, row, lines))
        if len(lines) > 1:  # an entry of several lines has its rows to itself
            x, row = left, row + len(lines)
        else:
            x += entry + 18
    return placed


def line_chart(
    title: str,
    series: Sequence[Series],
    *,
    unit: str,
    decimals: int,
    width: int = 640,
    height: int = 320,
    ident: str | None = None,
) -> str:
    """A key figure over the years as SVG: one line per region, the first (the municipality, or
    the unit the page is about) strongest, then county, KOSTRA group and country.

    A year without a figure breaks the line (it is not drawn through) and has no marker; an
    estimated figure has a hollow marker, explained below the legend with the symbols of the
    missing figures. The value axis starts at 0 and is labelled with `unit` ("prosent",
    "kr"); `decimals` are the figures' own. `ident` prefixes the chart's ids: give one per chart
    when the same chart is shown twice on a page. `height` is the whole chart's; it grows when a
    long legend would leave the lines too little room.
    """
    ident_ = _ident(ident, "line", title, series, unit, decimals, width, height)
    years = _x_labels(series)
    values = [v for one in series for _, v, _ in one.points]
    ticks = nice_ticks(values, count=5, decimals=decimals)
    tick_labels = ticks.labels()

    title_lines, top = _title_lines(title, width)
    unit_y = top + 16
    plot_top = unit_y + 12
    label_width = max(_text_width(label, _SMALL_SIZE) for label in tick_labels)
    plot_left = _PAD + label_width + 8
    plot_right = width - _PAD - 6

    # The legend: the regions, then what a hollow marker and a break in a line mean.
    entries = [(one.label, i == 0) for i, one in enumerate(series)]
    legend = _legend_layout(entries, width, _PAD)
    legend_rows = (legend[-1][1] + len(legend[-1][2])) if legend else 0
    estimated = any(_is_estimate(c) and _present(v) for one in series for _, v, c in one.points)
    missing_codes = [c for one in series for _, v, c in _aligned(one, years) if not _present(v)]
    notes = []
    if estimated:
        notes.append(_Note("hollow-marker", "Hul markør: anslått tall"))
    if missing_codes:
        notes.append(_Note("gap", "Brudd i linjen: tall mangler for året"))
        notes.extend(_symbol_notes(missing_codes))
    note_lines = _note_lines(notes, width)

    footer = 28 + legend_rows * _LEGEND_ROW + (8 + len(note_lines) * _NOTE_ROW if notes else 0)
    plot_bottom = max(height - _PAD - footer, plot_top + 140)
    total_height = plot_bottom + footer + _PAD

    y = _Scale(ticks.low, ticks.high, plot_bottom, plot_top)
    inner = 14.0  # room between the axis and the first and last year
    if len(years) > 1:
        spacing = (plot_right - plot_left - 2 * inner) / (len(years) - 1)
        x_of = {year: plot_left + inner + i * spacing for i, year in enumerate(years)}
    else:
        spacing = plot_right - plot_left
        x_of = dict.fromkeys(years, (plot_left + plot_right) / 2)

    body = _draw_title(title_lines)
    body.append(_text(_PAD, unit_y, unit, size=_SMALL_SIZE, fill=_MUTED))
    grid = []
    for tick, label in zip(ticks.values, tick_labels, strict=True):
        ty = y(tick)
        zero = tick == 0
        grid.append(
            _element(
                "line",
                x1=plot_left,
                y1=ty,
                x2=plot_right,
                y2=ty,
                stroke=_TEXT if zero else _GRID,
                stroke_width=1.0,
            )
        )
        grid.append(_text(plot_left - 6, ty + 4, label, size=_SMALL_SIZE, anchor="end"))
    body.append(_element("g", "".join(grid)))

    widest_year = max((_text_width(year, _SMALL_SIZE) for year in years), default=0.0)
    every = max(1, math.ceil((widest_year + 8) / spacing))  # so that the years do not overlap
    year_labels = [
        _text(x_of[year], plot_bottom + 18, year, size=_SMALL_SIZE, anchor="middle")
        for i, year in enumerate(years)
        if i % every == 0
    ]
    body.append(_element("g", "".join(year_labels)))

    # The lines, the first last so that it is drawn over the others.
    drawn = []
    for index in reversed(range(len(series))):
        one, style = series[index], _style(index)
        pieces: list[list[tuple[float, float]]] = [[]]
        markers = []
        for year, value, code in _aligned(one, years):
            if not _present(value):
                if pieces[-1]:
                    pieces.append([])
                continue
            point = (x_of[year], y(value))
            pieces[-1].append(point)
            markers.append(_marker(style.marker, *point, style.colour, _is_estimate(code)))
        paths = [
            _element("path", d="M" + " L".join(f"{_n(px)} {_n(py)}" for px, py in piece))
            for piece in pieces
            if len(piece) > 1
        ]
        line = _element(
            "g",
            "".join(paths),
            fill="none",
            stroke=style.colour,
            stroke_width=style.width,
            stroke_dasharray=style.dash,
            stroke_linejoin="round",
        )
        drawn.append(_element("g", line + "".join(markers), class_="kostra-chart-line"))
    body.extend(drawn)

    # The legend and the notes.
    legend_top = plot_bottom + 28
    items = []
    for index, (x, row, lines) in enumerate(legend):
        style = _style(index)
        ly = legend_top + row * _LEGEND_ROW + 10
        sample = _element(
            "line",
            x1=x,
            y1=ly,
            x2=x + _SAMPLE,
            y2=ly,
            stroke=style.colour,
            stroke_width=style.width,
            stroke_dasharray=style.dash,
        )
        mark = _marker(style.marker, x + _SAMPLE / 2, ly, style.colour, False)
        label = "".join(
            _text(x + _SAMPLE + 8, ly + 4.5 + i * _LEGEND_ROW, line, bold=index == 0)
            for i, line in enumerate(lines)
        )
        items.append(sample + mark + label)
    body.append(_element("g", "".join(items), class_="kostra-chart-legend"))
    if notes:
        body.append(_draw_notes(note_lines, legend_top + legend_rows * _LEGEND_ROW + 8))

    return _svg(ident_, width, total_height, title, _line_desc(series, years, unit, decimals), body)


def _line_desc(series: Sequence[Series], years: list[str], unit: str, decimals: int) -> str:
    """The chart in words: what it shows, then every region's figures year by year."""
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else "")
    parts = [f"Linjediagram{' for ' + span if span else ''}. Enhet: {unit}."]
    for one in series:
        figures = "; ".join(
            f"{year}: {_figure(value, code, decimals)}"
            for year, value, code in _aligned(one, years)
        )
        parts.append(f"{one.label}: {figures or 'ingen tall'}.")
    return " ".join(parts)


# --- bar chart -----------------------------------------------------------------------------------

_BAR_THICKNESS = 18.0
_BAR_GAP = 9.0
_LABEL_LINE = 15.0


def bar_chart(
    title: str,
    bars: Sequence[Point],
    *,
    unit: str,
    decimals: int,
    highlight: str | None = None,
    width: int = 640,
    ident: str | None = None,
) -> str:
    """A key figure of several regions in one year as SVG: one horizontal bar per region, in the
    order given, its value printed at its end.

    The bar labelled `highlight` (the municipality the page is about) is dark and its label and
    value bold; the others are lighter. An estimated figure has a striped bar; a missing or
    suppressed one has no bar but its symbol (`..`, `:`, `.`), explained below the chart. The
    axis starts at 0 and is labelled with `unit`; `decimals` are the figures' own. The height
    follows from the number of bars; `ident` prefixes the chart's ids.
    """
    ident_ = _ident(ident, "bar", title, tuple(bars), unit, decimals, highlight, width)
    title_lines, top = _title_lines(title, width)
    unit_y = top + 16
    rows_top = unit_y + 14

    label_room = width * 0.38
    labels = [_wrap(label, label_room, _TEXT_SIZE, label == highlight) for label, _, _ in bars]
    label_width = max(
        (_text_width(line, _TEXT_SIZE, True) for lines in labels for line in lines), default=0.0
    )
    label_right = _PAD + min(label_width, label_room)
    texts = [_label(v, decimals) if _present(v) else _missing_mark(c) for _, v, c in bars]

    def room(negative: bool) -> float:
        """The room for the values printed beyond the ends of the bars, on the left or right."""
        widths = [
            _text_width(text, _TEXT_SIZE, True)
            for (_, value, _), text in zip(bars, texts, strict=True)
            if (value is not None and value < 0) == negative
        ]
        return max(widths) + 10 if widths else 0.0

    plot_left = label_right + 10 + room(negative=True)
    values = [v for _, v, _ in bars]
    for count in (5, 4, 3, 2, 1):  # fewer ticks till their labels do not overlap
        ticks = nice_ticks(values, count=count, decimals=decimals)
        tick_labels = ticks.labels()
        tick_room = _text_width(tick_labels[-1], _SMALL_SIZE) / 2
        plot_right = width - _PAD - max(room(negative=False), tick_room)
        spacing = (plot_right - plot_left) / (len(ticks.values) - 1)
        if max(_text_width(label, _SMALL_SIZE) for label in tick_labels) + 10 <= spacing:
            break
    x = _Scale(ticks.low, ticks.high, plot_left, plot_right)
    zero = x(0.0)

    row_heights = [max(_BAR_THICKNESS, len(lines) * _LABEL_LINE) + _BAR_GAP for lines in labels]
    rows_bottom = rows_top + sum(row_heights)

    body = _draw_title(title_lines)
    body.append(_text(_PAD, unit_y, unit, size=_SMALL_SIZE, fill=_MUTED))
    grid = []
    for tick, label in zip(ticks.values, tick_labels, strict=True):
        tx = x(tick)
        grid.append(
            _element(
                "line",
                x1=tx,
                y1=rows_top - 4,
                x2=tx,
                y2=rows_bottom,
                stroke=_TEXT if tick == 0 else _GRID,
                stroke_width=1.0,
            )
        )
        grid.append(_text(tx, rows_bottom + 16, label, size=_SMALL_SIZE, anchor="middle"))
    body.append(_element("g", "".join(grid)))

    row_top = rows_top
    drawn = []
    for (label, value, code), lines, text, row_height in zip(
        bars, labels, texts, row_heights, strict=True
    ):
        emphasised = highlight is not None and label == highlight
        middle = row_top + (row_height - _BAR_GAP) / 2 + _BAR_GAP / 2
        first_line = middle - (len(lines) - 1) * _LABEL_LINE / 2 + 4.5
        for i, line in enumerate(lines):
            drawn.append(
                _text(
                    label_right, first_line + i * _LABEL_LINE, line, anchor="end", bold=emphasised
                )
            )
        if not _present(value):
            drawn.append(
                _text(zero + 6, middle + 4.5, text, bold=emphasised, class_="kostra-chart-symbol")
            )
        else:
            end = x(value)
            colour = _BAR_HIGHLIGHT if emphasised else _BAR
            hatched = _is_estimate(code)
            classes = ["kostra-chart-bar"]
            if emphasised:
                classes.append("kostra-chart-bar-highlight")
            if hatched:
                classes.append("kostra-chart-bar-estimated")
            inset = 0.75 if hatched else 0.0  # the outline inside the bar's bounds
            hatch = _hatch_id(ident_, emphasised)
            drawn.append(
                _element(
                    "rect",
                    x=min(zero, end) + inset,
                    y=middle - _BAR_THICKNESS / 2 + inset,
                    width=max(abs(end - zero) - 2 * inset, 0.0),
                    height=_BAR_THICKNESS - 2 * inset,
                    fill=f"url(#{hatch})" if hatched else colour,
                    stroke=colour if hatched else None,
                    stroke_width=1.5 if hatched else None,
                    class_=" ".join(classes),
                )
            )
            negative = value < 0
            drawn.append(
                _text(
                    end - 6 if negative else end + 6,
                    middle + 4.5,
                    text,
                    anchor="end" if negative else None,
                    bold=emphasised,
                )
            )
        row_top += row_height
    body.append(_element("g", "".join(drawn)))

    estimated = any(_is_estimate(c) and _present(v) for _, v, c in bars)
    missing = [c for _, v, c in bars if not _present(v)]
    notes = []
    if estimated:
        notes.append(_Note("hatched-bar", "Skravert søyle: anslått tall"))
        body.insert(0, _hatches(ident_))
    if missing:
        notes.extend(_symbol_notes(missing))
    note_lines = _note_lines(notes, width)
    notes_top = rows_bottom + 26
    if notes:
        body.append(_draw_notes(note_lines, notes_top, _hatch_id(ident_, False)))
    total_height = notes_top + len(note_lines) * _NOTE_ROW + (4 if notes else -8) + _PAD

    desc = _bar_desc(bars, unit, decimals, highlight)
    return _svg(ident_, width, total_height, title, desc, body)


def _hatch_id(ident: str, highlight: bool) -> str:
    return f"{ident}-hatch-highlight" if highlight else f"{ident}-hatch"


def _hatches(ident: str) -> str:
    """The stripes that fill an estimated bar, one pattern per colour of bar."""
    patterns = [
        _element(
            "pattern",
            _element("rect", x=0.0, y=0.0, width=6.0, height=6.0, fill=_BACKGROUND)
            + _element("rect", x=0.0, y=0.0, width=3.0, height=6.0, fill=colour),
            id=_hatch_id(ident, highlight),
            width=6.0,
            height=6.0,
            patternUnits="userSpaceOnUse",
            patternTransform="rotate(45)",
        )
        for highlight, colour in ((False, _BAR), (True, _BAR_HIGHLIGHT))
    ]
    return _element("defs", "".join(patterns))


def _bar_desc(bars: Sequence[Point], unit: str, decimals: int, highlight: str | None) -> str:
    """The chart in words: what it shows, then every region's figure."""
    figures = "; ".join(
        f"{label}: {_figure(value, code, decimals)}"
        + (" (uthevet)" if highlight is not None and label == highlight else "")
        for label, value, code in bars
    )
    return f"Liggende søylediagram. Enhet: {unit}. {figures or 'Ingen tall'}."
