"""Staff pages of statistics production: revision against last year, corrections, releases.
A route takes its dependencies and calls one service (`kostra.services.revision`,
`kostra.services.corrections`, `kostra.services.production`)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from kostra.errors import Invalid, Reason
from kostra.intake.comparison import SHARE
from kostra.production.corrections import CorrectionRefused, LooksLikeIdentity
from kostra.production.estimates import METHOD
from kostra.publish.release import Stage
from kostra.services import corrections, production, revision
from kostra.services.targets import reporting_years
from kostra.services.years import known_year
from kostra.store import releases
from kostra.web.auth import StaffDep, Visitor
from kostra.web.deps import Portal, PortalDep, ReadSessionDep, YearDep

router = APIRouter(prefix="/ssb", include_in_schema=False)

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
