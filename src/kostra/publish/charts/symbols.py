"""SSB's symbols in a chart: which figure is an estimate (`e`), what is printed and said for a
figure that is not there (`..` tallgrunnlag mangler, `:` vises ikke av konfidensialitetshensyn,
`.` ikke mulig å oppgi tall), and the notes below a chart that explain them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kostra.publish.charts.legend import marker
from kostra.publish.charts.palette import BAR, MUTED, PAD, SMALL_SIZE
from kostra.publish.charts.svg import element, text_at
from kostra.publish.charts.text_metrics import wrap
from kostra.publish.charts.ticks import present, value_label
from kostra.publish.dataset import Symbol

NOTE_ROW = 16.0
_NOTE_KEY = 32.0  # the width of the notes' first column (a sample or a symbol)


def _symbol(code: str | None) -> Symbol | None:
    if code is None:
        return None
    try:
        return Symbol(code)
    except ValueError:
        return None


def is_estimate(code: str | None) -> bool:
    """Whether `code` marks a figure as estimated (`e`)."""
    return _symbol(code) is Symbol.ESTIMATED


def _missing_text(code: str | None) -> str:
    """What a reader is told about a figure that is not there: `tallgrunnlag mangler`."""
    symbol = _symbol(missing_mark(code))
    return _lower_first(symbol.label) if symbol is not None else f"ingen tall ({code})"


def missing_mark(code: str | None) -> str:
    """The symbol printed for a figure that is not there (`..` when none was given)."""
    if code and _symbol(code) is not Symbol.ESTIMATED:
        return code
    return Symbol.MISSING.value


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def figure_in_words(value: float | None, code: str | None, decimals: int) -> str:
    """One figure as a reader is told it: `3,4`, `3,6 (anslått)`, `tallgrunnlag mangler`."""
    if not present(value):
        return _missing_text(code)
    text = value_label(value, decimals)
    return f"{text} (anslått)" if is_estimate(code) else text


@dataclass(frozen=True)
class Note:
    """One line of explanation below a chart: its key (a sample or a symbol), and its text."""

    key: str  # "hollow-marker", "hatched-bar", "gap", or a symbol such as ".."
    text: str


def symbol_notes(codes: Iterable[str | None]) -> list[Note]:
    """One note per symbol that stands for a missing figure, in SSB's order: `..` Tallgrunnlag
    mangler."""
    marks = {missing_mark(code) for code in codes}
    order = [s.value for s in Symbol if s is not Symbol.ESTIMATED]
    notes = []
    for mark in sorted(marks, key=lambda m: (order.index(m) if m in order else len(order), m)):
        symbol = _symbol(mark)
        notes.append(Note(mark, symbol.label if symbol is not None else "Symbol uten forklaring"))
    return notes


def note_lines(notes: list[Note], width: float) -> list[tuple[str | None, str]]:
    """The notes wrapped to the chart: (the key on a note's first line, else None; the text)."""
    return [
        (note.key if i == 0 else None, line)
        for note in notes
        for i, line in enumerate(wrap(note.text, width - 2 * PAD - _NOTE_KEY, SMALL_SIZE))
    ]


def draw_notes(lines: list[tuple[str | None, str]], top: float, hatch: str = "") -> str:
    """The notes below a chart, a sample or a symbol before each (a table of two columns);
    `hatch` is the id of the pattern of an estimated bar."""
    drawn = []
    for i, (key, line) in enumerate(lines):
        y = top + i * NOTE_ROW + 11
        if key == "hollow-marker":
            drawn.append(marker("circle", PAD + 12, y - 4, MUTED, True))
        elif key == "hatched-bar":
            drawn.append(
                element(
                    "rect",
                    x=float(PAD + 1),
                    y=y - 10,
                    width=22.0,
                    height=11.0,
                    fill=f"url(#{hatch})",
                    stroke=BAR,
                    stroke_width=1.5,
                )
            )
        elif key == "gap":  # a line broken between two points
            for x1, x2 in ((PAD, PAD + 6.0), (PAD + 18.0, PAD + 24.0)):
                drawn.append(
                    element(
                        "line", x1=x1, y1=y - 4, x2=x2, y2=y - 4, stroke=MUTED, stroke_width=2.0
                    )
                )
            for cx in (PAD + 6.0, PAD + 18.0):
                drawn.append(element("circle", cx=cx, cy=y - 4, r=2.5, fill=MUTED))
        elif key is not None:
            drawn.append(text_at(PAD + 12, y, key, size=SMALL_SIZE, anchor="middle", bold=True))
        drawn.append(text_at(PAD + _NOTE_KEY, y, line, size=SMALL_SIZE, fill=MUTED))
    return element("g", "".join(drawn), class_="kostra-chart-note")
