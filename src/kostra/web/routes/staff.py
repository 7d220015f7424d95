"""The statistics office's pages: the intake matrix, who was missing at a date, reminders, error
lists sent and returned, a unit's history, the reporting calendar, accounts."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from kostra import text
from kostra.controls.programs import extract_forms, web_forms
from kostra.errors import Forbidden, NotFound
from kostra.intake.calendar import InvalidWindow
from kostra.intake.matrix import CSV_HEADER, csv_rows
from kostra.intake.status import ORDER, Status
from kostra.registry import (
    DISTRICTS_AND_OSLO,
    ReportingUnit,
    UnknownRegion,
    counties,
)
from kostra.services import calendars, inbox, views
from kostra.services.followup import (
    draft_reminders,
    follow_reminders,
    intake_matrix,
    send_error_list,
    send_reminders,
)
from kostra.services.mail import DELIVERY_LABELS
from kostra.services.targets import (
    reporting_years,
    units_of,
)
from kostra.services.years import known_year
from kostra.store import accounts, followup
from kostra.text import end_of_day, now
from kostra.web.auth import StaffDep
from kostra.web.deps import Portal, PortalDep, ReadSessionDep, YearDep
from kostra.web.paging import paged

router = APIRouter(prefix="/ssb", include_in_schema=False)


def _blank_is_none(value: object) -> object:
    return None if value == "" else value


# The pages' date fields may be left empty ("tom: nå"): the form then sends `dato=`, no date.
FormDate = Annotated[date | None, BeforeValidator(_blank_is_none)]


def _statuses(values: list[str]) -> set[Status]:
    known = {s.value: s for s in Status}
    return {known[v] for v in values if v in known}


DateQuery = Annotated[FormDate, Query(alias="dato")]


MATRIX_PAGE_ROWS = 50


@router.get("")
def intake(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    session: ReadSessionDep,
    year: YearDep,
    day: DateQuery = None,
    form: Annotated[str | None, Query(alias="skjema", max_length=12)] = None,
    statuses: Annotated[list[str], Query(alias="status")] = [],  # noqa: B006 - read only
    county: Annotated[str | None, Query(alias="fylke", max_length=4)] = None,
    page: Annotated[int, Query(alias="side", ge=1, le=100_000)] = 1,
) -> Response:
    """Every unit × form with its status, at now or at the end of a chosen day: filtered by
    form, status and county, `MATRIX_PAGE_ROWS` units to a page."""
    table = intake_matrix(session, year, end_of_day(day) if day else None)
    form = form if form in table.forms else None
    rows = table.rows
    if form:  # a form chosen: the units that report it
        rows = tuple(r for r in rows if r.cell(form) is not None)
    chosen = _statuses(statuses)
    if chosen:
        rows = table.only(chosen, form)
    if county:
        rows = tuple(r for r in rows if r.county == county)
    query = [("aar", str(year))]
    query += [("dato", day.isoformat())] if day else []
    query += [("skjema", form)] if form else []
    query += [("status", s.value) for s in ORDER if s in chosen]
    query += [("fylke", county)] if county else []
    shown = paged(rows, page, MATRIX_PAGE_ROWS, "/ssb", query)
    return portal.pages.render(
        request,
        "staff_intake.html",
        {
            "table": table,
            "rows": shown,
            "year": year,
            "years": reporting_years(),
            "dato": day,
            "form": form,
            "chosen": chosen,
            "fylke": county or "",
            "counties": counties(year),
            "order": ORDER,
            "web_forms": web_forms(),
        },
    )


@router.get("/mangler")
def missing(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    session: ReadSessionDep,
    year: YearDep,
    day: DateQuery = None,
    forms: Annotated[str | None, Query(alias="skjema", max_length=12)] = None,
) -> Response:
    """Who had not delivered at the end of a chosen day (e.g. 15 March), per form: every form,
    the extracts (`filuttrekk`), the web forms (`nettskjema`), or one form."""
    table = intake_matrix(session, year, end_of_day(day) if day else None)
    groups = {"filuttrekk": extract_forms(), "nettskjema": web_forms()}
    chosen = groups.get(forms or "", [forms] if forms in table.forms else list(table.forms))
    per_form = {form: table.missing(form) for form in table.forms if form in chosen}
    return portal.pages.render(
        request,
        "staff_missing.html",
        {"table": table, "year": year, "years": reporting_years(), "dato": day,
         "per_form": per_form, "skjema": forms if len(chosen) < len(table.forms) else "",
         "published": calendars.publication_dates(session, year)},
    )  # fmt: skip


@router.get("/datainngang.csv")
def intake_csv(
    visitor: StaffDep,
    session: ReadSessionDep,
    year: YearDep,
    day: Annotated[date | None, Query(alias="dato")] = None,
    only_missing: Annotated[bool, Query(alias="mangler")] = False,
) -> Response:
    """The matrix (or only the units missing something) as CSV."""
    table = intake_matrix(session, year, end_of_day(day) if day else None)
    rows = table.missing() if only_missing else table.rows
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    delivered = {s.label for s in Status if s.delivered}
    for line in csv_rows(table, rows):
        if not only_missing or line[5] not in delivered:
            writer.writerow(line)
    stamp = (day or text.local(table.at).date()).isoformat()
    name = f"datainngang_{year}_{stamp}{'_mangler' if only_missing else ''}.csv"
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _names(session: Session) -> dict[int, str]:
    return {user.id: user.name for user, _ in accounts.users(session)}


@router.get("/purringer")
def reminders(
    request: Request, portal: PortalDep, visitor: StaffDep, session: ReadSessionDep, year: YearDep
) -> Response:
    """Reminders sent in a year with how each unit stands now, and the units that could be
    reminded now."""
    table = intake_matrix(session, year)
    due = {form: table.missing(form) for form in table.forms}
    sent = follow_reminders(table, followup.reminders(session, year))
    return portal.pages.render(
        request,
        "staff_reminders.html",
        {"year": year, "years": reporting_years(), "sent": sent,
         "names": _names(session), "due": due, "table": table, "labels": DELIVERY_LABELS,
         "results": None},
    )  # fmt: skip


@router.post("/purringer/forhandsvisning")
def preview_reminders(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    year: Annotated[int, Form(alias="aar")],
    form: Annotated[str, Form(alias="skjema", max_length=12)],
    units: Annotated[list[str], Form(alias="enheter")] = [],  # noqa: B006 - read only
) -> Response:
    """The reminders to the chosen units as they will be sent, to read before sending them."""
    year, form = known_year(year), form.upper()
    drafts = draft_reminders(portal.db, portal.outbox, year, form, units, now())
    return portal.pages.render(
        request,
        "staff_reminders_preview.html",
        {"year": year, "form": form, "drafts": drafts,
         "to_send": [d for d in drafts if d.text is not None],
         "skipped": [d for d in drafts if d.text is None]},
    )  # fmt: skip


@router.post("/purringer")
def remind(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    year: Annotated[int, Form(alias="aar")],
    form: Annotated[str, Form(alias="skjema", max_length=12)],
    units: Annotated[list[str], Form(alias="enheter")] = [],  # noqa: B006 - read only
) -> Response:
    """Send reminders to the chosen units (after the preview)."""
    year, form = known_year(year), form.upper()
    results = send_reminders(portal.db, portal.outbox, visitor.principal, year, form, units)
    return portal.pages.render(
        request,
        "staff_reminders_sent.html",
        {"year": year, "form": form, "results": results, "labels": DELIVERY_LABELS},
    )


@router.get("/feillister")
def error_lists(
    request: Request, portal: PortalDep, visitor: StaffDep, session: ReadSessionDep, year: YearDep
) -> Response:
    """Error lists sent to units, and whether they have come back."""
    sent = followup.error_lists(session, year)
    return portal.pages.render(
        request,
        "staff_error_lists.html",
        {"year": year, "years": reporting_years(), "sent": sent, "names": _names(session),
         "open_count": sum(1 for d in sent if d.returned_at is None),
         "unit_names": {u.code: u.name(year) for u in units_of(year)},
         "labels": DELIVERY_LABELS, "messages": inbox.of_error_lists(session, year)},
    )  # fmt: skip


@router.post("/feillister")
def send_list(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    upload_id: Annotated[str, Form(alias="opplasting", max_length=64)],
    note: Annotated[str, Form(alias="merknad", max_length=2000)] = "",
) -> Response:
    """Send an upload's error list to its unit."""
    sent = send_error_list(portal.db, portal.outbox, visitor.principal, upload_id, note)
    return portal.pages.render(
        request,
        "staff_error_list_sent.html",
        {"sent": sent, "labels": DELIVERY_LABELS, "upload_id": upload_id, "note": note.strip()},
    )


