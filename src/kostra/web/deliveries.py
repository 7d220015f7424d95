"""Delivering an extract, shared by the portal's pages and their API twins: upload and check,
submit, declare "nothing to report" and withdraw it.

Database work runs in the threadpool, the control program in the control runner; the event loop
only waits for them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from kostra.intake.access import Principal
from kostra.intake.calendar import Window
from kostra.intake.receipt import Receipt
from kostra.intake.totals import Totals
from kostra.records.answers import Answers
from kostra.store import answers, calendar, deliveries
from kostra.store.deliveries import Acknowledgement
from kostra.store.models import Upload
from kostra.text import now
from kostra.web.errors import BadRequest, NotFound
from kostra.web.limits import too_large_message
from kostra.web.portal import Portal
from kostra.web.targets import Target, may_deliver_for, resolve, target_of
from kostra.web.views import UploadView, names_of, receipt_of, view_of

T = TypeVar("T")


async def _db(call: Callable[[], T]) -> T:
    return await run_in_threadpool(call)


async def upload(
    portal: Portal, who: Principal, target: Target, data: bytes, file_name: str | None, channel: str
) -> UploadView:
    """Keep an uploaded extract, check it, compare it with last year; the upload's view."""
    may_deliver_for(who, target)
    if len(data) > portal.upload_limit:
        raise BadRequest(too_large_message(portal.upload_limit), 413)

    def save() -> tuple[str, Totals | Answers | None]:
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
            return row.id, _last_year(session, target)

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
    last_year: Totals | Answers | None,
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
            return view_of(session, who, row, with_report=False) if who is not None else None

    return await _db(record)


def _last_year(session: Session, target: Target) -> Totals | Answers | None:
    """What an upload is compared with: last year's totals, or a web form's answers."""
    if target.form.is_web:
        return answers.last_year_answers(session, target.unit, target.form.form, target.year)
    return deliveries.last_year_totals(session, target.unit, target.form.form, target.year)


def _record_failure(portal: Portal, upload_id: str) -> None:
    with portal.db.write() as session:
        deliveries.record_failure(session, upload_id, now())


async def recheck_unchecked(portal: Portal) -> int:
    """Check the uploads that were saved but never checked (the portal stopped in between)."""

    def pending() -> list[tuple[str, Target, bytes, Totals | Answers | None]]:
        with portal.db.read() as session:
            found = []
            for upload_id in deliveries.unchecked(session):
                row = session.get(Upload, upload_id)
                if row is None:
                    continue
                target = resolve(row.unit, row.form, row.year)
                last = _last_year(session, target)
                found.append((upload_id, target, deliveries.blob(session, row.blob_sha256), last))
            return found

    done = 0
    for upload_id, target, data, last in await _db(pending):
        await check(portal, upload_id, target, data, last)
        done += 1
    return done


# -- submitting and declaring ---------------------------------------------------------------


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
                    if row is None or not who.may_see(target_of(row).unit):
                        raise NotFound("Finner ikke opplastingen.")
                    target = target_of(row)
                    may_deliver_for(who, target)
                    window = calendar.window(session, target.form.form, target.year)
                    made = deliveries.submit(
                        session, row, who, window, Acknowledgement(warnings_seen), now()
                    )
                    by = (
                        who.name
                        if made.submitted_by == who.user_id
                        else names_of(session, {made.submitted_by}).get(made.submitted_by, "")
                    )
                    return made.id, receipt_of(made, target, by)
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
