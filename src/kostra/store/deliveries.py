"""Deliveries: uploads kept as received, their control reports, submitted versions, declarations.

An upload is saved before it is checked, so the bytes are kept even if the check never finishes
(an upload left "received" is checked again when the portal starts). A submission is one row
written in one transaction with everything it changes (a standing declaration withdrawn, sent
error lists marked returned): after a crash there is the whole new version or none of it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kostra.controls import Report, Severity
from kostra.intake.access import Principal
from kostra.intake.checking import Checked
from kostra.intake.files import safe_file_name
from kostra.intake.totals import Totals, combine, predecessors
from kostra.registry import ReportingUnit
from kostra.store.models import Blob, Declaration, ErrorListDispatch, Submission, Upload

RECEIVED, CHECKED, FAILED = "received", "checked", "failed"


def new_id() -> str:
    """An opaque id for an upload or submission: 128 random bits (nothing to guess in URLs)."""
    return secrets.token_hex(16)


# -- blobs ----------------------------------------------------------------------------------


def put_blob(session: Session, data: bytes) -> str:
    """Keep `data`; its SHA-256. The same bytes are kept once however often they arrive (also
    when they arrive at the same moment from two places: the second insert does nothing)."""
    digest = hashlib.sha256(data).hexdigest()
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = insert(Blob).values(sha256=digest, size=len(data), data=data)
    session.execute(statement.on_conflict_do_nothing(index_elements=["sha256"]))
    return digest


def blob(session: Session, digest: str) -> bytes:
    """The bytes kept under `digest`."""
    row = session.get(Blob, digest)
    if row is None:
        raise LookupError(f"no blob {digest}")
    return row.data


def blobs(session: Session, digests: Iterable[str]) -> dict[str, bytes]:
    """The bytes kept under each of `digests` (one query)."""
    wanted = sorted(set(digests))
    if not wanted:
        return {}
    query = select(Blob.sha256, Blob.data).where(Blob.sha256.in_(wanted))
    return dict(session.execute(query).all())


# -- uploads --------------------------------------------------------------------------------


def add_upload(
    session: Session,
    *,
    unit: str,
    form: str,
    year: int,
    data: bytes,
    file_name: str | None,
    user_id: int,
    at: datetime,
    channel: str,
) -> Upload:
    """Save an upload exactly as received, to be checked."""
    upload = Upload(
        id=new_id(),
        unit=unit,
        form=form,
        year=year,
        blob_sha256=put_blob(session, data),
        file_name=safe_file_name(file_name),
        size=len(data),
        uploaded_by=user_id,
        uploaded_at=at,
        channel=channel,
        state=RECEIVED,
    )
    session.add(upload)
    return upload


def _pack(report: Report) -> bytes:
    text = json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=5, mtime=0)


def record_failure(session: Session, upload_id: str, at: datetime) -> None:
    """Note that the control program failed on an upload (a fault of kostra's, not the file's)."""
    upload = session.get(Upload, upload_id)
    if upload is not None:
        upload.state, upload.checked_at = FAILED, at


def report_of(upload: Upload) -> Report | None:
    """The stored report of a checked upload."""
    if upload.report is None:
        return None
    return Report.from_dict(json.loads(gzip.decompress(upload.report)))


def totals_of(upload: Upload) -> tuple[Totals | None, Totals | None]:
    """The upload's totals, and last year's that they were compared with."""
    return totals_from(upload.totals, upload.last_year)


def totals_from(totals: str | None, last_year: str | None) -> tuple[Totals | None, Totals | None]:
    """An upload's totals and last year's, from their stored JSON (`Upload.totals`, `.last_year`)."""
    return (json.loads(totals) if totals else None, json.loads(last_year) if last_year else None)


def get_upload(session: Session, upload_id: str) -> Upload | None:
    """The upload with this id, if any."""
    if len(upload_id) != 32:
        return None
    return session.get(Upload, upload_id)


def uploads(session: Session, unit: str, form: str, year: int) -> list[Upload]:
    """A unit's uploads of a form and year, newest first."""
    query = (
        select(Upload)
        .where(Upload.unit == unit, Upload.form == form, Upload.year == year)
        .order_by(Upload.uploaded_at.desc(), Upload.id)
    )
    return list(session.scalars(query))