@router.get("/enheter/{unit}")
def unit_history(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    session: ReadSessionDep,
    year: YearDep,
    unit: str,
) -> Response:
    """One unit's deliveries of every form in a year."""
    try:
        reporting_unit = ReportingUnit.from_code(unit, year, DISTRICTS_AND_OSLO)
    except UnknownRegion as error:
        raise NotFound(f"Finner ikke enheten: {error}.") from None
    shown = views.unit_deliveries(session, visitor.principal, reporting_unit, year)
    sent = inbox.unit_messages(session, visitor.principal, reporting_unit.code, year)
    return portal.pages.render(
        request,
        "staff_unit.html",
        {"unit": reporting_unit, "name": reporting_unit.name(year), "year": year,
         "years": reporting_years(), "views": shown, "labels": DELIVERY_LABELS,
         "messages": sent, "kinds": inbox.KIND_LABELS},
    )  # fmt: skip


def _calendar_page(
    request: Request, portal: Portal, session: Session, year: int, message: str = "",
    status: int = 200,
) -> Response:  # fmt: skip
    view = calendars.calendar_view(session, year)
    return portal.pages.render(
        request,
        "staff_calendar.html",
        {"year": year, "years": reporting_years(), "windows": view.windows,
         "custom": view.customised, "published": view.published,
         "published_custom": view.published_customised, "message": message},
        status=status,
    )  # fmt: skip


