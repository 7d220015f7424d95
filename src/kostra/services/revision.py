"""Revision against last year (staff): every unit's accepted extract, its totals against last
year's, flagged with the thresholds of the comparison at upload (`intake.comparison`), the
flagged first by the size of their change, filtered by form, county and status, a page at a
time. Totals are read as corrected by the statistics office."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from kostra.catalog import load
from kostra.controls.programs import extract_forms
from kostra.intake import comparison
from kostra.intake.totals import Totals, measures
from kostra.production.corrections import corrected_totals
from kostra.production.microdata import Correction as Change
from kostra.registry import DISTRICTS_AND_OSLO, ReportingUnit, counties, county_of, reporting_units
from kostra.store import deliveries
from kostra.store.models import Upload
from kostra.store.production import corrections, latest_submissions

PAGE_ROWS = 50


class Shown(StrEnum):
    """Which rows the list shows (the query's `status`)."""

    ALL = "alle"
    FLAGGED = "flagget"
    CORRECTED = "rettet"
    NO_LAST_YEAR = "uten-fjor"

    @property
    def label(self) -> str:
        """The choice as staff read it."""
        return _SHOWN_LABELS[self]


_SHOWN_LABELS = {
    Shown.ALL: "Alle",
    Shown.FLAGGED: "Flagget",
    Shown.CORRECTED: "Rettet av SSB",
    Shown.NO_LAST_YEAR: "Uten fjorårstall",
}


@dataclass(frozen=True)
class Compared:
    """One total of a delivery against last year's, and whether its change is large."""

    label: str
    unit: str  # "kr" or "" (a count)
    this: int
    last: int | None
    large: bool
    weight: float  # the change counted in the measure's floors (`comparison.Threshold.weight`)

    @property
    def change(self) -> float | None:
        """The relative change (None without last year, or when last year was 0)."""
        return None if not self.last else (self.this - self.last) / self.last


@dataclass(frozen=True)
class RevisionRow:
    """One unit and form: its accepted totals against last year's."""

    unit: str
    name: str
    county: str
    form: str
    version: int
    totals: tuple[Compared, ...]
    corrections: int  # corrections made on top of the version

    @property
    def flagged(self) -> bool:
        """Whether a total changed by more than the thresholds of the upload's comparison."""
        return any(c.large for c in self.totals)

    @property
    def flagged_labels(self) -> tuple[str, ...]:
        """The totals whose change is large."""
        return tuple(c.label for c in self.totals if c.large)

    @property
    def compared(self) -> bool:
        """Whether there is last year's delivery to compare with."""
        return any(c.last is not None for c in self.totals)

    @property
    def weight(self) -> float:
        """The size of the change that ranks the row: the largest flagged change in floors (of
        every total when none is flagged)."""
        chosen = [c.weight for c in self.totals if c.large] or [c.weight for c in self.totals]
        return max(chosen, default=0.0)


@dataclass(frozen=True)
class RevisionFilter:
    """What the list is filtered by: a form, a county (two digits), and which rows."""

    form: str | None = None
    county: str | None = None
    shown: Shown = Shown.ALL
    page: int = 1

    def keeps(self, row: RevisionRow) -> bool:
        """Whether `row` is in the list."""
        if self.form and row.form != self.form:
            return False
        if self.county and row.county != self.county:
            return False
        return {
            Shown.ALL: True,
            Shown.FLAGGED: row.flagged,
            Shown.CORRECTED: row.corrections > 0,
            Shown.NO_LAST_YEAR: not row.compared,
        }[self.shown]


@dataclass(frozen=True)
class RevisionPage:
    """A page of the revision list, and what the whole list holds."""

    rows: tuple[RevisionRow, ...]
    chosen: RevisionFilter
    matching: int  # rows the filter keeps
    delivered: int  # rows in all
    flagged: int  # flagged rows in all
    page: int
    pages: int
    forms: tuple[str, ...]
    counties: dict[str, str]
    by_form: Counter[str]  # flagged rows per form
    floors: tuple[tuple[str, str, str, int], ...]  # form, total, its unit, its floor


def _rank(row: RevisionRow) -> tuple[int, float, str, str]:
    group = 0 if row.flagged else 1 if row.compared else 2
    return group, -row.weight, row.unit, row.form


def revision_rows(session: Session, year: int) -> list[RevisionRow]:
    """Every unit's accepted extract of `year` against last year: the flagged first, by the size
    of their change (see `RevisionRow.weight`), then the others, then those without last year."""
    names = {u.code: u.name(year) for u in reporting_units(year, DISTRICTS_AND_OSLO)}
    latest = {key: s for key, s in latest_submissions(session, year).items() if measures(key[1])}
    query = select(Upload.id, Upload.totals, Upload.last_year).where(
        Upload.id.in_([s.upload_id for s in latest.values()])
    )
    stored = {row.id: row for row in session.execute(query)} if latest else {}
    made: dict[str, list[Change]] = {}
    for c in corrections(session, year):
        made.setdefault(c.submission_id, []).append(Change(c.line, c.field, c.new_value))
    rows = []
    for (unit, form), submission in latest.items():
        upload = stored.get(submission.upload_id)
        if upload is None:
            continue
        totals, last = deliveries.totals_from(upload.totals, upload.last_year)
        changes = made.get(submission.id, [])
        if changes:
            data = deliveries.blob(session, submission.sha256)
            totals = corrected_totals(data, load(form, year), _unit(unit), changes)
        rows.append(
            RevisionRow(unit, names.get(unit, unit), county_of(unit[:4], year), form,
                        submission.version, _compared(form, totals or {}, last), len(changes))
        )  # fmt: skip
    return sorted(rows, key=_rank)


def _unit(code: str) -> ReportingUnit:
    return ReportingUnit(code[:4], code[4:] or None)


def _compared(form: str, totals: Totals, last: Totals | None) -> tuple[Compared, ...]:
    found = []
    for measure in measures(form):
        large = comparison.threshold(measure)
        this = totals.get(measure.key, 0)
        before = None if last is None else last.get(measure.key, 0)
        found.append(
            Compared(measure.label, measure.unit, this, before, large.exceeded(this, before),
                     large.weight(this, before))
        )  # fmt: skip
    return tuple(found)


def revision(session: Session, year: int, chosen: RevisionFilter) -> RevisionPage:
    """The page of the revision list `chosen` asks for (a page past the end: the last)."""
    rows = revision_rows(session, year)
    forms = tuple(f for f in extract_forms() if measures(f))
    kept = [row for row in rows if chosen.keeps(row)]
    pages = max(1, -(-len(kept) // PAGE_ROWS))
    page = min(max(chosen.page, 1), pages)
    return RevisionPage(
        rows=tuple(kept[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]),
        chosen=chosen,
        matching=len(kept),
        delivered=len(rows),
        flagged=sum(row.flagged for row in rows),
        page=page,
        pages=pages,
        forms=forms,
        counties=counties(year),
        by_form=Counter(row.form for row in rows if row.flagged),
        floors=tuple(
            (form, m.label, m.unit, comparison.threshold(m).floor)
            for form in forms
            for m in measures(form)
        ),
    )
