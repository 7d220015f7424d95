"""Staff pages of statistics production: revision against last year (`kostra.services.revision`),
corrections (`kostra.services.corrections`), and releases prepared, previewed, confirmed,
scheduled and withdrawn (`kostra.services.publishing`). A route takes its dependencies and calls
one service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from kostra.errors import Invalid, KostraError, Reason
from kostra.intake.comparison import SHARE
from kostra.production.corrections import CorrectionRefused, LooksLikeIdentity
from kostra.production.estimates import METHOD
from kostra.services import calendars, corrections, publishing, revision
from kostra.services.targets import reporting_years
from kostra.services.years import known_year
from kostra.text import now, on_oslo_clock
from kostra.web.auth import StaffDep, Visitor
from kostra.web.deps import Portal, PortalDep, ReadSessionDep, YearDep

router = APIRouter(prefix="/ssb", include_in_schema=False)

PUBLISHING_TIME = time(8, 0)  # releases are published at eight in the morning, Oslo's clock
LineQuery = Annotated[int | None, Query(alias="linje", ge=1, le=10_000_000)]
PageQuery = Annotated[int, Query(alias="side", ge=1, le=100_000)]


@router.get("/produksjon")
def revision_list(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    session: ReadSessionDep,
    year: YearDep,
    form: Annotated[str | None, Query(alias="skjema", max_length=12)] = None,
    county: Annotated[str | None, Query(alias="fylke", max_length=4)] = None,
    shown: Annotated[str | None, Query(alias="status", max_length=12)] = None,
    page: PageQuery = 1,
) -> Response:
    """Every unit's accepted totals against last year, flagged as at upload, the largest flagged
    changes first; filtered by form, county and status, a page at a time."""
    chosen = revision.RevisionFilter(
        form=(form or "").strip().upper() or None,
        county=(county or "").strip() or None,
        shown=revision.Shown(shown) if shown in set(revision.Shown) else revision.Shown.ALL,
        page=page,
    )
    listed = revision.revision(session, year, chosen)
    query = {"aar": year, "skjema": chosen.form or "", "fylke": chosen.county or "",
             "status": chosen.shown.value}  # fmt: skip
    return portal.pages.render(
        request,
        "staff_revision.html",
        {"year": year, "years": reporting_years(), "listed": listed, "shown": revision.Shown,
         "query": urlencode({k: v for k, v in query.items() if v}), "share": SHARE},
    )  # fmt: skip


def _record_url(unit: str, form: str, year: int, **more: object) -> str:
    path = f"/ssb/produksjon/{quote(unit, safe='')}/{quote(form.upper(), safe='')}"
    return f"{path}?{urlencode({'aar': year, **{k: v for k, v in more.items() if v}})}"


def _records_page(
    request: Request, portal: Portal, visitor: Visitor, unit: str, form: str, year: int,
    line: int | None, *, field: str = "", page: int = 1, message: str = "",
    proposed: corrections.Proposed | None = None, typed: dict[str, str] | None = None,
    saved: bool = False, status: int = 200,
) -> Response:  # fmt: skip
    with portal.db.read() as session:
        view = corrections.record_view(session, visitor.principal, unit, form, year, line, page)
    chosen = field if any(f.name == field for f in view.fields) else ""
    return portal.pages.render(
        request, "staff_records.html",
        {"view": view, "unit": view.target.unit.code, "form": view.form.form, "year": year,
         "field": chosen, "message": message, "proposed": proposed, "typed": typed or {},
         "saved": saved, "record_url": _record_url},
        status=status,
    )  # fmt: skip


@router.get("/produksjon/{unit}/{form}")
def unit_records(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    year: YearDep,
    unit: str,
    form: str,
    line: LineQuery = None,
    field: Annotated[str, Query(alias="felt", max_length=40)] = "",
    page: PageQuery = 1,
    saved: Annotated[bool, Query(alias="lagret")] = False,
) -> Response:
    """A unit's latest version: its findings, its corrections, and one record (a field chosen)
    with the form that corrects it."""
    return _records_page(request, portal, visitor, unit, form, year, line, field=field,
                         page=page, saved=saved)  # fmt: skip


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
    action: Annotated[str, Form(alias="handling", max_length=12)] = "lagre",
    confirmed: Annotated[str | None, Form(alias="bekreftet", max_length=200)] = None,
) -> Response:
    """Check a correction of one field of one record and show the findings it would cause
    (`handling=kontroller`), or save it: at once when it causes no new finding, after "Lagre
    likevel" when it does. The submitted version stays as it was."""
    year = known_year(year)
    typed = {"value": value, "reason": reason}

    def again(message: str = "", proposed: corrections.Proposed | None = None,
              status: int = 200) -> Response:  # fmt: skip
        return _records_page(request, portal, visitor, unit, form, year, line, field=field,
                             message=message, proposed=proposed, typed=typed, status=status)  # fmt: skip

    try:
        # "Lagre likevel" holds for the very value it was shown with.
        done = corrections.add_correction(
            portal.db, visitor.principal, unit, form, year, line, field, value, reason,
            check_only=action == "kontroller", confirmed=confirmed is not None and confirmed == value,
        )  # fmt: skip
    except CorrectionRefused as error:  # shown on the record's page, beside the field
        if isinstance(error, LooksLikeIdentity):
            typed["value"] = ""  # an identity number is not shown again
        return again(error.message, status=422)
    if done.saved is None:
        return again(proposed=done.proposed)
    return RedirectResponse(
        _record_url(unit, form, year, linje=line, felt=field, lagret=1), status_code=303
    )


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
