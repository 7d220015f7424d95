"""A release of the worked example (tests/production/worked.py, and the web forms' answers of
worked_forms.py): suppression, symbols, independent readers, and the same bytes from the same
inputs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kostra.indicators.definitions import definitions
from kostra.production.year import build as build_year
from kostra.publish.dataset import Dataset, Symbol
from kostra.publish.jsonstat import from_jsonstat
from kostra.publish.release import Built, build
from kostra.publish.tables import TABLES, variables
from tests.production import worked, worked_forms
from tests.publish.test_jsonstat import VALIDATOR
from tests.publish.test_px import read_px

AT = datetime(2026, 3, 15, 7, 0, tzinfo=UTC)
OSLO_ALL = ("0301", "EAB", "EKA03", "EKG13")  # all four are exactly Oslo's fifteen districts


def release(folder: Path, max_n: int = 2, missing: tuple[str, ...] = ()) -> Built:
    files = worked.write(folder)
    year = build_year(worked.YEAR, worked.deliveries(files, missing), worked.read, worked.KEY)
    return build({worked.YEAR: year}, worked.YEAR, definitions(), max_n=max_n, updated=AT)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return release(tmp_path_factory.mktemp("release"))


def cell(dataset: Dataset, region: str, variable: str) -> tuple[object, Symbol | None]:
    index = dataset.flat_index((region, variable, str(worked.YEAR)))
    return dataset.values[index], dataset.status.get(index)


def table(built: Built, name: str) -> Dataset:
    return next(d for d in built.datasets if d.id == name)


def test_a_small_count_is_suppressed_with_what_reveals_it(built: Built) -> None:
    basic = table(built, "grunnlagstall")
    assert cell(basic, "030102", "cases") == (None, Symbol.SUPPRESSED)  # 2 cases
    assert cell(basic, "030102", "paid") == (None, Symbol.SUPPRESSED)  # the sum behind them
    # Oslo (5) minus Gamle Oslo (3) would give Grünerløkka: one more must go.
    shown = [cell(basic, code, "cases")[1] is None for code in ("030101", *OSLO_ALL)]
    assert not all(shown)
    # Oslo, EAB, county 03 and group 13 are the same districts: together or not at all.
    assert len({cell(basic, code, "cases")[1] for code in OSLO_ALL}) == 1
    key = table(built, "nokkeltall")
    assert cell(key, "030102", "share_18_66") == (None, Symbol.SUPPRESSED)
    assert cell(key, "030102", "paid_per_case") == (None, Symbol.SUPPRESSED)


def test_nothing_is_suppressed_without_a_threshold(tmp_path: Path) -> None:
    basic = table(release(tmp_path, max_n=0), "grunnlagstall")
    assert cell(basic, "030102", "cases") == (2, None)
    assert cell(basic, "0301", "cases") == (5, None)
    assert cell(basic, "EAK", "persons") == (4, None)
    key = table(release(tmp_path / "again", max_n=0), "nokkeltall")
    assert cell(key, "030101", "duration") == (7.0, None)
    assert cell(key, "030101", "paid_per_month") == (round(33000 / 21), None)


def test_figures_that_cannot_be_given_and_zeros(built: Built) -> None:
    key, basic = table(built, "nokkeltall"), table(built, "grunnlagstall")
    assert cell(basic, "4601", "cases") == (0, None)  # Bergen declared nothing: a real zero
    assert cell(key, "4601", "paid_per_case") == (None, Symbol.NOT_POSSIBLE)
    # A key figure goes with the counts behind it: Gamle Oslo's duration is shown exactly when
    # its cases are.
    cases, duration = cell(basic, "030101", "cases"), cell(key, "030101", "duration")
    assert duration == ((7.0, None) if cases[1] is None else (None, Symbol.SUPPRESSED))


def test_a_missing_unit_is_missing_and_the_country_estimated(tmp_path: Path) -> None:
    basic = table(release(tmp_path, max_n=0, missing=("4601",)), "grunnlagstall")
    assert cell(basic, "4601", "cases") == (None, Symbol.MISSING)
    value, status = cell(basic, "EAK", "cases")
    assert status is Symbol.ESTIMATED and isinstance(value, int)
    assert cell(basic, "EKA03", "cases")[1] is None  # Oslo's county has nothing estimated


def test_population_is_never_suppressed(built: Built) -> None:
    basic = table(built, "grunnlagstall")
    assert cell(basic, "030102", "pop_18_66")[1] is None


def test_figures_for_production_only_are_not_published(built: Built) -> None:
    codes = {c.code for c in table(built, "grunnlagstall").dimensions[1].categories}
    assert "negative_amounts" not in codes and "cases" in codes


@pytest.mark.parametrize("name", ["nokkeltall", "grunnlagstall"])
def test_jsonstat_passes_the_official_schema_and_reads_back(built: Built, name: str) -> None:
    document = json.loads(built.files[f"{name}.json"])
    assert list(VALIDATOR.iter_errors(document)) == []
    assert from_jsonstat(built.files[f"{name}.json"]) == table(built, name)


def test_px_reads_back_with_an_independent_reader(built: Built, tmp_path: Path) -> None:
    read = read_px(built.files["nokkeltall.px"], tmp_path)
    assert read  # pyaxis parsed the file
    assert "SOSKOSTRA2" in built.files["nokkeltall.px"].decode("utf-8")


def test_the_same_inputs_give_the_same_bytes(built: Built, tmp_path: Path) -> None:
    again = release(tmp_path)
    assert again.digests() == built.digests()


def test_no_identity_number_is_published(built: Built) -> None:
    for data in built.files.values():
        assert worked.PERSON_IN_BOTH.encode() not in data


# -- the web forms (tests/production/worked_forms.py) ----------------------------------------

WEB_TABLES = ("bemanning", "krisesenter", "stonadssatser")


def release_with_forms(
    folder: Path, max_n: int = 2, missing: tuple[tuple[str, str], ...] = ()
) -> Built:
    deliveries = worked_forms.deliveries(folder, missing)
    year = build_year(worked.YEAR, deliveries, worked.read, worked.KEY)
    return build({worked.YEAR: year}, worked.YEAR, definitions(), max_n=max_n, updated=AT)


@pytest.fixture(scope="module")
def with_forms(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return release_with_forms(tmp_path_factory.mktemp("release-forms"))


def test_every_published_figure_is_in_one_table() -> None:
    defs = definitions()
    placed = [v.id for table in TABLES for v in variables(table, defs) if v in defs.basic]
    assert sorted(placed) == sorted(f.id for f in defs.basic if f.publish)
    keys = [v.id for table in TABLES for v in variables(table, defs) if v in defs.key]
    assert sorted(keys) == sorted(k.id for k in defs.key)


@pytest.mark.parametrize("name", WEB_TABLES)
def test_web_form_tables_pass_the_schema_and_read_back(
    with_forms: Built, name: str, tmp_path: Path
) -> None:
    document = json.loads(with_forms.files[f"{name}.json"])
    assert list(VALIDATOR.iter_errors(document)) == []
    assert from_jsonstat(with_forms.files[f"{name}.json"]) == table(with_forms, name)
    assert read_px(with_forms.files[f"{name}.px"], tmp_path)  # pyaxis parsed it
    assert with_forms.files[f"{name}.csv"].startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("name", "region", "variable", "expected"),
    [
        ("bemanning", "030101", "staff_242", (15.0, None)),
        ("bemanning", "0301", "staff_243", (24.5, None)),
        ("bemanning", "EAK", "social_worker_share", (round(100 * 76 / 122.5, 1), None)),
        # One unit with utekontakt is a unit, not a person: no small count is suppressed.
        ("bemanning", "030101", "outreach_units", (1, None)),
        ("bemanning", "0301", "outreach_share", (33.3, None)),
        ("krisesenter", "0301", "shelter_places_men", (10, None)),
        ("krisesenter", "4601", "violence_plan_share", (0.0, None)),
        # Oslo reports 7B and 12 as a whole: its districts have no figures of their own.
        ("krisesenter", "030101", "shelter_places_women_per_10000", (None, Symbol.NOT_POSSIBLE)),
        ("krisesenter", "EAB", "shelter_costs", (None, Symbol.NOT_POSSIBLE)),
        ("stonadssatser", "030102", "rate_single", (None, Symbol.NOT_POSSIBLE)),
        ("stonadssatser", "EAK", "rate_single", (6633, None)),
        ("stonadssatser", "EKA46", "covers_household_share", (50.0, None)),
        ("stonadssatser", "4601", "rate_single", (6600, None)),
        ("stonadssatser", "1103", "rate_single", (None, Symbol.NOT_POSSIBLE)),  # declared nothing
    ],
)  # fmt: skip
def test_web_form_figures_in_the_release(
    with_forms: Built, name: str, region: str, variable: str, expected: tuple[object, object]
) -> None:
    assert cell(table(with_forms, name), region, variable) == expected


def test_sums_are_estimated_and_means_are_over_respondents(tmp_path: Path) -> None:
    made = release_with_forms(tmp_path, missing=(("7", "5001"), ("12", "5001")))
    staffing, rates = table(made, "bemanning"), table(made, "stonadssatser")
    assert cell(staffing, "5001", "staff_242") == (None, Symbol.MISSING)
    assert cell(staffing, "EAK", "staff_242")[1] is Symbol.ESTIMATED
    assert cell(staffing, "EAK", "staff_242_per_10000")[1] is Symbol.ESTIMATED
    assert cell(staffing, "EAK", "outreach_share") == (50.0, None)  # respondents only
    assert cell(staffing, "EAK", "f7_units") == (4, None)
    assert cell(rates, "5001", "rate_single") == (None, Symbol.MISSING)
    assert cell(rates, "EKG12", "rate_single") == (6600, None)


def test_the_extracts_tables_do_not_change_with_the_web_forms(
    built: Built, with_forms: Built
) -> None:
    for name in ("nokkeltall", "grunnlagstall"):
        assert with_forms.files[f"{name}.json"] == built.files[f"{name}.json"]


def test_a_release_with_web_forms_gives_the_same_bytes(with_forms: Built, tmp_path: Path) -> None:
    assert release_with_forms(tmp_path).digests() == with_forms.digests()
