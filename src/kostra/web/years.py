"""Which reporting year a page or API call is about."""

from __future__ import annotations

from kostra.intake.calendar import Phase
from kostra.store import calendar
from kostra.text import now
from kostra.web.errors import NotFound
from kostra.web.portal import Portal
from kostra.web.targets import delivered_forms, reporting_years


def current_year(portal: Portal) -> int:
    """The reporting year the portal opens on: the newest whose window has opened."""
    years = reporting_years()
    at = now()
    with portal.db.read() as session:
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


def chosen_year(portal: Portal, year: int | None) -> int:
    """The year asked for (NotFound if unknown), or the current one when none is asked for."""
    return current_year(portal) if year is None else known_year(year)
