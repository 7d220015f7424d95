"""Intake follow-up for the statistics office: the matrix at a moment, reminders and error lists.

Shared by the staff pages, the API and the demo. A reminder goes to the reporters of the unit (and, for an
Oslo district, to Oslo's own reporters) who have an e-mail address; units that have delivered or
declared nothing to report are not reminded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kostra.controls.errorlist import file_name
from kostra.controls.html_report import render_html
from kostra.errors import Invalid, NotFound, Reason
from kostra.intake import notices
from kostra.intake.access import Principal
from kostra.intake.calendar import Window
from kostra.intake.matrix import Matrix, matrix
from kostra.intake.status import Facts, status_of
from kostra.registry import OSLO, ReportingUnit
from kostra.services.mail import Attachment, Mailer
from kostra.services.targets import Target, delivered_forms, resolve, units_of
from kostra.services.views import heading
from kostra.store import accounts, calendar, deliveries, followup, messages
from kostra.store.database import Database
from kostra.store.models import ErrorListDispatch, Reminder, Upload
from kostra.text import long_date, now


@dataclass(frozen=True)
class Outbox:
    """How messages reach the units: the mailer, and the portal's address for their links."""

    mailer: Mailer
    public_url: str

    def link(self, path: str) -> str:
        """The address of a portal page for a message."""
        return self.public_url.rstrip("/") + path


def intake_matrix(session: Session, year: int, at: datetime | None = None) -> Matrix:
    """Every unit × form at `at` (now if None): the extracts and the web forms."""
    moment = at or now()
    forms = delivered_forms(year)
    windows = {w.form: w for w in calendar.windows(session, forms, year)}
    known = {form: followup.facts(session, windows[form], moment) for form in forms}
    return matrix(year, moment, units_of(year), windows, known)


def _scopes_of(unit: ReportingUnit) -> set[str]:
    return {unit.code, OSLO} if unit.municipality == OSLO else {unit.code}


def _addresses(db: Database, unit: ReportingUnit) -> list[str]:
    with db.read() as session:
        people = accounts.users_for_scope(session, _scopes_of(unit))
        return sorted({u.email for u in people if u.email and u.role != "vendor"})


@dataclass(frozen=True)
class Sent:
    """What happened to one unit's reminder (or error list)."""

    unit: str
    name: str
    delivery: str  # mail.SENT, FAILED, RECORDED, NO_ADDRESS, or "skipped"
    detail: str | None = None


@dataclass(frozen=True)
class ReminderDraft:
    """A reminder as it would go to one unit now, or why the unit is not reminded."""

    unit: str
    name: str
    form: str
    year: int
    text: notices.Message | None  # None: the unit has delivered, and is not reminded
    recipients: tuple[str, ...]
    link: str  # the portal page the reminder is about
    skipped: str | None = None  # the status of a unit not reminded


def draft_reminders(
    db: Database, outbox: Outbox, year: int, form: str, units: list[str], at: datetime
) -> list[ReminderDraft]:
    """The reminders `send_reminders` would send at `at`: the text for each of `units` that has
    not delivered `form` for `year` (staff read them before they are sent)."""
    if form not in delivered_forms():
        raise NotFound(f"Skjema {form} har ingen datainngang i portalen.")
    if not units:
        raise Invalid("Velg minst én enhet som skal purres.", reason=Reason.UNPROCESSABLE)
    drafts = []
    for code in dict.fromkeys(units):
        target = resolve(code, form, year)
        with db.read() as session:
            text, skipped = reminder_text(session, target, at, outbox.link(target.url))
        if text is None:
            drafts.append(
                ReminderDraft(code, target.name, form, year, None, (), target.url, skipped)
            )
            continue
        to = tuple(_addresses(db, target.unit))
        drafts.append(
            ReminderDraft(target.unit.code, target.name, form, year, text, to, target.url)
        )
    return drafts


def reminder_text(
    session: Session, target: Target, at: datetime, link: str
) -> tuple[notices.Message | None, str | None]:
    """The reminder to the target's unit at `at` (linking to `link`), or None and the unit's
    status when it has delivered and is not to be reminded."""
    window: Window = calendar.window(session, target.form.form, target.year)
    code = target.unit.code
    facts = followup.facts(session, window, at, unit=code).get(code) or Facts(code)
    status = status_of(facts, window, at)
    if status.status.delivered:
        return None, status.status.label
    text = notices.reminder(
        code, target.name, target.form.form, target.form.title, window, status, at, link
    )
    return text, None


def keep_reminder(
    session: Session, target: Target, text: notices.Message | None, *, sent_by: int,
    at: datetime, recipients: list[str], delivery: str, detail: str | None = None,
) -> Reminder:  # fmt: skip
    """Record a reminder to the target's unit, and put its text in the unit's inbox."""
    reminder = followup.add_reminder(
        session, unit=target.unit.code, form=target.form.form, year=target.year,
        sent_by=sent_by, at=at, recipients=recipients, delivery=delivery, detail=detail,
    )  # fmt: skip
    if text is not None:
        session.flush()
        messages.add_message(
            session, unit=target.unit.code, form=target.form.form, year=target.year,
            kind=messages.REMINDER, text=text, note=None, link=target.url, sent_by=sent_by,
            at=at, recipients=recipients, delivery=delivery, reminder_id=reminder.id,
        )  # fmt: skip
    return reminder


