"""Revision against last year (staff): every unit's accepted delivery against last year's, flagged
with the thresholds of the comparison at upload (an extract's totals: `intake.comparison`; a
web form's answers: their question's `last_year` policy, `controls.webform.changed_much`), the
flagged first by the size of their change, filtered by form, county and status, a page at a
time. Figures are read as corrected by the statistics office."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kostra.catalog import FieldDefinition, FieldType, UnknownForm, UnknownYear, load
from kostra.controls.programs import extract_forms, web_forms
from kostra.controls.webform import changed_much
from kostra.intake import comparison
from kostra.intake.totals import Totals, measures
from kostra.production.answers import answers_frame, corrected
from kostra.production.corrections import corrected_totals
from kostra.production.microdata import Correction as Change
from kostra.records.answers import from_bytes
from kostra.registry import DISTRICTS_AND_OSLO, ReportingUnit, counties, county_of, reporting_units
from kostra.store import deliveries
from kostra.store.models import Submission, Upload
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
    unit: str  # "kr", "årsverk" …, or "" (a count)
    this: float | None  # None: not answered (a web form)
    last: float | None
    large: bool
    weight: float  # the change counted in the measure's floors (`comparison.Threshold.weight`)
    decimals: int = 0

    @property
    def change(self) -> float | None:
        """The relative change (None without last year, or when last year was 0)."""
        if self.this is None or not self.last:
            return None
        return (self.this - self.last) / abs(self.last)


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
    floors: tuple[tuple[str, str, str, float, float], ...]  # form, figure, unit, share, floor


def _rank(row: RevisionRow) -> tuple[int, float, str, str]:
    group = 0 if row.flagged else 1 if row.compared else 2
    return group, -row.weight, row.unit, row.form


def revision_rows(session: Session, year: int) -> list[RevisionRow]:
    """Every unit's accepted delivery of `year` against last year (an extract's totals, a web
    form's answers compared at upload): the flagged first, by the size of their change (see
    `RevisionRow.weight`), then the others, then those without last year."""
    names = {u.code: u.name(year) for u in reporting_units(year, DISTRICTS_AND_OSLO)}
    latest = {
        key: s for key, s in latest_submissions(session, year).items() if _compares(key[1], year)
    }
    query = select(Upload.id, Upload.totals, Upload.last_year).where(
        Upload.id.in_([s.upload_id for s in latest.values()])
    )
    stored = {row.id: row for row in session.execute(query)} if latest else {}
    made: dict[str, list[Change]] = {}
    for c in corrections(session, year):
        made.setdefault(c.submission_id, []).append(Change(c.line, c.field, c.new_value))
    answers = _answers(session, year, latest, made, stored)
    rows = []
    for (unit, form), submission in latest.items():
        upload = stored.get(submission.upload_id)
        if upload is None:
            continue
        changes = made.get(submission.id, [])
        if (unit, form) in answers:
            compared = answers[(unit, form)]
        else:
            totals, last = deliveries.totals_from(upload.totals, upload.last_year)
            if changes:
                data = deliveries.blob(session, submission.sha256)
                totals = corrected_totals(data, load(form, year), _unit(unit), changes)
            compared = _compared(form, totals or {}, last)
        rows.append(
            RevisionRow(unit, names.get(unit, unit), county_of(unit[:4], year), form,
                        submission.version, compared, len(changes))
        )  # fmt: skip
    return sorted(rows, key=_rank)


def _compares(form: str, year: int) -> bool:
    """Whether deliveries of `form` are compared with last year: an extract's totals, a web
    form's questions with a `last_year` policy."""
    if measures(form):
        return True
    try:
        definition = load(form, year)
    except (UnknownForm, UnknownYear):
        return False
    return definition.is_web and any(f.last_year is not None for f in definition.fields)


def _answers(
    session: Session,
    year: int,
    latest: dict[tuple[str, str], Submission],
    made: dict[str, list[Change]],
    stored: dict[str, Any],
) -> dict[tuple[str, str], tuple[Compared, ...]]:
    """Each web form's compared answers per (unit, form), as corrected, read as production
    reads them (worked-out totals from their parts, unasked questions blank)."""
    found: dict[tuple[str, str], tuple[Compared, ...]] = {}
    web = {key: s for key, s in latest.items() if not measures(key[1])}
    data = deliveries.blobs(session, (s.sha256 for s in web.values()))
    for form in sorted({key[1] for key in web}):
        definition = load(form, year)
        keys = [key for key in web if key[1] == form]
        delivered = [
            (_unit(unit), corrected(from_bytes(data[web[(unit, form)].sha256]),
                                    made.get(web[(unit, form)].id, [])))
            for unit, _ in keys
        ]  # fmt: skip
        frame = answers_frame(definition, delivered)
        asked = [f for f in definition.fields if f.last_year is not None]
        for (unit, _), row in zip(keys, frame.iter_rows(named=True), strict=True):
            upload = stored.get(web[(unit, form)].upload_id)
            last = json.loads(upload.last_year) if upload is not None and upload.last_year else None
            found[(unit, form)] = tuple(_answer_compared(f, row.get(f.name), last) for f in asked)
    return found


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _answer_compared(
    field: FieldDefinition, now: Any, last_year: dict[str, Any] | None
) -> Compared:
    policy = field.last_year
    assert policy is not None
    this = _number(now)
    last = None if last_year is None else _number(last_year.get(field.name))
    large = changed_much(policy, this, last)
    weight = 0.0 if this is None or last is None else abs(this - last) / max(policy.floor, 1)
    decimals = 1 if field.type is FieldType.DECIMAL else 0
    label = f"{field.number} {field.label}" if field.number else field.label
    return Compared(label, field.unit or "", this, last, large, weight, decimals)


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
    forms = tuple(f for f in (*extract_forms(), *web_forms()) if _compares(f, year))
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
        floors=tuple(floor for form in forms for floor in _floors(form, year)),
    )


def _floors(form: str, year: int) -> list[tuple[str, str, str, float, float]]:
    """The thresholds of `form`'s figures: form, figure, its unit, share and floor."""
    if measures(form):
        return [
            (form, m.label, m.unit, comparison.threshold(m).share, comparison.threshold(m).floor)
            for m in measures(form)
        ]
    return [
        (form, f.label, f.unit or "", f.last_year.share, f.last_year.floor)
        for f in load(form, year).fields
        if f.last_year is not None
    ]
