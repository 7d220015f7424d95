"""The line chart: a key figure over the years, one line per region."""

from __future__ import annotations

import math
from collections.abc import Sequence

from kostra.publish.charts.legend import (
    LEGEND_ROW,
    draw_legend,
    legend_layout,
    legend_rows,
    marker,
    style,
)
from kostra.publish.charts.palette import GRID, MUTED, PAD, SMALL_SIZE, TEXT
from kostra.publish.charts.series import Point, Series
from kostra.publish.charts.svg import (
    coordinate,
    document,
    draw_title,
    element,
    id_prefix,
    text_at,
    wrap_title,
)
from kostra.publish.charts.symbols import (
    NOTE_ROW,
    Note,
    draw_notes,
    figure_in_words,
    is_estimate,
    note_lines,
    symbol_notes,
)
from kostra.publish.charts.text_metrics import text_width
from kostra.publish.charts.ticks import Scale, nice_ticks, present


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
    ident_ = id_prefix(ident, "line", title, series, unit, decimals, width, height)
    years = _x_labels(series)
    values = [v for one in series for _, v, _ in one.points]
    ticks = nice_ticks(values, count=5, decimals=decimals)
    tick_labels = ticks.labels()

    title_lines, top = wrap_title(title, width)
    unit_y = top + 16
    plot_top = unit_y + 12
    label_width = max(text_width(label, SMALL_SIZE) for label in tick_labels)
    plot_left = PAD + label_width + 8
    plot_right = width - PAD - 6

    # The legend: the regions, then what a hollow marker and a break in a line mean.
    entries = [(one.label, i == 0) for i, one in enumerate(series)]
    legend = legend_layout(entries, width, PAD)
    rows = legend_rows(legend)
    estimated = any(is_estimate(c) and present(v) for one in series for _, v, c in one.points)
    missing_codes = [c for one in series for _, v, c in _aligned(one, years) if not present(v)]
    notes = []
    if estimated:
        notes.append(Note("hollow-marker", "Hul markør: anslått tall"))
    if missing_codes:
        notes.append(Note("gap", "Brudd i linjen: tall mangler for året"))
        notes.extend(symbol_notes(missing_codes))
    lines_of_notes = note_lines(notes, width)

    footer = 28 + rows * LEGEND_ROW + (8 + len(lines_of_notes) * NOTE_ROW if notes else 0)
    plot_bottom = max(height - PAD - footer, plot_top + 140)
    total_height = plot_bottom + footer + PAD

    y = Scale(ticks.low, ticks.high, plot_bottom, plot_top)
    inner = 14.0  # room between the axis and the first and last year
    if len(years) > 1:
        spacing = (plot_right - plot_left - 2 * inner) / (len(years) - 1)
        x_of = {year: plot_left + inner + i * spacing for i, year in enumerate(years)}
    else:
        spacing = plot_right - plot_left
        x_of = dict.fromkeys(years, (plot_left + plot_right) / 2)

    body = draw_title(title_lines)
    body.append(text_at(PAD, unit_y, unit, size=SMALL_SIZE, fill=MUTED))
    grid = []
    for tick, label in zip(ticks.values, tick_labels, strict=True):
        ty = y(tick)
        zero = tick == 0
        grid.append(
            element(
                "line",
                x1=plot_left,
                y1=ty,
                x2=plot_right,
                y2=ty,
                stroke=TEXT if zero else GRID,
                stroke_width=1.0,
            )
        )
        grid.append(text_at(plot_left - 6, ty + 4, label, size=SMALL_SIZE, anchor="end"))
    body.append(element("g", "".join(grid)))

    widest_year = max((text_width(year, SMALL_SIZE) for year in years), default=0.0)
    every = max(1, math.ceil((widest_year + 8) / spacing))  # so that the years do not overlap
    year_labels = [
        text_at(x_of[year], plot_bottom + 18, year, size=SMALL_SIZE, anchor="middle")
        for i, year in enumerate(years)
        if i % every == 0
    ]
    body.append(element("g", "".join(year_labels)))

    # The lines, the first last so that it is drawn over the others.
    drawn = []
    for index in reversed(range(len(series))):
        one, look = series[index], style(index)
        pieces: list[list[tuple[float, float]]] = [[]]
        markers = []
        for year, value, code in _aligned(one, years):
            if not present(value):
                if pieces[-1]:
                    pieces.append([])
                continue
            point = (x_of[year], y(value))
            pieces[-1].append(point)
            markers.append(marker(look.marker, *point, look.colour, is_estimate(code)))
        paths = [
            element(
                "path", d="M" + " L".join(f"{coordinate(px)} {coordinate(py)}" for px, py in piece)
            )
            for piece in pieces
            if len(piece) > 1
        ]
        line = element(
            "g",
            "".join(paths),
            fill="none",
            stroke=look.colour,
            stroke_width=look.width,
            stroke_dasharray=look.dash,
            stroke_linejoin="round",
        )
        drawn.append(element("g", line + "".join(markers), class_="kostra-chart-line"))
    body.extend(drawn)

    # The legend and the notes.
    legend_top = plot_bottom + 28
    body.append(draw_legend(legend, legend_top))
    if notes:
        body.append(draw_notes(lines_of_notes, legend_top + rows * LEGEND_ROW + 8))

    desc = _line_desc(series, years, unit, decimals)
    return document(ident_, width, total_height, title, desc, body)


def _x_labels(series: Sequence[Series]) -> list[str]:
    """The years of all the lines, in order (as text: `2024`, or periods such as `2024K1`), so
    that a year only some regions have falls in its place."""
    return sorted({x for one in series for x, _, _ in one.points})


def _aligned(series: Series, years: list[str]) -> list[Point]:
    """A region's points for every year of the chart, a year it has no point for as missing."""
    by_year = {x: (v, c) for x, v, c in series.points}
    return [(year, *by_year.get(year, (None, None))) for year in years]


def _line_desc(series: Sequence[Series], years: list[str], unit: str, decimals: int) -> str:
    """The chart in words: what it shows, then every region's figures year by year."""
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else "")
    parts = [f"Linjediagram{' for ' + span if span else ''}. Enhet: {unit}."]
    for one in series:
        figures = "; ".join(
            f"{year}: {figure_in_words(value, code, decimals)}"
            for year, value, code in _aligned(one, years)
        )
        parts.append(f"{one.label}: {figures or 'ingen tall'}.")
    return " ".join(parts)
