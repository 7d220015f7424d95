"""What the pages and the API show of deliveries: an upload with its report, a unit's delivery
of a form and year with its history, a receipt, the file as received."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kostra.controls import Report, Severity
from kostra.controls.errorlist import Heading
from kostra.errors import NotFound
from kostra.intake.access import Principal
from kostra.intake.calendar import Decision, Window, may_deliver
from kostra.intake.receipt import Receipt
from kostra.intake.status import Facts, UnitStatus, status_of
from kostra.intake.totals import Measure, measures
from kostra.records.answers import UnreadableAnswers, from_bytes
from kostra.registry import ReportingUnit, municipality_name
from kostra.services import policy
from kostra.services.next_step import (
    FormState,
    LastUpload,
    LastVersion,
    NextStep,
    deadline_phrase,
    next_step,
)
from kostra.services.readback import ReadBack, read_back
from kostra.services.targets import (
    Target,
    delivered_forms,
    may_see,
    reports,
    resolve,
    target_of,
    units_of,
)
from kostra.store import answers, calendar, deliveries, followup
from kostra.store.models import Declaration, ErrorListDispatch, Reminder, Submission, Upload, User
from kostra.text import now


@dataclass(frozen=True)
class TotalLine:
    """One measure of an upload against last year."""

    measure: Measure
    this: int
    last: int | None


@dataclass(frozen=True)
class UploadView:
    """An upload, its report, and whether it may be submitted now."""

    target: Target
    upload: Upload
    uploaded_by: str
    report: Report | None  # None: not checked yet, or not asked for
    submission: Submission | None
    decision: Decision
    totals: tuple[TotalLine, ...]
    compared: bool  # whether there was a delivery last year to compare with
    answers: ReadBack | None = None  # a web form's answers, read back before submitting

    @property
    def may_submit(self) -> bool:
        """Whether the upload can be submitted now (once any warnings are confirmed as seen)."""
        if self.submission is not None:
            return False
        web = self.target.form.is_web
        return policy.submission_refusal(self.upload, self.decision, web=web) is None


def names_of(session: Session, ids: set[int]) -> dict[int, str]:
    """The names of the users with these ids."""
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.name).where(User.id.in_(ids)))
    return {row[0]: row[1] for row in rows}


def upload_view(
    session: Session, who: Principal, upload_id: str, *, with_report: bool = True
) -> UploadView:
    """The view of an upload (with its report, unless not wanted: a large report takes time to
    read); NotFound unless `who` may see it."""
    row = deliveries.get_upload(session, upload_id)
    if row is None:
        raise NotFound("Finner ikke opplastingen.")
    return view_of(session, who, row, with_report=with_report)


def view_of(session: Session, who: Principal, row: Upload, *, with_report: bool) -> UploadView:
    target = target_of(row)
    may_see(who, target)
    window = calendar.window(session, target.form.form, target.year)
    versions = deliveries.submissions(session, target.unit.code, target.form.form, target.year)
    decision = policy.decision(session, row.unit, row.form, row.year, window, now())
    by = who.name if row.uploaded_by == who.user_id else None
    if by is None:
        by = names_of(session, {row.uploaded_by}).get(row.uploaded_by, "")
    submission = next((v for v in versions if v.upload_id == row.id), None)
    totals, last = deliveries.totals_of(row)
    lines = tuple(
        TotalLine(m, (totals or {}).get(m.key, 0), None if last is None else last.get(m.key, 0))
        for m in measures(target.form.form)
        if totals
    )
    return UploadView(
        target=target,
        upload=row,
        uploaded_by=by,
        report=deliveries.report_of(row) if with_report else None,
        submission=submission,
        decision=decision,
        totals=lines,
        compared=last is not None,
        answers=answers_of(session, target, row.blob_sha256),
    )


def answers_of(session: Session, target: Target, sha256: str) -> ReadBack | None:
    """A web form's answers kept under `sha256`, read back; None for an extract's file."""
    if not target.form.is_web:
        return None
    try:
        kept = from_bytes(deliveries.blob(session, sha256))
    except UnreadableAnswers:
        return None
    return read_back(target.form, target.unit, kept)


@dataclass(frozen=True)
class DeliveryView:
    """A unit's delivery of a form and year: calendar, status and history."""

    target: Target
    window: Window
    decision: Decision
    status: UnitStatus
    uploads: tuple[Upload, ...]
    submissions: tuple[Submission, ...]
    declarations: tuple[Declaration, ...]
    reminders: tuple[Reminder, ...]
    error_lists: tuple[ErrorListDispatch, ...]
    names: dict[int, str]
    submitted_uploads: frozenset[str]

    @property
    def declared(self) -> Declaration | None:
        """The declaration in force, if any."""
        return next((d for d in self.declarations if d.withdrawn_at is None), None)


