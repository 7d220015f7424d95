"""Drawing from the distributions synthetic recipients are made of: weighted codes, dates.

A few helpers over `random.Random`, fast enough to draw tens of values per record for a whole
country's file in seconds (a weighted draw is one `random()` and a bisection).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date, timedelta
from itertools import accumulate
from random import Random
from typing import Generic, TypeVar

from kostra.records.values import format_date

T = TypeVar("T")


class Weighted(Generic[T]):
    """A discrete distribution: values with relative weights (need not sum to 1)."""

    __slots__ = ("_count", "_cumulative", "_restricted", "_total", "_values")

    def __init__(self, weights: Mapping[T, float]) -> None:
        chosen = [(value, weight) for value, weight in weights.items() if weight > 0]
        if not chosen:
            raise ValueError("a distribution needs at least one value with a positive weight")
        self._values = tuple(value for value, _ in chosen)
        self._cumulative = tuple(accumulate(weight for _, weight in chosen))
        self._total = self._cumulative[-1]
        self._count = len(self._values)
        self._restricted: dict[frozenset[T], Weighted[T] | None] = {}

    @property
    def values(self) -> tuple[T, ...]:
        """The values that can be drawn."""
        return self._values

    def draw(self, rng: Random) -> T:
        """One value, with probability proportional to its weight."""
        index = bisect_right(self._cumulative, rng.random() * self._total)
        return self._values[index] if index < self._count else self._values[-1]

    def only(self, allowed: frozenset[T]) -> Weighted[T] | None:
        """The distribution restricted to `allowed` values; None if none of them is left.

        Restrictions are kept, so drawing record after record with the same few restrictions
        costs no more than drawing from the whole distribution.
        """
        if allowed not in self._restricted:
            weights = dict(zip(self._values, _weights(self._cumulative), strict=True))
            kept = {v: w for v, w in weights.items() if v in allowed}
            self._restricted[allowed] = Weighted(kept) if kept else None
        return self._restricted[allowed]


def _weights(cumulative: tuple[float, ...]) -> list[float]:
    return [b - a for a, b in zip((0.0, *cumulative[:-1]), cumulative, strict=True)]


def chance(rng: Random, probability: float) -> bool:
    """True with the given probability."""
    return rng.random() < probability


def day_between(rng: Random, first: date, last: date) -> date:
    """A day from `first` to `last`, both included, every day equally likely."""
    span = (last - first).days
    return first + timedelta(days=rng.randint(0, span)) if span > 0 else first


def last_day_of_month(year: int, month: int) -> date:
    """The last day of a month."""
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


class Calendar:
    """The days of one year, written in one date pattern, ready to draw from."""

    def __init__(self, year: int, pattern: str) -> None:
        self.year = year
        self.days = tuple(
            tuple(
                format_date(date(year, month, day), pattern)
                for day in range(1, last_day_of_month(year, month).day + 1)
            )
            for month in range(1, 13)
        )

    def day_in(self, rng: Random, month: int) -> str:
        """A day of `month` (1–12), every day equally likely."""
        days = self.days[month - 1]
        return days[int(rng.random() * len(days))]

    def last_day(self, month: int) -> str:
        """The last day of `month` (1–12)."""
        return self.days[month - 1][-1]
