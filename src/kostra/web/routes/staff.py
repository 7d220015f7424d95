"""The statistics office's pages: the intake matrix, who was missing at a date, reminders, error
lists sent and returned, a unit's history, the reporting calendar, accounts."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BeforeValidator
from starlette.concurrency import run_in_threadpool

from kostra.errors import Forbidden, Invalid, NotFound, Reason
from kostra.intake.calendar import InvalidWindow
from kostra.intake.matrix import CSV_HEADER, csv_rows
from kostra.intake.status import ORDER, Status
from kostra.registry import (
    DISTRICTS_AND_OSLO,
    ReportingUnit,
    UnknownRegion,
    counties,
)
from kostra.services import views
from kostra.services.targets import (
    delivered_forms,
    extract_forms,
    reporting_years,
    reports,
    resolve,
    units_of,
    web_forms,
)
from kostra.store import accounts, calendar, followup
from kostra.store.models import ErrorListDispatch, Reminder, User
from kostra.text import end_of_day, now
from kostra.web.auth import StaffDep, Visitor
from kostra.web.deps import year_of
from kostra.web.followup import intake_matrix, send_error_list, send_reminders
from kostra.web.mail import DELIVERY_LABELS
from kostra.web.portal import Portal, PortalDep

router = APIRouter(prefix="/ssb", include_in_schema=False)


def _blank_is_none(value: object) -> object:
    return None if value == "" else value


# The pages' date fields may be left empty ("tom: nå"): the form then sends `dato=`, no date.
FormDate = Annotated[date | None, BeforeValidator(_blank_is_none)]


def _statuses(values: list[str]) -> set[Status]:
    known = {s.value: s for s in Status}
    return {known[v] for v in values if v in known}


@router.get("")
async def intake(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    aar: int | None = None,
    dato: FormDate = None,
    skjema: str | None = None,
    status: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI reads, never mutates
    fylke: str | None = None,
) -> Response:
    """Every unit × form with its status, at now or at the end of a chosen day."""
    year = await run_in_threadpool(year_of, portal, aar)
    at = end_of_day(dato) if dato else None
    table = await run_in_threadpool(intake_matrix, portal, year, at)
    form = skjema if skjema in table.forms else None
    rows = table.rows
    if form:  # a form chosen: the units that report it
        rows = tuple(r for r in rows if r.cell(form) is not None)
    chosen = _statuses(status)
    if chosen:
        rows = table.only(chosen, form)
    if fylke:
        rows = tuple(r for r in rows if r.county == fylke)
    return portal.pages.render(
        request,
        "staff_intake.html",
        {
            "table": table,
            "rows": rows,
            "year": year,
            "years": reporting_years(),
            "dato": dato,
            "form": form,
            "chosen": chosen,
            "fylke": fylke or "",
            "counties": counties(year),
            "order": ORDER,
            "web_forms": web_forms(),
        },
    )


@router.get("/mangler")
async def missing(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    aar: int | None = None,
    dato: FormDate = None,
    skjema: Annotated[str | None, Query(max_length=12)] = None,
) -> Response:
    """Who had not delivered at the end of a chosen day (e.g. 15 March), per form: every form,
    the extracts, the web forms, or one form (`skjema`)."""
    year = await run_in_threadpool(year_of, portal, aar)
    at = end_of_day(dato) if dato else None
    table = await run_in_threadpool(intake_matrix, portal, year, at)
    groups = {"filuttrekk": extract_forms(), "nettskjema": web_forms()}
    chosen = groups.get(skjema or "", [skjema] if skjema in table.forms else list(table.forms))
    per_form = {form: table.missing(form) for form in table.forms if form in chosen}
    return portal.pages.render(
        request,
        "staff_missing.html",
        {"table": table, "year": year, "years": reporting_years(), "dato": dato,
         "per_form": per_form, "skjema": skjema if len(chosen) < len(table.forms) else ""},
    )  # fmt: skip


@router.get("/datainngang.csv")
async def intake_csv(
    portal: PortalDep,
    visitor: StaffDep,
    aar: int | None = None,
    dato: date | None = None,
    mangler: bool = False,
) -> Response:
    """The matrix (or only the units missing something) as CSV."""
    year = await run_in_threadpool(year_of, portal, aar)
    at = end_of_day(dato) if dato else None
    table = await run_in_threadpool(intake_matrix, portal, year, at)
    rows = table.missing() if mangler else table.rows
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for line in csv_rows(table, rows):
        if not mangler or line[5] not in {s.label for s in Status if s.delivered}:
            writer.writerow(line)
    day = (dato or table.at.date()).isoformat()
    name = f"datainngang_{year}_{day}{'_mangler' if mangler else ''}.csv"
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/purringer")
async def reminders(
    request: Request, portal: PortalDep, visitor: StaffDep, aar: int | None = None
) -> Response:
    """Reminders sent in a year, and the units that could be reminded now."""
    year = await run_in_threadpool(year_of, portal, aar)

    def gather() -> tuple[list[Reminder], dict[int, str]]:
        with portal.db.read() as session:
            sent = followup.reminders(session, year)
            names = {u.id: u.name for u, _ in accounts.users(session)}
        return sent, names

    sent, names = await run_in_threadpool(gather)
    table = await run_in_threadpool(intake_matrix, portal, year, None)
    due = {form: table.missing(form) for form in table.forms}
    return portal.pages.render(
        request,
        "staff_reminders.html",
        {"year": year, "years": reporting_years(), "sent": sent, "names": names, "due": due,
         "table": table, "labels": DELIVERY_LABELS, "results": None},
    )  # fmt: skip


@router.post("/purringer")
async def remind(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    aar: Annotated[int, Form()],
    skjema: Annotated[str, Form()],
    enheter: Annotated[list[str], Form()] = [],  # noqa: B006
) -> Response:
    """Send reminders to the chosen units."""
    year = await run_in_threadpool(year_of, portal, aar)
    results = await run_in_threadpool(
        send_reminders, portal, visitor.principal, year, skjema.upper(), enheter
    )
    return portal.pages.render(
        request,
        "staff_reminders_sent.html",
        {"year": year, "form": skjema.upper(), "results": results, "labels": DELIVERY_LABELS},
    )


@router.get("/feillister")
async def error_lists(
    request: Request, portal: PortalDep, visitor: StaffDep, aar: int | None = None
) -> Response:
    """Error lists sent to units, and whether they have come back."""
    year = await run_in_threadpool(year_of, portal, aar)

    def gather() -> tuple[list[ErrorListDispatch], dict[int, str]]:
        with portal.db.read() as session:
            sent = followup.error_lists(session, year)
            names = {u.id: u.name for u, _ in accounts.users(session)}
        return sent, names

    sent, names = await run_in_threadpool(gather)
    open_count = sum(1 for d in sent if d.returned_at is None)
    unit_names = {u.code: u.name(year) for u in units_of(year)}
    return portal.pages.render(
        request,
        "staff_error_lists.html",
        {"year": year, "years": reporting_years(), "sent": sent, "names": names,
         "open_count": open_count, "unit_names": unit_names, "labels": DELIVERY_LABELS},
    )  # fmt: skip


@router.post("/feillister")
async def send_list(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    opplasting: Annotated[str, Form(max_length=64)],
    merknad: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Send an upload's error list to its unit."""
    sent = await run_in_threadpool(send_error_list, portal, visitor.principal, opplasting, merknad)
    return portal.pages.render(
        request,
        "staff_error_list_sent.html",
        {"sent": sent, "labels": DELIVERY_LABELS, "upload_id": opplasting},
    )


