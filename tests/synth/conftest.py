"""Helpers for the synthetic-extract tests: run the control program, flatten its findings."""

from __future__ import annotations

from kostra.catalog import load
from kostra.controls import Context, Report, check
from kostra.synth import SyntheticExtract


def control(made: SyntheticExtract) -> Report:
    """The control program's report on a generated extract, for its own municipality."""
    return check(
        made.data, Context(form=load(made.form, made.year), municipality=made.municipality)
    )


def found(report: Report) -> set[tuple[int, str]]:
    """The findings as (line, rule id) pairs."""
    return {(line, finding.rule) for finding in report.findings for line in finding.lines}
