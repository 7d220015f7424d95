"""Checking an upload: the control program's report, the extract's totals, and the comparison
of the totals with the unit's accepted delivery of last year, in one pass.

`check_upload` takes and returns plain, picklable values, so the portal can run it in a worker
process beside the web server (last year's totals are read from the database beforehand).
"""

from __future__ import annotations

from dataclasses import dataclass

from kostra.catalog import load
from kostra.controls import Context, Report, run
from kostra.intake import comparison
from kostra.intake.totals import Totals, extract_totals
from kostra.registry import ReportingUnit


@dataclass(frozen=True)
class Checked:
    """What checking an upload gave: the report (with the comparison's warnings), the totals
    (empty if the file was unreadable) and last year's totals they were compared with."""

    report: Report
    totals: Totals
    last_year: Totals | None = None


def context(form: str, year: int, unit: ReportingUnit) -> Context:
    """The control program's context for a unit's extract of `form` and `year`."""
    return Context(form=load(form, year), municipality=unit.municipality, district=unit.district)


def check_upload(
    data: bytes,
    form: str,
    year: int,
    municipality: str,
    district: str | None,
    last_year: Totals | None = None,
) -> Checked:
    """Run the control program on an uploaded extract, total its records, and compare the totals
    with `last_year` (None: nothing to compare with)."""
    ctx = context(form, year, ReportingUnit(municipality, district))
    result = run(data, ctx)
    totals = extract_totals(result.records, ctx) if result.records is not None else {}
    return compared(Checked(result.report, totals), last_year, ctx)


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
                rules_for(load(form, year))
