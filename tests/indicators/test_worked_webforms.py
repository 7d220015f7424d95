"""The web forms' basic and key figures equal the worked example's, worked out by hand
(tests/production/worked_forms.py): sums and figures per 10 000 inhabitants, means of rates and
shares of municipalities over the respondents, Oslo as its districts and its own answers."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from kostra.indicators.definitions import definitions
from kostra.indicators.figures import YearFigures, year_figures
from kostra.production.year import build
from kostra.registry import kostra_group, municipalities, population_in
from tests.production import worked, worked_forms

YEAR = worked_forms.YEAR
AT = YEAR + 1  # population at 31 December of the reporting year


def figures_of(folder: Path, missing: tuple[tuple[str, str], ...] = (),
               last: pl.DataFrame | None = None) -> YearFigures:  # fmt: skip
    year = build(YEAR, worked_forms.deliveries(folder, missing), worked.read, worked.KEY)
    return year_figures(year, last, definitions())


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> YearFigures:
    return figures_of(tmp_path_factory.mktemp("worked-forms"))


def basic(figures: YearFigures, region: str) -> dict[str, object]:
    return figures.basic.filter(figures.basic["region"] == region).row(0, named=True)


def key(figures: YearFigures, region: str) -> dict[str, object]:
    return figures.key.filter(figures.key["region"] == region).row(0, named=True)


def people(region: str) -> int:
    """Inhabitants at the end of the year: of a municipality or district, or of the country."""
    if region == "EAK":
        return sum(population_in(m, AT) for m in municipalities(YEAR))
    return population_in(region, AT)


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("030101", {"staff_242": 15.0, "staff_242_social_workers": 10.5, "staff_243": 4.0,
                    "counselling_cases": 120, "f7_units": 1, "outreach_units": 1,
                    "outreach_staff": 2.0}),
        ("030102", {"staff_242": 7.5, "outreach_units": 0, "outreach_staff": 0.0}),
        # Oslo: its districts and its own answers (measures run centrally); EAB: the districts.
        ("0301", {"staff_242": 22.5, "staff_243": 24.5, "f7_units": 3, "outreach_units": 1}),
        ("EAB", {"staff_242": 22.5, "staff_243": 4.5, "f7_units": 2}),
        ("EKA03", {"staff_242": 22.5, "staff_243": 24.5}),
        ("EAK", {"staff_242": 122.5, "staff_242_social_workers": 76.0, "staff_243": 54.5,
                 "counselling_cases": 550, "f7_units": 4, "outreach_units": 2}),
        ("EAKUO", {"staff_242": 100.0, "f7_units": 1}),
        ("4602", {"staff_242": 0.0, "f7_units": 0}),  # nothing to report: zero, no respondent
        ("0301", {"shelter_costs": 50_000_000, "shelter_places_women": 60,
                  "shelter_places_men": 10, "f7b_units": 1, "violence_plan": 1}),
        ("EKA46", {"shelter_costs": 21_200_000, "f7b_units": 2, "violence_plan": 1,
                   "shelter_cooperation": 2}),
        ("EAK", {"shelter_costs": 71_200_000, "shelter_places_women": 90,
                 "shelter_places_men": 15, "f7b_units": 3, "violence_plan": 2}),
        ("EAK", {"f12_units": 3, "rate_single_total": 19_900, "follows_state": 1,
                 "covers_food": 3, "covers_travel": 1, "housing_ceiling": 2}),
    ],
)  # fmt: skip
def test_basic_figures(figures: YearFigures, region: str, expected: dict[str, object]) -> None:
    found = basic(figures, region)
    assert {name: found[name] for name in expected} == expected


def test_oslo_has_the_inhabitants_of_no_district_too(figures: YearFigures) -> None:
    assert basic(figures, "0301")["pop_total"] == population_in("0301", AT)
    districts = sum(population_in(f"0301{d:02d}", AT) for d in range(1, 16))
    assert basic(figures, "EAB")["pop_total"] == districts


@pytest.mark.parametrize(
    ("region", "name", "expected"),
    [
        ("030101", "staff_242_per_10000", 10_000 * 15 / people("030101")),
        ("0301", "staff_242_per_10000", 10_000 * 22.5 / people("0301")),
        ("EAK", "staff_243_per_10000", 10_000 * 54.5 / people("EAK")),
        ("EAK", "social_worker_share", 100 * 76 / 122.5),
        ("030101", "social_worker_share", 70.0),
        ("EAK", "counselling_cases_per_10000", 10_000 * 550 / people("EAK")),
        ("0301", "outreach_share", 100 / 3),
        ("EAB", "outreach_share", 50.0),
        ("EAK", "outreach_share", 50.0),
        ("0301", "shelter_costs_per_inhabitant", 50_000_000 / people("0301")),
        ("EAK", "shelter_places_women_per_10000", 10_000 * 90 / people("EAK")),
        ("4601", "shelter_places_men_per_10000", 10_000 * 5 / people("4601")),
        ("EAK", "violence_plan_share", 200 / 3),
        ("EKA46", "violence_plan_share", 50.0),
        ("4601", "violence_plan_share", 0.0),
        ("EKA46", "shelter_cooperation_share", 100.0),
        # The rates: a municipality's own, a region's the unweighted mean of its respondents.
        ("4601", "rate_single", 6600.0),
        ("0301", "rate_single", 7000.0),
        ("EKA46", "rate_single", (6600 + 6300) / 2),
        ("EAK", "rate_single", (7000 + 6600 + 6300) / 3),
        ("EKG12", "rate_single", 6600.0),  # Trondheim declared nothing: no rate to count
        ("EAK", "rate_couple", (11600 + 11000 + 10500) / 3),
        ("EAK", "rate_child_0_5", (4000 + 3500 + 3400) / 3),
        ("EAK", "follows_state_share", 100 / 3),
        ("EAK", "covers_food_share", 100.0),
        ("EAK", "covers_travel_share", 100 / 3),
        ("EKA46", "covers_household_share", 50.0),
        ("EAK", "housing_ceiling_share", 200 / 3),
    ],
)  # fmt: skip
def test_key_figures(figures: YearFigures, region: str, name: str, expected: float) -> None:
    assert key(figures, region)[name] == pytest.approx(expected)


def test_regions_that_do_not_report_a_form(figures: YearFigures) -> None:
    assert {"030101", "030115", "EAB"} <= figures.not_applicable["7B"]
    assert "0301" not in figures.not_applicable["7B"]
    assert "030101" not in figures.not_applicable["7"] and "EAB" not in figures.not_applicable["7"]
    assert key(figures, "030101")["rate_single"] is None  # a share of nobody: cannot be given
    assert not any(figures.missing[form] for form in worked_forms.WEB_FORMS)


def test_a_missing_unit_is_estimated_in_sums_and_left_out_of_means(tmp_path: Path) -> None:
    missing = (("7", "5001"), ("12", "5001"))
    estimated = figures_of(tmp_path, missing)
    assert "5001" in estimated.missing["7"] and "5001" in estimated.missing["12"]
    # No figure last year: the KOSTRA group's årsverk per inhabitant 18–66 (Bergen's 100.0).
    peers = [m for m in municipalities(YEAR) if kostra_group(m, YEAR) == "EKG12" and m != "5001"]
    per_inhabitant = 100.0 / sum(population_in(m, YEAR, 18, 66) for m in peers)
    guess = round(per_inhabitant * population_in("5001", YEAR, 18, 66), 1)
    assert basic(estimated, "5001")["staff_242"] == guess
    assert basic(estimated, "EAK")["staff_242"] == pytest.approx(122.5 + guess)
    assert estimated.is_estimated("EAK", {"7"}) and estimated.is_estimated("EKA50", {"7"})
    assert not estimated.is_estimated("EKA46", {"7"})
    # Over the respondents: the country's shares and Trøndelag's mean rate are as they were.
    assert basic(estimated, "5001")["f7_units"] == 0
    assert key(estimated, "EAK")["outreach_share"] == 50.0
    assert key(estimated, "EKG12")["rate_single"] == 6600.0
    assert not estimated.is_estimated("EAK", {"12"})


def test_an_estimate_from_last_year_keeps_its_decimals(
    tmp_path: Path, figures: YearFigures
) -> None:
    # Last year Bergen had 90.0 årsverk and Trondheim 80.0; the rest of the group none. This
    # year Bergen has 100.0, so Trondheim is 80.0 × 100/90.
    last = figures.units.with_columns(
        pl.when(pl.col("unit") == "4601").then(90.0)
        .when(pl.col("unit") == "5001").then(80.0)
        .otherwise(pl.col("staff_242")).alias("staff_242")
    )  # fmt: skip
    estimated = figures_of(tmp_path, (("7", "5001"),), last)
    assert basic(estimated, "5001")["staff_242"] == round(80.0 * 100 / 90, 1)
