"""A release of the worked example (tests/production/worked.py): suppression, symbols,
independent readers, and the same bytes from the same inputs."""

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
from tests.production import worked
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
