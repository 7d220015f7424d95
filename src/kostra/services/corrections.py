"""Corrections by the statistics office (staff): a unit's submitted version with its findings,
one record with the findings it has now, a correction checked against the field and re-checked
by the record's controls before it is saved, and the audit trail (who, when, why, old and new).

The submitted file itself is never changed: corrections lie on top of it (`store.production`).
Identity fields are neither shown nor corrected, and a record is named by its line number, so
no identity number is ever in an address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl
from sqlalchemy.orm import Session

from kostra.catalog import FormDefinition
from kostra.controls import Finding, rules_for, webform
from kostra.errors import Forbidden, NotFound
from kostra.intake.access import Principal
from kostra.intake.totals import Totals
from kostra.production.answers import LINE as ANSWERS_LINE
from kostra.production.corrections import (
    CorrectionRefused,
    Recheck,
    correctable,
    current_value,
    field_value,
    reason_given,
    recheck,
    record_findings,
)
from kostra.production.microdata import Correction as Change
from kostra.production.microdata import apply_corrections
from kostra.records import LINE, read_lines, split_fields
from kostra.records.answers import Answers, from_bytes
from kostra.services.targets import Target, resolve
from kostra.store import accounts, deliveries
from kostra.store.database import Database
from kostra.store.models import Correction, Submission, Upload
from kostra.store.production import correct, corrections, latest_submissions
from kostra.text import now

FINDINGS_PAGE = 50


@dataclass(frozen=True)
class ShownField:
    """One field of a record as staff see it (a field they may correct)."""

    name: str
    label: str
    value: str


@dataclass(frozen=True)
class ListedFinding:
    """A finding of the submitted version, with the record and field it opens."""

    finding: Finding
    line: int | None
    field: str | None


@dataclass(frozen=True)
class RecordView:
    """A unit's latest version as staff may see it: its findings, its corrections, and the record
    on `line` when asked for (no identity fields; a web form's answers are one record, line 1)."""

    target: Target
    submission: Submission
    line: int | None
    fields: tuple[ShownField, ...]
    findings: tuple[Finding, ...]  # of the record on `line`, as corrected
    listed: tuple[ListedFinding, ...]  # a page of the submitted version's findings
    listed_total: int
    page: int
    pages: int
    corrections: tuple[Correction, ...]
    names: dict[int, str]  # who made the corrections
    lines: int

    @property
    def form(self) -> FormDefinition:
        """The form's definition of the year."""
        return self.target.form


@dataclass(frozen=True)
class Proposed:
    """A correction checked and re-checked, not saved yet."""

    line: int
    field: str
    label: str
    old: str
    new: str  # as the field keeps it
    value: str  # as typed
    recheck: Recheck


def _staff(who: Principal) -> None:
    if not who.is_staff:
        raise Forbidden("Bare SSB kan rette innsendte opplysninger.")


def _latest(session: Session, target: Target) -> Submission:
    submission = latest_submissions(session, target.year).get((target.unit.code, target.form.form))
    if submission is None:
        raise NotFound(
            f"{target.unit.code} har ingen innsendt versjon av {target.form.form} for "
            f"{target.year}."
        )
    return submission


def _made(session: Session, submission: Submission) -> tuple[Correction, ...]:
    return tuple(
        c for c in corrections(session, submission.year) if c.submission_id == submission.id
    )


def _changes(made: tuple[Correction, ...]) -> list[Change]:
    return [Change(c.line, c.field, c.new_value) for c in made]


def _last_year(session: Session, submission: Submission) -> Totals | Answers | None:
    """Last year's totals (an extract) or answers (a web form) the version was compared with."""
    upload = session.get(Upload, submission.upload_id)
    if upload is None:
        return None
    _totals, last = deliveries.totals_of(upload)
    return last


def record_view(
    session: Session, who: Principal, unit: str, form: str, year: int, line: int | None,
    page: int = 1,
) -> RecordView:  # fmt: skip
    """A unit's latest version: a page of its findings, its corrections, and the record on `line`
    (with the findings it has now) if asked for."""
    _staff(who)
    target = resolve(unit, form, year)
    submission = _latest(session, target)
    data = deliveries.blob(session, submission.sha256)
    made = _made(session, submission)
    definition = target.form
    count = 1 if definition.is_web else read_lines(data).record_count
    if line is not None and not 1 <= line <= count:
        raise NotFound(
            f"Et webskjema har bare én post, linje {ANSWERS_LINE}."
            if definition.is_web
            else f"Versjonen har ingen post på linje {line}."
        )
    fields: tuple[ShownField, ...] = ()
    findings: tuple[Finding, ...] = ()
    if line is not None:
        fields = _fields(definition, data, _changes(made), line)
        findings = record_findings(data, definition, target.unit, _changes(made), line,
                                   _last_year(session, submission))  # fmt: skip
    listed = _listed(session, submission, definition)
    pages = max(1, -(-len(listed) // FINDINGS_PAGE))
    page = min(max(page, 1), pages)
    names = {user.id: user.name for user, _ in accounts.users(session)}
    return RecordView(
        target, submission, line, fields, findings,
        tuple(listed[(page - 1) * FINDINGS_PAGE : page * FINDINGS_PAGE]), len(listed), page, pages,
        made, names, count,
    )  # fmt: skip


def _fields(
    form: FormDefinition, data: bytes, made: list[Change], line: int
) -> tuple[ShownField, ...]:
    allowed = correctable(form)
    if form.is_web:
        answers, typed = from_bytes(data), {c.field: c.value for c in made}
        return tuple(
            ShownField(f.name, f.label, typed.get(f.name) or webform.show(f, answers.get(f.name)))
            for f in form.fields
            if f.name in allowed
        )  # fmt: skip
    records = apply_corrections(split_fields(read_lines(data).lines, form), made)
    row = records.filter(pl.col(LINE) == line).row(0, named=True)
    return tuple(
        ShownField(f.name, f.label, str(row[f.name]))
        for f in form.fields
        if f.name in allowed and f.name in row
    )


def _listed(session: Session, submission: Submission, form: FormDefinition) -> list[ListedFinding]:
    """The findings of the submitted version's check, each with the record and field it opens."""
    upload = session.get(Upload, submission.upload_id)
    report = deliveries.report_of(upload) if upload is not None else None
    if report is None:
        return []
    allowed = correctable(form)
    fields_of: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    if not form.is_web:
        for rule in rules_for(form):
            fields_of.setdefault((rule.id, rule.title), []).append(rule.fields)
    found = []
    for finding in report.findings:
        if form.is_web:
            line: int | None = ANSWERS_LINE
            candidates: tuple[str, ...] = finding.fields
        else:
            line = finding.lines[0] if finding.lines else None  # of several, the first
            candidates = finding.fields or _fields_of(  # a report from before findings had fields
                finding, fields_of.get((finding.rule, finding.title), [])
            )
        field = next((name for name in candidates if name in allowed), None)
        found.append(ListedFinding(finding, line, field))
    return found


def _fields_of(finding: Finding, choices: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The fields of the rule that made `finding`; of a family with one rule per field (K002),
    the one its message names."""
    if len(choices) == 1:
        return choices[0]
    for fields in choices:
        if any(re.search(rf"\b{re.escape(name)}\b", finding.message) for name in fields):
            return fields
    return ()


def _proposed(
    session: Session, target: Target, submission: Submission, line: int, field: str, value: str
) -> Proposed:
    definition = target.form
    new = field_value(definition, field, value)
    data = deliveries.blob(session, submission.sha256)
    made = _changes(_made(session, submission))
    old = current_value(data, definition, made, line, field)
    checked = recheck(data, definition, target.unit, made, Change(line, field, new),
                      _last_year(session, submission))  # fmt: skip
    return Proposed(line, field, definition.field(field).label, old, new, value, checked)


@dataclass(frozen=True)
class Outcome:
    """A correction checked and re-checked, and the correction saved (None: only shown, when
    asked to check it or when it needs confirming first)."""

    proposed: Proposed
    saved: Correction | None


def add_correction(
    db: Database, who: Principal, unit: str, form: str, year: int, line: int, field: str,
    value: str, reason: str, *, check_only: bool = False, confirmed: bool = False,
) -> Outcome:  # fmt: skip
    """Correct one field of one record of a unit's latest version, with who, when, why, old and
    new value. The value is checked against the field (CorrectionRefused, in Norwegian, when the
    field does not take it) and the record re-checked; a correction that causes an error or a
    warning is saved only when `confirmed` (the staff member has seen the findings), and none
    when `check_only`."""
    _staff(who)
    target = resolve(unit, form, year)
    with db.write() as session:
        submission = _latest(session, target)
        proposed = _proposed(session, target, submission, line, field, value)
        if check_only or (proposed.recheck.needs_confirmation and not confirmed):
            return Outcome(proposed, None)
        saved = correct(session, submission, line=line, field=field, old=proposed.old,
                        new=proposed.new, reason=reason_given(reason), by=who.user_id,
                        at=now())  # fmt: skip
        return Outcome(proposed, saved)


__all__ = [
    "CorrectionRefused",
    "ListedFinding",
    "Outcome",
    "Proposed",
    "RecordView",
    "add_correction",
    "record_view",
]