@router.get("/kalender")
def calendar_page(
    request: Request, portal: PortalDep, visitor: StaffDep, session: ReadSessionDep, year: YearDep
) -> Response:
    """The reporting calendar of a year, to edit."""
    return _calendar_page(request, portal, session, year)


@router.post("/kalender")
def set_calendar(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    year: Annotated[int, Form(alias="aar")],
    form: Annotated[str, Form(alias="skjema", max_length=8)],
    opens: Annotated[date, Form(alias="apner")],
    deadline: Annotated[date, Form(alias="frist")],
    corrections: Annotated[date, Form(alias="rettefrist")],
    closes: Annotated[date, Form(alias="stenger")],
) -> Response:
    """Set the dates of one form's window."""
    year = known_year(year)
    dates = (opens, deadline, corrections, closes)
    try:
        calendars.set_window(portal.db, visitor.principal, form, year, dates)
    except InvalidWindow as error:  # shown on the calendar, beside the dates
        message = f"Datoene for skjema {form.strip().upper()} ble ikke lagret: {error.message}."
        with portal.db.read() as session:
            return _calendar_page(request, portal, session, year, message, 422)
    return RedirectResponse(f"/ssb/kalender?{urlencode({'aar': year})}", status_code=303)


@router.post("/kalender/publisering")
def set_publication_dates(
    request: Request,
    portal: PortalDep,
    visitor: StaffDep,
    year: Annotated[int, Form(alias="aar")],
    preliminary: Annotated[date, Form(alias="forelopige")],
    final: Annotated[date, Form(alias="endelige")],
) -> Response:
    """Set when the year's preliminary and final figures are published."""
    year = known_year(year)
    try:
        calendars.set_publication_dates(portal.db, visitor.principal, year, preliminary, final)
    except InvalidWindow as error:  # shown on the calendar, beside the dates
        message = f"Publiseringsdatoene ble ikke lagret: {error.message}."
        with portal.db.read() as session:
            return _calendar_page(request, portal, session, year, message, 422)
    return RedirectResponse(f"/ssb/kalender?{urlencode({'aar': year})}", status_code=303)


@router.get("/brukere")
def users_page(
    request: Request, portal: PortalDep, visitor: StaffDep, session: ReadSessionDep
) -> Response:
    """Every account (administrators only)."""
    if visitor.principal.role.value != "admin":
        raise Forbidden("Bare administratorer kan se brukerkontoene.")
    return portal.pages.render(request, "staff_users.html", {"accounts": accounts.users(session)})
