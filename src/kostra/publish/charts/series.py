"""What a chart is drawn from: figures, each with its x label and its symbol, and a region's
figures over the years."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[str, float | None, str | None]
"""One figure: its x label (a year), its value or None, and its symbol if any (`..`, `:`, `.`,
or `e` for an estimate, which still has a value)."""


@dataclass(frozen=True)
class Series:
    """One region's figures over the years: its name and a point per year."""

    label: str
    points: Sequence[Point]

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", tuple(self.points))
