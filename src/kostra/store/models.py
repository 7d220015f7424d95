"""The tables of the portal. Changes to them go through a migration in `migrations/versions/`.

Times are stored in UTC (`UTCDateTime`); calendar dates are Oslo's days. Uploads and submissions
are never updated once written, except for an upload's control result, which arrives once after
the upload is saved; a new delivery is a new row.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """A moment, always timezone-aware UTC in Python; naive UTC in SQLite, timestamptz in
    PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC moment")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):  # pragma: no cover - drivers return datetimes
            raise TypeError(f"unexpected {type(value).__name__} from the database")
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """The declarative base of every table."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


class User(Base):
    """A person (reporter, staff, admin) or a vendor's system account."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    disabled_at: Mapped[datetime | None]


class UserScope(Base):
    """A region an account may report for: a municipality, an Oslo district, or Oslo."""

    __tablename__ = "user_scopes"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    scope: Mapped[str] = mapped_column(String(6), primary_key=True)


class ApiToken(Base):
    """A bearer token of a system account; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class LoginSession(Base):
    """A login: the cookie holds a random token, the table its SHA-256 and the CSRF token."""

    __tablename__ = "login_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class LoginAttempt(Base):
    """A login attempt, for throttling guesses (by user name and by client address)."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username_at", "username", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    succeeded: Mapped[bool] = mapped_column(Boolean)


class CalendarWindow(Base):
    """Dates staff set for a form and year (the defaults apply where there is no row)."""

    __tablename__ = "calendar_windows"

    form: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    opens: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    corrections: Mapped[date] = mapped_column(Date)
    closes: Mapped[date] = mapped_column(Date)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime]


class Blob(Base):
    """The bytes of an uploaded file, exactly as received, by their SHA-256."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Upload(Base):
    """An extract uploaded for a unit, form and year, and what the control program found."""

    __tablename__ = "uploads"
    __table_args__ = (Index("ix_uploads_unit_form_year", "unit", "form", "year", "uploaded_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    unit: Mapped[str] = mapped_column(String(6))
    form: Mapped[str] = mapped_column(String(8))
    year: Mapped[int] = mapped_column(Integer)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    file_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(8))  # web or api
    state: Mapped[str] = mapped_column(String(12))  # received, checked, failed
    checked_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(8))
    records: Mapped[int | None] = mapped_column(Integer)
    errors: Mapped[int | None] = mapped_column(Integer)  # findings of severity error or fatal
    warnings: Mapped[int | None] = mapped_column(Integer)
    report: Mapped[bytes | None] = mapped_column(LargeBinary)  # gzip of the report's JSON
    totals: Mapped[str | None] = mapped_column(Text)  # JSON: the extract's totals
    last_year: Mapped[str | None] = mapped_column(Text)  # JSON: last year's, if compared


class Submission(Base):
    """A submitted version: immutable; a resubmission is the next version."""

    __tablename__ = "submissions"
    __table_args__ = (
        UniqueConstraint("unit", "form", "year", "version", name="uq_submissions_version"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    unit: Mapped[str] = mapped_column(String(6))
    form: Mapped[str] = mapped_column(String(8))
    year: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    upload_id: Mapped[str] = mapped_column(ForeignKey("uploads.id"), unique=True)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime]
    late: Mapped[bool] = mapped_column(Boolean)
    outcome: Mapped[str] = mapped_column(String(8))
    warnings_acknowledged: Mapped[int] = mapped_column(Integer)
    records: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(255))


class Declaration(Base):
    """A "nothing to report" declaration; withdrawn by the unit, or by a later submission."""

    __tablename__ = "declarations"
    __table_args__ = (Index("ix_declarations_unit_form_year", "unit", "form", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit: Mapped[str] = mapped_column(String(6))
    form: Mapped[str] = mapped_column(String(8))
    year: Mapped[int] = mapped_column(Integer)
    declared_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    declared_at: Mapped[datetime]
    late: Mapped[bool] = mapped_column(Boolean)
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_note: Mapped[str | None] = mapped_column(String(200))


class Reminder(Base):
    """A reminder (purring) to a unit: recorded always, e-mailed when a mail server is set."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_unit_form_year", "unit", "form", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit: Mapped[str] = mapped_column(String(6))
    form: Mapped[str] = mapped_column(String(8))
    year: Mapped[int] = mapped_column(Integer)
    sent_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime]
    recipients: Mapped[str] = mapped_column(Text)  # comma-separated addresses
    delivery: Mapped[str] = mapped_column(String(12))  # sent, failed, recorded, no_address
    detail: Mapped[str | None] = mapped_column(Text)


