"""The controls of a web form (7, 7B, 12, or a form written only as data), built from its
definition and run by the same engine as the extracts' control program.

Five kinds come from the questions themselves: a mandatory question not answered (`<form>-OBL`),
a text not in its question's format, such as an e-mail address without a domain (`-FORMAT`,
`controls.formats`), a number outside its permitted range (`-OMR`), a decimal not in its steps,
such as årsverk to the nearest half (`-STEG`), and an answer that changed much since last year's
accepted one (`-FJOR`, a warning). The rest are the form's declared controls (sums, logical consistency, plausible
ranges), each a condition in SQL over the answers. Before any of them, answers that cannot be
read as their question's type, answers to questions that are not asked, and names that are not
questions of the form are findings of their own (`-SVAR`, `-IKKE`, `-UKJENT`): they are the web
form's pre-validation, like a wrong record length in an extract.

Everything runs on one row, so the findings of a form come back in milliseconds: the portal
checks the answers each time the reporter changes one.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from kostra import text
from kostra.catalog import ControlDefinition, FieldDefinition, FieldType, FormDefinition
from kostra.catalog.definition import LastYear
from kostra.catalog.sql import LAST_YEAR_SUFFIX
from kostra.controls import formats
from kostra.controls.engine import evaluate
from kostra.controls.finding import Finding
from kostra.controls.report import Report
from kostra.controls.rule import Context, Rule, ValueFactory
from kostra.controls.severity import Severity
from kostra.records.answers import ASKED, Answers, Read, read
from kostra.registry import ReportingUnit, UnknownRegion, population_in
from kostra.registry._tables import YEARS

_SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
MISSING = "OBL"  # the suffix of the rule id of a mandatory question left unanswered
_FORMATTER = string.Formatter()


def show(field: FieldDefinition | None, value: Any) -> str:
    """An answer as a message shows it: `1,5`, `12 500`, `ja`, `01.03.2025`, `(ikke besvart)`."""
    if value is None:
        return "(ikke besvart)"
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, date):
        return text.short_date(value)
    if isinstance(value, float):
        if value.is_integer() and (field is None or field.type is not FieldType.DECIMAL):
            return text.number(int(value))
        return text.number(value, 2, trim=True)
    if isinstance(value, int):
        return text.number(value)
    if field is not None and field.codes:
        label = field.label_of(str(value))
        return f"{value} ({label})" if label else str(value)
    return str(value)


def _message(form: FormDefinition, template: str) -> Any:
    """A message function for the engine: the template with every named answer shown."""

    def fill(values: Mapping[str, Any]) -> str:
        out = []
        for literal, name, _spec, _conversion in _FORMATTER.parse(template):
            out.append(literal)
            if name is None:
                continue
            value = values.get(name)
            field = form.field(name) if form.has(name) else None
            out.append(show(field, value) if name not in ("year", "municipality") else str(value))
        return "".join(out)

    return fill


def _const(expression: pl.Expr) -> Callable[[Context], pl.Expr]:
    """A rule's expression that does not depend on the run (a web form's never do)."""
    return lambda ctx: expression


def _named(template: str) -> list[str]:
    return [name for _, name, _, _ in _FORMATTER.parse(template) if name]


def _asked(field: FieldDefinition) -> pl.Expr:
    return pl.col(ASKED + field.name) if field.asked_when is not None else pl.lit(True)


def _question(field: FieldDefinition) -> str:
    number = f"{field.number} " if field.number else ""
    return f"{number}«{field.label}»"


def is_missing(finding: Finding) -> bool:
    """Whether `finding` says only that a mandatory question is not answered yet."""
    return finding.rule.endswith("-" + MISSING)


def _format_rule(form: FormDefinition, field: FieldDefinition) -> Rule:
    kind = field.format
    assert kind is not None
    name, column = field.name, pl.col(field.name)
    return Rule(
        id=f"{form.form}-FORMAT",
        severity=Severity.ERROR,
        title="Svaret har ikke riktig form",
        message=_message(
            form,
            f"Svaret på {_question(field)} («{{{name}}}») er ikke {formats.NOUN[kind]}. "
            f"Skriv {formats.EXPECTED[kind]}.",
        ),
        passes=_const(formats.well_formed(kind, column)),
        fields=(name,),
        values={name: _const(column)},
        record_level=False,
        points_at=(name,),
        description="E-postadresser, telefonnumre og organisasjonsnumre må ha riktig form.",
    )


def _own_rules(form: FormDefinition, field: FieldDefinition) -> list[Rule]:
    name, column = field.name, pl.col(field.name)
    shown: dict[str, ValueFactory] = {name: _const(column)}
    rules = []
    if field.mandatory:
        rules.append(
            Rule(
                id=f"{form.form}-{MISSING}",
                severity=Severity.ERROR,
                title="Spørsmålet må besvares",
                message=f"Spørsmål {_question(field)} er ikke besvart.",
                passes=_const(~_asked(field) | column.is_not_null()),
                fields=(name,),
                record_level=False,
                points_at=(name,),
                description="Obligatoriske spørsmål som blir stilt, må besvares.",
            )
        )
    if field.format is not None:
        rules.append(_format_rule(form, field))
    low, high = field.minimum, field.maximum
    if low is not None or high is not None:
        lower = low if low is not None else float("-inf")
        upper = high if high is not None else float("inf")
        limits = (
            f"mellom {show(field, low)} og {show(field, high)}"
            if low is not None and high is not None
            else (f"minst {show(field, low)}" if low is not None else f"høyst {show(field, high)}")
        )
        rules.append(
            Rule(
                id=f"{form.form}-OMR",
                severity=Severity.ERROR,
                title="Tallet er utenfor det tillatte området",
                message=_message(
                    form, f"Svaret på {_question(field)} er {{{name}}}; det må være {limits}."
                ),
                passes=_const(column.is_between(lower, upper)),
                fields=(name,),
                values=shown,
                record_level=False,
                points_at=(name,),
                description="Tall må ligge innenfor spørsmålets grenser.",
            )
        )
    if field.step is not None:
        step = field.step
        rules.append(
            Rule(
                id=f"{form.form}-STEG",
                severity=Severity.ERROR,
                title="Tallet er ikke oppgitt med riktig nøyaktighet",
                message=_message(
                    form,
                    f"Svaret på {_question(field)} er {{{name}}}; oppgi det i steg på "
                    f"{show(field, step)} (for eksempel {show(field, 3 * step)}).",
                ),
                passes=_const(((column / step).round(0) * step - column).abs() < 1e-6),
                fields=(name,),
                values=shown,
                record_level=False,
                points_at=(name,),
                description="Desimaltall oppgis med spørsmålets nøyaktighet, årsverk for "
                "eksempel med én desimal eller til nærmeste halve.",
            )
        )
    return rules


def _declared(form: FormDefinition, control: ControlDefinition) -> Rule:
    values: dict[str, ValueFactory] = {
        name: _const(pl.col(name))
        for name in _named(control.message)
        if form.has(name) or name.endswith(LAST_YEAR_SUFFIX)
    }
    values.update({key: _const(pl.sql_expr(sql)) for key, sql in control.values.items()})
    return Rule(
        id=control.id,
        severity=_SEVERITIES[control.severity],
        title=control.title,
        message=_message(form, control.message),
        passes=_const(pl.sql_expr(control.rule)),
        fields=control.fields,
        values=values,
        record_level=False,
        points_at=control.fields,
        description=control.description,
    )


def changed_much(policy: LastYear, this: float | None, last: float | None) -> bool:
    """Whether an answer changed much since last year's accepted one: by more than the
    question's floor and its share of last year's (the -FJOR warning; the staff's revision
    list flags the same)."""
    if this is None or last is None:
        return False
    change = abs(this - last)
    return change > policy.floor and change > abs(last) * policy.share


def _changed_little(policy: LastYear, this: pl.Expr, last: pl.Expr) -> pl.Expr:
    """`changed_much` negated, over the answers' frame."""
    change = (this - last).abs()
    return last.is_null() | (change <= policy.floor) | (change <= last.abs() * policy.share)


