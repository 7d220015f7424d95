"""The controls of the web forms, built from their definitions: each kind of finding, on the
hand-written clean answers of tests/webforms/answers.py changed one answer at a time."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kostra.catalog import available, load
from kostra.controls import Severity, webform
from kostra.registry import ReportingUnit
from tests.webforms.answers import CLEAN, as_posted

GAMLE_OSLO, STAVANGER = ReportingUnit("0301", "01"), ReportingUnit("1103")
UNIT = {"7": GAMLE_OSLO, "7B": STAVANGER, "12": STAVANGER}


def findings(form: str, answers: dict[str, Any], last: dict[str, Any] | None = None) -> list[str]:
    report = webform.check(answers, load(form, 2025), UNIT[form], last).report
    return [f.rule for f in report.findings]


@pytest.mark.parametrize("form", ["7", "7B", "12"])
def test_clean_answers_have_no_findings_typed_or_as_posted(form: str) -> None:
    assert findings(form, CLEAN[form]) == []
    assert findings(form, as_posted(CLEAN[form])) == []


@pytest.mark.parametrize(
    ("form", "change", "rule", "fields"),
    [
        ("7", {"OKRAD_SAKER": None}, "7-OBL", ("OKRAD_SAKER",)),
        ("7", {"OKRAD_SAKER": "tolv"}, "7-SVAR", ("OKRAD_SAKER",)),
        ("7", {"EPOST": "kari@"}, "7-FORMAT", ("EPOST",)),
        ("7", {"TELEFON": "228 650"}, "7-FORMAT", ("TELEFON",)),
        ("7B", {"TELEFON": "+46 22 86 50 00"}, "7B-FORMAT", ("TELEFON",)),
        ("12", {"EPOST": "per.example.org"}, "12-FORMAT", ("EPOST",)),
        ("7", {"OKRAD_ARSVERK": 600}, "7-OMR", ("OKRAD_ARSVERK",)),
        ("7", {"KOMMUNAL_STATLIG": 1.2}, "7-STEG", ("KOMMUNAL_STATLIG",)),
        ("7", {"OKRAD_UTEN_SOSHJ": 181}, "7-K06", ("OKRAD_UTEN_SOSHJ", "OKRAD_SAKER")),
        ("7", {"ARSVERK_I_NAV": 40}, "7-K07", ("ARSVERK_I_NAV", "ARSVERK_242")),
        ("7", {"OKRAD_ARSVERK": 0.0}, "7-K05", ("OKRAD_ARSVERK", "OKRAD_SAKER")),
        ("7", {"UTEKONTAKT": False}, "7-IKKE", ("UTEKONTAKT_ARSVERK",)),
        ("7B", {"SAMARBEID_ANTALL": 1}, "7B-OMR", ("SAMARBEID_ANTALL",)),
        ("7B", {"PLAN_UTLOPER": "2024-06-30"}, "7B-K03", ("PLAN_UTLOPER",)),
        ("7B", {"KOSTNADER": 0}, "7B-K05", ("KOSTNADER",)),
        ("7B", {"PLASSER_MENN": 501}, "7B-OMR", ("PLASSER_MENN",)),
        ("7B", {"PLAN_UTLOPER": "31.02.2027"}, "7B-SVAR", ("PLAN_UTLOPER",)),
        ("12", {"SATS_PAR": 7_000}, "12-K04", ("SATS_PAR", "SATS_ENSLIG")),
        ("12", {"VEDTAK_DATO": "2026-01-05"}, "12-K02", ("VEDTAK_DATO",)),
        ("12", {"VEDTAK_DATO": "2018-01-05"}, "12-K03", ("VEDTAK_DATO",)),
        (
            "12",
            {"SATS_BARN_0_5": 5_000},
            "12-K06",
            ("SATS_BARN_0_5", "SATS_BARN_6_10", "SATS_BARN_11_17"),
        ),
        ("12", {"FOLGER_STATEN": "5"}, "12-SVAR", ("FOLGER_STATEN",)),
        ("12", {"DEKKER_MAT": False}, "12-K07", ("FOLGER_STATEN",)),
        ("12", {"BOUTGIFT_ENSLIG": None}, "12-OBL", ("BOUTGIFT_ENSLIG",)),
    ],
)
def test_each_kind_of_finding(
    form: str, change: dict[str, Any], rule: str, fields: tuple[str, ...]
) -> None:
    answers = {k: v for k, v in (CLEAN[form] | change).items() if v is not None}
    report = webform.check(answers, load(form, 2025), UNIT[form]).report
    assert [(f.rule, f.fields) for f in report.findings] == [(rule, fields)]


def test_severities_decide_whether_the_answers_may_be_submitted() -> None:
    warned = webform.check(CLEAN["7B"] | {"KOSTNADER": 0}, load("7B", 2025), STAVANGER).report
    assert warned.outcome is Severity.WARNING and warned.may_submit
    refused = webform.check(CLEAN["12"] | {"SATS_PAR": 1}, load("12", 2025), STAVANGER).report
    assert refused.outcome is Severity.ERROR and not refused.may_submit


def test_a_large_change_from_last_year_warns_with_both_answers() -> None:
    last = CLEAN["7B"] | {"KOSTNADER": 5_000_000}
    report = webform.check(CLEAN["7B"], load("7B", 2025), STAVANGER, last).report
    (finding,) = report.findings
    assert finding.rule == "7B-FJOR" and finding.severity is Severity.WARNING
    assert "9 800 000 i år mot 5 000 000 i fjor" in finding.message
    assert findings("7B", CLEAN["7B"], CLEAN["7B"] | {"KOSTNADER": 9_000_000}) == []


def test_a_not_asked_question_is_not_mandatory() -> None:
    answers = CLEAN["7"] | {"UTEKONTAKT": False}
    answers.pop("UTEKONTAKT_ARSVERK")
    checked = webform.check(answers, load("7", 2025), GAMLE_OSLO)
    assert checked.report.findings == () and checked.answers.asked["UTEKONTAKT_ARSVERK"] is False


def test_a_sum_is_worked_out_and_never_read_from_the_sender() -> None:
    checked = webform.check(CLEAN["7"] | {"ARSVERK_242": 999}, load("7", 2025), GAMLE_OSLO)
    assert checked.answers.values["ARSVERK_242"] == pytest.approx(32.7)
    assert checked.report.findings == ()


def test_messages_show_answers_as_a_reporter_writes_them() -> None:
    report = webform.check(CLEAN["12"] | {"SATS_PAR": 7_000}, load("12", 2025), STAVANGER).report
    assert "(7 000 kr)" in report.findings[0].message
    assert "(7 400 kr)" in report.findings[0].message


@pytest.mark.parametrize(
    ("form", "year"), [(f, y) for f in ("7", "7B", "12") for y in available()[f]]
)
def test_every_year_of_every_web_form_compiles_and_checks_an_empty_form(
    form: str, year: int
) -> None:
    definition = load(form, year)
    report = webform.check({}, definition, UNIT[form]).report
    mandatory = {f.name for f in definition.fields if f.mandatory and f.asked_when is None}
    assert {name for f in report.findings for name in f.fields} == mandatory


_ANY = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30)
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from([f.name for f in load("7", 2025).fields] + ["X"]), _ANY))
def test_any_answers_give_findings_never_an_exception(sent: dict[str, Any]) -> None:
    report = webform.check(sent, load("7", 2025), GAMLE_OSLO).report
    assert all(f.message for f in report.findings)
