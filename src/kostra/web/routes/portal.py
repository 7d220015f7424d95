"""The reporting portal: a unit's deliveries, upload and error list, submission and receipt,
"nothing to report". Every page checks that the visitor may see the unit; every change that
they may deliver for it (and carries the session's CSRF token, `auth.require_visitor`). A route
takes its dependencies and calls one service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kostra.controls.csv_report import render_csv
from kostra.controls.errorlist import Grouping, Order, Selection, file_name, filtered
from kostra.controls.html_report import render_html
from kostra.errors import NotFound, Reason, Refused
from kostra.services import delivery, views
from kostra.services.targets import delivered_forms, may_deliver_for, reporting_years
from kostra.services.views import heading
from kostra.text import now
from kostra.web.auth import VisitorDep
from kostra.web.deps import PortalDep, ReadSessionDep, TargetDep, YearDep
from kostra.web.errors import answered_on_page
from kostra.web.listing import (
    SEVERITY_CHOICES,
    grouping_from,
    listing,
    order_from,
    selection_from,
)
from kostra.web.uploads import read_upload

router = APIRouter(include_in_schema=False)


@router.get("/portal")
def overview(
    request: Request, portal: PortalDep, visitor: VisitorDep, session: ReadSessionDep, year: YearDep
) -> Response:
    """The visitor's units and forms for a year, each with its status and next step; the
    deadline said once where the forms share it."""
    if visitor.principal.is_staff:
        return RedirectResponse("/ssb", status_code=303)
    rows = views.overview(session, visitor.principal, year)
    return portal.pages.render(
        request,
        "portal_overview.html",
        {
            "year": year,
            "years": reporting_years(),
            "rows": rows,
            "forms": delivered_forms(year),
            "deadline": views.common_deadline(rows),
            "form_deadline": views.form_deadline,
        },
    )


@router.get("/portal/{unit}/{form}/{year}")
def delivery_page(
    request: Request,
    portal: PortalDep,
    visitor: VisitorDep,
    session: ReadSessionDep,
    target: TargetDep,
) -> Response:
    """A unit's delivery of a form and year: deadlines, status, upload, declaration, history."""
    view = views.delivery_view(session, visitor.principal, target)
    return portal.pages.render(
        request,
        "delivery.html",
        {
            "view": view,
            "may_deliver": visitor.principal.may_deliver_for(target.unit),
            "limit_mb": portal.settings.max_file_mb,
        },
    )


@router.post("/portal/{unit}/{form}/{year}/opplasting")
async def upload(
    portal: PortalDep,
    visitor: VisitorDep,
    target: TargetDep,
    file: Annotated[UploadFile | None, File(alias="fil")] = None,
) -> Response:
    """Upload an extract: it is kept, checked, and its error list shown."""
    may_deliver_for(visitor.principal, target)  # before the body is read
    data, name = await read_upload(file, portal.upload_limit)
    view = await run_in_threadpool(
        delivery.upload, portal.db, portal.runner.check, visitor.principal, target, data, name,
        "web", limit=portal.upload_limit,
    )  # fmt: skip
    return RedirectResponse(f"/opplastinger/{view.upload.id}", status_code=303)


@router.post("/portal/{unit}/{form}/{year}/ingen")
def declare(
    portal: PortalDep,
    visitor: VisitorDep,
    target: TargetDep,
    confirmed: Annotated[str | None, Form(alias="bekreft", max_length=10)] = None,
) -> Response:
    """Declare that the unit has nobody to report, once the reporter has confirmed it."""
    with answered_on_page("Kan ikke registreres", target.url):
        if not confirmed:
            raise Refused(
                "Kryss av for å bekrefte at enheten ikke har noe å rapportere, og prøv igjen.",
                reason=Reason.UNPROCESSABLE,
            )
        delivery.declare(portal.db, visitor.principal, target)
    return RedirectResponse(target.url, status_code=303)


@router.post("/portal/{unit}/{form}/{year}/ingen/trekk")
def withdraw(portal: PortalDep, visitor: VisitorDep, target: TargetDep) -> Response:
    """Withdraw the unit's "nothing to report" declaration."""
    with answered_on_page("Kan ikke trekkes", target.url):
        delivery.withdraw(portal.db, visitor.principal, target)
    return RedirectResponse(target.url, status_code=303)


@dataclass(frozen=True)
class ListFilter:
    """What of an error list is asked for: severities, a case worker, a journal number, the
    order and grouping of the rows, a page."""

    severities: list[str]
    caseworker: str | None
    journal: str | None
    page: int
    order: Order = Order.CASEWORKER
    grouping: Grouping = Grouping.NONE

    @property
    def selection(self) -> Selection:
        """The findings to show."""
        return selection_from(self.severities, self.caseworker, self.journal)

    @property
    def query(self) -> str:
        """The same filter, order and grouping as a query string, for the page's links."""
        return self.query_with(self.order)

    def query_with(self, order: Order | str) -> str:
        """The query string of the same list sorted by `order` (a column heading's link)."""
        order = Order(order)
        pairs = [("alvorlighet", s) for s in self.severities]
        if self.caseworker is not None:
            pairs.append(("saksbehandler", self.caseworker))
        if self.journal:
            pairs.append(("journal", self.journal))
        if order is not Order.CASEWORKER:
            pairs.append(("sorter", order.value))
        if self.grouping is not Grouping.NONE:
            pairs.append(("grupper", self.grouping.value))
        return urlencode(pairs)


