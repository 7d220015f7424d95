"""Staff pages of statistics production: revision against last year, corrections, releases.
A route takes its dependencies and calls one service (`kostra.services.production`)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from kostra.errors import Invalid, Reason
from kostra.production.estimates import METHOD
from kostra.publish.release import Stage
from kostra.services import production
from kostra.services.targets import reporting_years
from kostra.services.years import known_year
from kostra.store import releases
from kostra.store.production import CorrectionRefused
from kostra.web.auth import StaffDep
from kostra.web.deps import Portal, PortalDep, ReadSessionDep, YearDep

router = APIRouter(prefix="/ssb", include_in_schema=False)

LineQuery = Annotated[int | None, Query(alias="linje", ge=1, le=10_000_000)]


@router.get("/produksjon")
def revision(
    request: Request, portal: PortalDep, visitor: StaffDep, session: ReadSessionDep, year: YearDep
) -> Response:
    """Every unit's accepted totals against last year, the largest changes first."""
    rows = production.revision(session, year)
    return portal.pages.render(
        request,
        "staff_revision.html",
        {"year": year, "years": reporting_years(), "rows": rows,
         "flagged": sum(r.flagged for r in rows), "share": production.LARGE_CHANGE},
    )  # fmt: skip


def _records_page(
    request: Request, portal: Portal, view: production.RecordView, unit: str, form: str,
    year: int, message: str = "", status: int = 200,
) -> Response:  # fmt: skip
    return portal.pages.render(
        request, "staff_records.html",
        {"view": view, "unit": unit, "form": form.upper(), "year": year, "message": message},
        status=status,
    )  # fmt: skip


@router.get("/produksjon/{unit}/{form}")
def unit_records(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    session: ReadSessionDep,
    year: YearDep,
    unit: str,
    form: str,
    line: LineQuery = None,
) -> Response:
    """A unit's latest version: its corrections, and one record to correct."""
    view = production.record_view(session, unit, form, year, line)
    return _records_page(request, portal, view, unit, form, year)


@router.post("/produksjon/{unit}/{form}/rettelse")
def add_correction(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    unit: str,
    form: str,
    year: Annotated[int, Form(alias="aar")],
    line: Annotated[int, Form(alias="linje", ge=1)],
    field: Annotated[str, Form(alias="felt", max_length=40)],
    value: Annotated[str, Form(alias="verdi", max_length=200)] = "",
    reason: Annotated[str, Form(alias="begrunnelse", max_length=2000)] = "",
) -> Response:
    """Correct one field of one record; the submitted version stays as it was."""
    year = known_year(year)
    try:
        production.add_correction(
            portal.db, visitor.principal, unit, form, year, line, field, value, reason
        )
    except CorrectionRefused as error:  # shown on the record's page, beside the field
        with portal.db.read() as session:
            view = production.record_view(session, unit, form, year, line)
        return _records_page(request, portal, view, unit, form, year, error.message, 422)
    path = f"/ssb/produksjon/{quote(unit, safe='')}/{quote(form.upper(), safe='')}"
    return RedirectResponse(f"{path}?{urlencode({'aar': year, 'linje': line})}", status_code=303)


@router.get("/publisering")
def publishing(
    request: Request, portal: PortalDep, visitor: StaffDep, session: ReadSessionDep, year: YearDep
) -> Response:
    """Every release, and the buttons that make the next."""
    return portal.pages.render(
        request, "staff_publishing.html",
        {"year": year, "years": reporting_years(), "rows": releases.releases(session),
         "method": METHOD, "max_n": portal.settings.suppression_max_n,
         "has_key": portal.settings.pseudonym_key is not None},
    )  # fmt: skip


@router.post("/publisering")
def publish(
    portal: PortalDep,
    visitor: StaffDep,
    year: Annotated[int, Form(alias="aar")],
    stage: Annotated[str, Form(alias="stadium")],
) -> Response:
    """Make a release now."""
    year = known_year(year)
    try:
        chosen = Stage(stage)
    except ValueError:
        raise Invalid("Velg foreløpige eller endelige tall.", reason=Reason.UNPROCESSABLE) from None
    made = production.publish(portal.db, portal.settings, year, chosen, visitor.principal.user_id)
    return RedirectResponse(f"/ssb/publisering/{made.release.id}", status_code=303)


@router.get("/publisering/{release_id}")
def release_page(
    request: Request, portal: PortalDep, visitor: StaffDep, session: ReadSessionDep,
    release_id: int,
) -> Response:  # fmt: skip
    """A release: what it was made from, its symbols, and what changed since the one before."""
    view = production.release_view(session, release_id)
    return portal.pages.render(
        request, "staff_release.html", {"view": view, "labels": production.SYMBOL_LABELS}
    )
