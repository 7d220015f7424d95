"""The statistics year: every unit's standing delivery of a reporting year, as microdata.

Built from the accepted submission versions (the latest version of each unit and form, with
the corrections recorded on it) and the "nothing to report" declarations; a unit with neither
is missing (not yet delivered: the estimates stand in for it). The submitted data are never
changed: corrections are applied on the way in, and the year records exactly which versions
and corrections it was built from.

An extract becomes one row per case (`microdata`), a web form's answers one row per unit
(`answers`); both are a form's frame in `StatisticsYear.microdata`, with the unit in `unit`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from enum import StrEnum

import polars as pl

from kostra.catalog import UnknownYear, load
from kostra.production.answers import answers_frame, corrected
from kostra.production.microdata import Correction, microdata
from kostra.records.answers import from_bytes
from kostra.registry import ReportingUnit, reporting_units


def units_of(form: str, year: int) -> list[ReportingUnit]:
    """The units that deliver `form` in `year`, as its definition says (none if it has none that
    year): Oslo by its districts for the extracts, by its districts and as a whole for skjema 7,
    as a whole for 7B and 12."""
    try:
        scheme = load(form, year).reporting_units
    except UnknownYear:
        return []
    return reporting_units(year, scheme)


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

    def responded(self, form: str) -> bool:
        """Whether any unit has delivered `form` or declared it has nothing to report (if none
        has, the form's figures are missing everywhere: there is nothing to estimate from)."""
        return any(s is not Standing.MISSING for s in self.standing(form).values())

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
    figures read). A web form's answers are read here, in this process: they are small."""
    delivered = [d for d in deliveries if d.standing is Standing.DELIVERED and d.sha256 is not None]
    web_forms = {form for form in {d.form for d in delivered} if load(form, year).is_web}
    jobs = [
        (
            blob(d.sha256 or ""),
            d.form,
            year,
            d.unit,
            key,
            tuple(c for _, c in d.corrections),
            keep.get(d.form) if keep is not None else None,
        )
        for d in delivered
        if d.form not in web_forms
    ]
    if pool is None:
        made = [_microdata(*job) for job in jobs]
    else:
        made = list(pool.map(_microdata, *zip(*jobs, strict=True), chunksize=8)) if jobs else []
    frames: dict[str, list[pl.DataFrame]] = {}
    for job, frame in zip(jobs, made, strict=True):
        frames.setdefault(job[1], []).append(frame)
    joined = {form: pl.concat(parts, how="diagonal_relaxed") for form, parts in frames.items()}
    for form in sorted(web_forms):
        definition = load(form, year)
        answered = [
            (ReportingUnit.from_code(d.unit, year, definition.reporting_units),
             corrected(from_bytes(blob(d.sha256 or "")), [c for _, c in d.corrections]))
            for d in delivered
            if d.form == form
        ]  # fmt: skip
        also = keep.get(form, ()) if keep is not None else ()
        joined[form] = answers_frame(definition, answered, also)
    return StatisticsYear(year, tuple(deliveries), joined)
