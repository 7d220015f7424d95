"""The statistics year: every unit's standing delivery of a reporting year, as microdata.

Built from the accepted submission versions (the latest version of each unit and form, with
the corrections recorded on it) and the "nothing to report" declarations; a unit with neither
is missing (not yet delivered: the estimates stand in for it). The submitted data are never
changed: corrections are applied on the way in, and the year records exactly which versions
and corrections it was built from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import polars as pl

from kostra.catalog import load
from kostra.production.microdata import Correction, microdata
from kostra.registry import ReportingUnit


class Standing(StrEnum):
    """What a unit has delivered of a form."""

    DELIVERED = "delivered"
    NOTHING_TO_REPORT = "nothing_to_report"
    MISSING = "missing"


@dataclass(frozen=True)
class Delivery:
    """One unit's standing delivery of one form (the input of the statistics year)."""

    unit: str
    form: str
    standing: Standing
    submission: str | None = None  # the submission's id
    version: int | None = None
    sha256: str | None = None
    corrections: tuple[tuple[int, Correction], ...] = ()  # (correction id, correction)


@dataclass(frozen=True)
class StatisticsYear:
    """A reporting year's deliveries as microdata, per form, and what it was made from."""

    year: int
    deliveries: tuple[Delivery, ...]
    microdata: dict[str, pl.DataFrame] = field(default_factory=dict)

    def standing(self, form: str) -> dict[str, Standing]:
        """Unit → its standing for `form`."""
        return {d.unit: d.standing for d in self.deliveries if d.form == form}

    def missing(self, form: str) -> set[str]:
        """The units that have not delivered `form`."""
        return {u for u, s in self.standing(form).items() if s is Standing.MISSING}

    def negative_amounts(self, form: str) -> int:
        """How many negative amounts were set to zero in `form`."""
        records = self.microdata.get(form)
        return int(records["negative_amounts"].sum()) if records is not None else 0


Blob = Callable[[str], bytes]  # sha256 → the bytes of a submitted file


def build(year: int, deliveries: Sequence[Delivery], blob: Blob, key: bytes) -> StatisticsYear:
    """The statistics year from the units' standing deliveries (`blob` gives a file's bytes)."""
    frames: dict[str, list[pl.DataFrame]] = {}
    for delivery in deliveries:
        if delivery.standing is not Standing.DELIVERED or delivery.sha256 is None:
            continue
        definition = load(delivery.form, year)
        unit = ReportingUnit.from_code(delivery.unit, year)
        corrections = [c for _, c in delivery.corrections]
        frame = microdata(blob(delivery.sha256), definition, unit, key, corrections)
        frames.setdefault(delivery.form, []).append(frame)
    made = {form: pl.concat(parts, how="diagonal_relaxed") for form, parts in frames.items()}
    return StatisticsYear(year, tuple(deliveries), made)
