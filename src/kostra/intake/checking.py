"""Checking an upload: the control program's report, the extract's totals, and the comparison
of the totals with the unit's accepted delivery of last year, in one pass. A web form's answers
are an upload too (their canonical JSON): they are checked by the form's own controls and
compared answer by answer with last year's accepted answers.

`check_upload` takes and returns plain, picklable values, so the portal can run it in a worker
process beside the web server (last year's totals are read from the database beforehand).
"""

from __future__ import annotations

from dataclasses import dataclass

from kostra.catalog import FormDefinition, load
from kostra.controls import Context, Finding, Report, Severity, run, webform
from kostra.intake import comparison
from kostra.intake.totals import Totals, extract_totals
from kostra.records.answers import Answers, UnreadableAnswers, from_bytes
from kostra.registry import ReportingUnit


@dataclass(frozen=True)
class Checked:
    """What checking an upload gave: the report (with the comparison's warnings), the totals
    (empty if the file was unreadable) and last year's totals they were compared with."""

    report: Report
    totals: Totals
    last_year: Totals | Answers | None = None


def context(form: str, year: int, unit: ReportingUnit) -> Context:
    """The control program's context for a unit's extract of `form` and `year`."""
    return Context(form=load(form, year), municipality=unit.municipality, district=unit.district)


def check_upload(
    data: bytes,
    form: str,
    year: int,
    municipality: str,
    district: str | None,
    last_year: Totals | Answers | None = None,
) -> Checked:
    """Run the control program on an uploaded extract, total its records, and compare the totals
    with `last_year` (None: nothing to compare with); a web form's answers with last year's."""
    unit = ReportingUnit(municipality, district)
    definition = load(form, year)
    if definition.is_web:
        return check_answers(data, definition, unit, last_year)
    ctx = context(form, year, unit)
    result = run(data, ctx)
    totals = extract_totals(result.records, ctx) if result.records is not None else {}
    return compared(Checked(result.report, totals), last_year, ctx)


def check_answers(
    data: bytes, form: FormDefinition, unit: ReportingUnit, last_year: Answers | None
) -> Checked:
    """Check a web form's answers (their canonical JSON) against last year's accepted answers."""
    try:
        sent = from_bytes(data)
    except UnreadableAnswers as error:
        finding = Finding(
            rule=f"{form.form}-JSON",
            severity=Severity.FATAL,
            lines=(),
            message=str(error),
            title="Svarene kan ikke leses",
        )
        report = Report(form.form, form.year, unit.municipality, unit.district, 0, (finding,))
        return Checked(report, {}, last_year)
    checked = webform.check(sent, form, unit, last_year)
    return Checked(checked.report, {}, last_year)


def compared(checked: Checked, last_year: Totals | None, ctx: Context) -> Checked:
    """`checked` with the comparison with `last_year` added to its report."""
    findings = comparison.compare(checked.totals, last_year, ctx)
    return Checked(checked.report.with_findings(findings), checked.totals, last_year)


def warm_up(forms: tuple[str, ...], years: tuple[int, ...]) -> None:
    """Load definitions and rules ahead of the first upload (in each worker process)."""
    from kostra.catalog import available
    from kostra.controls import rules_for

    for form in forms:
        for year in years:
            if year in available().get(form, ()):
                definition = load(form, year)
                if definition.is_web:
                    webform.check({}, definition, ReportingUnit("0301"))
                else:
                    rules_for(definition)
