"""The statistics year: every unit's standing delivery of a reporting year, as microdata.

Built from the accepted submission versions (the latest version of each unit and form, with
the corrections recorded on it) and the "nothing to report" declarations; a unit with neither
is missing (not yet delivered: the estimates stand in for it). The submitted data are never
changed: corrections are applied on the way in, and the year records exactly which versions
and corrections it was built from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
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


def _microdata(
    data: bytes,
    form: str,
    year: int,
    unit: str,
    key: bytes,
    corrections: tuple[Correction, ...],
    keep: tuple[str, ...] | None,
) -> pl.DataFrame:
    """One delivery's microdata (in a worker process when the caller gives a pool)."""
    found = ReportingUnit.from_code(unit, year)
    return microdata(data, load(form, year), found, key, corrections, keep)


def build(
    year: int,
    deliveries: Sequence[Delivery],
    blob: Blob,
    key: bytes,
    pool: Executor | None = None,
    keep: Mapping[str, tuple[str, ...]] | None = None,
) -> StatisticsYear:
    """The statistics year from the units' standing deliveries (`blob` gives a file's bytes;
    `pool` spreads the files over processes; `keep` limits each form's fields to those the
    figures read)."""
    jobs = [
        (
            blob(d.sha256),
            d.form,
            year,
            d.unit,
            key,
            tuple(c for _, c in d.corrections),
            keep.get(d.form) if keep is not None else None,
        )
        for d in deliveries
        if d.standing is Standing.DELIVERED and d.sha256 is not None
    ]
    if pool is None:
        made = [_microdata(*job) for job in jobs]
    else:
        made = list(pool.map(_microdata, *zip(*jobs, strict=True), chunksize=8)) if jobs else []
    frames: dict[str, list[pl.DataFrame]] = {}
    for job, frame in zip(jobs, made, strict=True):
        frames.setdefault(job[1], []).append(frame)
    joined = {form: pl.concat(parts, how="diagonal_relaxed") for form, parts in frames.items()}
    return StatisticsYear(year, tuple(deliveries), joined)
