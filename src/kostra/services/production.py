"""Statistics production for staff: revision against last year per unit, corrections with their
audit trail, and the production key (releases: `services.publishing`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from kostra.catalog import FormDefinition
from kostra.controls.webform import show
from kostra.errors import KostraError, NotFound, Reason
from kostra.intake.access import Principal
from kostra.intake.totals import measures
from kostra.production.answers import LINE as ANSWERS_LINE
from kostra.production.answers import is_free_text
from kostra.production.microdata import dropped
from kostra.records import read_lines, split_fields
from kostra.records.answers import from_bytes
from kostra.registry import DISTRICTS_AND_OSLO, reporting_units
from kostra.services.targets import resolve
from kostra.settings import Settings
from kostra.store import deliveries
from kostra.store.database import Database
from kostra.store.models import Correction, Submission, Upload
from kostra.store.production import correct, corrections, latest_submissions
from kostra.text import now

LARGE_CHANGE = 0.30  # as the comparison with last year at upload (intake.comparison)


@dataclass(frozen=True)
class RevisionRow:
    """One unit and form: its accepted totals against last year's, and the largest change."""

    unit: str
    name: str
    form: str
    version: int
    totals: tuple[tuple[str, int, int | None], ...]  # label, this year, last year
    largest: float | None  # the largest relative change, None without last year

    @property
    def flagged(self) -> bool:
        """Whether a total changed by more than `LARGE_CHANGE`."""
        return self.largest is not None and self.largest > LARGE_CHANGE


def revision(session: Session, year: int) -> list[RevisionRow]:
    """Every unit's accepted delivery of `year` against last year, largest change first."""
    rows = []
    names = {u.code: u.name(year) for u in reporting_units(year, DISTRICTS_AND_OSLO)}
    latest = latest_submissions(session, year)
    for (unit, form), submission in sorted(latest.items()):
        upload = session.get(Upload, submission.upload_id)
        if upload is None:
            continue
        totals, last = deliveries.totals_of(upload)
        lines = []
        changes = []
        for measure in measures(form):
            this = (totals or {}).get(measure.key, 0)
            before = None if last is None else last.get(measure.key, 0)
            lines.append((measure.label, this, before))
            if before:
                changes.append(abs(this - before) / before)
        rows.append(RevisionRow(unit, names.get(unit, unit), form, submission.version,
                                tuple(lines), max(changes) if changes else None))  # fmt: skip
    return sorted(rows, key=lambda r: (-(r.largest or 0.0), r.unit, r.form))


@dataclass(frozen=True)
class RecordView:
    """One record of a unit's latest version, as staff may see it (no identity fields); a web
    form's answers are one record, on line 1 (without who filled them in)."""

    submission: Submission
    line: int | None
    fields: tuple[tuple[str, str, str], ...]  # name, label, value
    corrections: tuple[Correction, ...]
    lines: int


def record_view(session: Session, unit: str, form: str, year: int, line: int | None) -> RecordView:
    """A unit's latest version, its corrections, and the record on `line` if asked for."""
    target = resolve(unit, form, year)
    submission = latest_submissions(session, year).get((target.unit.code, target.form.form))
    if submission is None:
        raise NotFound(f"{target.unit.code} har ingen innsendt versjon av {form} for {year}.")
    data = deliveries.blob(session, submission.sha256)
    made = tuple(c for c in corrections(session, year) if c.submission_id == submission.id)
    if target.form.is_web:
        return _answers_view(submission, target.form, data, line, made)
    records = split_fields(read_lines(data).lines, target.form)
    shown: tuple[tuple[str, str, str], ...] = ()
    if line is not None:
        found = records.filter(records["_line"] == line)
        if found.height == 0:
            raise NotFound(f"Versjonen har ingen post på linje {line}.")
        row = found.row(0, named=True)
        current = {(c.line, c.field): c.new_value for c in made}
        hidden = set(dropped(target.form))  # identity, case keys: not shown to staff
        shown = tuple(
            (f.name, f.label, current.get((line, f.name), str(row[f.name])))
            for f in target.form.fields
            if f.name in row and f.name not in hidden
        )
    return RecordView(submission, line, shown, made, records.height)


def _answers_view(
    submission: Submission,
    form: FormDefinition,
    data: bytes,
    line: int | None,
    made: tuple[Correction, ...],
) -> RecordView:
    """A web form's answers as the one record staff may correct (worked-out totals follow their
    parts, and are not corrected themselves)."""
    if line not in (None, ANSWERS_LINE):
        raise NotFound(f"Et webskjema har bare én post, linje {ANSWERS_LINE}.")
    shown: tuple[tuple[str, str, str], ...] = ()
    if line is not None:
        answers = from_bytes(data)
        current = {c.field: c.new_value for c in made}
        shown = tuple(
            (f.name, f.label, current.get(f.name, show(f, answers.get(f.name))))
            for f in form.fields
            if not is_free_text(f) and not f.sum_of
        )
    return RecordView(submission, line, shown, made, 1)


def add_correction(
    db: Database, who: Principal, unit: str, form: str, year: int,
    line: int, field: str, value: str, reason: str,
) -> Correction:  # fmt: skip
    """Correct one field of one record of a unit's latest version (audited)."""
    target = resolve(unit, form, year)
    with db.write() as session:
        submission = latest_submissions(session, year).get((target.unit.code, target.form.form))
        if submission is None:
            raise NotFound(f"{target.unit.code} har ingen innsendt versjon av {form} for {year}.")
        data = deliveries.blob(session, submission.sha256)
        return correct(session, submission, data, line=line, field=field, value=value,
                       reason=reason, by=who.user_id, at=now())  # fmt: skip


def pseudonym_key(settings: Settings) -> bytes:
    """The production key (KOSTRA_PSEUDONYM_KEY), or a message that says how to set it."""
    key = settings.pseudonym_key
    if key is None or not key.get_secret_value():
        raise KostraError(
            "KOSTRA_PSEUDONYM_KEY er ikke satt: produksjonen trenger nøkkelen som erstatter "
            "fødselsnumre med pseudonymer (en lang, hemmelig tekst, den samme hvert år). Sett "
            "nøkkelen og start på nytt.",
            reason=Reason.CONFLICT,
        )
    return key.get_secret_value().encode("utf-8")
