"""The REST API (/api/v1): what the portal's pages do, for case-handling systems and scripts.

Every route but /health takes `Authorization: Bearer <token>`. The documents are in
`web/schemas.py`; errors are `ApiError` in Norwegian, with the same words as the pages.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from kostra import __version__
from kostra.catalog import FormDefinition, UnknownForm, UnknownYear, load
from kostra.errors import Invalid, NotFound, Reason
from kostra.intake.access import Principal
from kostra.intake.calendar import Window
from kostra.intake.receipt import Receipt
from kostra.records.answers import UnreadableAnswers, from_bytes
from kostra.services import delivery, views, webforms
from kostra.services.followup import intake_matrix
from kostra.services.targets import Target, delivered_forms, may_deliver_for, resolve, units_of
from kostra.services.views import DeliveryView, UploadView
from kostra.services.years import chosen_year, known_year
from kostra.store import calendar
from kostra.store.database import Database
from kostra.text import end_of_day, now
from kostra.web.auth import ApiPrincipalDep, ApiStaffDep
from kostra.web.deps import PortalDep, ReadSessionDep
from kostra.web.schemas import (
    ApiError,
    CellOut,
    DeclarationOut,
    DeliveryOut,
    HealthOut,
    IntakeOut,
    IntakeRowOut,
    MeOut,
    ReceiptOut,
    ReportOut,
    SubmitIn,
    TotalOut,
    UnitOut,
    UploadOut,
    UploadSummary,
    VersionOut,
    WindowOut,
)
from kostra.web.uploads import read_upload

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ApiError, "description": text}
    for status, text in {
        400: "Forespørselen kunne ikke leses",
        401: "Mangler eller ugyldig API-nøkkel",
        403: "Ingen tilgang, eller utenfor rapporteringsvinduet",
        404: "Finnes ikke, eller ikke din",
        409: "Kan ikke gjennomføres nå",
        413: "For stor fil",
        422: "Ugyldige verdier, eller filen kan ikke sendes inn",
    }.items()
}

router = APIRouter(prefix="/api/v1", tags=["innrapportering"], responses=_ERRORS)

YearPath = Annotated[int, Path(ge=2000, le=2100, description="Rapporteringsår, f.eks. 2025")]
UnitPath = Annotated[
    str,
    Path(
        min_length=1, max_length=6, description="Enhet: kommunenummer, eller bydel i Oslo (030101)"
    ),
]
FormPath = Annotated[
    str, Path(min_length=1, max_length=8, description="Skjema: 11F, 11CF, 7, 7B eller 12")
]
IdPath = Annotated[str, Path(min_length=1, max_length=64)]  # an empty segment is another path


@router.get("/health", response_model=HealthOut, tags=["drift"], responses={})
async def health() -> HealthOut:
    """The portal answers (no token needed)."""
    return HealthOut(status="ok", version=__version__)


def _window_out(window: Window) -> WindowOut:
    return WindowOut(
        form=window.form,
        year=window.year,
        opens=window.opens,
        deadline=window.deadline,
        corrections=window.corrections,
        closes=window.closes,
        phase=window.phase(now()).value,
    )


@router.get("/me", response_model=MeOut)
def me(
    principal: ApiPrincipalDep,
    session: ReadSessionDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> MeOut:
    """The account behind the token and the units it may deliver for."""
    chosen = chosen_year(session, year)
    units = principal.units(units_of(chosen))
    return MeOut(
        username=principal.username,
        name=principal.name,
        role=principal.role.value,
        year=chosen,
        units=[UnitOut(code=u.code, name=u.name(chosen)) for u in units],
    )


@router.get("/calendar/{year}", response_model=list[WindowOut])
def calendar_of(year: YearPath, principal: ApiPrincipalDep, session: ReadSessionDep) -> Any:
    """The reporting calendar of a year: when each form opens, is due and closes."""
    known_year(year)
    return [_window_out(w) for w in calendar.windows(session, delivered_forms(year), year)]


def _upload_out(view: UploadView) -> UploadOut:
    row = view.upload
    return UploadOut(
        id=row.id,
        unit=row.unit,
        unit_name=view.target.name,
        form=row.form,
        year=row.year,
        file_name=row.file_name,
        size=row.size,
        sha256=row.blob_sha256,
        uploaded_at=row.uploaded_at,
        state=row.state,
        outcome=row.outcome,
        records=row.records,
        errors=row.errors,
        warnings=row.warnings,
        may_submit=view.may_submit,
        message=view.decision.message,
        submission_id=view.submission.id if view.submission else None,
        totals=[
            TotalOut(
                key=line.measure.key,
                label=line.measure.label,
                unit=line.measure.unit,
                this_year=line.this,
                last_year=line.last,
            )
            for line in view.totals
        ],
        report_url=f"/api/v1/uploads/{row.id}/report",
    )


@router.post("/uploads", response_model=UploadOut, status_code=201)
async def upload(
    principal: ApiPrincipalDep,
    portal: PortalDep,
    unit: Annotated[str, Form(max_length=6, description="Enhet: kommunenummer eller 0301xx")],
    form: Annotated[str, Form(max_length=8, description="Skjema: 11F eller 11CF")],
    year: Annotated[int, Form(ge=2000, le=2100, description="Rapporteringsår")],
    file: Annotated[UploadFile, File(description="Filuttrekket, som fagsystemet skrev det")],
) -> UploadOut:
    """Upload an extract: it is kept as received, checked by the control program, compared with
    last year; the answer holds the outcome, and the report is at `report_url`."""
    target = resolve(unit, form, year)
    may_deliver_for(principal, target)
    data, name = await read_upload(file, portal.upload_limit)
    view = await run_in_threadpool(
        delivery.upload, portal.db, portal.runner.check, principal, target, data, name, "api",
        limit=portal.upload_limit,
    )  # fmt: skip
    return _upload_out(view)


@router.get("/forms/{form}/{year}", response_model=FormDefinition)
async def form_definition(
    form: FormPath, year: YearPath, principal: ApiPrincipalDep
) -> FormDefinition:
    """A form's definition in a year: for a web form its parts, questions (name, type, unit,
    limits, when asked), sums and controls; for an extract its record layout."""
    try:
        return load(form.strip().upper(), year)
    except (UnknownForm, UnknownYear) as error:
        raise NotFound(f"Finner ikke skjemaet: {error}.") from None


_ANSWERS_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "Svarene: et JSON-objekt med spørsmålets navn og svaret (tall, true/false, "
        'dato som "2025-03-01", kode som tekst). Se skjemaets spørsmål i /forms/{form}/{year}.',
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "additionalProperties": {
                        "anyOf": [
                            {"type": "number"},
                            {"type": "boolean"},
                            {"type": "string"},
                            {"type": "null"},
                        ]
                    },
                    "example": {"SATS_ENSLIG": 7400, "DEKKER_MAT": True},
                }
            }
        },
    }
}


@router.put(
    "/deliveries/{unit}/{form}/{year}/answers",
    response_model=UploadOut,
    status_code=201,
    openapi_extra=_ANSWERS_BODY,
)
async def put_answers(
    request: Request,
    unit: UnitPath,
    form: FormPath,
    year: YearPath,
    principal: ApiPrincipalDep,
    portal: PortalDep,
) -> UploadOut:
    """Deliver a web form's answers (7, 7B, 12) from the municipality's own system: they are
    kept, checked by the form's controls and compared with last year, like an uploaded extract;
    submit them with `/uploads/{id}/submission`."""
    target = resolve(unit, form, year)
    if not target.form.is_web:
        raise NotFound(f"Skjema {target.form.form} leveres som filuttrekk: bruk /uploads.")
    may_deliver_for(principal, target)
    body = await request.body()
    if len(body) > webforms.MAX_ANSWER_BYTES:
        raise Invalid("Svarene er for store (høyst 256 kB).", reason=Reason.TOO_LARGE)
    try:
        sent = from_bytes(body)
    except UnreadableAnswers as error:
        raise Invalid(str(error)) from None
    view = await run_in_threadpool(
        webforms.deliver, portal.db, portal.runner.check, principal, target, sent, "api",
        limit=portal.upload_limit,
    )  # fmt: skip
    return _upload_out(view)


@router.get("/uploads/{upload_id}", response_model=UploadOut)
def get_upload(upload_id: IdPath, principal: ApiPrincipalDep, session: ReadSessionDep) -> UploadOut:
    """An upload and the outcome of its check."""
    return _upload_out(views.upload_view(session, principal, upload_id, with_report=False))


@router.get("/uploads/{upload_id}/report", response_model=ReportOut)
def report(upload_id: IdPath, principal: ApiPrincipalDep, session: ReadSessionDep) -> Any:
    """The control program's report on an upload: every finding, and the file's statistics."""
    view = views.upload_view(session, principal, upload_id)
    if view.report is None:
        raise NotFound("Filen er ikke ferdig kontrollert ennå.")
    return view.report.to_dict()


def _receipt_out(submission_id: str, receipt: Receipt) -> ReceiptOut:
    return ReceiptOut(id=submission_id, **receipt.to_dict())


@router.post("/uploads/{upload_id}/submission", response_model=ReceiptOut, status_code=201)
def submit(
    upload_id: IdPath, body: SubmitIn, principal: ApiPrincipalDep, portal: PortalDep
) -> ReceiptOut:
    """Submit a checked upload as the unit's next version. Submitting the same upload again
    gives back the same receipt."""
    made = delivery.submit(portal.db, principal, upload_id, body.acknowledge_warnings)
    return _receipt_out(made.submission.id, made.receipt)


@router.get("/submissions/{submission_id}", response_model=ReceiptOut)
def receipt(
    submission_id: IdPath, principal: ApiPrincipalDep, session: ReadSessionDep
) -> ReceiptOut:
    """The receipt of a submitted version."""
    return _receipt_out(submission_id, views.receipt(session, principal, submission_id))


def _delivery_out(view: DeliveryView) -> DeliveryOut:
    return DeliveryOut(
        unit=view.target.unit.code,
        unit_name=view.target.name,
        form=view.target.form.form,
        year=view.target.year,
        status=view.status.status.value,
        status_label=view.status.status.label,
        late=view.status.late,
        note=view.status.note,
        window=_window_out(view.window),
        may_deliver_now=view.decision.allowed,
        message=view.decision.message,
        nothing_to_report=view.declared is not None,
        uploads=[
            UploadSummary(
                id=u.id,
                uploaded_at=u.uploaded_at,
                file_name=u.file_name,
                outcome=u.outcome,
                records=u.records,
                errors=u.errors,
                warnings=u.warnings,
                submitted=u.id in view.submitted_uploads,
            )
            for u in view.uploads
        ],
        versions=[
            VersionOut(
                id=s.id,
                version=s.version,
                submitted_at=s.submitted_at,
                late=s.late,
                outcome=s.outcome,
                records=s.records,
                sha256=s.sha256,
            )
            for s in view.submissions
        ],
        declarations=[
            DeclarationOut(
                declared_at=d.declared_at,
                late=d.late,
                withdrawn_at=d.withdrawn_at,
                withdrawn_note=d.withdrawn_note,
            )
            for d in view.declarations
        ],
    )


def _delivery(db: Database, principal: Principal, target: Target) -> DeliveryOut:
    with db.read() as session:
        return _delivery_out(views.delivery_view(session, principal, target))


@router.get("/deliveries/{unit}/{form}/{year}", response_model=DeliveryOut, name="delivery")
def delivery_of(
    unit: UnitPath, form: FormPath, year: YearPath, principal: ApiPrincipalDep, portal: PortalDep
) -> DeliveryOut:
    """A unit's delivery of a form and year: status, calendar, uploads, versions, declarations."""
    return _delivery(portal.db, principal, resolve(unit, form, year))