def unchecked(session: Session) -> list[str]:
    """Uploads saved but never checked (the portal stopped in between), oldest first."""
    query = select(Upload.id).where(Upload.state == RECEIVED).order_by(Upload.uploaded_at)
    return list(session.scalars(query))


# -- submissions and declarations -----------------------------------------------------------


def submissions(session: Session, unit: str, form: str, year: int) -> list[Submission]:
    """A unit's submitted versions of a form and year, newest first."""
    query = (
        select(Submission)
        .where(Submission.unit == unit, Submission.form == form, Submission.year == year)
        .order_by(Submission.version.desc())
    )
    return list(session.scalars(query))


def get_submission(session: Session, submission_id: str) -> Submission | None:
    """The submission with this id, if any."""
    if len(submission_id) != 32:
        return None
    return session.get(Submission, submission_id)


def submission_of_upload(session: Session, upload_id: str) -> Submission | None:
    """The submission made from an upload, if it was submitted."""
    return session.scalar(select(Submission).where(Submission.upload_id == upload_id))


def declarations(session: Session, unit: str, form: str, year: int) -> list[Declaration]:
    """A unit's declarations of a form and year, newest first."""
    query = (
        select(Declaration)
        .where(Declaration.unit == unit, Declaration.form == form, Declaration.year == year)
        .order_by(Declaration.declared_at.desc(), Declaration.id.desc())
    )
    return list(session.scalars(query))


def standing_declaration(session: Session, unit: str, form: str, year: int) -> Declaration | None:
    """The declaration in force, if any."""
    query = select(Declaration).where(
        Declaration.unit == unit,
        Declaration.form == form,
        Declaration.year == year,
        Declaration.withdrawn_at.is_(None),
    )
    return session.scalars(query).first()


def has_submission(session: Session, unit: str, form: str, year: int) -> bool:
    query = select(func.count()).where(
        Submission.unit == unit, Submission.form == form, Submission.year == year
    )
    return bool(session.scalar(query))


def add_submission(
    session: Session, upload: Upload, who: Principal, at: datetime, *, late: bool
) -> Submission:
    """Record a checked upload as the unit's next version, in the transaction of `session`: a
    standing declaration is withdrawn and sent error lists are marked returned with it.

    Whether it may be submitted is decided before (`services.policy`). Two submissions of the
    same version at once: the second fails on the unique version when flushed, before the rest.
    """
    declaration = standing_declaration(session, upload.unit, upload.form, upload.year)
    latest = session.scalar(
        select(func.max(Submission.version)).where(
            Submission.unit == upload.unit,
            Submission.form == upload.form,
            Submission.year == upload.year,
        )
    )
    submission = Submission(
        id=new_id(),
        unit=upload.unit,
        form=upload.form,
        year=upload.year,
        version=(latest or 0) + 1,
        upload_id=upload.id,
        submitted_by=who.user_id,
        submitted_at=at,
        late=late,
        outcome=upload.outcome,
        warnings_acknowledged=upload.warnings or 0,
        records=upload.records or 0,
        sha256=upload.blob_sha256,
        size=upload.size,
        file_name=upload.file_name,
    )
    session.add(submission)
    if declaration is not None:
        declaration.withdrawn_at, declaration.withdrawn_by = at, who.user_id
        declaration.withdrawn_note = f"Erstattet av innsendt versjon {submission.version}"
    session.flush()
    _mark_returned(session, upload.unit, upload.form, upload.year, submission.id, at)
    return submission


def _mark_returned(
    session: Session, unit: str, form: str, year: int, submission_id: str | None, at: datetime
) -> None:
    query = select(ErrorListDispatch).where(
        ErrorListDispatch.unit == unit,
        ErrorListDispatch.form == form,
        ErrorListDispatch.year == year,
        ErrorListDispatch.returned_at.is_(None),
    )
    for dispatch in session.scalars(query):
        dispatch.returned_at, dispatch.returned_submission_id = at, submission_id


