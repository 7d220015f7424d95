"""Dates and times as the portal shows them: Norwegian words, Oslo's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

OSLO_TIME = ZoneInfo("Europe/Oslo")

_MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


def now() -> datetime:
    """The present moment, in UTC (stored as such; shown in Oslo time)."""
    return datetime.now(UTC)


def local(moment: datetime) -> datetime:
    """`moment` on Oslo's clock (a naive moment is taken to be UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OSLO_TIME)


def long_date(day: date) -> str:
    """`15. januar 2026`."""
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


def moment_text(moment: datetime) -> str:
    """`15. januar 2026 kl. 14:05` on Oslo's clock."""
    shown = local(moment)
    return f"{long_date(shown.date())} kl. {shown:%H:%M}"


def moment_seconds(moment: datetime) -> str:
    """`15.01.2026 14:05:09` on Oslo's clock: for receipts and exports, where seconds matter."""
    return f"{local(moment):%d.%m.%Y %H:%M:%S}"
