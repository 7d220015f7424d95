"""The control program: read a file, pre-validate it, run every control, report.

The sequence is SSB's: the file as a whole (K000), then each line's length (K001); a finding in
either ends the run, since records cannot be read. Then every control runs on every record,
whatever the others found, so the reporter gets the whole error list at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import polars as pl

from kostra.catalog import UnknownForm, UnknownYear, load
from kostra.controls.engine import evaluate, failure_masks
from kostra.controls.finding import Finding
from kostra.controls.programs import program
from kostra.controls.readings import derived
from kostra.controls.registry import declared, rules_for
from kostra.controls.report import Report
from kostra.controls.rule import Context, Rule, RuleFamily, Stage
from kostra.controls.rules.prevalidation import BINARY, CONTENT_LENGTH, HAS_ATTACHMENT, RECORDS
from kostra.controls.statistics import StatTable
from kostra.records import read_lines, split_fields


def _validation_control_count(form_id: str) -> int:
    """Controls on records as SSB counts them: a control with several kinds of finding is one."""
    ids = {entry.id for entry in declared(form_id) if entry.stage is Stage.RECORDS}
    return len(ids)


def _record_major(findings: list[Finding], family_ids: set[str]) -> list[Finding]:
    """Order each family's findings record by record (a family runs field by field); every
    other control keeps its own order, and controls stay in run order."""
    first: dict[str, int] = {}
    for index, finding in enumerate(findings):
        first.setdefault(finding.rule, index)

    def key(item: tuple[int, Finding]) -> tuple[int, tuple[int, ...], int]:
        index, finding = item
        return first[finding.rule], finding.lines if finding.rule in family_ids else (), index

    return [finding for _, finding in sorted(enumerate(findings), key=key)]


@dataclass(frozen=True)
class Run:
    """A control run: its report, and the records read (None when the file could not be read
    as records: a finding before the record stage stopped the run)."""

    report: Report
    records: pl.DataFrame | None


@cache
def _catalogued_record_stage(
    form_id: str, year: int
) -> tuple[tuple[Rule, ...], tuple[pl.Expr, ...]]:
    """A catalogued form's record controls and their expressions, built once per process.

    Building them is a good part of a small file's cost. It can be done once because no record
    control's expression depends on who delivers: the run's municipality is a column of the
    frame (`readings.RUN_MUNICIPALITY`); tests/controls/test_program.py holds them to that.
    """
    definition = load(form_id, year)
    rules = tuple(r for r in rules_for(definition) if r.stage is Stage.RECORDS)
    return rules, failure_masks(rules, Context(form=definition, municipality=""))


def record_rules(ctx: Context) -> tuple[tuple[Rule, ...], tuple[pl.Expr, ...] | None]:
    """The controls run on each record for `ctx`, in run order, with their failure masks when
    built once for a catalogued form (None: build them when evaluating)."""
    try:
        catalogued = load(ctx.form.form, ctx.year) is ctx.form
    except (UnknownForm, UnknownYear):
        catalogued = False
    if catalogued:
        return _catalogued_record_stage(ctx.form.form, ctx.year)
    return tuple(r for r in rules_for(ctx.form) if r.stage is Stage.RECORDS), None


def check(data: bytes, ctx: Context) -> Report:
    """Run the control program for `ctx` on the bytes of an extract."""
    return run(data, ctx).report


def run(data: bytes, ctx: Context) -> Run:
    """Run the control program for `ctx` on the bytes of an extract; keep the records read."""
    extract = read_lines(data)
    rules = rules_for(ctx.form)

    def stage(kind: Stage) -> Sequence[Rule]:
        return [r for r in rules if r.stage is kind]

    def report(
        findings: list[Finding], records: int, performed: int, stats: tuple[StatTable, ...] = ()
    ) -> Report:
        return Report(
            form=ctx.form.form,
            year=ctx.year,
            municipality=ctx.municipality,
            district=ctx.district,
            records=records,
            findings=tuple(findings),
            stats=stats,
            encoding=extract.encoding,
            controls_performed=performed,
        )

    whole_file = pl.DataFrame(
        {
            CONTENT_LENGTH: [extract.content_length],
            RECORDS: [extract.record_count],
            HAS_ATTACHMENT: [ctx.has_attachment],
            BINARY: [extract.looks_binary],
        }
    )
    findings = evaluate(stage(Stage.FILE), whole_file, ctx)
    if findings:
        return Run(report(findings, extract.record_count, 2), None)
    findings = evaluate(stage(Stage.LINES), extract.lines, ctx)
    if findings:
        return Run(report(findings, extract.record_count, 2), None)

    records = split_fields(extract.lines, ctx.form).lazy().with_columns(derived(ctx)).collect()
    each_record, masks = record_rules(ctx)
    findings = evaluate(each_record, records, ctx, masks)
    families = {e.id for e in declared(ctx.form.form) if isinstance(e, RuleFamily)}
    performed = extract.record_count * (2 + _validation_control_count(ctx.form.form))
    ordered = _record_major(findings, families)
    stats = program(ctx.form.form).file_statistics(records, ctx)
    return Run(report(ordered, extract.record_count, performed, stats), records)
