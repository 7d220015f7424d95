"""How much room text takes: its width estimated from the font's metrics, and wrapping to a
width. The charts embed no font: a reader's browser sets them in Arial, Helvetica or their
metric twins, or, where it has none of these (many Linux systems), in its own sans-serif, most
often DejaVu Sans, which is some 12 % wider (bold some 17 %). The estimates are for the wider
of the two, so that no text runs out of its chart."""

from __future__ import annotations

_NARROW = set("iljtfrI.,:;!|'()[]- ")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """About how wide `text` is at most, set in Arial (or Liberation Sans) or in DejaVu Sans, in
    pixels."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.36
        elif char in _WIDE:
            em += 0.95
        elif char.isupper() or char in "ÆØÅ":
            em += 0.74
        else:
            em += 0.63
    return em * size * (1.12 if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `width` (a word wider than that keeps a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line or not lines:
        lines.append(line)
    return lines
