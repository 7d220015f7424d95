"""The inbox "Fra SSB": what the statistics office has sent a unit (reminders, error lists with
staff's note), on the unit's pages whether or not a mail server delivered it.

A reporter sees the messages of the units they report for (Oslo's own reporters those of every
district, as `Principal.may_deliver_for`); opening one marks it read, once, with who and when.
Staff see every unit's messages and whether they were read, without marking them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from kostra.errors import NotFound
from kostra.intake.access import Principal
from kostra.registry import DISTRICTS_AND_OSLO, ReportingUnit, UnknownRegion
from kostra.services.views import names_of
from kostra.store import messages
from kostra.store.database import Database
from kostra.store.models import Message
from kostra.text import now

KIND_LABELS = {messages.REMINDER: "Purring", messages.ERROR_LIST: "Feilliste"}
LINK_LABELS = {messages.REMINDER: "Gå til leveransen", messages.ERROR_LIST: "Se feillisten"}
HIDDEN = "Meldingen finnes ikke, eller du har ikke tilgang til den."


@dataclass(frozen=True)
class Inbox:
    """The messages a visitor may read, newest first, and who sent and read them."""

    messages: tuple[Message, ...]
    names: dict[int, str]  # user id → name, of senders and readers
    unit_names: dict[str, str]  # unit code → name in the message's year

    @property
    def unread(self) -> int:
        """How many of the messages nobody of the unit has read."""
        return sum(1 for m in self.messages if m.read_at is None)


def _unit_names(rows: list[Message]) -> dict[str, str]:
    names = {}
    for row in rows:
        try:
            names[row.unit] = ReportingUnit.from_code(row.unit, row.year, DISTRICTS_AND_OSLO).name(
                row.year
            )
        except UnknownRegion:
            names[row.unit] = row.unit
    return names


def _inbox(session: Session, rows: list[Message]) -> Inbox:
    ids = {m.sent_by for m in rows} | {m.read_by for m in rows if m.read_by is not None}
    return Inbox(tuple(rows), names_of(session, ids), _unit_names(rows))


def inbox(session: Session, who: Principal) -> Inbox:
    """The messages to the units `who` reports for (none for staff: they read the registers)."""
    rows = [] if who.is_staff else messages.for_scopes(session, who.scopes)
    return _inbox(session, rows)


def unit_messages(session: Session, who: Principal, unit: str, year: int) -> Inbox:
    """The messages to one unit in a year, for staff (the register of what was sent)."""
    rows = messages.of_unit(session, unit, year) if who.is_staff else []
    return _inbox(session, rows)


def of_error_lists(session: Session, year: int) -> dict[int, Message]:
    """For staff's register of error lists: each list's message (its note, and when it was
    read), by the error list's id."""
    return messages.of_error_lists(session, year)


def unread(session: Session, who: Principal) -> int:
    """How many messages to `who`'s units are unread (0 for staff)."""
    return 0 if who.is_staff else messages.unread(session, who.scopes)


def _visible(who: Principal, row: Message | None) -> Message:
    if row is None:
        raise NotFound(HIDDEN)
    try:
        unit = ReportingUnit.from_code(row.unit, row.year, DISTRICTS_AND_OSLO)
    except UnknownRegion:
        raise NotFound(HIDDEN) from None
    if not who.may_see(unit):
        raise NotFound(HIDDEN)
    return row


def open_message(db: Database, who: Principal, message_id: int) -> Inbox:
    """One message, marked read if `who` is of its unit and nobody there had read it; NotFound
    unless `who` may see the unit (another unit's messages are not even acknowledged)."""
    with db.read() as session:
        row = _visible(who, messages.get(session, message_id))
        first_reading = row.read_at is None and not who.is_staff
    if first_reading:
        with db.write() as session:
            messages.mark_read(session, message_id, who.user_id, now())
    with db.read() as session:
        return _inbox(session, [_visible(who, messages.get(session, message_id))])
