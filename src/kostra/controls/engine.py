"""Evaluate rules over a frame, vectorised, and turn the failing rows into findings.

A finding carries the record's caseworker and journal number where the form has fields with
those roles; the form's identity fields are never handed to a message, whatever a rule says.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from kostra.controls.finding import Finding
from kostra.controls.messages import RawValue, context_values, prepare
from kostra.controls.rule import Context, Rule
from kostra.records import LINE
from kostra.records.values import trim


def _case_key(value: str | None) -> str | None:
    if value is None:
        return None
    text = trim(value)
    return text or None


def failure_masks(rules: Sequence[Rule], ctx: Context) -> tuple[pl.Expr, ...]:
    """One boolean expression per rule, True where the row fails it (column "0", "1", …)."""
    return tuple((~rule.passes(ctx)).fill_null(False).alias(str(i)) for i, rule in enumerate(rules))


def evaluate(
    rules: Sequence[Rule],
    frame: pl.DataFrame,
    ctx: Context,
    masks_of: tuple[pl.Expr, ...] | None = None,
) -> list[Finding]:
    """Findings of `rules` on `frame`, rule by rule in the given order (`masks_of`: the
    rules' `failure_masks`, when the caller has them built already)."""
    if not rules or frame.height == 0:
        return []
    expressions = masks_of if masks_of is not None else failure_masks(rules, ctx)
    masks = frame.lazy().select(expressions).collect()
    fired = masks.select(pl.all().any()).row(0)
    # Messages are built from the few rows that failed anything; only a rule that compares
    # records with each other needs the whole file to word its message.
    any_failed = masks.select(pl.any_horizontal(pl.all())).to_series()
    failing, failing_masks = frame.filter(any_failed), masks.filter(any_failed)
    findings: list[Finding] = []
    for index, rule in enumerate(rules):
        if not fired[index]:
            continue
        if rule.cross_record:
            findings.extend(_findings_of(rule, frame, masks.get_column(str(index)), ctx))
        else:
            findings.extend(_findings_of(rule, failing, failing_masks.get_column(str(index)), ctx))
    return findings


def _case_columns(rule: Rule, frame: pl.DataFrame, ctx: Context) -> tuple[str | None, str | None]:
    """The caseworker and journal-number columns a finding of `rule` carries (None: not there,
    or the rule is about the file as a whole)."""

    def present(name: str | None) -> str | None:
        return name if rule.record_level and name is not None and name in frame.columns else None

    return present(ctx.form.caseworker_field), present(ctx.form.journal_field)


def _findings_of(rule: Rule, frame: pl.DataFrame, failed: pl.Series, ctx: Context) -> list[Finding]:
    base: dict[str, Any] = context_values(ctx)
    computed: dict[str, pl.Expr] = {}
    for name, factory in rule.values.items():
        value = factory(ctx)
        if isinstance(value, pl.Expr):
            computed[name] = value.alias(f"_value_{name}")
        else:
            base[name] = value
    shown = [n for n in rule.fields if n in frame.columns and n not in ctx.form.identity_fields]
    caseworker, journal = _case_columns(rule, frame, ctx)
    keys = [name for name in (caseworker, journal) if name is not None]
    has_lines = LINE in frame.columns
    order = rule.order(ctx).alias("_order") if rule.order is not None else pl.lit(0).alias("_order")
    rows = (
        frame.with_columns(*computed.values(), order, failed.alias("_failed"))
        .filter(pl.col("_failed"))
        .sort(["_order", LINE] if has_lines else ["_order"], maintain_order=True)
        .select(
            "_failed",  # keeps each failing row even when the message reads no column
            *([LINE] if has_lines else []),
            *dict.fromkeys(shown + keys),
            *(f"_value_{name}" for name in computed),
        )
    )
    message = rule.message if callable(rule.message) else prepare(rule.message, base)
    # A web form's finding points at the questions to correct; an extract's names the fields it
    # read, which the error list shows as the form asks them.
    about = rule.points_at if ctx.form.is_web else rule.fields
    findings = []
    for row in rows.iter_rows(named=True):
        values = dict(base)
        values.update({name: RawValue(row[name]) for name in shown})
        values.update({name: row[f"_value_{name}"] for name in computed})
        if journal is not None:
            values.setdefault(journal, RawValue(row[journal]))
        findings.append(
            Finding(
                rule=rule.id,
                severity=rule.severity,
                lines=(row[LINE],) if has_lines else (),
                message=message(values),
                caseworker=_case_key(row[caseworker]) if caseworker is not None else None,
                journal=_case_key(row[journal]) if journal is not None else None,
                title=rule.title,
                fields=about,
            )
        )
    return findings
