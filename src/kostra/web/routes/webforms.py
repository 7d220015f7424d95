"""Web forms on the portal: fill in, check as the answers change, save a draft, hand the answers
on to be submitted. The pages work without JavaScript (save, or check and go on); with it, the
findings follow each change (`/kontroll`, answered as JSON)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from kostra.controls import Severity, webform
from kostra.web import deliveries, webforms
from kostra.web.auth import VisitorDep
from kostra.web.errors import BadRequest, NotFound
from kostra.web.portal import PortalDep
from kostra.web.targets import Target, may_deliver_for, resolve

router = APIRouter(include_in_schema=False)


def _web_target(unit: str, form: str, year: int) -> Target:
    target = resolve(unit, form, year)
    if not target.form.is_web:
        raise NotFound(f"Skjema {target.form.form} leveres som filuttrekk, ikke som nettskjema.")
    return target


async def _posted(request: Request, target: Target) -> dict[str, Any]:
    form: FormData = await request.form(max_files=0, max_fields=400)
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    if sum(len(v) for v in fields.values()) > webforms.MAX_ANSWER_BYTES:
        raise BadRequest("Svarene er for lange.", 413)
    return webforms.form_fields(fields, target)


@router.get("/portal/{unit}/{form}/{year}/skjema")
async def form_page(
    request: Request, portal: PortalDep, visitor: VisitorDep, unit: str, form: str, year: int
) -> Response:
    """The form, with the answers so far and what the controls find in them."""
    target = _web_target(unit, form, year)
    view = await run_in_threadpool(webforms.form_view, portal, visitor.principal, target)
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
            }
            for f in report.findings
        ],
        "sums": sums,
        "asked": checked.answers.asked,
    }


@router.post("/portal/{unit}/{form}/{year}/skjema/kontroll")
async def live_check(
    request: Request, portal: PortalDep, visitor: VisitorDep, unit: str, form: str, year: int
) -> Response:
    """The findings on the answers as they stand in the browser (nothing is saved; only the
    unit's own reporters fill in its form)."""
    target = _web_target(unit, form, year)
    may_deliver_for(visitor.principal, target)
    sent = await _posted(request, target)
    checked = await run_in_threadpool(webforms.check, portal, visitor.principal, target, sent)
    return JSONResponse(_live(checked, target), headers={"Cache-Control": "no-store"})


@router.post("/portal/{unit}/{form}/{year}/skjema")
async def save(
    request: Request, portal: PortalDep, visitor: VisitorDep, unit: str, form: str, year: int
) -> Response:
    """Save the answers as a draft; with `handling=kontroller`, also hand them on as an upload,
    checked, whose page has the error list and the button that submits."""
    target = _web_target(unit, form, year)
    may_deliver_for(visitor.principal, target)
    posted = await request.form(max_files=0, max_fields=400)
    action = posted.get("handling")
    sent = await _posted(request, target)
    await run_in_threadpool(webforms.save_draft, portal, visitor.principal, target, sent)
    if action != "kontroller":
        return RedirectResponse(target.form_url + "?lagret=1", status_code=303)
    checked = await run_in_threadpool(webforms.check, portal, visitor.principal, target, sent)
    data = webforms.answer_bytes(checked, sent)
    view = await deliveries.upload(
        portal, visitor.principal, target, data, webforms.file_name(target), "web"
    )
    return RedirectResponse(f"/opplastinger/{view.upload.id}", status_code=303)