class ErrorListDispatch(Base):
    """An error list sent to a unit, and when it came back (a corrected version submitted)."""

    __tablename__ = "error_list_dispatches"
    __table_args__ = (Index("ix_error_lists_unit_form_year", "unit", "form", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit: Mapped[str] = mapped_column(String(6))
    form: Mapped[str] = mapped_column(String(8))
    year: Mapped[int] = mapped_column(Integer)
    upload_id: Mapped[str] = mapped_column(ForeignKey("uploads.id"))
    sent_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime]
    recipients: Mapped[str] = mapped_column(Text)
    delivery: Mapped[str] = mapped_column(String(12))
    detail: Mapped[str | None] = mapped_column(Text)
    returned_at: Mapped[datetime | None]
    returned_submission_id: Mapped[str | None] = mapped_column(ForeignKey("submissions.id"))


class Message(Base):
    """A message from the statistics office to a unit (a reminder, an error list with the note
    staff wrote): kept for the unit's inbox ("Fra SSB") whether or not it was also e-mailed,
    with how the e-mail went, and who of the unit read it first, and when."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_unit_sent_at", "unit", "sent_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit: Mapped[str] = mapped_column(String(6))
    form: Mapped[str] = mapped_column(String(8))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))  # reminder, error_list
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # the text, as e-mailed
    note: Mapped[str | None] = mapped_column(Text)  # what staff wrote to the unit, if anything
    link: Mapped[str] = mapped_column(String(200))  # the portal page it is about
    reminder_id: Mapped[int | None] = mapped_column(ForeignKey("reminders.id"))
    error_list_id: Mapped[int | None] = mapped_column(ForeignKey("error_list_dispatches.id"))
    sent_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime]
    recipients: Mapped[str] = mapped_column(Text)  # comma-separated addresses e-mailed
    delivery: Mapped[str] = mapped_column(String(12))  # by e-mail: sent, failed, recorded, ...
    read_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    read_at: Mapped[datetime | None]


class Correction(Base):
    """A value changed by the statistics office in production, on top of a submitted version
    (which is never changed): who, when, why, old and new value."""

    __tablename__ = "corrections"
    __table_args__ = (Index("ix_corrections_year_form_unit", "year", "form", "unit"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    form: Mapped[str] = mapped_column(String(8))
    unit: Mapped[str] = mapped_column(String(6))
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"))
    line: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str] = mapped_column(String(200))
    new_value: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    made_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    made_at: Mapped[datetime]


class Release(Base):
    """A release of a reporting year: its stage, the manifest of its inputs, and its way to the
    public: prepared (built, not public), confirmed, given its publishing moment (public from
    then on), perhaps withdrawn with a reason. Who and when of each step."""

    __tablename__ = "releases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(12))  # preliminary, final
    prepared_at: Mapped[datetime]
    prepared_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    manifest: Mapped[str] = mapped_column(Text)  # JSON: exactly what it was made from
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime | None]
    publish_at: Mapped[datetime | None]  # public from this moment (when confirmed)
    scheduled_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    scheduled_at: Mapped[datetime | None]
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)


class ReleaseDates(Base):
    """The publication dates staff set for a year's stages (15 March and 15 June of the
    following year where there is no row)."""

    __tablename__ = "release_dates"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    preliminary: Mapped[date] = mapped_column(Date)
    final: Mapped[date] = mapped_column(Date)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime]


class ReleaseFile(Base):
    """One file of a release (JSON-stat, CSV, PX), kept byte for byte."""

    __tablename__ = "release_files"

    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(80))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Draft(Base):
    """A web form's answers saved but not yet submitted: one per unit, form and year, replaced
    each time the reporter saves. Submitting makes an upload of the answers (kept for ever)."""

    __tablename__ = "drafts"

    unit: Mapped[str] = mapped_column(String(6), primary_key=True)
    form: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    answers: Mapped[str] = mapped_column(Text)  # canonical JSON of the answers
    saved_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    saved_at: Mapped[datetime]
