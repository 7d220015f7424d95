"""A form as data: its fields, their place in the record, types, mandatory flags and code lists.

One `FormDefinition` per (form, reporting year). Fixed-width extracts (11F, 11CF) give every field
a start position and a width. Web forms (7, 7B, 12, and any new form written as a data file) carry
the same fields without positions, as questions: grouped in parts, with help texts, units,
permitted ranges, conditions on when they are asked, sums the portal works out, and the form's
controls, each a condition in SQL over the answers (`controls.webform` compiles them).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator


class FieldType(StrEnum):
    """How a field's text is to be read."""

    STRING = "string"  # free text, or one code of `codes`
    INTEGER = "integer"  # a whole number (a count)
    DATE = "date"
    DECIMAL = "decimal"  # a number with decimals, in steps of `step` (årsverk: 0.1 or 0.5)
    AMOUNT = "amount"  # whole kroner
    YESNO = "yesno"  # ja / nei

    @property
    def numeric(self) -> bool:
        """Whether answers of this type are numbers (summed, compared, ranged)."""
        return self in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.AMOUNT)


class TextFormat(StrEnum):
    """What a free-text answer must look like; the web form's controls check it (`-FORMAT`)."""

    EMAIL = "email"  # an e-mail address: navn@domene.no
    PHONE = "phone"  # a Norwegian telephone number: 8 digits, optionally +47 or 0047 first
    ORGNR = "orgnr"  # an organisation number: 9 digits, the last a MOD11 check digit


DATE_PATTERNS = ("ddMMyy", "ddMMyyyy")
WEB_DATE = "yyyy-MM-dd"  # how a web form's date answers are written (ISO 8601)
REPORTING_UNITS = ("districts", "districts-and-oslo", "municipalities")


class Role(StrEnum):
    """What a field of an extract says about the case rather than the person."""

    CASEWORKER = "caseworker"  # who handles the case: the error list is sorted by it
    JOURNAL = "journal"  # the case's journal number: where the reporter finds the record


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Code(_Frozen):
    """One permitted value of a field, with its label as the form prints it."""

    code: str
    label: str


class LastYear(_Frozen):
    """When a changed answer warns: by more than `share` of last year's and more than `floor`."""

    share: float = Field(default=0.3, gt=0)
    floor: float = Field(default=0, ge=0)


class Part(_Frozen):
    """A part (Del) of a web form: its heading and guidance."""

    id: str
    title: str
    help: str | None = None


class ControlDefinition(_Frozen):
    """A control of a web form, declared as data: where `rule` (SQL over the answers) is false,
    the finding's `message` is shown. A blank answer makes the rule unknown, which passes: a
    missing answer is the business of the mandatory-question check."""

    id: str = Field(pattern=r"^[0-9A-Z][0-9A-Z-]*$")
    severity: str = Field(pattern=r"^(error|warning|info)$")
    title: str
    rule: str
    message: str
    fields: tuple[str, ...] = Field(description="the questions the finding is shown at")
    values: dict[str, str] = Field(
        default_factory=dict, description="figures the message names, each SQL over the answers"
    )
    description: str = ""


