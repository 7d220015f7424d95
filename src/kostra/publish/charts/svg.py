"""Writing SVG: coordinates, attributes, elements and text, a chart's ids, its title and the
`<svg>` element around it all. Every text is escaped here."""

from __future__ import annotations

import hashlib
import re
from html import escape

from kostra.publish.charts.palette import BACKGROUND, FONT, PAD, TEXT, TEXT_SIZE, TITLE_SIZE
from kostra.publish.charts.text_metrics import wrap


def coordinate(value: float) -> str:
    """A coordinate, to a tenth of a pixel, without trailing zeros."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(attributes: dict[str, str | float | None]) -> str:
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        text = coordinate(value) if isinstance(value, float | int) else escape(value, quote=True)
        parts.append(f' {name}="{text}"')
    return "".join(parts)


def element(tag: str, content: str | None = None, **attributes: str | float | None) -> str:
    """One SVG element; attribute names with `_` are written with `-` (font_size → font-size)."""
    attrs = _attrs({name.rstrip("_").replace("_", "-"): v for name, v in attributes.items()})
    if content is None:
        return f"<{tag}{attrs}/>"
    return f"<{tag}{attrs}>{content}</{tag}>"


def text_at(
    x: float,
    y: float,
    text: str,
    *,
    size: float = TEXT_SIZE,
    anchor: str | None = None,
    bold: bool = False,
    fill: str = TEXT,
    class_: str | None = None,
) -> str:
    """A `<text>` element: `text` escaped, set at (x, y)."""
    return element(
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


def id_prefix(ident: str | None, *content: object) -> str:
    """The prefix of a chart's ids: `ident` made safe, or one derived from the content (the same
    chart gets the same ids; two charts of different figures do not collide)."""
    if ident is None:
        digest = hashlib.sha256(repr(content).encode("utf-8")).hexdigest()[:12]
        return f"kostra-chart-{digest}"
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", ident)
    return safe if safe[:1].isalpha() else f"kostra-chart-{safe}"


def document(
    ident: str, width: float, height: float, title: str, desc: str, body: list[str]
) -> str:
    """The `<svg>` element: an image named by its title and described by `desc`, on white."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kostra-chart" role="img"'
        f' width="{coordinate(width)}" height="{coordinate(height)}"'
        f' viewBox="0 0 {coordinate(width)} {coordinate(height)}"'
        f' aria-labelledby="{ident}-title" aria-describedby="{ident}-desc"'
        f' font-family="{FONT}">'
    )
    parts = [
        head,
        element("title", escape(title, quote=False), id=f"{ident}-title"),
        element("desc", escape(desc, quote=False), id=f"{ident}-desc"),
        element("rect", x=0.0, y=0.0, width=float(width), height=float(height), fill=BACKGROUND),
        *body,
        "</svg>",
    ]
    return "\n".join(parts)


def wrap_title(title: str, width: float) -> tuple[list[str], float]:
    """The title wrapped to the chart, and the y of the first line below it."""
    lines = wrap(title, width - 2 * PAD, TITLE_SIZE, bold=True)
    return lines, PAD + len(lines) * 19.0


def draw_title(lines: list[str]) -> list[str]:
    """The title's lines, bold, at the top of the chart."""
    return [
        text_at(PAD, PAD + 14 + 19 * i, line, size=TITLE_SIZE, bold=True)
        for i, line in enumerate(lines)
    ]