def _last_year_rule(form: FormDefinition, field: FieldDefinition) -> Rule:
    policy = field.last_year
    assert policy is not None
    this, last = pl.col(field.name), pl.col(field.name + LAST_YEAR_SUFFIX)
    return Rule(
        id=f"{form.form}-FJOR",
        severity=Severity.WARNING,
        title="Stor endring fra i fjor",
        message=_message(
            form,
            f"Svaret på {_question(field)} er {{now}} i år mot {{before}} i fjor. Kontroller "
            "svaret, eller bekreft endringen når du sender inn.",
        ),
        passes=_const(_changed_little(policy, this, last)),
        fields=(field.name,),
        values={"now": _const(this), "before": _const(last)},
        record_level=False,
        points_at=(field.name,),
        description=f"Advarer når svaret har endret seg med mer enn {round(policy.share * 100)} "
        "% fra den godkjente innsendingen året før.",
    )


def rules(form: FormDefinition) -> tuple[Rule, ...]:
    """The rules of a web form, in the order of its questions, then its declared controls, then
    the comparisons with last year."""
    found: list[Rule] = []
    for field in form.fields:
        found.extend(_own_rules(form, field))
    found.extend(_declared(form, control) for control in form.controls)
    found.extend(_last_year_rule(form, f) for f in form.fields if f.last_year is not None)
    return tuple(found)


