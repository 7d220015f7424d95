"""The charts' colours, font and sizes. Text is as dark as the portal's (7:1 and more on
white); lines and bars keep 3:1."""

from __future__ import annotations

TEXT = "#1b1b1b"
MUTED = "#444444"
GRID = "#d0d0d0"
BACKGROUND = "#ffffff"
BAR = "#6b8bb0"  # 3.5:1 on white
BAR_HIGHLIGHT = "#0f4c81"  # 8.9:1
FONT = "Arial, Helvetica, Liberation Sans, Arimo, sans-serif"

TITLE_SIZE = 15
TEXT_SIZE = 13
SMALL_SIZE = 12
PAD = 12  # between the edge of a chart and what is drawn in it
