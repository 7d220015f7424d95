"""Staff pages of statistics production: revision against last year, corrections
(`kostra.services.production`), and releases prepared, previewed, confirmed, scheduled and
withdrawn (`kostra.services.publishing`). A route takes its dependencies and calls one service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from kostra.errors import Invalid, KostraError, Reason
from kostra.production.estimates import METHOD
from kostra.services import calendars, production, publishing
from kostra.services.targets import reporting_years
from kostra.services.years import known_year
from kostra.store.production import CorrectionRefused
from kostra.text import now, on_oslo_clock
from kostra.web.auth import StaffDep
from kostra.web.deps import Portal, PortalDep, ReadSessionDep, YearDep

router = APIRouter(prefix="/ssb", include_in_schema=False)

PUBLISHING_TIME = time(8, 0)  # releases are published at eight in the morning, Oslo's clock
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


def _publishing_page(
    request: Request, portal: Portal, session: Session, year: int, message: str = "",
    status: int = 200,
) -> Response:  # fmt: skip
    return portal.pages.render(
        request, "staff_publishing.html",
        {"year": year, "years": reporting_years(), "rows": publishing.listing(session),
         "stages": publishing.stage_choices(session, year), "method": METHOD,
         "max_n": portal.settings.suppression_max_n, "message": message,
         "has_key": portal.settings.pseudonym_key is not None},
        status=status,
    )  # fmt: skip


@router.get("/publisering")
def publishing_page(
    request: Request, portal: PortalDep, visitor: StaffDep, session: ReadSessionDep, year: YearDep
) -> Response:
    """Every release and its state, and the form that prepares the next."""
    return _publishing_page(request, portal, session, year)


@router.post("/publisering")
def prepare(
    portal: PortalDep,
    visitor: StaffDep,
    year: Annotated[int, Form(alias="aar")],
    stage: Annotated[str, Form(alias="stadium")],
) -> Response:
    """Prepare a release: built now, public only once confirmed and its moment has come."""
    year = known_year(year)
    chosen = publishing.parse_stage(stage)
    made = publishing.prepare(portal.db, portal.settings, visitor.principal, year, chosen)
    return RedirectResponse(f"/ssb/publisering/{made.release.id}", status_code=303)


def _release_page(
    request: Request, portal: Portal, release_id: int, message: str = "", status: int = 200
) -> Response:
    with portal.db.read() as session:
        view = publishing.release_view(session, release_id)
        dates = calendars.publication_dates(session, view.release.year)
    planned = on_oslo_clock(dates.of(view.stage.value), PUBLISHING_TIME)
    return portal.pages.render(
        request, "staff_release.html",
        {"view": view, "labels": publishing.SYMBOL_LABELS, "message": message,
         "planned": planned if planned > now() else None, "clock": PUBLISHING_TIME},
        status=status,
    )  # fmt: skip


@router.get("/publisering/{release_id}")
def release_page(
    request: Request, portal: PortalDep, visitor: StaffDep, release_id: int
) -> Response:
    """A release's preview: what it is made from and misses, what it suppresses, what changed
    since the last release and since last year; its state, and the next step."""
    return _release_page(request, portal, release_id)


def _step(request: Request, portal: Portal, release_id: int, act: Callable[[], None]) -> Response:
    """Take a step of a release; a refusal is said on its page, beside the buttons."""
    try:
        act()
    except KostraError as error:
        if error.reason is Reason.NOT_FOUND:
            raise
        status = 422 if error.reason is Reason.UNPROCESSABLE else 409
        return _release_page(request, portal, release_id, error.message, status)
    return RedirectResponse(f"/ssb/publisering/{release_id}", status_code=303)


@router.post("/publisering/{release_id}/godkjenning")
def confirm(request: Request, portal: PortalDep, visitor: StaffDep, release_id: int) -> Response:
    """Confirm a release's figures (final figures: not the one who prepared them)."""
    return _step(request, portal, release_id,
                 lambda: publishing.confirm(portal.db, visitor.principal, release_id))  # fmt: skip


@router.post("/publisering/{release_id}/tidspunkt")
def schedule(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    release_id: int,
    action: Annotated[str, Form(alias="handling", max_length=20)] = "tidspunkt",
    day: Annotated[date | None, Form(alias="dato")] = None,
    clock: Annotated[time | None, Form(alias="klokkeslett")] = None,
) -> Response:
    """Set the moment a confirmed release becomes public (Oslo's clock), or publish it now."""

    def act() -> None:
        moment = None
        if action != "na":
            if day is None:
                raise Invalid("Velg dagen publiseringen skal skje.", reason=Reason.UNPROCESSABLE)
            moment = on_oslo_clock(day, clock or PUBLISHING_TIME)
        publishing.schedule(portal.db, visitor.principal, release_id, moment)

    return _step(request, portal, release_id, act)


@router.post("/publisering/{release_id}/tilbaketrekking")
def withdraw(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    release_id: int,
    reason: Annotated[str, Form(alias="begrunnelse", max_length=2000)] = "",
) -> Response:
    """Withdraw a release, with the reason the public will read."""
    return _step(request, portal, release_id,
                 lambda: publishing.withdraw(portal.db, visitor.principal, release_id, reason))  # fmt: skip


@router.get("/publisering/{release_id}/filer/{name}")
def staff_file(
    visitor: StaffDep, session: ReadSessionDep, release_id: int,
    name: Annotated[str, Path(max_length=120)],
) -> Response:  # fmt: skip
    """A file of a release, for staff, public or not yet."""
    found = publishing.staff_file(session, release_id, name)
    return Response(
        found.data, media_type=found.media_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )  # fmt: skip
