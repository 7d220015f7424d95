"""The reporting calendar as the statistics office sets it: each form's window per year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from kostra.errors import Invalid, Reason
from kostra.intake.access import Principal
from kostra.intake.calendar import PublicationDates, Window
from kostra.services.targets import delivered_forms
from kostra.store import calendar
from kostra.store.database import Database
from kostra.text import now


@dataclass(frozen=True)
class CalendarView:
    """The windows of a year's forms, and which of them staff have set (the others are SSB's
    usual dates)."""

    year: int
    windows: tuple[Window, ...]
    customised: dict[str, bool]
    published: PublicationDates  # when the year's preliminary and final figures are published
    published_customised: bool


def calendar_view(session: Session, year: int) -> CalendarView:
    """Every form's window in `year`, and when its figures are published."""
    windows = tuple(calendar.windows(session, delivered_forms(year), year))
    custom = {w.form: calendar.is_customised(session, w.form, year) for w in windows}
    return CalendarView(year, windows, custom, calendar.publication_dates(session, year),
                        calendar.publication_dates_customised(session, year))  # fmt: skip


def set_window(
    db: Database, who: Principal, form: str, year: int, dates: tuple[date, date, date, date]
) -> None:
    """Set the opening, deadline, correction deadline and closing of `form` in `year`;
    InvalidWindow when the dates are not in that order."""
    form = form.strip().upper()
    if form not in delivered_forms(year):
        raise Invalid(f"Ukjent skjema «{form}».", reason=Reason.UNPROCESSABLE)
    with db.write() as session:
        calendar.set_window(session, form, year, dates, who.user_id, now())


def publication_dates(session: Session, year: int) -> PublicationDates:
    """When the preliminary and the final figures of `year` are published."""
    return calendar.publication_dates(session, year)


def set_publication_dates(
    db: Database, who: Principal, year: int, preliminary: date, final: date
) -> None:
    """Set when the preliminary and the final figures of `year` are published; InvalidWindow
    when the final figures would come first."""
    with db.write() as session:
        calendar.set_publication_dates(session, year, preliminary, final, who.user_id, now())