def delivery_view(session: Session, who: Principal, target: Target) -> DeliveryView:
    """The view of a unit's delivery; NotFound unless `who` may see the unit."""
    may_see(who, target)
    code, form, year = target.unit.code, target.form.form, target.year
    at = now()
    window = calendar.window(session, form, year)
    uploads = tuple(deliveries.uploads(session, code, form, year))
    submissions = tuple(deliveries.submissions(session, code, form, year))
    declarations = tuple(deliveries.declarations(session, code, form, year))
    reminders = tuple(r for r in followup.reminders(session, year, code) if r.form == form)
    error_lists = tuple(e for e in followup.error_lists(session, year, code) if e.form == form)
    facts = followup.facts(session, window, at, unit=code).get(code)
    ids = {u.uploaded_by for u in uploads} | {s.submitted_by for s in submissions}
    ids |= {d.declared_by for d in declarations}
    ids |= {d.withdrawn_by for d in declarations if d.withdrawn_by is not None}
    ids |= {r.sent_by for r in reminders} | {e.sent_by for e in error_lists}
    names = names_of(session, ids)
    known = facts or Facts(unit=code)
    decision = may_deliver(window, at, since=known.standing_since)
    status = status_of(known, window, at)
    return DeliveryView(
        target=target,
        window=window,
        decision=decision,
        status=status,
        uploads=uploads,
        submissions=submissions,
        declarations=declarations,
        reminders=reminders,
        error_lists=error_lists,
        names=names,
        submitted_uploads=frozenset(s.upload_id for s in submissions),
    )


@dataclass(frozen=True)
class ReceiptView:
    """A receipt as its page shows it: for a web form, with the answers submitted."""

    receipt: Receipt
    answers: ReadBack | None


def receipt_view(session: Session, who: Principal, submission_id: str) -> ReceiptView:
    """The receipt of a submission with a web form's answers; NotFound unless `who` may see it."""
    row = deliveries.get_submission(session, submission_id)
    if row is None:
        raise NotFound("Finner ikke innsendingen.")
    target = target_of(row)
    may_see(who, target)
    names = names_of(session, {row.submitted_by})
    answers = answers_of(session, target, row.sha256)
    return ReceiptView(receipt_of(row, target, names.get(row.submitted_by, ""), answers), answers)


def receipt(session: Session, who: Principal, submission_id: str) -> Receipt:
    """The receipt of a submission; NotFound unless `who` may see it."""
    return receipt_view(session, who, submission_id).receipt


def receipt_of(
    row: Submission, target: Target, submitted_by: str, answers: ReadBack | None = None
) -> Receipt:
    return Receipt(
        form=row.form,
        form_title=target.form.title,
        year=row.year,
        unit=row.unit,
        unit_name=target.name,
        version=row.version,
        submitted_at=row.submitted_at,
        submitted_by=submitted_by,
        file_name=row.file_name,
        sha256=row.sha256,
        size=row.size,
        records=row.records,
        warnings=row.warnings_acknowledged,
        late=row.late,
        answers=target.form.is_web,
        answered=answers.counted if answers is not None else None,
    )