class FieldDefinition(_Frozen):
    """One field (question or tick box) of a form."""

    name: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    label: str
    type: FieldType
    start: int | None = Field(
        default=None, ge=1, description="1-based first position in the record"
    )
    width: int | None = Field(default=None, ge=1)
    pattern: str | None = Field(default=None, description="date pattern, e.g. ddMMyyyy")
    mandatory: bool = False
    codes: tuple[Code, ...] = ()
    codelist: str | None = Field(default=None, description="shared code list the codes extend")
    format: TextFormat | None = Field(
        default=None, description="what a text answer must look like: email, phone or orgnr"
    )
    note: str | None = None
    # Extracts only:
    identity: bool = Field(
        default=False,
        description="the person's identity number: never shown in a message, never corrected, "
        "not kept in the microdata",
    )
    role: Role | None = Field(default=None, description="caseworker or journal number")
    # Web forms only:
    part: str | None = Field(default=None, description="the part (Del) the question is in")
    number: str | None = Field(default=None, description="the question's number, e.g. 2.1")
    help: str | None = Field(default=None, description="guidance shown with the question")
    unit: str | None = Field(default=None, description="what the number counts: kr, årsverk …")
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = Field(default=None, gt=0, description="a decimal's granularity: 0.5")
    asked_when: str | None = Field(
        default=None, description="SQL condition on other answers; otherwise not asked"
    )
    sum_of: tuple[str, ...] = Field(
        default=(), description="a total the portal works out from these questions"
    )
    last_year: LastYear | None = Field(
        default=None, description="warn when the answer changed much since last year"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.type is FieldType.DATE:
            if self.start is None and self.pattern is None:
                object.__setattr__(self, "pattern", WEB_DATE)
            allowed = DATE_PATTERNS if self.start is not None else (WEB_DATE,)
            if self.pattern not in allowed:
                raise ValueError(f"{self.name}: a date field needs a pattern in {allowed}")
            if self.width is not None and self.width != len(self.pattern or ""):
                raise ValueError(
                    f"{self.name}: width {self.width} does not fit pattern {self.pattern}"
                )
        elif self.pattern is not None:
            raise ValueError(f"{self.name}: only date fields have a pattern")
        if (self.codes or self.codelist) and self.type is not FieldType.STRING:
            raise ValueError(f"{self.name}: only string fields have code lists")
        if self.format is not None and (self.type is not FieldType.STRING or self.codes):
            raise ValueError(f"{self.name}: only free-text fields have a format")
        if (self.minimum is not None or self.maximum is not None) and not self.type.numeric:
            raise ValueError(f"{self.name}: only numbers have a minimum or maximum")
        if self.step is not None and self.type is not FieldType.DECIMAL:
            raise ValueError(f"{self.name}: only decimals have a step")
        if (self.sum_of or self.last_year) and not self.type.numeric:
            raise ValueError(f"{self.name}: only numbers are summed or compared with last year")
        if self.sum_of and self.mandatory:
            raise ValueError(f"{self.name}: a worked-out sum is not answered, so not mandatory")
        seen: set[str] = set()
        for code in self.codes:
            if self.width is not None and len(code.code) != self.width:
                raise ValueError(f"{self.name}: code {code.code!r} is not {self.width} characters")
            if code.code in seen:
                raise ValueError(f"{self.name}: code {code.code!r} appears twice")
            seen.add(code.code)
        return self

    @property
    def end(self) -> int:
        """1-based last position in the record."""
        if self.start is None or self.width is None:
            raise ValueError(f"{self.name} has no position in a record")
        return self.start + self.width - 1

    @property
    def position(self) -> str:
        """Where the field stands in the record, as a reporter reads it: `48` or `1–4`."""
        return str(self.start) if self.width == 1 else f"{self.start}–{self.end}"

    @property
    def date_format(self) -> str:
        """How a reporter writes this date field: `DDMMÅÅÅÅ` or `DDMMÅÅ`."""
        return (self.pattern or "").upper().replace("Y", "Å")

    def code_values(self) -> tuple[str, ...]:
        """The permitted codes, in the form's order."""
        return tuple(c.code for c in self.codes)

    def label_of(self, code: str) -> str | None:
        """The label of `code`, or None when it is not in the list."""
        return next((c.label for c in self.codes if c.code == code), None)

    def render_codes(self, only: tuple[str, ...] | None = None) -> str:
        """The code list as messages print it: `[1=Mann, 2=Kvinne]`."""
        chosen = self.codes if only is None else tuple(c for c in self.codes if c.code in only)
        return "[" + ", ".join(f"{c.code}={c.label}" for c in chosen) + "]"


class FormDefinition(_Frozen):
    """A form in one reporting year."""

    form: str = Field(pattern=r"^[0-9]+[A-Z]*$")
    year: int = Field(ge=2000, le=2100)
    title: str
    layout: str = Field(pattern=r"^(fixed-width|web)$")
    record_length: int | None = None
    fields: tuple[FieldDefinition, ...]
    # Web forms only:
    reporting_units: str = Field(
        default="districts",
        description="who reports: municipalities, Oslo by district ('districts'), or Oslo's "
        "districts and Oslo as a whole for what the districts cannot report",
    )
    description: str | None = None
    deadline: str | None = Field(
        default=None,
        pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        description="MM-DD of the year after: the deadline of a form the calendar does not know",
    )
    parts: tuple[Part, ...] = ()
    controls: tuple[ControlDefinition, ...] = ()
    _by_name: dict[str, FieldDefinition] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        self._by_name.update((f.name, f) for f in self.fields)

    @model_validator(mode="after")
    def _layout_is_whole(self) -> Self:
        names = [f.name for f in self.fields]
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            raise ValueError(f"fields defined twice: {sorted(duplicates)}")
        if self.layout == "fixed-width":
            position = 1
            for field in self.fields:
                if field.start != position or field.width is None:
                    raise ValueError(
                        f"{field.name} starts at {field.start}, expected {position} "
                        "(fields must follow each other without gaps)"
                    )
                position += field.width
            if self.record_length != position - 1:
                raise ValueError(
                    f"record_length {self.record_length} ≠ sum of widths {position - 1}"
                )
        if self.reporting_units not in REPORTING_UNITS:
            raise ValueError(f"reporting_units must be one of {REPORTING_UNITS}")
        for role in Role:
            having = [f.name for f in self.fields if f.role is role]
            if len(having) > 1:
                raise ValueError(
                    f"{len(having)} fields have role {role.value} ({', '.join(having)}); "
                    f"a form has at most one {role.value} field"
                )
        if self.layout == "web":
            self._web_is_whole(set(names))
        elif self.parts or self.controls:
            raise ValueError("only web forms have parts and declared controls")
        return self

    def _web_is_whole(self, names: set[str]) -> None:
        parts = {p.id for p in self.parts}
        for field in self.fields:
            if field.start is not None or field.width is not None:
                raise ValueError(f"{field.name}: a web form's questions have no position")
            if field.identity or field.role is not None:
                raise ValueError(
                    f"{field.name}: a web form's answers are about the unit, not a case"
                )
            if field.part not in parts:
                raise ValueError(f"{field.name}: part {field.part!r} is not among {sorted(parts)}")
            unknown = set(field.sum_of) - names
            if unknown:
                raise ValueError(f"{field.name}: sums unknown questions {sorted(unknown)}")
        for control in self.controls:
            unknown = set(control.fields) - names
            if unknown:
                raise ValueError(f"{control.id}: names unknown questions {sorted(unknown)}")
        ids = [c.id for c in self.controls]
        if len(ids) != len(set(ids)):
            raise ValueError(
                f"controls declared twice: {sorted({i for i in ids if ids.count(i) > 1})}"
            )

    def field(self, name: str) -> FieldDefinition:
        """The field called `name`; KeyError naming the form and year if there is none."""
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"{self.form} {self.year} has no field {name}") from None

    def has(self, name: str) -> bool:
        """Whether the form has a field called `name` this year."""
        return name in self._by_name

    def codes(self, name: str) -> tuple[str, ...]:
        """The permitted codes of field `name` this year."""
        return self.field(name).code_values()

    def monthly_fields(self, total: str) -> tuple[str, ...]:
        """The per-month fields of an annual amount, January first: BIDRAG → BIDRAG_JAN … _DES."""
        return tuple(f.name for f in self.fields if f.name.startswith(total + "_"))

    @property
    def identity_fields(self) -> tuple[str, ...]:
        """The fields that hold who the person is (fødselsnummer, DUF number), in form order."""
        return tuple(f.name for f in self.fields if f.identity)

    @property
    def caseworker_field(self) -> str | None:
        """The field naming the case's caseworker, if the form has one."""
        return self._with_role(Role.CASEWORKER)

    @property
    def journal_field(self) -> str | None:
        """The field holding the case's journal number, if the form has one."""
        return self._with_role(Role.JOURNAL)

    def _with_role(self, role: Role) -> str | None:
        return next((f.name for f in self.fields if f.role is role), None)

    @property
    def is_web(self) -> bool:
        """Whether the form is filled in on the portal (answers), not delivered as an extract."""
        return self.layout == "web"

    def questions(self, part: str) -> tuple[FieldDefinition, ...]:
        """The questions of a web form's part, in the form's order."""
        return tuple(f for f in self.fields if f.part == part)

    @property
    def key(self) -> str:
        """`11F 2025`: how people name a form's year."""
        return f"{self.form} {self.year}"
