"""How the regions' lines are told apart, and the legend that says which is which. Lines differ
in dash pattern and marker shape as well as in colour, so a chart printed in greys still tells
them apart."""

from __future__ import annotations

from dataclasses import dataclass

from kostra.publish.charts.palette import BACKGROUND, PAD, TEXT_SIZE
from kostra.publish.charts.svg import coordinate, element, text_at
from kostra.publish.charts.text_metrics import text_width, wrap

LEGEND_ROW = 20.0
SAMPLE = 34.0  # the length of a line in the legend


@dataclass(frozen=True)
class Style:
    """How one region's line is drawn."""

    colour: str
    width: float
    dash: str | None  # stroke-dasharray; None for a solid line
    marker: str  # circle, square, triangle, diamond, down


# The unit's line first and strongest; then county, KOSTRA group and country (and more, repeated).
_STYLES = (
    Style("#0f4c81", 3.0, None, "circle"),  # dark blue, 8.9:1
    Style("#b5470b", 2.0, "7 4", "square"),  # burnt orange, 5.4:1
    Style("#1e7b3c", 2.25, "2 3", "triangle"),  # green, 5.3:1
    Style("#4d4d4d", 2.0, "10 3 2 3", "diamond"),  # dark grey, 8.5:1
    Style("#7b2d8e", 2.0, "4 2", "down"),  # purple, 8.1:1
    Style("#8a5a00", 2.0, "1 2", "square"),  # brown, 5.9:1
)


def style(index: int) -> Style:
    """The style of the `index`th line; after the last they repeat, all but the unit's."""
    if index < len(_STYLES):
        return _STYLES[index]
    return _STYLES[1 + (index - 1) % (len(_STYLES) - 1)]


def marker(shape: str, x: float, y: float, colour: str, hollow: bool) -> str:
    """A point on a line: filled, or hollow (white inside) for an estimate."""
    fill = BACKGROUND if hollow else colour
    stroke = colour if hollow else BACKGROUND
    width = 2.0 if hollow else 1.0
    class_ = "kostra-chart-marker-estimated" if hollow else "kostra-chart-marker"
    r = 4.5
    if shape == "circle":
        return element(
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
    path = "M" + " L".join(f"{coordinate(px)} {coordinate(py)}" for px, py in points) + " Z"
    return element("path", d=path, fill=fill, stroke=stroke, stroke_width=width, class_=class_)


Placed = tuple[float, int, list[str]]
"""Where a legend entry goes: its x, its row, and the lines of its label."""


def legend_layout(entries: list[tuple[str, bool]], width: float, left: float) -> list[Placed]:
    """Where each legend entry (its label, and whether bold) goes, flowing left to right."""
    placed: list[Placed] = []
    x, row = left, 0
    room = width - left - PAD
    for label, bold in entries:
        lines = wrap(label, room - SAMPLE - 8, TEXT_SIZE, bold)
        entry = SAMPLE + 8 + max(text_width(line, TEXT_SIZE, bold) for line in lines)
        if x > left and (x + entry > width - PAD or len(lines) > 1):
            x, row = left, (placed[-1][1] + len(placed[-1][2]) if placed else 0)
        placed.append((x, row, lines))
        if len(lines) > 1:  # an entry of several lines has its rows to itself
            x, row = left, row + len(lines)
        else:
            x += entry + 18
    return placed


def legend_rows(placed: list[Placed]) -> int:
    """How many rows the legend takes."""
    return (placed[-1][1] + len(placed[-1][2])) if placed else 0


def draw_legend(placed: list[Placed], top: float) -> str:
    """The legend from `top` down: each line's sample, with its marker, and its region (the
    first bold)."""
    items = []
    for index, (x, row, lines) in enumerate(placed):
        look = style(index)
        ly = top + row * LEGEND_ROW + 10
        sample = element(
            "line",
            x1=x,
            y1=ly,
            x2=x + SAMPLE,
            y2=ly,
            stroke=look.colour,
            stroke_width=look.width,
            stroke_dasharray=look.dash,
        )
        mark = marker(look.marker, x + SAMPLE / 2, ly, look.colour, False)
        label = "".join(
            text_at(x + SAMPLE + 8, ly + 4.5 + i * LEGEND_ROW, line, bold=index == 0)
            for i, line in enumerate(lines)
        )
        items.append(sample + mark + label)
    return element("g", "".join(items), class_="kostra-chart-legend")
