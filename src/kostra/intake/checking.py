"""Checking an upload: the control program's report and the extract's totals, in one pass.

`check_upload` takes and returns plain, picklable values, so the portal can run it in a worker
process beside the web server.
"""

from __future__ import annotations

from dataclasses import dataclass

from kostra.catalog import load
from kostra.controls import Context, Report, run
from kostra.intake.totals import Totals, extract_totals
from kostra.registry import ReportingUnit


@dataclass(frozen=True)
class Checked:
    """What checking an upload gave: the report, and the totals (empty if it was unreadable)."""

    report: Report
    totals: Totals


def context(form: str, year: int, unit: ReportingUnit) -> Context:
    """The control program's context for a unit's extract of `form` and `year`."""
    return Context(form=load(form, year), municipality=unit.municipality, district=unit.district)


def check_upload(
    data: bytes, form: str, year: int, municipality: str, district: str | None
) -> Checked:
    """Run the control program on an uploaded extract and total its records."""
    ctx = context(form, year, ReportingUnit(municipality, district))
    result = run(data, ctx)
    totals = extract_totals(result.records, ctx) if result.records is not None else {}
    return Checked(result.report, totals)


def warm_up(forms: tuple[str, ...], years: tuple[int, ...]) -> None:
    """Load definitions and rules ahead of the first upload (in each worker process)."""
    from kostra.catalog import available
    from kostra.controls import rules_for

    for form in forms:
        for year in years:
            if year in available().get(form, ()):
                rules_for(load(form, year))
