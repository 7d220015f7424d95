"""The REST API's documents (pydantic), one per use, built from the domain's objects.

The control report keeps the JSON contract of ARCHITECTURE.md ("Interfaces"), the same the
`kostra control --json` command prints.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field


class FieldProblem(BaseModel):
    """One thing wrong with a request."""

    field: str
    problem: str


class ApiError(BaseModel):
    """An error: what is wrong and what to do, in Norwegian."""

    detail: str
    errors: list[FieldProblem] | None = None


class FindingOut(BaseModel):
    """One finding of the control program (or of the comparison with last year)."""

    rule: str
    severity: str = Field(description="fatal, error, warning or info")
    title: str
    lines: list[int]
    message: str
    caseworker: str | None
    journal: str | None


class StatTableOut(BaseModel):
    """One of the control program's per-file statistics tables."""

    title: str
    heading: list[str]
    rows: list[list[Any]]


class ReportOut(BaseModel):
    """The control program's report on an extract."""

    form: str
    year: int
    municipality: str
    district: str | None
    records: int
    outcome: str = Field(description="ok, info, warning, error or fatal")
    may_submit: bool
    encoding: str | None
    controls_performed: int
    findings: list[FindingOut]
    stats: list[StatTableOut]


class TotalOut(BaseModel):
    """One total of the extract against the unit's accepted delivery last year."""

    key: str
    label: str
    unit: str
    this_year: int
    last_year: int | None


class UploadOut(BaseModel):
    """An uploaded extract and the result of its check."""

    id: str
    unit: str
    unit_name: str
    form: str
    year: int
    file_name: str
    size: int
    sha256: str
    uploaded_at: datetime
    state: str = Field(description="received (being checked), checked, or failed")
    outcome: str | None
    records: int | None
    errors: int | None
    warnings: int | None
    may_submit: bool = Field(description="Whether the upload can be submitted now")
    message: str = Field(description="What the calendar says about submitting now")
    submission_id: str | None
    totals: list[TotalOut]
    report_url: str


class SubmitIn(BaseModel):
    """A submission of an upload."""

    acknowledge_warnings: bool = Field(
        default=False,
        description="Must be true when the upload has warnings: they have been looked through.",
    )


class ReceiptOut(BaseModel):
    """The receipt (kvittering) of a submitted version."""

    id: str
    number: str
    form: str
    year: int
    unit: str
    unit_name: str
    version: int
    submitted_at: datetime
    submitted_by: str
    file_name: str | None
    sha256: str | None
    size: int
    records: int
    warnings_acknowledged: int
    late: bool


class WindowOut(BaseModel):
    """The reporting calendar of a form and year (Oslo's days)."""

    form: str
    year: int
    opens: date
    deadline: date
    corrections: date
    closes: date
    phase: str = Field(description="not_open, open, late, no_corrections or closed")


class UnitOut(BaseModel):
    """A reporting unit."""

    code: str
    name: str


class MeOut(BaseModel):
    """The account behind the token, and the units it may deliver for in a year."""

    username: str
    name: str
    role: str
    year: int
    units: list[UnitOut]


class UploadSummary(BaseModel):
    """An upload in a delivery's history."""

    id: str
    uploaded_at: datetime
    file_name: str
    outcome: str | None
    records: int | None
    errors: int | None
    warnings: int | None
    submitted: bool


class VersionOut(BaseModel):
    """A submitted version in a delivery's history."""

    id: str
    version: int
    submitted_at: datetime
    late: bool
    outcome: str
    records: int
    sha256: str


class DeclarationOut(BaseModel):
    """A "nothing to report" declaration."""

    declared_at: datetime
    late: bool
    withdrawn_at: datetime | None
    withdrawn_note: str | None


class DeliveryOut(BaseModel):
    """A unit's delivery of a form and year: status, calendar and history."""

    unit: str
    unit_name: str
    form: str
    year: int
    status: str
    status_label: str
    late: bool
    note: str
    window: WindowOut
    may_deliver_now: bool
    message: str
    nothing_to_report: bool
    uploads: list[UploadSummary]
    versions: list[VersionOut]
    declarations: list[DeclarationOut]


class CellOut(BaseModel):
    """One unit and form in the intake matrix."""

    form: str
    status: str
    status_label: str
    late: bool
    version: int | None
    uploads: int
    reminders: int
    error_lists_sent: int
    error_lists_open: int


class IntakeRowOut(BaseModel):
    """One unit of the intake matrix."""

    unit: str
    name: str
    county: str
    kostra_group: str | None
    forms: list[CellOut]


class IntakeOut(BaseModel):
    """The intake of a reporting year at a moment."""

    year: int
    at: datetime
    counts: dict[str, dict[str, int]]
    rows: list[IntakeRowOut]


class HealthOut(BaseModel):
    """The portal answers."""

    status: str
    version: str
