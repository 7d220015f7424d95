"""The reporting portal: a unit's deliveries, upload and error list, submission and receipt,
"nothing to report". Every page checks that the visitor may see the unit; every change that
they may deliver for it (and carries the session's CSRF token, `auth.require_visitor`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kostra.controls.csv_report import render_csv
from kostra.controls.errorlist import file_name, select
from kostra.controls.html_report import render_html
from kostra.intake.calendar import Window
from kostra.intake.status import Facts, UnitStatus, status_of
from kostra.registry import ReportingUnit
from kostra.store import calendar, followup
from kostra.store.deliveries import Refused
from kostra.text import now
from kostra.web import deliveries, views
from kostra.web.auth import VisitorDep
from kostra.web.errors import NotFound
from kostra.web.listing import SEVERITY_CHOICES, heading, listing, selection_from
from kostra.web.portal import Portal, PortalDep
from kostra.web.targets import (
    Target,
    delivered_forms,
    may_deliver_for,
    reporting_years,
    reports,
    resolve,
    units_of,
    web_forms,
)
from kostra.web.uploads import read_upload
from kostra.web.years import chosen_year

router = APIRouter(include_in_schema=False)


@router.get("/portal")
async def overview(
    request: Request, portal: PortalDep, visitor: VisitorDep, aar: int | None = None
) -> Response:
    """The visitor's units and forms for a year, each with its status and deadline."""
    if visitor.principal.is_staff:
        return RedirectResponse("/ssb", status_code=303)
    year = await run_in_threadpool(chosen_year, portal, aar)
    forms = delivered_forms(year)

    def gather() -> list[tuple[ReportingUnit, str, list[tuple[str, Window, UnitStatus] | None]]]:
        at = now()
        units = visitor.principal.units(units_of(year))
        rows = []
        with portal.db.read() as session:
            windows = {w.form: w for w in calendar.windows(session, forms, year)}
            # One unit's history is read alone; Oslo's fifteen districts with the whole year's.
            only = units[0].code if len(units) == 1 else None
            known = {form: followup.facts(session, windows[form], at, unit=only) for form in forms}
        for unit in units:
            cells: list[tuple[str, Window, UnitStatus] | None] = []
            for form in forms:
                if not reports(unit, form, year):
                    cells.append(None)
                    continue
                facts = known[form].get(unit.code) or Facts(unit=unit.code)
                cells.append((form, windows[form], status_of(facts, windows[form], at)))
            rows.append((unit, unit.name(year), cells))
        return rows

    rows = await run_in_threadpool(gather)
    return portal.pages.render(
        request,
        "portal_overview.html",
        {
            "year": year,
            "years": reporting_years(),
            "rows": rows,
            "forms": forms,
            "web_forms": web_forms(),
        },
    )


def _target(unit: str, form: str, year: int) -> Target:
    return resolve(unit, form, year)


@router.get("/portal/{unit}/{form}/{year}")
async def delivery(
    request: Request, portal: PortalDep, visitor: VisitorDep, unit: str, form: str, year: int
) -> Response:
    """A unit's delivery of a form and year: deadlines, status, upload, declaration, history."""
    target = _target(unit, form, year)
    view = await run_in_threadpool(views.delivery_view, portal, visitor.principal, target)
    return portal.pages.render(
        request,
        "delivery.html",
        {
            "view": view,
            "may_deliver": visitor.principal.may_deliver_for(target.unit),
            "limit_mb": portal.settings.max_file_mb,
        },
    )


def _refused(request: Request, portal: Portal, error: Refused, back: str, title: str) -> Response:
    return portal.pages.render(
        request,
        "error.html",
        {"title": title, "message": error.message, "status": error.status, "back": back},
        status=error.status,
    )


