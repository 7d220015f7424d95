"""A correction by the statistics office, checked before it is saved.

Two checks, in this order:
- the value against the field's definition in the year's layout: an integer field takes an
  integer (digits, a minus sign in front at most, as the control program reads integers) within
  the field's width, a coded field one of its codes, a date field a date that exists, written
  as the layout writes it; a web form's answer is read as its question's type. The identity
  fields, and the other fields that never leave the file (journal number, case worker, birth
  date), are not corrected here.
- the record's controls on the corrected values: the form program's rules in force for the
  year, run on the one record (rules that compare records with each other, such as duplicates,
  on the whole file, keeping what they find on this record), and the comparison of the file's
  totals with last year's, so a staff member sees what a correction would cause (a new finding)
  and what it mends (a finding that goes away) before saving it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from kostra.catalog import FieldType, FormDefinition
from kostra.controls import Context, Finding, Severity, webform
from kostra.controls.engine import evaluate
from kostra.controls.program import record_rules
from kostra.controls.readings import derived
from kostra.errors import KostraError, Reason
from kostra.intake import comparison
from kostra.intake.totals import Totals, extract_totals
from kostra.linkage.identity import fnr_or_dnr_valid
from kostra.production.answers import LINE as ANSWERS_LINE
from kostra.production.answers import corrected, is_free_text
from kostra.production.microdata import Correction, apply_corrections, dropped
from kostra.records import LINE, read_lines, split_fields
from kostra.records.answers import Answers, from_bytes, read_value
from kostra.records.values import int_or_none, is_blank, strict_date
from kostra.registry import ReportingUnit


class CorrectionRefused(KostraError, ValueError):
    """A correction that cannot be made as asked (said in Norwegian)."""

    reason = Reason.UNPROCESSABLE


class LooksLikeIdentity(CorrectionRefused):
    """A value refused because it reads as a fødselsnummer: not to be shown again either."""


def correctable(form: FormDefinition) -> tuple[str, ...]:
    """The fields of `form` staff may correct, in the form's order: an extract's fields but
    those that never leave the file; a web form's answers but free text and worked-out sums."""
    if form.is_web:
        return tuple(f.name for f in form.fields if not is_free_text(f) and not f.sum_of)
    hidden = set(dropped(form))
    return tuple(f.name for f in form.fields if f.name not in hidden)


def field_value(form: FormDefinition, field: str, value: str) -> str:
    """`value` as field `field` keeps it (an extract's field padded to its width, a web form's
    answer as typed); CorrectionRefused, said in Norwegian, when the field does not take it."""
    if not form.has(field) or field not in correctable(form):
        raise CorrectionRefused(f"Feltet {field} kan ikke rettes her.")
    definition = form.field(field)
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) == 11 and fnr_or_dnr_valid(digits, form.year):
        # Never kept in the audit trail, nor repeated in the message.
        raise LooksLikeIdentity(
            f"Verdien ser ut som et fødselsnummer og kan ikke brukes i {field}. "
            "Identitetsnumre rettes ikke av SSB."
        )
    if form.is_web:
        _read, problem = read_value(definition, value)
        if problem is not None:
            raise CorrectionRefused(f"«{value}» kan ikke brukes som svar på {field}: {problem}")
        return value.strip()
    named = f"{field} ({definition.label})"
    width = definition.width or len(value)
    text = value.strip()
    if definition.type is FieldType.INTEGER:
        if text and (int_or_none(text) is None or len(text) > width):
            raise CorrectionRefused(
                f"{named} er et heltallsfelt med plass til {width} tegn: skriv bare sifre "
                f"(eventuelt med minustegn foran). «{value}» kan ikke brukes."
            )
        return text.rjust(width)
    if definition.type is FieldType.DATE:
        pattern = definition.pattern or ""
        if text and strict_date(text, pattern) is None:
            raise CorrectionRefused(
                f"{named} er et datofelt: skriv en dato som finnes, på formen "
                f"{definition.date_format} (for eksempel {_example(pattern)}). "
                f"«{value}» kan ikke brukes."
            )
        return text.ljust(width)
    if definition.codes:
        if text and text not in {c.code.strip() for c in definition.codes}:
            codes = ", ".join(f"{c.code} ({c.label})" for c in definition.codes)
            raise CorrectionRefused(
                f"«{value}» er ikke en gyldig kode for {named}. Gyldige: {codes}."
            )
        return text.ljust(width)
    if len(value.rstrip()) > width:
        raise CorrectionRefused(f"{named} har plass til {width} tegn; «{value}» er for lang.")
    return value.rstrip().ljust(width) if not is_blank(value) else " " * width


def _example(pattern: str) -> str:
    return "01032025" if pattern == "ddMMyyyy" else "010325"


def _key(finding: Finding) -> tuple[Any, ...]:
    """What makes a finding the same before and after a correction (its message may read the
    corrected values, so it is not part of it)."""
    return finding.rule, finding.title, finding.lines, finding.fields


