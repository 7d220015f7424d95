"""Delivering an extract, shared by the portal's pages and their API twins: resolve what is
asked for and whether the caller may, upload and check, submit, declare, and the views of a
delivery and of an upload.

Database work runs in the threadpool, the control program in the control runner; the event loop
only waits for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from kostra.catalog import FormDefinition, UnknownForm, UnknownYear, available, load
from kostra.controls import Report, Severity, has_rules
from kostra.intake.access import Principal
from kostra.intake.calendar import Decision, Window, may_deliver
from kostra.intake.dates import now
from kostra.intake.receipt import Receipt
from kostra.intake.status import Facts, UnitStatus, status_of
from kostra.intake.totals import Measure, Totals, measures
from kostra.registry import ReportingUnit, UnknownRegion
from kostra.store import calendar, deliveries, followup
from kostra.store.deliveries import Acknowledgement, Refused
from kostra.store.models import Declaration, ErrorListDispatch, Reminder, Submission, Upload, User
from kostra.web.auth import Forbidden
from kostra.web.errors import BadRequest, NotFound
from kostra.web.limits import too_large_message
from kostra.web.portal import Portal

T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    """A unit, form and year that a delivery is about."""

    unit: ReportingUnit
    form: FormDefinition

    @property
    def year(self) -> int:
        """The reporting year."""
        return self.form.year

    @property
    def name(self) -> str:
        """The unit's name in the year."""
        return self.unit.name(self.year)


_ORDER = ("11F", "11CF")  # the order SSB lists its forms in: social assistance, then KVP


def extract_forms() -> list[str]:
    """The forms delivered as extracts (those with a control program), in SSB's order."""
    forms = [form for form in available() if has_rules(form)]
    return sorted(forms, key=lambda f: (_ORDER.index(f) if f in _ORDER else len(_ORDER), f))


def extract_years() -> list[int]:
    """Reporting years any extract form is defined for, newest first."""
    years = {year for form in extract_forms() for year in available()[form]}
    return sorted(years, reverse=True)


def resolve(unit_code: str, form: str, year: int) -> Target:
    """The target named in a request; NotFound if any part of it does not exist."""
    form = form.strip().upper()
    try:
        definition = load(form, year)
    except (UnknownForm, UnknownYear) as error:
        raise NotFound(f"Finner ikke skjemaet: {error}.") from None
    if not has_rules(definition.form):
        raise NotFound(f"Skjema {definition.form} leveres ikke som filuttrekk.")
    try:
        unit = ReportingUnit.from_code(unit_code.strip(), year)
    except UnknownRegion as error:
        raise NotFound(f"Finner ikke enheten: {error}.") from None
    return Target(unit, definition)


def may_deliver_for(who: Principal, target: Target) -> None:
    """Forbidden unless `who` may deliver for the target's unit."""
    if not who.may_deliver_for(target.unit):
        if who.is_staff:
            raise Forbidden("SSB leverer ikke på vegne av enhetene; det gjør enheten selv.")
        raise Forbidden(f"Du kan ikke levere for {target.unit.code} {target.name}.")


def may_see(who: Principal, target: Target) -> None:
    """NotFound unless `who` may see the target's unit (its data are not even acknowledged)."""
    if not who.may_see(target.unit):
        raise NotFound("Siden finnes ikke, eller du har ikke tilgang til den.")


async def _db(call: Callable[[], T]) -> T:
    return await run_in_threadpool(call)


async def upload(
    portal: Portal, who: Principal, target: Target, data: bytes, file_name: str | None, channel: str
) -> UploadView:
    """Keep an uploaded extract, check it, compare it with last year; the upload's view."""
    may_deliver_for(who, target)
    if len(data) > portal.upload_limit:
        raise BadRequest(too_large_message(portal.upload_limit), 413)

    def save() -> tuple[str, Totals | None]:
        with portal.db.write() as session:
            row = deliveries.add_upload(
                session,
                unit=target.unit.code,
                form=target.form.form,
                year=target.year,
                data=data,
                file_name=file_name,
                user_id=who.user_id,
                at=now(),
                channel=channel,
            )
            last = deliveries.last_year_totals(session, target.unit, target.form.form, target.year)
            return row.id, last

    upload_id, last_year = await _db(save)
    view = await check(portal, upload_id, target, data, last_year, who)
    if view is None:  # pragma: no cover - a view is made whenever `who` is given
        raise RuntimeError("the upload's view was not made")
    return view


async def check(
    portal: Portal,
    upload_id: str,
    target: Target,
    data: bytes,
    last_year: Totals | None,
    who: Principal | None = None,
) -> UploadView | None:
    """Run the control program on a saved upload (compared with `last_year`), store its report;
    the upload's view for `who`, without the report (None when nobody asked)."""
    try:
        checked = await portal.runner.check(
            data, target.form.form, target.year, target.unit, last_year
        )
    except Exception:
        await _db(lambda: _record_failure(portal, upload_id))
        raise

    def record() -> UploadView | None:
        with portal.db.write() as session:
            row = deliveries.record_checked(session, upload_id, checked, now())
            return _view_of(session, who, row, with_report=False) if who is not None else None

    return await _db(record)


def _record_failure(portal: Portal, upload_id: str) -> None:
    with portal.db.write() as session:
        deliveries.record_failure(session, upload_id, now())