def list_filter(
    severities: Annotated[list[str], Query(alias="alvorlighet")] = [],  # noqa: B006 - read only
    caseworker: Annotated[str | None, Query(alias="saksbehandler", max_length=200)] = None,
    journal: Annotated[str | None, Query(max_length=100)] = None,
    page: Annotated[int, Query(alias="side", ge=1, le=100_000)] = 1,
    order: Annotated[str | None, Query(alias="sorter", max_length=20)] = None,
    grouping: Annotated[str | None, Query(alias="grupper", max_length=20)] = None,
) -> ListFilter:
    """The error list's filter from the query string (Norwegian names, as the portal's links);
    an unknown order or grouping is the list's own."""
    return ListFilter(
        severities, caseworker, journal, page, order_from(order), grouping_from(grouping)
    )


ListFilterDep = Annotated[ListFilter, Depends(list_filter)]


@router.get("/opplastinger/{upload_id}")
def upload_page(
    request: Request,
    portal: PortalDep,
    visitor: VisitorDep,
    session: ReadSessionDep,
    upload_id: str,
    shown: ListFilterDep,
) -> Response:
    """An upload's error list, filtered by severity, case worker and journal number."""
    view = views.upload_view(session, visitor.principal, upload_id)
    listed = None
    if view.report is not None:
        head = heading(view.target, view.upload.file_name, view.upload.checked_at or now())
        link = f"{view.target.checked_form_url}#sporsmal-" if view.target.form.is_web else None
        listed = listing(
            view.report, head, shown.selection, shown.page, link, shown.order, shown.grouping
        )
    return portal.pages.render(
        request,
        "upload.html",
        {
            "view": view,
            "listing": listed,
            "severity_choices": SEVERITY_CHOICES,
            "orders": tuple(Order),
            "groupings": tuple(Grouping),
            "shown": shown,
            "query": shown.query,
            "may_deliver": visitor.principal.may_deliver_for(view.target.unit),
        },
        block="findings",
    )


def _download(data: str, name: str, media_type: str) -> Response:
    return Response(
        data.encode("utf-8"),
        media_type=f"{media_type}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _name(view: views.UploadView, suffix: str) -> str:
    target = view.target
    return file_name(
        target.form.form, target.year, target.unit.code, view.upload.checked_at, suffix
    )


@router.get("/opplastinger/{upload_id}/feilliste.csv")
def errorlist_csv(
    visitor: VisitorDep, session: ReadSessionDep, upload_id: str, shown: ListFilterDep
) -> Response:
    """The error list as CSV (filtered as on the page)."""
    view = views.upload_view(session, visitor.principal, upload_id)
    if view.report is None:
        raise NotFound("Filen er ikke kontrollert ennå.")
    report = filtered(view.report, shown.selection)
    return _download(render_csv(report, shown.order), _name(view, "csv"), "text/csv")


@router.get("/opplastinger/{upload_id}/feilliste.html")
def errorlist_html(visitor: VisitorDep, session: ReadSessionDep, upload_id: str) -> Response:
    """The whole error list as a self-contained page to save, send or print."""
    view = views.upload_view(session, visitor.principal, upload_id)
    if view.report is None:
        raise NotFound("Filen er ikke kontrollert ennå.")
    head = heading(view.target, view.upload.file_name, view.upload.checked_at or now())
    return _download(render_html(view.report, head), _name(view, "html"), "text/html")


@router.get("/opplastinger/{upload_id}/fil")
def original(visitor: VisitorDep, session: ReadSessionDep, upload_id: str) -> Response:
    """The uploaded file, byte for byte as it was received."""
    name, data = views.original_file(session, visitor.principal, upload_id)
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


@router.post("/opplastinger/{upload_id}/innsending")
def submit(
    portal: PortalDep,
    visitor: VisitorDep,
    upload_id: str,
    warnings_seen: Annotated[str | None, Form(alias="advarsler_sett")] = None,
) -> Response:
    """Submit a checked upload: the unit's next version, with a receipt."""
    with answered_on_page("Kan ikke sendes inn", f"/opplastinger/{upload_id}"):
        made = delivery.submit(portal.db, visitor.principal, upload_id, warnings_seen is not None)
    return RedirectResponse(f"/innsendinger/{made.submission.id}", status_code=303)


@router.get("/innsendinger/{submission_id}")
def receipt(
    request: Request, portal: PortalDep, visitor: VisitorDep, session: ReadSessionDep,
    submission_id: str,
) -> Response:  # fmt: skip
    """The receipt of a submission, for the screen and for print."""
    found = views.receipt_view(session, visitor.principal, submission_id)
    return portal.pages.render(
        request, "receipt.html", {"receipt": found.receipt, "answers": found.answers}
    )