@router.post("/portal/{unit}/{form}/{year}/opplasting")
async def upload(
    request: Request,
    portal: PortalDep,
    visitor: VisitorDep,
    unit: str,
    form: str,
    year: int,
    fil: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Upload an extract: it is kept, checked, and its error list shown."""
    target = _target(unit, form, year)
    may_deliver_for(visitor.principal, target)
    data, name = await read_upload(fil, portal.upload_limit)
    view = await deliveries.upload(portal, visitor.principal, target, data, name, "web")
    return RedirectResponse(f"/opplastinger/{view.upload.id}", status_code=303)


@router.post("/portal/{unit}/{form}/{year}/ingen")
async def declare(
    request: Request, portal: PortalDep, visitor: VisitorDep, unit: str, form: str, year: int
) -> Response:
    """Declare that the unit has nobody to report."""
    target = _target(unit, form, year)
    try:
        await deliveries.declare(portal, visitor.principal, target)
    except Refused as error:
        return _refused(request, portal, error, target.url, "Kan ikke registreres")
    return RedirectResponse(target.url, status_code=303)


@router.post("/portal/{unit}/{form}/{year}/ingen/trekk")
async def withdraw(
    request: Request, portal: PortalDep, visitor: VisitorDep, unit: str, form: str, year: int
) -> Response:
    """Withdraw the unit's "nothing to report" declaration."""
    target = _target(unit, form, year)
    try:
        await deliveries.withdraw(portal, visitor.principal, target)
    except Refused as error:
        return _refused(request, portal, error, target.url, "Kan ikke trekkes")
    return RedirectResponse(target.url, status_code=303)


@router.get("/opplastinger/{upload_id}")
async def upload_page(
    request: Request,
    portal: PortalDep,
    visitor: VisitorDep,
    upload_id: str,
    alvorlighet: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI reads, never mutates
    saksbehandler: str | None = None,
    journal: Annotated[str | None, Query(max_length=100)] = None,
    side: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """An upload's error list, filtered by severity, case worker and journal number."""
    view = await run_in_threadpool(views.upload_view, portal, visitor.principal, upload_id)
    selection = selection_from(alvorlighet, saksbehandler, journal)
    shown = None
    if view.report is not None:
        head = heading(view.target, view.upload.file_name, view.upload.checked_at or now())
        link = f"{view.target.form_url}#sporsmal-" if view.target.form.is_web else None
        shown = await run_in_threadpool(listing, view.report, head, selection, side, link)
    return portal.pages.render(
        request,
        "upload.html",
        {
            "view": view,
            "listing": shown,
            "severity_choices": SEVERITY_CHOICES,
            "query": _query(alvorlighet, saksbehandler, journal),
            "may_deliver": visitor.principal.may_deliver_for(view.target.unit),
        },
        block="findings",
    )


def _query(severities: list[str], caseworker: str | None, journal: str | None) -> str:
    parts = [f"alvorlighet={quote(s)}" for s in severities]
    if caseworker is not None:
        parts.append(f"saksbehandler={quote(caseworker)}")
    if journal:
        parts.append(f"journal={quote(journal)}")
    return "&".join(parts)


def _download_name(target: Target, suffix: str, at: datetime | None) -> str:
    return file_name(target.form.form, target.year, target.unit.code, at, suffix)


@router.get("/opplastinger/{upload_id}/feilliste.csv")
async def errorlist_csv(
    portal: PortalDep,
    visitor: VisitorDep,
    upload_id: str,
    alvorlighet: Annotated[list[str], Query()] = [],  # noqa: B006
    saksbehandler: str | None = None,
    journal: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    """The error list as CSV (filtered as on the page)."""
    view = await run_in_threadpool(views.upload_view, portal, visitor.principal, upload_id)
    if view.report is None:
        raise NotFound("Filen er ikke kontrollert ennå.")
    report = select(view.report, selection_from(alvorlighet, saksbehandler, journal))
    name = _download_name(view.target, "csv", view.upload.checked_at)
    return Response(
        render_csv(report).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/opplastinger/{upload_id}/feilliste.html")
async def errorlist_html(portal: PortalDep, visitor: VisitorDep, upload_id: str) -> Response:
    """The whole error list as a self-contained page to save, send or print."""
    view = await run_in_threadpool(views.upload_view, portal, visitor.principal, upload_id)
    if view.report is None:
        raise NotFound("Filen er ikke kontrollert ennå.")
    head = heading(view.target, view.upload.file_name, view.upload.checked_at or now())
    page = await run_in_threadpool(render_html, view.report, head)
    name = _download_name(view.target, "html", view.upload.checked_at)
    return Response(
        page.encode("utf-8"),
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/opplastinger/{upload_id}/fil")
async def original(portal: PortalDep, visitor: VisitorDep, upload_id: str) -> Response:
    """The uploaded file, byte for byte as it was received."""
    name, data = await run_in_threadpool(views.original_file, portal, visitor.principal, upload_id)
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


@router.post("/opplastinger/{upload_id}/innsending")
async def submit(
    request: Request,
    portal: PortalDep,
    visitor: VisitorDep,
    upload_id: str,
    advarsler_sett: Annotated[str | None, Form()] = None,
) -> Response:
    """Submit a checked upload: the unit's next version, with a receipt."""
    try:
        submission_id, _ = await deliveries.submit(
            portal, visitor.principal, upload_id, advarsler_sett is not None
        )
    except Refused as error:
        return _refused(request, portal, error, f"/opplastinger/{upload_id}", "Kan ikke sendes inn")
    return RedirectResponse(f"/innsendinger/{submission_id}", status_code=303)


@router.get("/innsendinger/{submission_id}")
async def receipt(
    request: Request, portal: PortalDep, visitor: VisitorDep, submission_id: str
) -> Response:
    """The receipt of a submission, for the screen and for print."""
    found = await run_in_threadpool(views.receipt, portal, visitor.principal, submission_id)
    return portal.pages.render(request, "receipt.html", {"receipt": found})
