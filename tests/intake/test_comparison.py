"""Comparison with last year at the source: totals of an extract, warnings with both numbers."""

from __future__ import annotations

import pytest

from kostra.catalog import load
from kostra.controls import Context, Severity, run
from kostra.intake.comparison import compare, threshold
from kostra.intake.totals import combine, extract_totals, measures, predecessors
from kostra.registry import ReportingUnit
from kostra.synth import tally
from kostra.synth.extract import generate


@pytest.mark.parametrize("form", ["11F", "11CF"])
def test_totals_equal_what_the_extract_holds(form: str) -> None:
    made = generate(form, 2025, "1103", 120, seed=3, errors=0, encoding="utf-8", line_ending="\n")
    ctx = Context(form=load(form, 2025), municipality="1103")
    result = run(made.data, ctx)
    assert result.records is not None
    totals = extract_totals(result.records, ctx)
    if form == "11F":
        assert totals["recipients"] == made.counts[tally.CASES] == 120
        assert totals["paid"] == made.counts[tally.PAID]
        assert totals["months"] == made.counts[tally.MONTHS]
    else:
        assert totals["participants"] == 120
        assert totals["kvp_paid"] == made.counts[tally.KVP_PAID]


CTX = Context(form=load("11F", 2025), municipality="1103")
THIS = {"recipients": 200, "paid": 10_000_000, "months": 1000}


@pytest.mark.parametrize(
    ("last", "fired"),
    [
        (None, []),  # nothing to compare with
        (THIS, []),
        ({"recipients": 160, "paid": 8_000_000, "months": 800}, []),  # +25 %: within 30 %
        ({"recipients": 120, "paid": 10_000_000, "months": 1000}, ["FJOR1"]),  # +67 %
        ({"recipients": 200, "paid": 5_000_000, "months": 1000}, ["FJOR2"]),
        ({}, ["FJOR1", "FJOR2", "FJOR3"]),  # declared nothing to report last year
    ],
    ids=["no-last-year", "same", "small-change", "recipients", "paid", "was-empty"],
)  # fmt: skip
def test_large_changes_warn(last: dict[str, int] | None, fired: list[str]) -> None:
    findings = compare(THIS, last, CTX)
    assert [f.rule for f in findings] == fired
    assert all(f.severity is Severity.WARNING for f in findings)


def test_small_units_vary_without_warnings() -> None:
    assert compare({"recipients": 5, "paid": 90_000, "months": 20},
                   {"recipients": 2, "paid": 30_000, "months": 8}, CTX) == ()  # fmt: skip


def test_the_warning_shows_both_numbers() -> None:
    (finding,) = compare(THIS, {"recipients": 120, "paid": 10_000_000, "months": 1000}, CTX)
    assert "200 i år mot 120 i fjor (+66,7 %)" in finding.message


def test_last_year_follows_the_renumbering() -> None:
    # Halden was 3001 in 2023 and became 3101 in 2024; Ålesund 1507 was split in 2024.
    assert predecessors(ReportingUnit("3101"), 2024) == [(ReportingUnit("3001"), 1.0)]
    split = predecessors(ReportingUnit("1508"), 2024)
    assert [u.code for u, _ in split] == ["1507"] and 0 < split[0][1] < 1
    assert combine([({"recipients": 100}, 0.25), ({"recipients": 40}, 1.0)]) == {"recipients": 65}


@pytest.mark.parametrize("last", [None, 0, 1, 9, 10, 30, 99, 100, 1_000, 333_333, 400_000])
@pytest.mark.parametrize("this", [0, 1, 11, 12, 40, 130, 100_001, 433_334, 600_000])
def test_the_threshold_flags_what_the_upload_warns_about(this: int, last: int | None) -> None:
    """One definition: the staff's revision list (`Threshold.exceeded`) flags a total exactly
    when the comparison at upload warns about it."""
    totals = dict.fromkeys(THIS, this)
    before = None if last is None else dict.fromkeys(THIS, last)
    warned = {f.message.split(":")[0] for f in compare(totals, before, CTX)}
    flagged = {m.label for m in measures("11F") if threshold(m).exceeded(this, last)}
    assert flagged == warned
