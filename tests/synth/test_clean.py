"""A generated extract without injected errors passes the control program."""

from __future__ import annotations

import pytest

from kostra.synth import generate

from .conftest import control, found

FORMS_AND_YEARS = [(form, year) for form in ("11F", "11CF") for year in range(2022, 2027)]


@pytest.mark.parametrize(
    ("form", "year"), FORMS_AND_YEARS, ids=[f"{f}-{y}" for f, y in FORMS_AND_YEARS]
)
def test_clean_oslo_file_has_no_findings_at_all(form: str, year: int) -> None:
    made = generate(form, year, "0301", 150, seed=year)
    report = control(made)
    assert made.expected == ()
    assert report.findings == ()
    assert report.may_submit


@pytest.mark.parametrize(
    ("form", "year"), FORMS_AND_YEARS, ids=[f"{f}-{y}" for f, y in FORMS_AND_YEARS]
)
def test_clean_file_outside_oslo_has_no_findings(form: str, year: int) -> None:
    made = generate(form, year, "4601", 120, seed=year)  # Bergen
    report = control(made)
    assert made.expected == ()
    assert report.findings == ()
    assert report.may_submit


def test_one_oslo_district() -> None:
    made = generate("11F", 2025, "0301", 60, seed=1, district="12")
    assert control(made).findings == ()
    assert {line[6:8] for line in made.data.decode("cp1252").splitlines()} == {"12"}


def test_recipients_known_only_by_duf_number_get_only_sss_age_warning() -> None:
    made = generate("11F", 2025, "0301", 300, seed=4, duf_only=0.1)
    duf_lines = {line for line, rule in made.expected if rule == "K006"}
    assert 10 < len(duf_lines) < 60
    assert set(made.expected) == {(line, "K006") for line in duf_lines}
    report = control(made)
    assert found(report) == set(made.expected)
    assert report.may_submit


def test_municipality_that_no_longer_exists_in_the_year() -> None:
    made = generate("11CF", 2023, "1507", 50, seed=2)  # Ålesund before the 2024 renumbering
    assert control(made).findings == ()
