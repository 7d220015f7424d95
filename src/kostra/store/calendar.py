"""The reporting calendar as staff have set it; the working group's defaults elsewhere."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kostra.intake.calendar import (
    PublicationDates,
    Window,
    default_publication_dates,
    default_window,
)
from kostra.store.models import CalendarWindow, ReleaseDates


def window(session: Session, form: str, year: int) -> Window:
    """The window of `form` and `year`."""
    row = session.get(CalendarWindow, (form, year))
    if row is None:
        return default_window(form, year)
    return Window(form, year, row.opens, row.deadline, row.corrections, row.closes)


def windows(session: Session, forms: list[str], year: int) -> list[Window]:
    """The windows of several forms in one year, in the order of `forms`."""
    rows = {
        row.form: row
        for row in session.scalars(select(CalendarWindow).where(CalendarWindow.year == year))
    }
    found = []
    for form in forms:
        row = rows.get(form)
        found.append(
            Window(form, year, row.opens, row.deadline, row.corrections, row.closes)
            if row is not None
            else default_window(form, year)
        )
    return found


def is_customised(session: Session, form: str, year: int) -> bool:
    """Whether staff have set the dates of `form` and `year`."""
    return session.get(CalendarWindow, (form, year)) is not None


def set_window(
    session: Session,
    form: str,
    year: int,
    dates: tuple[date, date, date, date],
    by: int | None,
    at: datetime,
) -> Window:
    """Set the dates of a window (InvalidWindow if they are out of order)."""
    result = Window(form, year, *dates)  # validates the order
    row = session.get(CalendarWindow, (form, year))
    if row is None:
        row = CalendarWindow(form=form, year=year)
        session.add(row)
    row.opens, row.deadline, row.corrections, row.closes = dates
    row.updated_by, row.updated_at = by, at
    return result


def publication_dates(session: Session, year: int) -> PublicationDates:
    """When the figures of `year` are published, by stage (the defaults unless staff set them)."""
    row = session.get(ReleaseDates, year)
    if row is None:
        return default_publication_dates(year)
    return PublicationDates(year, row.preliminary, row.final)


def publication_dates_customised(session: Session, year: int) -> bool:
    """Whether staff have set the publication dates of `year`."""
    return session.get(ReleaseDates, year) is not None


def set_publication_dates(
    session: Session, year: int, preliminary: date, final: date, by: int | None, at: datetime
) -> PublicationDates:
    """Set the publication dates of `year` (InvalidWindow if the final come first)."""
    result = PublicationDates(year, preliminary, final)  # validates the order
    row = session.get(ReleaseDates, year)
    if row is None:
        row = ReleaseDates(year=year)
        session.add(row)
    row.preliminary, row.final = preliminary, final
    row.updated_by, row.updated_at = by, at
    return result
