"""A web form's accepted answers as statistical data: one row per unit that delivered, a typed
column per question, beside the extracts' microdata (one row per case).

What changes on the way from the submitted answers (which themselves are never changed):
- corrections recorded by the statistics office replace answers (line 1, the question's name:
  a web form is one "record"); a corrected value is read as the portal reads a typed answer
  (`1,5`, `12 500`, `ja`, `01.03.2025`);
- an answer to a question that is not asked (its `asked_when` is false, such as årsverk in the
  outreach service of a municipality without one) is blank, as the controls saw it;
- a worked-out total (`sum_of`, such as årsverk in function 242) is worked out again from its
  parts, so a corrected part corrects the total;
- free text (who filled in the form, their e-mail and telephone) is dropped: it is about a
  person and no figure reads it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

import polars as pl

from kostra.catalog import FieldDefinition, FieldType, FormDefinition
from kostra.production.microdata import DISTRICT, MUNICIPALITY, UNIT, Correction
from kostra.records.answers import Answers, read_value
from kostra.registry import ReportingUnit

LINE = 1  # the line of a web form's corrections: its answers are one record
_DTYPES = {
    FieldType.STRING: pl.String,
    FieldType.INTEGER: pl.Int64,
    FieldType.AMOUNT: pl.Int64,
    FieldType.DECIMAL: pl.Float64,
    FieldType.YESNO: pl.Boolean,
    FieldType.DATE: pl.Date,
}


def is_free_text(field: FieldDefinition) -> bool:
    """Whether a question's answer is free text (a name, an e-mail address), not a code."""
    return field.type is FieldType.STRING and not field.codes


def corrected(answers: Mapping[str, Any], corrections: Sequence[Correction]) -> Answers:
    """`answers` with each correction's question answered anew (later corrections win)."""
    found = dict(answers)
    for correction in corrections:
        if correction.line != LINE:
            raise ValueError(f"et webskjema har bare linje {LINE}, ikke {correction.line}")
        found[correction.field] = correction.value
    return found


def _value(field: FieldDefinition, answer: Any) -> Any:
    value, problem = read_value(field, answer)
    if problem is not None:  # accepted answers are readable; a bad correction is refused before
        raise ValueError(f"{field.name}: {problem}")
    if field.type is FieldType.DATE and value is not None:
        return date.fromisoformat(value)
    return value


def answers_frame(
    form: FormDefinition,
    delivered: Sequence[tuple[ReportingUnit, Mapping[str, Any]]],
    also: Collection[str] = (),
) -> pl.DataFrame:
    """The answers of the units that delivered `form`, one row each (see the module's text);
    `also` names columns the figures read that this year's form may not have (left blank)."""
    kept = [f for f in form.fields if not is_free_text(f)]
    columns: dict[str, pl.Series] = {
        UNIT: pl.Series(UNIT, [u.code for u, _ in delivered], dtype=pl.String),
        MUNICIPALITY: pl.Series(MUNICIPALITY, [u.municipality for u, _ in delivered]),
        DISTRICT: pl.Series(DISTRICT, [u.district for u, _ in delivered], dtype=pl.String),
    }
    for field in kept:
        if field.sum_of:
            continue
        values = [_value(field, answers.get(field.name)) for _, answers in delivered]
        columns[field.name] = pl.Series(field.name, values, dtype=_DTYPES[field.type])
    # The context the questions' conditions may read, as the controls give it.
    frame = pl.DataFrame(list(columns.values())).with_columns(
        pl.lit(form.year).alias("_AAR"),
        pl.lit(date(form.year, 1, 1)).alias("_AAR_START"),
        pl.lit(date(form.year, 12, 31)).alias("_AAR_SLUTT"),
    )
    # In the form's order, as the controls read them: a condition sees the answers before it
    # as they stand after their own conditions.
    for field in kept:
        if field.sum_of:
            parts = pl.concat_list([pl.col(name) for name in field.sum_of])
            total = pl.when(parts.list.drop_nulls().list.len() > 0).then(parts.list.sum())
            frame = frame.with_columns(total.cast(_DTYPES[field.type]).alias(field.name))
            if field.type is FieldType.DECIMAL:
                frame = frame.with_columns(pl.col(field.name).round(6))
        if field.asked_when is not None:
            asked = pl.sql_expr(field.asked_when).fill_null(False)
            frame = frame.with_columns(pl.when(asked).then(pl.col(field.name)).alias(field.name))
    missing = [name for name in also if name not in frame.columns]
    frame = frame.with_columns(pl.lit(None).alias(name) for name in missing)
    return frame.select(UNIT, MUNICIPALITY, DISTRICT, *[f.name for f in kept], *missing)
