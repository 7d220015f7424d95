"""The value axis: which figures can be drawn, how they are labelled, the "nice" ticks of an
axis and the scale from figures to pixels."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from typing import TypeGuard

from kostra.text import NO_BREAK_SPACE, number

_LARGEST = 1e300  # a figure beyond ±this is taken for missing: its axis would overflow
_TINY = 1e-290  # an axis narrower than this is taken for one of zeros: its step would underflow
# Enough digits for any float's whole part (the default 28 would not hold 1e30).
_PRECISION = 400


def present(value: float | None) -> TypeGuard[float]:
    """Whether a figure is there to be drawn: not None, and a number (not NaN, not infinite,
    nor so large that an axis above it would overflow)."""
    return value is not None and math.isfinite(value) and abs(value) <= _LARGEST


def _decimal(value: float) -> Decimal:
    # repr is the shortest text that reads back as the same float: 2.675 is "2.675", not the
    # binary 2.67499…, so that rounding does what a reader of the figure expects.
    return Decimal(repr(float(value)))


def value_label(value: float, decimals: int) -> str:
    """A figure as a chart labels it (digit groups held together by no-break spaces)."""
    return number(value, decimals, space=NO_BREAK_SPACE)


@dataclass(frozen=True)
class Ticks:
    """The ticks of a value axis: "nice" values (1, 2, 2.5 or 5 × 10^k apart) from the first at
    or below the smallest figure (and 0) to the last at or above the largest."""

    values: tuple[float, ...]
    step: float
    decimals: int  # as many as the labels need to tell the ticks apart

    @property
    def low(self) -> float:
        """Where the axis starts."""
        return self.values[0]

    @property
    def high(self) -> float:
        """Where the axis ends."""
        return self.values[-1]

    def labels(self) -> list[str]:
        """The ticks as Norwegian numbers, all with the same decimals."""
        return [value_label(value, self.decimals) for value in self.values]


_MANTISSAS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))


def nice_ticks(
    values: Iterable[float | None], *, count: int = 5, decimals: int | None = None
) -> Ticks:
    """The ticks of an axis for `values` (None and what is no number skipped), starting at 0 as
    counts and shares do: about `count` steps of 1, 2, 2.5 or 5 × 10^k. With `decimals` (the
    figures' own) no step is finer than the figures' last digit: counts get whole-number ticks.
    An axis with no figures, or only zeros, runs from 0 to 1."""
    figures = [float(v) for v in values if present(v)]
    low = min([0.0, *figures])
    high = max([0.0, *figures])
    if not high - low > _TINY:
        high = low + 1.0
    with localcontext(prec=_PRECISION):
        finest = None if decimals is None else Decimal(1).scaleb(-max(decimals, 0))
        raw = (high - low) / max(count, 1)
        if finest is not None:
            raw = max(raw, float(finest))
        exponent = math.floor(math.log10(raw))
        # 1 × 10^(exponent + 1) is always at least `raw`, and a multiple of `finest`.
        candidates = [m.scaleb(e) for e in (exponent, exponent + 1) for m in _MANTISSAS]
        step = next(
            c
            for c in candidates
            if float(c) >= raw * (1 - 1e-9) and (finest is None or c % finest == 0)
        )
        first = (_decimal(low) / step).to_integral_value(rounding=ROUND_FLOOR)
        last = (_decimal(high) / step).to_integral_value(rounding=ROUND_CEILING)
        ticks = tuple(float((first + i) * step) for i in range(int(last - first) + 1))
        exponent_of_step = step.normalize().as_tuple().exponent
        places = (
            -exponent_of_step if isinstance(exponent_of_step, int) and exponent_of_step < 0 else 0
        )
    return Ticks(values=ticks, step=float(step), decimals=places)


@dataclass(frozen=True)
class Scale:
    """A linear map from figures to pixels."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low
        return self.start + (value - self.low) / span * (self.end - self.start)