@dataclass(frozen=True)
class Recheck:
    """The record's findings as it stands (`before`) and with the correction (`after`)."""

    before: tuple[Finding, ...]
    after: tuple[Finding, ...]

    @property
    def new(self) -> tuple[Finding, ...]:
        """Findings the correction would cause."""
        was = {_key(f) for f in self.before}
        return tuple(f for f in self.after if _key(f) not in was)

    @property
    def gone(self) -> tuple[Finding, ...]:
        """Findings the correction would mend."""
        stays = {_key(f) for f in self.after}
        return tuple(f for f in self.before if _key(f) not in stays)

    @property
    def kept(self) -> tuple[Finding, ...]:
        """Findings there before and after (worded as after)."""
        was = {_key(f) for f in self.before}
        return tuple(f for f in self.after if _key(f) in was)

    @property
    def needs_confirmation(self) -> bool:
        """Whether the correction causes an error or a warning: saved only when confirmed."""
        return any(f.severity.rank >= Severity.WARNING.rank for f in self.new)


def recheck(
    data: bytes,
    form: FormDefinition,
    unit: ReportingUnit,
    made: Sequence[Correction],
    change: Correction,
    last_year: Totals | Answers | None,
) -> Recheck:
    """The findings of `change`'s record in the submitted `data` with the corrections `made`,
    before and after `change` (the value as the field keeps it, `field_value`)."""
    if form.is_web:
        answers = corrected(from_bytes(data), made)
        last = last_year if isinstance(last_year, Mapping) else None
        return Recheck(
            _answer_findings(answers, form, unit, last),
            _answer_findings(corrected(answers, [change]), form, unit, last),
        )
    ctx = Context(form=form, municipality=unit.municipality, district=unit.district)
    records = split_fields(read_lines(data).lines, form).with_columns(derived(ctx))
    records = apply_corrections(records, made)
    totals = _totals(last_year)
    return Recheck(
        _record_findings(records, ctx, change.line, totals),
        _record_findings(apply_corrections(records, [change]), ctx, change.line, totals),
    )


def record_findings(
    data: bytes,
    form: FormDefinition,
    unit: ReportingUnit,
    made: Sequence[Correction],
    line: int,
    last_year: Totals | Answers | None,
) -> tuple[Finding, ...]:
    """The findings of the record on `line` as it stands with the corrections `made`."""
    if form.is_web:
        last = last_year if isinstance(last_year, Mapping) else None
        return _answer_findings(corrected(from_bytes(data), made), form, unit, last)
    ctx = Context(form=form, municipality=unit.municipality, district=unit.district)
    records = split_fields(read_lines(data).lines, form).with_columns(derived(ctx))
    return _record_findings(apply_corrections(records, made), ctx, line, _totals(last_year))


def corrected_totals(
    data: bytes, form: FormDefinition, unit: ReportingUnit, made: Sequence[Correction]
) -> Totals:
    """An extract's totals (`intake.totals`) with the corrections `made`."""
    ctx = Context(form=form, municipality=unit.municipality, district=unit.district)
    records = split_fields(read_lines(data).lines, form).with_columns(derived(ctx))
    return extract_totals(apply_corrections(records, made), ctx)


def current_value(data: bytes, form: FormDefinition, made: Sequence[Correction], line: int,
                  field: str) -> str:  # fmt: skip
    """The value of `field` on `line` of the submitted `data` with the corrections `made` (a web
    form's answer as JSON shows it); CorrectionRefused when there is no such record."""
    if form.is_web:
        if line != ANSWERS_LINE:
            raise CorrectionRefused(f"Et webskjema har bare én post, linje {ANSWERS_LINE}.")
        answer = corrected(from_bytes(data), made).get(field)
        return "" if answer is None else answer if isinstance(answer, str) else json.dumps(answer)
    records = apply_corrections(split_fields(read_lines(data).lines, form), made)
    found = records.filter(pl.col(LINE) == line)
    if found.height == 0:
        raise CorrectionRefused(f"Filen har ingen post på linje {line}.")
    return str(found[field].item())


def reason_given(reason: str) -> str:
    """The reason for a correction, trimmed; CorrectionRefused when none is given."""
    if not reason.strip():
        raise CorrectionRefused("Oppgi hvorfor verdien rettes (avtalt med kommunen, revisjon, …).")
    return reason.strip()


def _totals(last_year: Totals | Answers | None) -> Totals | None:
    if last_year is None:
        return None
    return {k: int(v) for k, v in last_year.items() if isinstance(v, int)}


def _record_findings(
    records: pl.DataFrame, ctx: Context, line: int, last_year: Totals | None
) -> tuple[Finding, ...]:
    rules, masks = record_rules(ctx)
    found = evaluate(rules, records.filter(pl.col(LINE) == line), ctx, masks)
    across = [rule for rule in rules if rule.cross_record]
    found += [f for f in evaluate(across, records, ctx) if line in f.lines]
    found += comparison.compare(extract_totals(records, ctx), last_year, ctx)
    unique: dict[tuple[Any, ...], Finding] = {}
    for finding in found:
        unique.setdefault(_key(finding), finding)
    return tuple(unique.values())


def _answer_findings(
    answers: Mapping[str, Any], form: FormDefinition, unit: ReportingUnit, last: Answers | None
) -> tuple[Finding, ...]:
    return webform.check(answers, form, unit, last).report.findings


__all__ = [
    "ANSWERS_LINE",
    "CorrectionRefused",
    "LooksLikeIdentity",
    "Recheck",
    "correctable",
    "corrected_totals",
    "current_value",
    "field_value",
    "reason_given",
    "recheck",
    "record_findings",
]
