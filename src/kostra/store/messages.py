"""Messages from the statistics office to the units (the inbox "Fra SSB"): written when a
reminder or an error list is sent, listed per unit, marked read the first time the unit opens
one."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, false, func, or_, select
from sqlalchemy.orm import Session

from kostra.intake.notices import Message as Text
from kostra.registry import OSLO
from kostra.store.models import Message

REMINDER, ERROR_LIST = "reminder", "error_list"


def add_message(
    session: Session,
    *,
    unit: str,
    form: str,
    year: int,
    kind: str,
    text: Text,
    note: str | None,
    link: str,
    sent_by: int,
    at: datetime,
    recipients: list[str],
    delivery: str,
    reminder_id: int | None = None,
    error_list_id: int | None = None,
) -> Message:
    """Keep a message sent to `unit` (its subject and body as e-mailed, the note, the link)."""
    message = Message(
        unit=unit,
        form=form,
        year=year,
        kind=kind,
        subject=text.subject[:200],
        body=text.body,
        note=note or None,
        link=link,
        reminder_id=reminder_id,
        error_list_id=error_list_id,
        sent_by=sent_by,
        sent_at=at,
        recipients=", ".join(recipients),
        delivery=delivery,
    )
    session.add(message)
    return message


def _covered(scopes: Collection[str]) -> ColumnElement[bool]:
    """The messages of the units an account bound to `scopes` reports for: its own unit, and
    every district of Oslo for an account of Oslo as a whole (as `intake.access.covers`)."""
    if not scopes:
        return false()
    where: list[ColumnElement[bool]] = [Message.unit.in_(sorted(scopes))]
    if OSLO in scopes:
        where.append(Message.unit.startswith(OSLO))
    return or_(*where)


def for_scopes(session: Session, scopes: Collection[str], limit: int = 500) -> list[Message]:
    """The messages to the units of `scopes`, newest first (at most `limit`)."""
    query = select(Message).where(_covered(scopes))
    query = query.order_by(Message.sent_at.desc(), Message.id.desc()).limit(limit)
    return list(session.scalars(query))


def unread(session: Session, scopes: Collection[str]) -> int:
    """How many messages to the units of `scopes` nobody of the units has read."""
    query = select(func.count(Message.id)).where(_covered(scopes), Message.read_at.is_(None))
    return session.scalar(query) or 0


def of_unit(session: Session, unit: str, year: int | None = None) -> list[Message]:
    """The messages to one unit (of one year), newest first."""
    query = select(Message).where(Message.unit == unit)
    if year is not None:
        query = query.where(Message.year == year)
    return list(session.scalars(query.order_by(Message.sent_at.desc(), Message.id.desc())))


def of_error_lists(session: Session, year: int) -> dict[int, Message]:
    """The messages of the error lists sent in a year, by the error list's id."""
    query = select(Message).where(Message.year == year, Message.error_list_id.is_not(None))
    return {m.error_list_id: m for m in session.scalars(query) if m.error_list_id is not None}


def get(session: Session, message_id: int) -> Message | None:
    """A message by its id."""
    return session.get(Message, message_id)


def mark_read(session: Session, message_id: int, user_id: int, at: datetime) -> None:
    """Say that `user_id` read the message at `at`, unless someone of the unit already had."""
    message = session.get(Message, message_id)
    if message is not None and message.read_at is None:
        message.read_by = user_id
        message.read_at = at
