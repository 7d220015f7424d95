"""Staff pages of statistics production: revision against last year, corrections, releases."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kostra.errors import Invalid, Reason
from kostra.production.estimates import METHOD
from kostra.publish.release import Stage
from kostra.services.targets import reporting_years
from kostra.store import releases
from kostra.store.models import Release
from kostra.store.production import CorrectionRefused
from kostra.web import production
from kostra.web.auth import StaffDep
from kostra.web.deps import year_of
from kostra.web.portal import PortalDep

router = APIRouter(prefix="/ssb", include_in_schema=False)


@router.get("/produksjon")
async def revision(
    request: Request, portal: PortalDep, visitor: StaffDep, aar: int | None = None
) -> Response:
    """Every unit's accepted totals against last year, the largest changes first."""
    year = await run_in_threadpool(year_of, portal, aar)
    rows = await run_in_threadpool(production.revision, portal, year)
    return portal.pages.render(
        request,
        "staff_revision.html",
        {"year": year, "years": reporting_years(), "rows": rows,
         "flagged": sum(r.flagged for r in rows), "share": production.LARGE_CHANGE},
    )  # fmt: skip


@router.get("/produksjon/{unit}/{form}")
async def unit_records(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    unit: str,
    form: str,
    aar: int | None = None,
    linje: Annotated[int | None, Query(ge=1, le=10_000_000)] = None,
) -> Response:
    """A unit's latest version: its corrections, and one record to correct."""
    year = await run_in_threadpool(year_of, portal, aar)
    view = await run_in_threadpool(production.record_view, portal, unit, form, year, linje)
    return portal.pages.render(
        request, "staff_records.html",
        {"view": view, "unit": unit, "form": form.upper(), "year": year, "message": ""},
    )  # fmt: skip


@router.post("/produksjon/{unit}/{form}/rettelse")
async def add_correction(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    unit: str,
    form: str,
    aar: Annotated[int, Form()],
    linje: Annotated[int, Form(ge=1)],
    felt: Annotated[str, Form(max_length=40)],
    verdi: Annotated[str, Form(max_length=200)] = "",
    begrunnelse: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Correct one field of one record; the submitted version stays as it was."""
    year = await run_in_threadpool(year_of, portal, aar)
    try:
        await run_in_threadpool(
            production.add_correction, portal, visitor.principal, unit, form, year, linje,
            felt, verdi, begrunnelse,
        )  # fmt: skip
    except CorrectionRefused as error:
        view = await run_in_threadpool(production.record_view, portal, unit, form, year, linje)
        return portal.pages.render(
            request, "staff_records.html",
            {"view": view, "unit": unit, "form": form.upper(), "year": year,
             "message": str(error)},
            status=422,
        )  # fmt: skip
    return RedirectResponse(
        f"/ssb/produksjon/{unit}/{form.upper()}?aar={year}&linje={linje}", status_code=303
    )


@router.get("/publisering")
async def publishing(
    request: Request, portal: PortalDep, visitor: StaffDep, aar: int | None = None
) -> Response:
    """Every release, and the buttons that make the next."""
    year = await run_in_threadpool(year_of, portal, aar)

    def every() -> list[Release]:
        with portal.db.read() as session:
            return releases.releases(session)

    rows = await run_in_threadpool(every)
    return portal.pages.render(
        request, "staff_publishing.html",
        {"year": year, "years": reporting_years(), "rows": rows, "method": METHOD,
         "max_n": portal.settings.suppression_max_n,
         "has_key": portal.settings.pseudonym_key is not None},
    )  # fmt: skip


@router.post("/publisering")
async def publish(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    aar: Annotated[int, Form()],
    stadium: Annotated[str, Form()],
) -> Response:
    """Make a release now."""
    year = await run_in_threadpool(year_of, portal, aar)
    try:
        stage = Stage(stadium)
    except ValueError:
        raise Invalid("Velg foreløpige eller endelige tall.", reason=Reason.UNPROCESSABLE) from None
    made = await run_in_threadpool(production.make_release, portal, visitor.principal, year, stage)
    return RedirectResponse(f"/ssb/publisering/{made.id}", status_code=303)


@router.get("/publisering/{release_id}")
async def release_page(
    request: Request, portal: PortalDep, visitor: StaffDep, release_id: int
) -> Response:
    """A release: what it was made from, its symbols, and what changed since the one before."""
    view = await run_in_threadpool(production.release_view, portal, release_id)
    return portal.pages.render(
        request, "staff_release.html", {"view": view, "labels": production.SYMBOL_LABELS}
    )
