"""Basic and key figures equal the worked example's hand-made answers (tests/production/worked.py)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from kostra.indicators.definitions import definitions
from kostra.indicators.figures import YearFigures, year_figures
from kostra.production.year import build
from kostra.registry import population_in
from tests.production import worked


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> YearFigures:
    files = worked.write(tmp_path_factory.mktemp("worked"))
    year = build(worked.YEAR, worked.deliveries(files), worked.read, worked.KEY)
    return year_figures(year, None, definitions())


def basic(figures: YearFigures, region: str) -> dict[str, object]:
    return figures.basic.filter(figures.basic["region"] == region).row(0, named=True)


def key(figures: YearFigures, region: str) -> dict[str, object]:
    return figures.key.filter(figures.key["region"] == region).row(0, named=True)


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("030101", {"cases": 3, "cases_18_24": 1, "cases_25_66": 1, "cases_18_66": 2,
                    "paid": 33000, "grant": 29000, "loan": 4000, "months": 21, "long_term": 2,
                    "main_income_assistance": 2, "main_income_work": 1, "with_children": 1,
                    "housing_owned": 1, "housing_none": 1, "housing_rented": 1,
                    "negative_amounts": 1}),
        ("030102", {"cases": 2, "cases_18_24": 1, "cases_18_66": 2, "paid": 11000,
                    "months": 4, "long_term": 0}),
        ("0301", {"cases": 5, "paid": 44000, "months": 25, "long_term": 2}),
        ("EAB", {"cases": 5, "paid": 44000}),
        ("EKA03", {"cases": 5}),
        ("EKG13", {"cases": 5}),
        ("EAK", {"cases": 5, "persons": 4, "paid": 44000}),
        ("EAKUO", {"cases": 0, "persons": 0, "paid": 0}),
        ("4601", {"cases": 0, "paid": 0}),
    ],
)  # fmt: skip
def test_basic_figures(figures: YearFigures, region: str, expected: dict[str, int]) -> None:
    found = basic(figures, region)
    assert {name: found[name] for name in expected} == expected


def test_population_is_at_the_end_of_the_year(figures: YearFigures) -> None:
    assert basic(figures, "030101")["pop_18_66"] == population_in("030101", 2026, 18, 66)


def test_key_figures(figures: YearFigures) -> None:
    gamle_oslo = key(figures, "030101")
    assert gamle_oslo["paid_per_case"] == 11000
    assert gamle_oslo["paid_per_month"] == pytest.approx(33000 / 21)
    assert gamle_oslo["duration"] == 7.0
    assert gamle_oslo["duration_18_24"] == 7.0
    assert gamle_oslo["duration_25_66"] == 2.0
    assert gamle_oslo["long_term_share"] == pytest.approx(200 / 3)
    assert gamle_oslo["share_18_66"] == pytest.approx(200 / population_in("030101", 2026, 18, 66))
    oslo = key(figures, "0301")
    assert oslo["duration"] == pytest.approx(25 / 5)
    assert key(figures, "4601")["paid_per_case"] is None  # no cases: cannot be given


def test_nothing_is_estimated_or_missing(figures: YearFigures) -> None:
    assert not figures.is_estimated("EAK", {"11F", "11CF"})
    assert not figures.missing["11F"] and not figures.missing["11CF"]


def test_a_form_nobody_has_delivered_is_missing_everywhere(figures: YearFigures) -> None:
    # The worked example has no deliveries of the web forms at all: nothing to estimate from.
    assert {"030101", "0301", "EKA03", "EAK"} <= figures.missing["7"]
    assert not figures.is_estimated("EAK", {"7"})
    assert "030101" in figures.not_applicable["7B"] and "030101" not in figures.missing["7B"]


def test_a_missing_unit_is_missing_and_estimated_in_the_aggregates(
    tmp_path: Path, figures: YearFigures
) -> None:
    # Last year Gamle Oslo had 6 cases, Grünerløkka 2, Sagene 10; this year Sagene is missing
    # and the districts that delivered both years went from 8 to 5 cases: Sagene 10 × 5/8 = 6.
    last = figures.units.with_columns(
        pl.when(pl.col("unit") == "030101").then(6)
        .when(pl.col("unit") == "030102").then(2)
        .when(pl.col("unit") == "030103").then(10)
        .otherwise(pl.col("cases")).alias("cases")
    )  # fmt: skip
    files = worked.write(tmp_path)
    deliveries = worked.deliveries(files, missing=("030103",))
    year = build(worked.YEAR, deliveries, worked.read, worked.KEY)
    estimated = year_figures(year, last, definitions())
    assert "030103" in estimated.missing["11F"]
    assert estimated.is_estimated("EAK", {"11F"}) and estimated.is_estimated("0301", {"11F"})
    assert not estimated.is_estimated("EAKUO", {"11F"})
    assert basic(estimated, "030103")["cases"] == 6
    assert basic(estimated, "0301")["cases"] == 5 + 6


def test_a_missing_unit_with_no_history_is_estimated_per_inhabitant(tmp_path: Path) -> None:
    files = worked.write(tmp_path)
    year = build(
        worked.YEAR, worked.deliveries(files, missing=("030103",)), worked.read, worked.KEY
    )
    estimated = year_figures(year, None, definitions())
    others = [f"0301{d:02d}" for d in range(1, 16) if d != 3]
    people = sum(population_in(code, 2025, 18, 66) for code in others)
    expected = round(5 / people * population_in("030103", 2025, 18, 66))
    assert basic(estimated, "030103")["cases"] == expected


def test_an_earlier_year_on_later_borders_keeps_its_totals(figures: YearFigures) -> None:
    from kostra.indicators.figures import on_borders

    same = on_borders(figures, worked.YEAR, definitions())
    assert same is figures
