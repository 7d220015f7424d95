"""A web form's answers read back to the reporter, part by part, question by question, as they
will be (or were) submitted: before «Send inn» on the upload's page, and on the receipt.

The answers are those kept as the upload (canonical JSON, with the sums worked out and what could
not be read kept as typed). A question that is not asked, given the other answers, is left out;
one asked but not answered says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kostra import text
from kostra.catalog import FieldDefinition, FieldType, FormDefinition
from kostra.controls import webform
from kostra.records.answers import read
from kostra.registry import ReportingUnit

NOT_ANSWERED = "Ikke besvart"


@dataclass(frozen=True)
class AnswerLine:
    """One question and its answer, as the reporter reads it back."""

    name: str
    number: str | None
    label: str
    answer: str  # as shown: `1,5 årsverk`, `Ja`, `01.03.2025`, `Ikke besvart`
    answered: bool
    worked_out: bool  # a sum the portal worked out


@dataclass(frozen=True)
class PartLines:
    """A part (Del) of the form and its questions with their answers."""

    id: str
    title: str
    lines: tuple[AnswerLine, ...]


@dataclass(frozen=True)
class ReadBack:
    """The answers of a web form read back, and how many of the questions asked are answered."""

    parts: tuple[PartLines, ...]
    answered: int
    asked: int

    @property
    def counted(self) -> str:
        """`15 av 17 spørsmål besvart`."""
        return f"{self.answered} av {self.asked} spørsmål besvart"


def _shown(field: FieldDefinition, value: Any) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if field.type is FieldType.DATE and isinstance(value, str):
        return text.short_date(date.fromisoformat(value))
    if field.codes:
        return field.label_of(str(value)) or str(value)
    shown = webform.show(field, value)
    return f"{shown} {field.unit}" if field.unit and field.type.numeric else shown


def read_back(form: FormDefinition, unit: ReportingUnit, kept: Mapping[str, Any]) -> ReadBack:
    """The answers `kept` of `unit` to `form`, read back part by part (questions not asked left
    out), with the count of questions asked and answered (worked-out sums not counted)."""
    answers = read(form, kept, webform.context_columns(unit, form.year))
    parts = []
    answered = asked = 0
    for part in form.parts:
        lines = []
        for field in form.questions(part.id):
            if not answers.asked.get(field.name, True):
                continue
            value = answers.values.get(field.name)
            raw = kept.get(field.name)
            if value is None and raw not in (None, ""):
                # Kept as typed because it could not be read: shown so, as the error list says.
                shown, given = f"«{raw}» (kan ikke leses)", True
            elif value is None:
                shown, given = NOT_ANSWERED, False
            else:
                shown, given = _shown(field, value), True
            if not field.sum_of:
                asked += 1
                answered += 1 if given else 0
            lines.append(
                AnswerLine(field.name, field.number, field.label, shown, given, bool(field.sum_of))
            )
        parts.append(PartLines(part.id, part.title, tuple(lines)))
    return ReadBack(tuple(parts), answered, asked)
