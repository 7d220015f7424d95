"""The generated records look like the national statistics (shared/reference/domain-facts.md)."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

import pytest

from kostra.catalog import load
from kostra.linkage.identity import age
from kostra.records import read_lines, split_fields
from kostra.synth import generate


def _rows(form: str, year: int, records: int) -> list[dict[str, Any]]:
    made = generate(form, year, "0301", records, seed=17)
    return split_fields(read_lines(made.data).lines, load(form, year)).to_dicts()


@pytest.fixture(scope="module")
def recipients() -> list[dict[str, Any]]:
    return _rows("11F", 2025, 3000)


def test_amounts_have_a_median_near_40_000_and_a_long_tail(
    recipients: list[dict[str, Any]],
) -> None:
    totals = [int(r["BIDRAG"]) + int(r["LAAN"]) for r in recipients]
    assert 32_000 < statistics.median(totals) < 50_000
    assert statistics.mean(totals) > 1.4 * statistics.median(totals)
    assert max(totals) <= 1_000_000
    assert 0.04 < sum(int(r["LAAN"]) > 0 for r in recipients) / len(recipients) < 0.15


def test_months_are_u_shaped(recipients: list[dict[str, Any]]) -> None:
    months = Counter(sum(bool(r[f"STMND_{m}"].strip()) for m in range(1, 13)) for r in recipients)
    assert months[0] == 0
    assert months[1] > months[6] < months[12]
    assert 4.5 < sum(k * v for k, v in months.items()) / len(recipients) < 6.0


def test_ages_are_mostly_20_to_60(recipients: list[dict[str, Any]]) -> None:
    ages = [age(r["PERSON_FODSELSNR"], 2025) for r in recipients]
    assert all(a is not None and 18 <= a <= 80 for a in ages)
    assert sum(20 <= a <= 60 for a in ages if a is not None) / len(ages) > 0.8


def test_household_and_income_shares(recipients: list[dict[str, Any]]) -> None:
    men = sum(r["KJONN"] == "1" for r in recipients) / len(recipients)
    parents = sum(r["BU18"] == "1" for r in recipients) / len(recipients)
    assert 0.5 < men < 0.65
    assert 0.22 < parents < 0.38
    income = [code for code, _ in Counter(r["VKLO"] for r in recipients).most_common(2)]
    assert income == ["5", "3"]  # sosialhjelp, then trygd
    assert any(r["PERSON_FODSELSNR"][0] in "4567" for r in recipients)  # some d-numbers


def test_participants_in_qualification_programme() -> None:
    rows = _rows("11CF", 2026, 1000)
    ages = [age(r["PERSON_FODSELSNR"], 2026) for r in rows]
    assert all(a is not None and 18 <= a <= 67 for a in ages)
    status = Counter(r["STATUS"] for r in rows)
    assert status.most_common(1)[0][0] == "1"
    assert {"2", "3", "4", "7"} <= set(status)
    benefit = [int(r["KVP_STONAD"]) for r in rows]
    assert 100_000 < statistics.median(benefit) < 270_000
    assert max(benefit) <= 600_000
