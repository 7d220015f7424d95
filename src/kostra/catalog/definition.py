"""A form as data: its fields, their place in the record, types, mandatory flags and code lists.

One `FormDefinition` per (form, reporting year). Fixed-width extracts (11F, 11CF) give every field
a start position and a width; web forms (7, 7B, 12) will carry the same fields without positions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator


class FieldType(StrEnum):
    """How a field's text is to be read."""

    STRING = "string"
    INTEGER = "integer"
    DATE = "date"


DATE_PATTERNS = ("ddMMyy", "ddMMyyyy")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Code(_Frozen):
    """One permitted value of a field, with its label as the form prints it."""

    code: str
    label: str


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
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.type is FieldType.DATE:
            if self.pattern not in DATE_PATTERNS:
                raise ValueError(f"{self.name}: a date field needs a pattern in {DATE_PATTERNS}")
            if self.width is not None and self.width != len(self.pattern):
                raise ValueError(
                    f"{self.name}: width {self.width} does not fit pattern {self.pattern}"
                )
        elif self.pattern is not None:
            raise ValueError(f"{self.name}: only date fields have a pattern")
        if (self.codes or self.codelist) and self.type is not FieldType.STRING:
            raise ValueError(f"{self.name}: only string fields have code lists")
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
        return self

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
    def key(self) -> str:
        """`11F 2025`: how people name a form's year."""
        return f"{self.form} {self.year}"
