"""A web form's answers: read from what a browser or a municipality's system sends, kept as
canonical JSON, and laid out as a one-row frame (one typed column per question) for the controls.

Answers arrive as JSON values (the API) or as the text of form fields (the browser): `1,5` and
`1.5` are the same decimal, `12 500` the same amount as `12500`, `ja`/`nei` the same as
true/false, dates are `2025-03-01` (or `01.03.2025`). A value that cannot be read is kept as
typed, reported as a problem, and left blank for the other controls, so the reporter sees every
finding at once. Questions not asked (their `asked_when` is not true) are blank in the frame.
A worked-out sum (`sum_of`) is never read from the sender; it is computed here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import polars as pl

from kostra.catalog import FieldDefinition, FieldType, FormDefinition

Answers = dict[str, Any]  # question name → JSON value (number, bool, string, None)

MAX_TEXT = 500  # the longest text answer kept
_DTYPES = {
    FieldType.STRING: pl.String,
    FieldType.INTEGER: pl.Int64,
    FieldType.AMOUNT: pl.Int64,
    FieldType.DECIMAL: pl.Float64,
    FieldType.YESNO: pl.Boolean,
    FieldType.DATE: pl.Date,
}
_YES = {"ja", "j", "yes", "true", "1"}
_NO = {"nei", "n", "no", "false", "0"}
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_NUMBER = re.compile(r"^[+-]?[0-9]+([.,][0-9]+)?$")
ASKED = "_ASKED_"  # prefix of the hidden column saying whether a conditional question is asked


class UnreadableAnswers(ValueError):
    """The bytes are not a JSON object of answers (said in Norwegian)."""


@dataclass(frozen=True)
class Problem:
    """An answer that could not be read as its question's type."""

    field: str
    value: str
    message: str


@dataclass(frozen=True)
class Read:
    """Answers read: the clean values (JSON), the problems, the unknown names, and the frame."""

    values: Answers
    problems: tuple[Problem, ...]
    unknown: tuple[str, ...]
    frame: pl.DataFrame
    asked: dict[str, bool]  # a conditional question: whether it is asked
    undecided: frozenset[str] = frozenset()  # not asked because what decides it is unanswered


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _number(text: str) -> float | int | None:
    compact = _SPACES.sub("", text)
    if not _NUMBER.match(compact):
        return None
    compact = compact.replace(",", ".")
    return float(compact) if "." in compact else int(compact)


def read_value(field: FieldDefinition, value: Any) -> tuple[Any, str | None]:
    """`value` as `field`'s type (JSON form: a date as ISO text), or None with why it cannot be."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    kind = field.type
    if kind is FieldType.YESNO:
        if isinstance(value, bool):
            return value, None
        text = _text(value).strip().lower()
        if text in _YES or text in _NO:
            return text in _YES, None
        return None, "Svar ja eller nei."
    if kind.numeric:
        if isinstance(value, bool):
            number: float | int | None = None
        elif isinstance(value, int | float):
            number = value
        else:
            number = _number(_text(value))
        if number is None:
            return None, "Skriv et tall, for eksempel 12 eller 1,5."
        if kind is FieldType.DECIMAL:
            return float(number), None
        if isinstance(number, float) and not number.is_integer():
            unit = "hele kroner" if kind is FieldType.AMOUNT else "et helt tall"
            return None, f"Skriv {unit}, uten desimaler."
        if abs(number) > 10**15:
            return None, "Tallet er for stort."
        return int(number), None
    if kind is FieldType.DATE:
        return _date(_text(value).strip())
    text = _text(value).strip()
    if field.codes and text not in field.code_values():
        return None, f"Velg et av svarene {field.render_codes()}."
    if len(text) > MAX_TEXT:
        return None, f"Svaret er for langt (høyst {MAX_TEXT} tegn)."
    return text, None


def _date(text: str) -> tuple[str | None, str | None]:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat(), None
        except ValueError:
            continue
    return None, "Skriv en gyldig dato, for eksempel 15.03.2025."


def _column(field: FieldDefinition, value: Any) -> pl.Series:
    if field.type is FieldType.DATE and value is not None:
        value = date.fromisoformat(value)
    return pl.Series(field.name, [value], dtype=_DTYPES[field.type])


def read(form: FormDefinition, sent: Mapping[str, Any], context: Mapping[str, Any]) -> Read:
    """Read `sent` answers of `form`; `context` adds hidden columns (year, population …)."""
    values: Answers = {}
    problems: list[Problem] = []
    for field in form.fields:
        if field.sum_of or field.name not in sent:
            continue
        value, problem = read_value(field, sent[field.name])
        if problem is not None:
            problems.append(Problem(field.name, _text(sent[field.name])[:100], problem))
        elif value is not None:
            values[field.name] = value
    unknown = tuple(sorted(str(name) for name in sent if not form.has(str(name))))
    # A context value not known (no population held) is a blank number.
    frame = pl.DataFrame(
        [pl.Series(k, [v], dtype=pl.Float64 if v is None else None) for k, v in context.items()]
    )
    asked: dict[str, bool] = {}
    undecided: set[str] = set()
    for field in form.fields:
        if field.asked_when is not None:
            condition = frame.select(pl.sql_expr(field.asked_when)).item()
            asked[field.name] = bool(condition)
            if condition is None:
                undecided.add(field.name)
            frame = frame.with_columns(pl.lit(asked[field.name]).alias(ASKED + field.name))
        value = values.get(field.name) if asked.get(field.name, True) else None
        if field.sum_of:
            parts = [values.get(name) for name in field.sum_of]
            known = [p for p in parts if p is not None]
            if known:
                total = sum(known)
                value = round(total, 6) if isinstance(total, float) else total
                values[field.name] = value
        frame = frame.with_columns(_column(field, value))
    return Read(values, tuple(problems), unknown, frame, asked, frozenset(undecided))


def to_bytes(answers: Mapping[str, Any]) -> bytes:
    """Answers as canonical JSON (sorted keys, UTF-8): the same answers are the same bytes."""
    text = json.dumps(dict(answers), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8")


def from_bytes(data: bytes) -> Answers:
    """Answers back from their bytes; UnreadableAnswers if they are not a JSON object."""
    try:
        loaded = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UnreadableAnswers(
            "Svarene kan ikke leses: de må være et JSON-objekt i UTF-8, "
            'for eksempel {"OKRAD_SAKER": 12}.'
        ) from None
    if not isinstance(loaded, dict):
        raise UnreadableAnswers(
            'Svarene må være et JSON-objekt med spørsmål og svar, for eksempel {"OKRAD_SAKER": 12}.'
        )
    return loaded
