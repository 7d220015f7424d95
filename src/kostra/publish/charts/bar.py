"""The bar chart: a key figure of several regions in one year, one horizontal bar per region,
an estimated one striped (hatched)."""

from __future__ import annotations

from collections.abc import Sequence

from kostra.publish.charts.palette import (
    BACKGROUND,
    BAR,
    BAR_HIGHLIGHT,
    GRID,
    MUTED,
    PAD,
    SMALL_SIZE,
    TEXT,
    TEXT_SIZE,
)
from kostra.publish.charts.series import Point
from kostra.publish.charts.svg import document, draw_title, element, id_prefix, text_at, wrap_title
from kostra.publish.charts.symbols import (
    NOTE_ROW,
    Note,
    draw_notes,
    figure_in_words,
    is_estimate,
    missing_mark,
    note_lines,
    symbol_notes,
)
from kostra.publish.charts.text_metrics import text_width, wrap
from kostra.publish.charts.ticks import Scale, nice_ticks, present, value_label

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
    ident_ = id_prefix(ident, "bar", title, tuple(bars), unit, decimals, highlight, width)
    title_lines, top = wrap_title(title, width)
    unit_y = top + 16
    rows_top = unit_y + 14

    label_room = width * 0.38
    labels = [wrap(label, label_room, TEXT_SIZE, label == highlight) for label, _, _ in bars]
    label_width = max(
        (text_width(line, TEXT_SIZE, True) for lines in labels for line in lines), default=0.0
    )
    label_right = PAD + min(label_width, label_room)
    texts = [value_label(v, decimals) if present(v) else missing_mark(c) for _, v, c in bars]

    def room(negative: bool) -> float:
        """The room for the values printed beyond the ends of the bars, on the left or right."""
        widths = [
            text_width(text, TEXT_SIZE, True)
            for (_, value, _), text in zip(bars, texts, strict=True)
            if (value is not None and value < 0) == negative
        ]
        return max(widths) + 10 if widths else 0.0

    plot_left = label_right + 10 + room(negative=True)
    values = [v for _, v, _ in bars]
    for count in (5, 4, 3, 2, 1):  # fewer ticks till their labels do not overlap
        ticks = nice_ticks(values, count=count, decimals=decimals)
        tick_labels = ticks.labels()
        tick_room = text_width(tick_labels[-1], SMALL_SIZE) / 2
        plot_right = width - PAD - max(room(negative=False), tick_room)
        spacing = (plot_right - plot_left) / (len(ticks.values) - 1)
        if max(text_width(label, SMALL_SIZE) for label in tick_labels) + 10 <= spacing:
            break
    x = Scale(ticks.low, ticks.high, plot_left, plot_right)
    zero = x(0.0)

    row_heights = [max(_BAR_THICKNESS, len(lines) * _LABEL_LINE) + _BAR_GAP for lines in labels]
    rows_bottom = rows_top + sum(row_heights)

    body = draw_title(title_lines)
    body.append(text_at(PAD, unit_y, unit, size=SMALL_SIZE, fill=MUTED))
    grid = []
    for tick, label in zip(ticks.values, tick_labels, strict=True):
        tx = x(tick)
        grid.append(
            element(
                "line",
                x1=tx,
                y1=rows_top - 4,
                x2=tx,
                y2=rows_bottom,
                stroke=TEXT if tick == 0 else GRID,
                stroke_width=1.0,
            )
        )
        grid.append(text_at(tx, rows_bottom + 16, label, size=SMALL_SIZE, anchor="middle"))
    body.append(element("g", "".join(grid)))

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
                text_at(
                    label_right, first_line + i * _LABEL_LINE, line, anchor="end", bold=emphasised
                )
            )
        if not present(value):
            drawn.append(
                text_at(zero + 6, middle + 4.5, text, bold=emphasised, class_="kostra-chart-symbol")
            )
        else:
            end = x(value)
            colour = BAR_HIGHLIGHT if emphasised else BAR
            hatched = is_estimate(code)
            classes = ["kostra-chart-bar"]
            if emphasised:
                classes.append("kostra-chart-bar-highlight")
            if hatched:
                classes.append("kostra-chart-bar-estimated")
            inset = 0.75 if hatched else 0.0  # the outline inside the bar's bounds
            hatch = _hatch_id(ident_, emphasised)
            drawn.append(
                element(
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
                text_at(
                    end - 6 if negative else end + 6,
                    middle + 4.5,
                    text,
                    anchor="end" if negative else None,
                    bold=emphasised,
                )
            )
        row_top += row_height
    body.append(element("g", "".join(drawn)))

    estimated = any(is_estimate(c) and present(v) for _, v, c in bars)
    missing = [c for _, v, c in bars if not present(v)]
    notes = []
    if estimated:
        notes.append(Note("hatched-bar", "Skravert søyle: anslått tall"))
        body.insert(0, _hatches(ident_))
    if missing:
        notes.extend(symbol_notes(missing))
    lines_of_notes = note_lines(notes, width)
    notes_top = rows_bottom + 26
    if notes:
        body.append(draw_notes(lines_of_notes, notes_top, _hatch_id(ident_, False)))
    total_height = notes_top + len(lines_of_notes) * NOTE_ROW + (4 if notes else -8) + PAD

    desc = _bar_desc(bars, unit, decimals, highlight)
    return document(ident_, width, total_height, title, desc, body)


def _hatch_id(ident: str, highlight: bool) -> str:
    return f"{ident}-hatch-highlight" if highlight else f"{ident}-hatch"


def _hatches(ident: str) -> str:
    """The stripes that fill an estimated bar, one pattern per colour of bar."""
    patterns = [
        element(
            "pattern",
            element("rect", x=0.0, y=0.0, width=6.0, height=6.0, fill=BACKGROUND)
            + element("rect", x=0.0, y=0.0, width=3.0, height=6.0, fill=colour),
            id=_hatch_id(ident, highlight),
            width=6.0,
            height=6.0,
            patternUnits="userSpaceOnUse",
            patternTransform="rotate(45)",
        )
        for highlight, colour in ((False, BAR), (True, BAR_HIGHLIGHT))
    ]
    return element("defs", "".join(patterns))


def _bar_desc(bars: Sequence[Point], unit: str, decimals: int, highlight: str | None) -> str:
    """The chart in words: what it shows, then every region's figure."""
    figures = "; ".join(
        f"{label}: {figure_in_words(value, code, decimals)}"
        + (" (uthevet)" if highlight is not None and label == highlight else "")
        for label, value, code in bars
    )
    return f"Liggende søylediagram. Enhet: {unit}. {figures or 'Ingen tall'}."
