"""Helpers for the rule tables: run a table's rows together and read each row's findings.

A report costs some 60 ms to build whatever the number of lines, so the rows of a parametrize
table are checked as one file, one line per row, once per form, year and municipality. Each line
is the clean record of `tests.builders` with the row's changes; it also gets a journal number
and a fødselsnummer of its own (born in 1985 like the clean one), so that no two lines are
duplicates (K005A, K005B) unless a row makes them so. Every message of every report is checked
to be Norwegian and to hold no fødselsnummer or DUF number of the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import cast

import pytest
from _pytest.mark import ParameterSet

from kostra.catalog import load
from kostra.controls import Report
from kostra.records.values import trim
from tests.builders import MUNICIPALITY, clean_values, fnr, line, run
from tests.ssb_catalogue import ssb_controls

YEAR = 2026
YEARS = range(2022, 2027)

# Severities of the record controls as SSB gives them (catalogue tables 0.1 and 0.2), in run
# order; pre-validation (K000, K001) and the layout family (K002) are tested elsewhere.
SEVERITY: dict[str, dict[str, str]] = {
    form: {
        rule: severity
        for rule, severity in ssb_controls(form)
        if rule not in {"K000", "K001", "K002"}
    }
    for form in ("11F", "11CF")
}

Changes = tuple[tuple[str, str], ...]
Found = list[tuple[str, str]]


@dataclass(frozen=True)
class Row:
    """One row of a table: its changes to the clean record and its line in the table's file."""

    changes: Changes
    table: tuple[Changes, ...]
    index: int

    @property
    def line(self) -> int:
        """1-based line of this row in the table's file."""
        return self.index + 1


def table(*rows: ParameterSet) -> list[ParameterSet]:
    """Parametrize rows whose first value is a dict of changes; it becomes a `Row`."""
    changes = tuple(tuple(sorted(cast(Mapping[str, str], row.values[0]).items())) for row in rows)
    return [
        pytest.param(Row(changes[i], changes, i), *row.values[1:], id=row.id, marks=row.marks)
        for i, row in enumerate(rows)
    ]


def _identity(index: int) -> dict[str, str]:
    day, month = 1 + index % 28, 1 + index // 28
    return {
        "PERSON_JOURNALNR": f"J{index + 1:07d}",
        "PERSON_FODSELSNR": fnr(f"{day:02d}{month:02d}85"),
    }


_NORWEGIAN_WORDS = frozenset(
    {"er", "og", "eller", "ikke", "skal", "mangler", "men", "på", "det", "som", "for", "har"}
)
_ENGLISH_WORDS = frozenset(
    {"the", "is", "and", "or", "not", "missing", "invalid", "must", "should", "value", "found"}
)


def assert_messages_fit(report: Report, records: Sequence[Mapping[str, str]]) -> None:
    """Every message is Norwegian and shows no fødselsnummer or DUF number of the file."""
    identities = {
        trim(record.get(name, ""))
        for record in records
        for name in ("PERSON_FODSELSNR", "PERSON_DUF")
    }
    identities = {number for number in identities if len(number) >= 6}
    for finding in report.findings:
        words = set(re.findall(r"[a-zæøå]+", finding.message.lower()))
        assert words & _NORWEGIAN_WORDS, finding.message
        assert not words & _ENGLISH_WORDS, finding.message
        for number in identities:
            assert number not in finding.message, f"{finding.rule} shows an identity number"


def run_records(
    records: Sequence[Mapping[str, str]],
    form_id: str = "11F",
    year: int = YEAR,
    municipality: str = MUNICIPALITY,
) -> Report:
    """Check a file of clean records with the given changes, one line each, as they stand."""
    definition = load(form_id, year)
    values = [{**clean_values(definition), **changes} for changes in records]
    report = run(
        [line(definition, **changes) for changes in records],
        form=form_id,
        year=year,
        municipality=municipality,
    )
    assert_messages_fit(report, values)
    return report


@cache
def _checked(rows: tuple[Changes, ...], form_id: str, year: int, municipality: str) -> Report:
    return run_records(
        [{**_identity(i), **dict(changes)} for i, changes in enumerate(rows)],
        form_id,
        year,
        municipality,
    )


def check_rows(
    rows: Sequence[Mapping[str, str]],
    form_id: str = "11F",
    year: int = YEAR,
    municipality: str = MUNICIPALITY,
) -> Report:
    """The report on a file of clean records with `rows`' changes, one line each, each line with
    its own journal number and fødselsnummer unless its changes give them (cached)."""
    return _checked(tuple(tuple(sorted(r.items())) for r in rows), form_id, year, municipality)


def on_line(report: Report, line_number: int) -> Found:
    """(rule, severity) of every finding on one line, in run order, K002 left out (the layout
    check has tests of its own)."""
    return [
        (rule, severity)
        for rule, severity, lines in report.flatten("rule", "severity", "lines")
        if lines == (line_number,) and rule != "K002"
    ]


def findings(
    row: Row, form_id: str = "11F", year: int = YEAR, municipality: str = MUNICIPALITY
) -> Found:
    """`on_line` for the row, its table checked as one file."""
    return on_line(_checked(row.table, form_id, year, municipality), row.line)


def findings_per_line(
    rows: Sequence[Mapping[str, str]],
    form_id: str = "11F",
    year: int = YEAR,
    municipality: str = MUNICIPALITY,
) -> list[Found]:
    """`on_line` for each of ad hoc rows checked together."""
    report = check_rows(rows, form_id, year, municipality)
    return [on_line(report, i + 1) for i in range(len(rows))]


def messages(
    row: Row,
    rule_id: str,
    form_id: str = "11F",
    year: int = YEAR,
    municipality: str = MUNICIPALITY,
) -> list[str]:
    """Messages of `rule_id` on the row's line."""
    report = _checked(row.table, form_id, year, municipality)
    return [f.message for f in report.findings if f.rule == rule_id and f.lines == (row.line,)]


def expected(form_id: str, rule_ids: Sequence[str]) -> Found:
    """(rule, severity) for the rules, in run order, with the catalogue's severities."""
    order = list(SEVERITY[form_id])
    return [(r, SEVERITY[form_id][r]) for r in sorted(rule_ids, key=order.index)]


def raw(form_id: str, name: str, value: str, year: int = YEAR) -> str:
    """The value as it stands in its field (left-aligned, padded to the field's width)."""
    width = load(form_id, year).field(name).width
    assert width is not None
    return value.ljust(width)