def original_file(session: Session, who: Principal, upload_id: str) -> tuple[str, bytes]:
    """The bytes of an upload exactly as received, with its file name."""
    row = deliveries.get_upload(session, upload_id)
    if row is None:
        raise NotFound("Finner ikke opplastingen.")
    may_see(who, target_of(row))
    return row.file_name, deliveries.blob(session, row.blob_sha256)


@dataclass(frozen=True)
class FormStep:
    """One form of a unit on the overview: where it stands and what to do next."""

    target: Target
    window: Window
    status: UnitStatus
    step: NextStep


OverviewCell = FormStep | None  # None: the unit does not report the form
OverviewRow = tuple[ReportingUnit, str, list[OverviewCell]]


def overview(session: Session, who: Principal, year: int) -> list[OverviewRow]:
    """`who`'s units with the status and next step of each form they report in `year`."""
    at = now()
    forms = delivered_forms(year)
    units = who.units(units_of(year))
    windows = {w.form: w for w in calendar.windows(session, forms, year)}
    # One unit's history is read alone; Oslo's fifteen districts with the whole year's.
    only = units[0].code if len(units) == 1 else None
    known = {form: followup.facts(session, windows[form], at, unit=only) for form in forms}
    codes = [unit.code for unit in units]
    uploads = deliveries.newest_uploads(session, year, codes)
    versions = deliveries.newest_submissions(session, year, codes)
    drafts = answers.draft_times(session, year, codes)
    rows: list[OverviewRow] = []
    for unit in units:
        cells: list[OverviewCell] = []
        for form in forms:
            if not reports(unit, form, year):
                cells.append(None)
                continue
            facts = known[form].get(unit.code) or Facts(unit=unit.code)
            state = FormState(
                target=resolve(unit.code, form, year),
                window=windows[form],
                status=status_of(facts, windows[form], at),
                upload=_last_upload(uploads.get((unit.code, form))),
                version=_last_version(versions.get((unit.code, form))),
                draft_at=drafts.get((unit.code, form)),
            )
            cells.append(FormStep(state.target, state.window, state.status, next_step(state, at)))
        rows.append((unit, unit.name(year), cells))
    return rows


def common_deadline(rows: list[OverviewRow]) -> str | None:
    """The deadline said once at the top of the overview (`Frist 3. mars 2025 – om 3 dager`),
    when every form shown shares it; None when the forms' deadlines differ."""
    windows = {cell.window.deadline: cell.window for _, _, cells in rows for cell in cells if cell}
    if len(windows) != 1:
        return None
    return deadline_phrase(next(iter(windows.values())), now())


def form_deadline(cell: FormStep) -> str:
    """A form's own deadline, where the forms' deadlines differ."""
    return deadline_phrase(cell.window, now())


def _last_upload(row: Any) -> LastUpload | None:
    if row is None:
        return None
    return LastUpload(
        id=row.id,
        at=row.uploaded_at,
        state=row.state,
        outcome=Severity(row.outcome) if row.outcome else None,
        errors=row.errors or 0,
        warnings=row.warnings or 0,
    )


def _last_version(row: Any) -> LastVersion | None:
    if row is None:
        return None
    return LastVersion(id=row.id, version=row.version, at=row.submitted_at, upload_id=row.upload_id)


def unit_deliveries(
    session: Session, who: Principal, unit: ReportingUnit, year: int
) -> list[DeliveryView]:
    """A unit's delivery of every form it reports in `year`."""
    forms = [form for form in delivered_forms(year) if reports(unit, form, year)]
    return [delivery_view(session, who, resolve(unit.code, form, year)) for form in forms]


def heading(target: Target, file_name: str, checked_at: datetime) -> Heading:
    """The top of an upload's error list."""
    return Heading(
        form=target.form.form,
        form_title=target.form.title,
        year=target.year,
        municipality=target.unit.municipality,
        municipality_name=municipality_name(target.unit.municipality, target.year),
        district=target.unit.district,
        district_name=target.name if target.unit.district else None,
        file_name=None if target.form.is_web else file_name,  # answers are no file to the unit
        checked_at=checked_at,
    )
