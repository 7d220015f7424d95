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

The package's modules: `line` and `bar` draw the two charts from a `Series` or `Point`s
(`series`); `ticks` makes the value axis; `legend` the regions' line styles, markers and legend;
`symbols` SSB's symbols and the notes that explain them; `svg` writes the elements; `palette`
holds the colours and sizes; `text_metrics` estimates how wide text is and wraps it.
"""

from kostra.publish.charts.bar import bar_chart
from kostra.publish.charts.line import line_chart
from kostra.publish.charts.series import Point, Series
from kostra.publish.charts.ticks import Ticks, nice_ticks

__all__ = ["Point", "Series", "Ticks", "bar_chart", "line_chart", "nice_ticks"]