def add_declaration(
    session: Session, unit: str, form: str, year: int, who: Principal, at: datetime, *, late: bool
) -> Declaration:
    """Record that the unit has nobody to report for `form` and `year` (whether it may is decided
    before, `services.policy`); sent error lists count as returned."""
    declaration = Declaration(
        unit=unit, form=form, year=year, declared_by=who.user_id, declared_at=at, late=late
    )
    session.add(declaration)
    session.flush()
    _mark_returned(session, unit, form, year, None, at)
    return declaration


def withdraw_declaration(declaration: Declaration, who: Principal, at: datetime) -> Declaration:
    """Withdraw a standing declaration (there were recipients after all)."""
    declaration.withdrawn_at, declaration.withdrawn_by = at, who.user_id
    declaration.withdrawn_note = "Trukket av enheten"
    return declaration


# -- last year ------------------------------------------------------------------------------


def accepted_totals(session: Session, unit: str, form: str, year: int) -> Totals | None:
    """The totals of a unit's accepted delivery of `year`: its latest submitted version's, zeros
    for a standing declaration, None when the unit delivered nothing that year."""
    query = (
        select(Upload.totals)
        .join(Submission, Submission.upload_id == Upload.id)
        .where(Submission.unit == unit, Submission.form == form, Submission.year == year)
        .order_by(Submission.version.desc())
        .limit(1)
    )
    declared = standing_declaration(session, unit, form, year)
    if declared is not None:
        return {}
    text = session.scalar(query)
    if text is None:
        return None
    loaded: Totals = json.loads(text)
    return loaded


def last_year_totals(session: Session, unit: ReportingUnit, form: str, year: int) -> Totals | None:
    """The unit's accepted totals of the year before `year` (its predecessors' after a reform);
    None when any of them delivered nothing that year."""
    parts = []
    for predecessor, share in predecessors(unit, year):
        totals = accepted_totals(session, predecessor.code, form, year - 1)
        if totals is None:
            return None
        parts.append((totals, share))
    return combine(parts)


def record_checked(session: Session, upload_id: str, checked: Checked, at: datetime) -> Upload:
    """Store an upload's check: the control program's report (with the comparison with last
    year), the totals, and last year's totals they were compared with."""
    upload = session.get(Upload, upload_id)
    if upload is None:
        raise LookupError(upload_id)
    report = checked.report
    upload.state = CHECKED
    upload.checked_at = at
    upload.outcome = report.outcome.value
    upload.records = report.records
    upload.errors = report.count(Severity.ERROR) + report.count(Severity.FATAL)
    upload.warnings = report.count(Severity.WARNING)
    upload.report = _pack(report)
    upload.totals = json.dumps(checked.totals)
    upload.last_year = json.dumps(checked.last_year) if checked.last_year is not None else None
    return upload


def newest_uploads(session: Session, year: int, units: list[str]) -> dict[tuple[str, str], Any]:
    """Per (unit, form) of `units` in `year`, the newest upload: id, uploaded_at, state,
    outcome, errors, warnings (the report itself is not read)."""
    rows = session.execute(
        select(
            Upload.unit, Upload.form, Upload.id, Upload.uploaded_at, Upload.state,
            Upload.outcome, Upload.errors, Upload.warnings,
        )
        .where(Upload.year == year, Upload.unit.in_(units))
        .order_by(Upload.uploaded_at)
    )  # fmt: skip
    return {(row.unit, row.form): row for row in rows}


def newest_submissions(session: Session, year: int, units: list[str]) -> dict[tuple[str, str], Any]:
    """Per (unit, form) of `units` in `year`, the newest version: id, version, submitted_at,
    upload_id."""
    rows = session.execute(
        select(
            Submission.unit, Submission.form, Submission.id, Submission.version,
            Submission.submitted_at, Submission.upload_id,
        )
        .where(Submission.year == year, Submission.unit.in_(units))
        .order_by(Submission.version)
    )  # fmt: skip
    return {(row.unit, row.form): row for row in rows}