def error_list_text(
    target: Target, upload: Upload, at: datetime, link: str, note: str = ""
) -> notices.Message:
    """The notice of an upload's error list (its counts), with staff's note, linking to `link`."""
    return notices.error_list(
        target.unit.code, target.name, upload.form, upload.year, upload.errors or 0,
        upload.warnings or 0, at, link, note.strip(),
    )  # fmt: skip


def keep_error_list(
    session: Session, upload: Upload, text: notices.Message, note: str, *, sent_by: int,
    at: datetime, recipients: list[str], delivery: str, detail: str | None = None,
) -> ErrorListDispatch:  # fmt: skip
    """Record an error list sent to the unit of `upload`, and put it, with staff's note, in the
    unit's inbox."""
    dispatch = followup.add_error_list(
        session, upload=upload, sent_by=sent_by, at=at, recipients=recipients,
        delivery=delivery, detail=detail,
    )  # fmt: skip
    session.flush()
    messages.add_message(
        session, unit=upload.unit, form=upload.form, year=upload.year, kind=messages.ERROR_LIST,
        text=text, note=note.strip(), link=f"/opplastinger/{upload.id}", sent_by=sent_by, at=at,
        recipients=recipients, delivery=delivery, error_list_id=dispatch.id,
    )  # fmt: skip
    return dispatch


def send_reminders(
    db: Database, outbox: Outbox, who: Principal, year: int, form: str, units: list[str]
) -> list[Sent]:
    """Remind each of `units` that `form` for `year` is due; delivered units are skipped. Each
    reminder is e-mailed (when a mail server is set) and kept in the unit's inbox."""
    at = now()
    results = []
    for draft in draft_reminders(db, outbox, year, form, units, at):
        if draft.text is None:
            results.append(Sent(draft.unit, draft.name, "skipped", draft.skipped))
            continue
        outcome = outbox.mailer.send(list(draft.recipients), draft.text)
        with db.write() as session:
            keep_reminder(
                session, resolve(draft.unit, form, year), draft.text, sent_by=who.user_id, at=at,
                recipients=list(draft.recipients), delivery=outcome.status, detail=outcome.detail,
            )  # fmt: skip
        results.append(Sent(draft.unit, draft.name, outcome.status, outcome.detail))
    return results


def send_error_list(
    db: Database, outbox: Outbox, who: Principal, upload_id: str, note: str
) -> Sent:
    """Send an upload's error list to its unit, to be returned as a corrected submission: by
    e-mail (when a mail server is set) and to the unit's inbox, with staff's note."""
    with db.read() as session:
        upload = deliveries.get_upload(session, upload_id)
        if upload is None:
            raise NotFound("Finner ikke opplastingen.")
        report = deliveries.report_of(upload)
    if report is None:
        raise Invalid(
            "Filen er ikke kontrollert ennå; det finnes ingen feilliste å sende.",
            reason=Reason.CONFLICT,
        )
    target = resolve(upload.unit, upload.form, upload.year)
    at = now()
    text = error_list_text(target, upload, at, outbox.link(f"/opplastinger/{upload.id}"), note)
    page = render_html(report, heading(target, upload.file_name, upload.checked_at or at))
    name = file_name(upload.form, upload.year, upload.unit, upload.checked_at, "html")
    to = _addresses(db, target.unit)
    outcome = outbox.mailer.send(to, text, Attachment(name, page.encode("utf-8"), "text/html"))
    with db.write() as session:
        keep_error_list(
            session, upload, text, note, sent_by=who.user_id, at=at, recipients=to,
            delivery=outcome.status, detail=outcome.detail,
        )  # fmt: skip
    return Sent(upload.unit, target.name, outcome.status, outcome.detail)


@dataclass(frozen=True)
class FollowedReminder:
    """A reminder sent, and how its unit stands now with the form it was about."""

    reminder: Reminder
    delivered_after: datetime | None  # when the unit delivered after the reminder, if it has
    # What staff read: "Levert etter purring 8. desember 2026 (godkjent)", "Fortsatt utestående: …"
    outcome: str


def follow_reminders(table: Matrix, reminders: list[Reminder]) -> list[FollowedReminder]:
    """Each of `reminders` with its unit's status in `table` (the matrix now): delivered after
    the reminder (and when), delivered otherwise, or still outstanding."""
    rows = {row.code: row for row in table.rows}
    followed = []
    for reminder in reminders:
        row = rows.get(reminder.unit)
        cell = row.cell(reminder.form) if row is not None else None
        if cell is None:  # a unit or form no longer in the matrix
            followed.append(FollowedReminder(reminder, None, "Ukjent"))
            continue
        status, since = cell.status.status, cell.facts.standing_since
        if status.delivered and since is not None and since >= reminder.sent_at:
            outcome = f"Levert etter purring {long_date(since)} ({status.label.lower()})"
            followed.append(FollowedReminder(reminder, since, outcome))
        elif status.delivered:
            followed.append(FollowedReminder(reminder, None, status.label))
        else:
            followed.append(
                FollowedReminder(reminder, None, f"Fortsatt utestående: {status.label.lower()}")
            )
    return followed