_compiled: dict[tuple[str, int], tuple[FormDefinition, tuple[Rule, ...]]] = {}


def _rules_of(form: FormDefinition) -> tuple[Rule, ...]:
    """The rules of `form`, built once per definition object."""
    key = (form.form, form.year)
    cached = _compiled.get(key)
    if cached is None or cached[0] is not form:
        cached = (form, rules(form))
        _compiled[key] = cached
    return cached[1]


def _inhabitants(unit: ReportingUnit, year: int, low: int = 0) -> int | None:
    for when in (year + 1, year):
        if when in YEARS:
            try:
                return population_in(unit.code, when, low=low)
            except UnknownRegion:
                return None
    return None


def context_columns(unit: ReportingUnit, year: int) -> dict[str, Any]:
    """The hidden columns a form's conditions may read (`catalog.sql.CONTEXT_COLUMNS`)."""
    return {
        "_AAR": year,
        "_AAR_START": date(year, 1, 1),
        "_AAR_SLUTT": date(year, 12, 31),
        "_INNBYGGERE": _inhabitants(unit, year),
        "_INNBYGGERE_18": _inhabitants(unit, year, low=18),
    }


@dataclass(frozen=True)
class Checked:
    """A web form checked: its report and the answers as read (with the sums worked out)."""

    report: Report
    answers: Read


def _prevalidation(form: FormDefinition, answers: Read) -> list[Finding]:
    findings = [
        Finding(
            rule=f"{form.form}-SVAR",
            severity=Severity.ERROR,
            lines=(),
            message=f"Svaret på {_question(form.field(p.field))} kan ikke leses («{p.value}»). "
            f"{p.message}",
            title="Svaret kan ikke leses",
            fields=(p.field,),
        )
        for p in answers.problems
    ]
    for field in form.fields:
        if answers.asked.get(field.name, True) or answers.values.get(field.name) is None:
            continue
        if field.name in answers.undecided:
            continue  # what decides it is not answered (or not readable): said there
        findings.append(
            Finding(
                rule=f"{form.form}-IKKE",
                severity=Severity.ERROR,
                lines=(),
                message=f"Spørsmål {_question(field)} skal ikke besvares ut fra de andre "
                "svarene. Fjern svaret, eller rett svaret som avgjør om spørsmålet stilles.",
                title="Svar på spørsmål som ikke stilles",
                fields=(field.name,),
            )
        )
    if answers.unknown:
        names = ", ".join(answers.unknown[:10]) + (" …" if len(answers.unknown) > 10 else "")
        findings.append(
            Finding(
                rule=f"{form.form}-UKJENT",
                severity=Severity.ERROR,
                lines=(),
                message=f"Skjema {form.form} for {form.year} har ingen spørsmål med disse "
                f"navnene: {names}. Se skjemaets spørsmål i API-dokumentasjonen.",
                title="Ukjente spørsmål",
            )
        )
    return findings


def check(
    sent: Mapping[str, Any],
    form: FormDefinition,
    unit: ReportingUnit,
    last_year: Answers | None = None,
) -> Checked:
    """Check a unit's answers to a web form (and compare them with `last_year`'s accepted)."""
    context = context_columns(unit, form.year)
    for field in form.fields:
        if field.last_year is not None:
            value = (last_year or {}).get(field.name)
            context[field.name + LAST_YEAR_SUFFIX] = (
                float(value)
                if isinstance(value, int | float) and not isinstance(value, bool)
                else None
            )
    answers = read(form, sent, context)
    ctx = Context(form=form, municipality=unit.municipality, district=unit.district)
    found = _prevalidation(form, answers)
    unreadable = {p.field for p in answers.problems}
    checked_rules = _rules_of(form)
    for finding in evaluate(checked_rules, answers.frame, ctx):
        if is_missing(finding) and set(finding.fields) & unreadable:
            continue  # the answer was there, but unreadable: said once, by -SVAR
        found.append(finding)
    order = {f.name: i for i, f in enumerate(form.fields)}
    found.sort(key=lambda f: min((order.get(n, len(order)) for n in f.fields), default=-1))
    report = Report(
        form=form.form,
        year=form.year,
        municipality=unit.municipality,
        district=unit.district,
        records=1,
        findings=tuple(found),
        controls_performed=len(checked_rules) + 3,
    )
    return Checked(report, answers)