def _unit_deliveries(
    portal: Portal, visitor: Visitor, unit: ReportingUnit, year: int
) -> list[views.DeliveryView]:
    targets = [resolve(unit.code, f, year) for f in delivered_forms(year) if reports(unit, f, year)]
    with portal.db.read() as session:
        return [views.delivery_view(session, visitor.principal, target) for target in targets]


@router.get("/enheter/{unit}")
async def unit_history(
    request: Request, portal: PortalDep, visitor: StaffDep, unit: str, aar: int | None = None
) -> Response:
    """One unit's deliveries of every form in a year."""
    year = await run_in_threadpool(year_of, portal, aar)
    try:
        reporting_unit = ReportingUnit.from_code(unit, year, DISTRICTS_AND_OSLO)
    except UnknownRegion as error:
        raise NotFound(f"Finner ikke enheten: {error}.") from None
    deliveries = await run_in_threadpool(_unit_deliveries, portal, visitor, reporting_unit, year)
    return portal.pages.render(
        request,
        "staff_unit.html",
        {"unit": reporting_unit, "name": reporting_unit.name(year), "year": year,
         "years": reporting_years(), "views": deliveries, "labels": DELIVERY_LABELS},
    )  # fmt: skip


@router.get("/kalender")
async def calendar_page(
    request: Request, portal: PortalDep, visitor: StaffDep, aar: int | None = None
) -> Response:
    """The reporting calendar of a year, to edit."""
    year = await run_in_threadpool(year_of, portal, aar)
    return await run_in_threadpool(_calendar_page, request, portal, year, "", 200)


def _calendar_page(
    request: Request, portal: PortalDep, year: int, message: str, status: int
) -> Response:
    forms = delivered_forms(year)
    with portal.db.read() as session:
        windows = calendar.windows(session, forms, year)
        custom = {w.form: calendar.is_customised(session, w.form, year) for w in windows}
    return portal.pages.render(
        request,
        "staff_calendar.html",
        {"year": year, "years": reporting_years(), "windows": windows, "custom": custom,
         "message": message},
        status=status,
    )  # fmt: skip


@router.post("/kalender")
async def set_calendar(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    aar: Annotated[int, Form()],
    skjema: Annotated[str, Form(max_length=8)],
    apner: Annotated[date, Form()],
    frist: Annotated[date, Form()],
    rettefrist: Annotated[date, Form()],
    stenger: Annotated[date, Form()],
) -> Response:
    """Set the dates of one form's window."""
    year = await run_in_threadpool(year_of, portal, aar)
    form = skjema.strip().upper()
    if form not in delivered_forms(year):
        raise Invalid(f"Ukjent skjema «{form}».", reason=Reason.UNPROCESSABLE)

    def save() -> str:
        try:
            with portal.db.write() as session:
                calendar.set_window(
                    session, form, year, (apner, frist, rettefrist, stenger),
                    visitor.principal.user_id, now(),
                )  # fmt: skip
        except InvalidWindow as error:
            return f"Datoene for skjema {form} ble ikke lagret: {error}."
        return ""

    problem = await run_in_threadpool(save)
    if problem:
        return await run_in_threadpool(_calendar_page, request, portal, year, problem, 422)
    return RedirectResponse(f"/ssb/kalender?aar={year}", status_code=303)


@router.get("/brukere")
async def users_page(request: Request, portal: PortalDep, visitor: StaffDep) -> Response:
    """Every account (administrators only)."""
    if visitor.principal.role.value != "admin":
        raise Forbidden("Bare administratorer kan se brukerkontoene.")

    def gather() -> list[tuple[User, frozenset[str]]]:
        with portal.db.read() as session:
            return accounts.users(session)

    found = await run_in_threadpool(gather)
    return portal.pages.render(request, "staff_users.html", {"accounts": found})
