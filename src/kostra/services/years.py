"""Which reporting year a page, an API call or a command is about."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kostra.errors import NotFound
from kostra.intake.calendar import Phase
from kostra.services.targets import delivered_forms, reporting_years
from kostra.store import calendar
from kostra.text import now


def current_year(session: Session) -> int:
    """The reporting year the portal opens on: the newest whose window has opened."""
    years = reporting_years()
    at = now()
    for year in years:
        windows = calendar.windows(session, delivered_forms(year), year)
        if any(w.phase(at) is not Phase.NOT_OPEN for w in windows):
            return year
    return years[-1]


def known_year(year: int) -> int:
    """`year`, if the portal has forms for it; NotFound otherwise."""
    if year not in reporting_years():
        raise NotFound(f"Rapporteringsåret {year} finnes ikke i portalen.")
    return year


def chosen_year(session: Session, year: int | None) -> int:
    """The year asked for (NotFound if unknown), or the current one when none is asked for."""
    return current_year(session) if year is None else known_year(year)
