"""Delivering for a unit: upload and check, submit, declare "nothing to report" and withdraw it.

One set of use cases for the portal's pages, the REST API, the CLI and the demo loader. Each
takes the database (or, for the loader's batches, a session) and who acts; whether it may be
done is decided in `policy`; a problem is raised as a `KostraError` with the reason. The
functions block while they work (the control program runs in the runner's pool): the web calls
them off its event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kostra.errors import KostraError, NotFound, Reason, Refused
from kostra.intake.access import Principal
from kostra.intake.checking import Checked, check_upload
from kostra.intake.receipt import Receipt
from kostra.intake.totals import Totals
from kostra.records.answers import Answers
from kostra.registry import ReportingUnit
from kostra.services import policy
from kostra.services.targets import Target, may_deliver_for, resolve, target_of
from kostra.services.views import UploadView, names_of, receipt_of, view_of
from kostra.store import answers, calendar, deliveries
from kostra.store.database import Database
from kostra.store.models import Declaration, Submission, Upload
from kostra.text import now

T = TypeVar("T")
LastYear = Totals | Answers | None

ATTEMPTS = 3  # a concurrent submission can take the version number; the next attempt gets the next


class Checker(Protocol):
    """Runs the control program on an upload (`ControlRunner.check`, or a plain function)."""

    def __call__(
        self, data: bytes, form: str, year: int, unit: ReportingUnit, last_year: LastYear
    ) -> Checked: ...


def check_here(
    data: bytes, form: str, year: int, unit: ReportingUnit, last_year: LastYear
) -> Checked:
    """The control program in this process (the CLI, and tests); the portal uses its runner."""
    return check_upload(data, form, year, unit.municipality, unit.district, last_year)


def too_large_message(limit: int) -> str:
    """What the user reads when a file is larger than the portal takes."""
    return (
        f"Filen er for stor. Største tillatte filuttrekk er {limit // (1024 * 1024)} MB. "
        "Kontroller at det er riktig fil: et helt lands uttrekk for skjema 11F er om lag 45 MB."
    )


# -- uploading and checking -----------------------------------------------------------------


def upload(
    db: Database,
    check_with: Checker,
    who: Principal,
    target: Target,
    data: bytes,
    file_name: str | None,
    channel: str,
    *,
    limit: int,
) -> UploadView:
    """Keep an uploaded extract (or a web form's answers) as received, check it against last
    year, and give the upload's view (without its report: it can be large)."""
    may_deliver_for(who, target)
    if len(data) > limit:
        raise KostraError(too_large_message(limit), reason=Reason.TOO_LARGE)
    with db.write() as session:
        row = deliveries.add_upload(
            session, unit=target.unit.code, form=target.form.form, year=target.year, data=data,
            file_name=file_name, user_id=who.user_id, at=now(), channel=channel,
        )  # fmt: skip
        upload_id, last_year = row.id, last_year_of(session, target)
    check(db, check_with, upload_id, target, data, last_year)
    with db.read() as session:
        found = deliveries.get_upload(session, upload_id)
        assert found is not None  # it was written above and uploads are never deleted
        return view_of(session, who, found, with_report=False)


def check(
    db: Database,
    check_with: Checker,
    upload_id: str,
    target: Target,
    data: bytes,
    last_year: LastYear,
) -> None:
    """Run the control program on a saved upload and store its report. A fault of the program
    is recorded on the upload (it shows as failed, not as forever waiting) and raised."""
    try:
        checked = check_with(data, target.form.form, target.year, target.unit, last_year)
    except Exception:
        with db.write() as session:
            deliveries.record_failure(session, upload_id, now())
        raise
    with db.write() as session:
        deliveries.record_checked(session, upload_id, checked, now())


def last_year_of(session: Session, target: Target) -> LastYear:
    """What an upload is compared with: last year's accepted totals, or a web form's answers."""
    if target.form.is_web:
        return answers.last_year_answers(session, target.unit, target.form.form, target.year)
    return deliveries.last_year_totals(session, target.unit, target.form.form, target.year)


def recheck_unchecked(db: Database, check_with: Checker) -> int:
    """Check the uploads that were saved but never checked (the portal stopped in between)."""
    with db.read() as session:
        pending = []
        for upload_id in deliveries.unchecked(session):
            row = session.get(Upload, upload_id)
            if row is None:
                continue
            target = resolve(row.unit, row.form, row.year)
            data = deliveries.blob(session, row.blob_sha256)
            pending.append((upload_id, target, data, last_year_of(session, target)))
    for upload_id, target, data, last in pending:
        check(db, check_with, upload_id, target, data, last)
    return len(pending)


# -- submitting -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Submitted:
    """A submission and its receipt."""

    submission: Submission
    receipt: Receipt


def submit(
    db: Database, who: Principal, upload_id: str, warnings_seen: bool, at: datetime | None = None
) -> Submitted:
    """Submit an upload as the unit's next version, in one transaction with everything the
    submission changes; Refused with the reason when it may not be. Submitting the same upload
    again gives the first submission back (a double click, a vendor's retry)."""
    return _retrying(db, lambda session: submit_in(session, who, upload_id, warnings_seen, at))


def submit_in(
    session: Session,
    who: Principal,
    upload_id: str,
    warnings_seen: bool,
    at: datetime | None = None,
) -> Submitted:
    """`submit` inside the caller's transaction (the demo loader writes in batches)."""
    at = at or now()
    row = deliveries.get_upload(session, upload_id)
    if row is None or not who.may_see(target_of(row).unit):
        raise NotFound("Finner ikke opplastingen.")
    target = target_of(row)
    may_deliver_for(who, target)
    made = deliveries.submission_of_upload(session, row.id)
    if made is None:
        window = calendar.window(session, target.form.form, target.year)
        decided = policy.decision(session, row.unit, row.form, row.year, window, at)
        refused = policy.submission_refusal(
            row, decided, web=target.form.is_web, warnings_seen=warnings_seen
        )
        if refused is not None:
            raise refused
        made = deliveries.add_submission(session, row, who, at, late=decided.late)
    by = who.name if made.submitted_by == who.user_id else None
    if by is None:
        by = names_of(session, {made.submitted_by}).get(made.submitted_by, "")
    return Submitted(made, receipt_of(made, target, by))


def _retrying(db: Database, work: Callable[[Session], T]) -> T:
    for attempt in range(ATTEMPTS):
        try:
            with db.write() as session:
                return work(session)
        except IntegrityError:  # a concurrent submission took the version number
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


# -- "nothing to report" --------------------------------------------------------------------


def declare(
    db: Database, who: Principal, target: Target, at: datetime | None = None
) -> Declaration:
    """Declare that the unit has nobody to report (the standing declaration if there is one)."""
    with db.write() as session:
        return declare_in(session, who, target, at)


def declare_in(
    session: Session, who: Principal, target: Target, at: datetime | None = None
) -> Declaration:
    """`declare` inside the caller's transaction."""
    may_deliver_for(who, target)
    at = at or now()
    code, form, year = target.unit.code, target.form.form, target.year
    standing = deliveries.standing_declaration(session, code, form, year)
    if standing is not None:
        return standing
    window = calendar.window(session, form, year)
    decided = policy.declaration_decision(session, code, form, year, window, at)
    return deliveries.add_declaration(session, code, form, year, who, at, late=decided.late)


def withdraw(
    db: Database, who: Principal, target: Target, at: datetime | None = None
) -> Declaration:
    """Withdraw the unit's standing declaration (there were recipients after all)."""
    may_deliver_for(who, target)
    at = at or now()
    with db.write() as session:
        code, form, year = target.unit.code, target.form.form, target.year
        standing = deliveries.standing_declaration(session, code, form, year)
        if standing is None:
            raise Refused(
                "Enheten har ingen erklæring om ingen å rapportere som kan trekkes.",
                reason=Reason.NOT_FOUND,
            )
        refused = policy.withdrawal_refusal(calendar.window(session, form, year), at)
        if refused is not None:
            raise refused
        return deliveries.withdraw_declaration(standing, who, at)
