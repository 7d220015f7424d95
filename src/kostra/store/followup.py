"""What the statistics office follows: every unit's history up to a moment, reminders sent,
error lists sent and returned."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from kostra.controls import Severity
from kostra.intake.calendar import Window
from kostra.intake.status import Facts, Interval, standing_since
from kostra.store.models import Declaration, ErrorListDispatch, Reminder, Submission, Upload


def facts(
    session: Session, window: Window, at: datetime, unit: str | None = None
) -> dict[str, Facts]:
    """Per unit code, what intake knew at `at` of the form and year of `window` (of one `unit`,
    or all; units with no history are left out: they have nothing on record)."""
    form, year = window.form, window.year
    found: dict[str, Facts] = {}
    stood: dict[str, list[Interval]] = {}  # when each unit's deliveries stood
    only = [unit] if unit is not None else None

    def get(unit: str) -> Facts:
        return found.get(unit) or Facts(unit=unit)

    uploads = session.execute(
        select(Upload.unit, Upload.uploaded_at, Upload.outcome)
        .where(Upload.form == form, Upload.year == year, Upload.uploaded_at <= at)
        .where(Upload.unit.in_(only) if only else true())
        .order_by(Upload.uploaded_at)
    )
    for unit, uploaded_at, outcome in uploads:
        current = get(unit)
        found[unit] = replace(
            current,
            uploads=current.uploads + 1,
            last_upload_at=uploaded_at,
            last_upload_outcome=Severity(outcome) if outcome else None,
        )
    versions = session.execute(
        select(Submission.unit, Submission.version, Submission.outcome, Submission.submitted_at)
        .where(Submission.form == form, Submission.year == year, Submission.submitted_at <= at)
        .where(Submission.unit.in_(only) if only else true())
        .order_by(Submission.submitted_at, Submission.version)
    )
    for unit, version, outcome, submitted_at in versions:
        current = get(unit)
        found[unit] = replace(
            current,
            version=version,
            version_outcome=Severity(outcome),
            version_at=submitted_at,
            first_delivered_at=current.first_delivered_at or submitted_at,
        )
        stood.setdefault(unit, []).append((submitted_at, None))
    declared = session.execute(
        select(Declaration.unit, Declaration.declared_at, Declaration.withdrawn_at)
        .where(Declaration.form == form, Declaration.year == year, Declaration.declared_at <= at)
        .where(Declaration.unit.in_(only) if only else true())
        .order_by(Declaration.declared_at)
    )
    for unit, declared_at, withdrawn_at in declared:
        current = get(unit)
        first = current.first_delivered_at
        standing = withdrawn_at is None or withdrawn_at > at
        found[unit] = replace(  # the latest declaration decides: only one stands at a time
            current,
            first_delivered_at=min(first, declared_at) if first else declared_at,
            declared_at=declared_at if standing else None,
        )
        stood.setdefault(unit, []).append(_declared_interval(declared_at, withdrawn_at, at))
    for unit, intervals in stood.items():
        found[unit] = replace(found[unit], standing_since=standing_since(intervals, at))
    reminders = session.execute(
        select(Reminder.unit, Reminder.sent_at)
        .where(Reminder.form == form, Reminder.year == year, Reminder.sent_at <= at)
        .where(Reminder.unit.in_(only) if only else true())
        .order_by(Reminder.sent_at)
    )
    for unit, sent_at in reminders:
        current = get(unit)
        found[unit] = replace(current, reminders=current.reminders + 1, last_reminder_at=sent_at)
    error_lists = session.execute(
        select(ErrorListDispatch.unit, ErrorListDispatch.returned_at)
        .where(
            ErrorListDispatch.form == form,
            ErrorListDispatch.year == year,
            ErrorListDispatch.sent_at <= at,
        )
        .where(ErrorListDispatch.unit.in_(only) if only else true())
    )
    for unit, returned_at in error_lists:
        current = get(unit)
        still_out = returned_at is None or returned_at > at
        found[unit] = replace(
            current,
            error_lists_sent=current.error_lists_sent + 1,
            error_lists_open=current.error_lists_open + still_out,
        )
    return found


def _declared_interval(
    declared_at: datetime, withdrawn_at: datetime | None, at: datetime
) -> Interval:
    """When a declaration stood, as seen at `at` (a withdrawal after `at` has not happened)."""
    return declared_at, withdrawn_at if withdrawn_at is not None and withdrawn_at <= at else None


def delivery_standing_since(
    session: Session, unit: str, form: str, year: int, at: datetime
) -> datetime | None:
    """Since when the unit's delivery of `form` for `year` has stood without a break at `at`
    (submissions stand for good, declarations until withdrawn); None when nothing stands. The
    same as `facts(...).standing_since`, for one unit, reading only what it needs."""
    submitted = session.scalars(
        select(Submission.submitted_at).where(
            Submission.unit == unit, Submission.form == form, Submission.year == year,
            Submission.submitted_at <= at,
        )
    )  # fmt: skip
    declared = session.execute(
        select(Declaration.declared_at, Declaration.withdrawn_at).where(
            Declaration.unit == unit, Declaration.form == form, Declaration.year == year,
            Declaration.declared_at <= at,
        )
    )  # fmt: skip
    intervals: list[Interval] = [(moment, None) for moment in submitted]
    intervals += [_declared_interval(start, end, at) for start, end in declared]
    return standing_since(intervals, at)


def add_reminder(
    session: Session,
    *,
    unit: str,
    form: str,
    year: int,
    sent_by: int,
    at: datetime,
    recipients: list[str],
    delivery: str,
    detail: str | None,
) -> Reminder:
    """Record a reminder."""
    reminder = Reminder(
        unit=unit,
        form=form,
        year=year,
        sent_by=sent_by,
        sent_at=at,
        recipients=", ".join(recipients),
        delivery=delivery,
        detail=detail,
    )
    session.add(reminder)
    return reminder


def reminders(session: Session, year: int, unit: str | None = None) -> list[Reminder]:
    """Reminders of a year (of one unit), newest first."""
    query = select(Reminder).where(Reminder.year == year)
    if unit is not None:
        query = query.where(Reminder.unit == unit)
    return list(session.scalars(query.order_by(Reminder.sent_at.desc(), Reminder.id.desc())))


def add_error_list(
    session: Session,
    *,
    upload: Upload,
    sent_by: int,
    at: datetime,
    recipients: list[str],
    delivery: str,
    detail: str | None,
) -> ErrorListDispatch:
    """Record an error list sent to the unit of `upload`."""
    dispatch = ErrorListDispatch(
        unit=upload.unit,
        form=upload.form,
        year=upload.year,
        upload_id=upload.id,
        sent_by=sent_by,
        sent_at=at,
        recipients=", ".join(recipients),
        delivery=delivery,
        detail=detail,
    )
    session.add(dispatch)
    return dispatch


def error_lists(session: Session, year: int, unit: str | None = None) -> list[ErrorListDispatch]:
    """Error lists sent in a year (to one unit), newest first."""
    query = select(ErrorListDispatch).where(ErrorListDispatch.year == year)
    if unit is not None:
        query = query.where(ErrorListDispatch.unit == unit)
    order = (ErrorListDispatch.sent_at.desc(), ErrorListDispatch.id.desc())
    return list(session.scalars(query.order_by(*order)))