async def recheck_unchecked(portal: Portal) -> int:
    """Check the uploads that were saved but never checked (the portal stopped in between)."""

    def pending() -> list[tuple[str, Target, bytes, Totals | None]]:
        with portal.db.read() as session:
            found = []
            for upload_id in deliveries.unchecked(session):
                row = session.get(Upload, upload_id)
                if row is None:
                    continue
                target = resolve(row.unit, row.form, row.year)
                last = deliveries.last_year_totals(session, target.unit, row.form, row.year)
                found.append((upload_id, target, deliveries.blob(session, row.blob_sha256), last))
            return found

    done = 0
    for upload_id, target, data, last in await _db(pending):
        await check(portal, upload_id, target, data, last)
        done += 1
    return done


# -- submitting and declaring ---------------------------------------------------------------


def _target_of(row: Upload | Submission) -> Target:
    return resolve(row.unit, row.form, row.year)


async def submit(
    portal: Portal, who: Principal, upload_id: str, warnings_seen: bool
) -> tuple[str, Receipt]:
    """Submit an upload as the next version: the submission's id and receipt, in one
    transaction with everything the submission checks."""

    def work() -> tuple[str, Receipt]:
        attempts = 3
        while True:
            try:
                with portal.db.write() as session:
                    row = deliveries.get_upload(session, upload_id)
                    if row is None or not who.may_see(_target_of(row).unit):
                        raise NotFound("Finner ikke opplastingen.")
                    target = _target_of(row)
                    may_deliver_for(who, target)
                    window = calendar.window(session, target.form.form, target.year)
                    made = deliveries.submit(
                        session, row, who, window, Acknowledgement(warnings_seen), now()
                    )
                    by = (
                        who.name
                        if made.submitted_by == who.user_id
                        else _names(session, {made.submitted_by}).get(made.submitted_by, "")
                    )
                    return made.id, _receipt_of(made, target, by)
            except IntegrityError:  # a concurrent submission took the version number: retry
                attempts -= 1
                if attempts == 0:
                    raise

    return await _db(work)


async def declare(portal: Portal, who: Principal, target: Target) -> None:
    """Declare that the unit has nobody to report."""
    await _declaration(portal, who, target, deliveries.declare)


async def withdraw(portal: Portal, who: Principal, target: Target) -> None:
    """Withdraw the unit's declaration."""
    await _declaration(portal, who, target, deliveries.withdraw)


async def _declaration(
    portal: Portal,
    who: Principal,
    target: Target,
    change: Callable[[Session, str, str, int, Principal, Window, datetime], object],
) -> None:
    may_deliver_for(who, target)

    def work() -> None:
        with portal.db.write() as session:
            window = calendar.window(session, target.form.form, target.year)
            change(session, target.unit.code, target.form.form, target.year, who, window, now())

    await _db(work)


# -- views ----------------------------------------------------------------------------------


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

    @property
    def may_submit(self) -> bool:
        """Whether the upload can be submitted now."""
        outcome = self.upload.outcome
        return (
            self.submission is None
            and self.upload.state == deliveries.CHECKED
            and outcome is not None
            and not Severity(outcome).blocks_submission
            and self.decision.allowed
        )


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.name).where(User.id.in_(ids)))
    return {row[0]: row[1] for row in rows}


def _decision_now(
    session: Session, target: Target, window: Window, *, has_submission: bool
) -> Decision:
    standing = deliveries.standing_declaration(
        session, target.unit.code, target.form.form, target.year
    )
    return may_deliver(window, now(), correction=has_submission or standing is not None)


def upload_view(
    portal: Portal, who: Principal, upload_id: str, *, with_report: bool = True
) -> UploadView:
    """The view of an upload (with its report, unless not wanted: a large report takes time to
    read); NotFound unless `who` may see it."""
    with portal.db.read() as session:
        row = deliveries.get_upload(session, upload_id)
        if row is None:
            raise NotFound("Finner ikke opplastingen.")
        return _view_of(session, who, row, with_report=with_report)


def _view_of(session: Session, who: Principal, row: Upload, *, with_report: bool) -> UploadView:
    target = _target_of(row)
    may_see(who, target)
    window = calendar.window(session, target.form.form, target.year)
    versions = deliveries.submissions(session, target.unit.code, target.form.form, target.year)
    decision = _decision_now(session, target, window, has_submission=bool(versions))
    by = who.name if row.uploaded_by == who.user_id else None
    if by is None:
        by = _names(session, {row.uploaded_by}).get(row.uploaded_by, "")
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
    )


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


def delivery_view(portal: Portal, who: Principal, target: Target) -> DeliveryView:
    """The view of a unit's delivery; NotFound unless `who` may see the unit."""
    may_see(who, target)
    code, form, year = target.unit.code, target.form.form, target.year
    at = now()
    with portal.db.read() as session:
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
        names = _names(session, ids)
        decision = _decision_now(session, target, window, has_submission=bool(submissions))
    status = status_of(facts or Facts(unit=code), window, at)
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


def receipt(portal: Portal, who: Principal, submission_id: str) -> Receipt:
    """The receipt of a submission; NotFound unless `who` may see it."""
    with portal.db.read() as session:
        row = deliveries.get_submission(session, submission_id)
        if row is None:
            raise NotFound("Finner ikke innsendingen.")
        target = _target_of(row)
        may_see(who, target)
        names = _names(session, {row.submitted_by})
    return _receipt_of(row, target, names.get(row.submitted_by, ""))


def _receipt_of(row: Submission, target: Target, submitted_by: str) -> Receipt:
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
    )


def original_file(portal: Portal, who: Principal, upload_id: str) -> tuple[str, bytes]:
    """The bytes of an upload exactly as received, with its file name."""
    with portal.db.read() as session:
        row = deliveries.get_upload(session, upload_id)
        if row is None:
            raise NotFound("Finner ikke opplastingen.")
        may_see(who, _target_of(row))
        return row.file_name, deliveries.blob(session, row.blob_sha256)


__all__ = ["Refused", "Target"]