@router.put("/deliveries/{unit}/{form}/{year}/declaration", response_model=DeliveryOut)
def declare(
    unit: UnitPath, form: FormPath, year: YearPath, principal: ApiPrincipalDep, portal: PortalDep
) -> DeliveryOut:
    """Declare that the unit has nobody to report (no recipients, no participants)."""
    target = resolve(unit, form, year)
    delivery.declare(portal.db, principal, target)
    return _delivery(portal.db, principal, target)


@router.delete("/deliveries/{unit}/{form}/{year}/declaration", response_model=DeliveryOut)
def withdraw(
    unit: UnitPath, form: FormPath, year: YearPath, principal: ApiPrincipalDep, portal: PortalDep
) -> DeliveryOut:
    """Withdraw the unit's "nothing to report" declaration."""
    target = resolve(unit, form, year)
    delivery.withdraw(portal.db, principal, target)
    return _delivery(portal.db, principal, target)


@router.get("/intake/{year}", response_model=IntakeOut, tags=["SSB"])
def intake(
    year: YearPath,
    principal: ApiStaffDep,
    session: ReadSessionDep,
    at: Annotated[date | None, Query(description="Status ved utgangen av denne dagen")] = None,
) -> IntakeOut:
    """Every unit × form with its status, now or at the end of a chosen day (staff only)."""
    known_year(year)
    table = intake_matrix(session, year, end_of_day(at) if at else None)
    return IntakeOut(
        year=year,
        at=table.at,
        counts={
            form: {status.value: n for status, n in table.counts(form).items()}
            for form in table.forms
        },
        rows=[
            IntakeRowOut(
                unit=row.code,
                name=row.name,
                county=row.county,
                kostra_group=row.kostra_group,
                forms=[
                    CellOut(
                        form=cell.form,
                        status=cell.status.status.value,
                        status_label=cell.status.status.label,
                        late=cell.status.late,
                        version=cell.facts.version,
                        uploads=cell.facts.uploads,
                        reminders=cell.facts.reminders,
                        error_lists_sent=cell.facts.error_lists_sent,
                        error_lists_open=cell.facts.error_lists_open,
                    )
                    for cell in row.reported()
                ],
            )
            for row in table.rows
        ],
    )
