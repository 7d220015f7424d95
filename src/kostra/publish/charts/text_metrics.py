"""How much room text takes: its width estimated from the font's metrics, and wrapping to a
width. The charts embed no font, so the estimates are for Arial and its metric twins, with
room to spare."""

from __future__ import annotations

_NARROW = set("iljtfrI.,:;!|'()[]- ")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float, bold: bool = False) -> float:
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
