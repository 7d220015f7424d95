"""Web forms on the portal: fill in, check as the answers change, save a draft, hand the answers
on to be submitted. The pages work without JavaScript (save, or check and go on); with it, the
findings follow each change (`/kontroll`, answered as JSON)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from kostra.controls import Severity, webform
from kostra.errors import Invalid, NotFound, Reason
from kostra.services import webforms
from kostra.services.targets import Target, may_deliver_for
from kostra.text import clock_time
from kostra.web.auth import Visitor, VisitorDep
from kostra.web.deps import Portal, PortalDep, ReadSessionDep, TargetDep

router = APIRouter(include_in_schema=False)


def web_target(target: TargetDep) -> Target:
    """The web form a page's address names; NotFound for an extract's form."""
    if not target.form.is_web:
        raise NotFound(f"Skjema {target.form.form} leveres som filuttrekk, ikke som nettskjema.")
    return target


WebTargetDep = Annotated[Target, Depends(web_target)]


async def _posted(request: Request, target: Target) -> dict[str, Any]:
    form: FormData = await request.form(max_files=0, max_fields=400)
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    if sum(len(v) for v in fields.values()) > webforms.MAX_ANSWER_BYTES:
        raise Invalid("Svarene er for lange.", reason=Reason.TOO_LARGE)
    return webforms.form_fields(fields, target)


@router.get("/portal/{unit}/{form}/{year}/skjema")
def form_page(
    request: Request,
    portal: PortalDep,
    visitor: VisitorDep,
    session: ReadSessionDep,
    target: WebTargetDep,
    checked_all: Annotated[bool, Query(alias="kontroll")] = False,
) -> Response:
    """The form, with the answers so far and what the controls find in them (that a mandatory
    question is not answered yet only once the answers have been checked: `?kontroll=1`)."""
    view = webforms.form_view(session, visitor.principal, target, checked_all=checked_all)
    return portal.pages.render(
        request,
        "webform.html",
        {"view": view, "may_deliver": visitor.principal.may_deliver_for(target.unit)},
    )


def _live(checked: webform.Checked, target: Target) -> dict[str, Any]:
    report = checked.report
    sums = {
        f.name: webform.show(f, checked.answers.values.get(f.name))
        if checked.answers.values.get(f.name) is not None
        else ""
        for f in target.form.fields
        if f.sum_of
    }
    return {
        "outcome": report.outcome.value,
        "may_submit": report.may_submit,
        "errors": report.count(Severity.ERROR) + report.count(Severity.FATAL),
        "warnings": report.count(Severity.WARNING),
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "severity_label": f.severity.label,
                "title": f.title,
                "message": f.message,
                "fields": list(f.fields),
                "missing": webform.is_missing(f),  # only not answered yet: shown once visited
            }
            for f in report.findings
        ],
        "sums": sums,
        "asked": checked.answers.asked,
    }


@router.post("/portal/{unit}/{form}/{year}/skjema/kontroll")
async def live_check(
    request: Request, portal: PortalDep, visitor: VisitorDep, target: WebTargetDep
) -> Response:
    """The findings on the answers as they stand in the browser (nothing is saved; only the
    unit's own reporters fill in its form)."""
    may_deliver_for(visitor.principal, target)
    sent = await _posted(request, target)
    checked = await run_in_threadpool(_check, portal, visitor, target, sent)
    return JSONResponse(_live(checked, target), headers={"Cache-Control": "no-store"})


def _check(
    portal: Portal, visitor: Visitor, target: Target, sent: dict[str, Any]
) -> webform.Checked:
    with portal.db.read() as session:
        return webforms.check(session, visitor.principal, target, sent)


@router.post("/portal/{unit}/{form}/{year}/skjema/utkast")
async def save_draft(
    request: Request, portal: PortalDep, visitor: VisitorDep, target: WebTargetDep
) -> Response:
    """Save the answers as they stand in the browser as the unit's draft, as the reporter types
    (answered as JSON: when it was saved)."""
    may_deliver_for(visitor.principal, target)
    sent = await _posted(request, target)
    at = await run_in_threadpool(webforms.save_draft, portal.db, visitor.principal, target, sent)
    return JSONResponse(
        {"saved_at": at.isoformat(), "message": f"Utkast lagret kl. {clock_time(at)}."},
        headers={"Cache-Control": "no-store"},
    )


@router.post("/portal/{unit}/{form}/{year}/skjema")
async def save(
    request: Request, portal: PortalDep, visitor: VisitorDep, target: WebTargetDep
) -> Response:
    """Save the answers as a draft; with `handling=kontroller`, also hand them on as an upload,
    checked, whose page has the error list and the button that submits."""
    may_deliver_for(visitor.principal, target)
    posted = await request.form(max_files=0, max_fields=400)
    action = posted.get("handling")
    sent = await _posted(request, target)
    await run_in_threadpool(webforms.save_draft, portal.db, visitor.principal, target, sent)
    if action != "kontroller":
        return RedirectResponse(target.form_url + "?lagret=1", status_code=303)
    view = await run_in_threadpool(
        webforms.deliver, portal.db, portal.runner.check, visitor.principal, target, sent, "web",
        limit=portal.upload_limit,
    )  # fmt: skip
    return RedirectResponse(f"/opplastinger/{view.upload.id}", status_code=303)
