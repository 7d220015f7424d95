"""A correction checked against the field's definition, and re-checked by the record's controls
(`kostra.production.corrections`), on the worked example (tests/production/worked.py)."""

from __future__ import annotations

import pytest

from kostra.catalog import load
from kostra.production.corrections import (
    CorrectionRefused,
    correctable,
    corrected_totals,
    field_value,
    recheck,
)
from kostra.production.microdata import Correction
from kostra.registry import ReportingUnit
from tests.production import worked

FORM = load("11F", 2025)
GAMLE_OSLO = ReportingUnit("0301", "01")
DATA = "".join(line + "\n" for line in worked.GAMLE_OSLO).encode("utf-8")


@pytest.mark.parametrize(
    ("field", "value", "kept"),
    [
        ("BIDRAG", "3000", "   3000"),
        ("BIDRAG", " 3000 ", "   3000"),
        ("LAAN", "-500", "   -500"),  # a loan paid back, as the control program reads integers
        ("BIDRAG", "", "       "),  # blank: the controls say whether it may be
        ("VKLO", "1", "1"),
        ("UTBETDATO", "28022025", "28022025"),
        ("VILKARANNET", " 15", "15"),
    ],
)
def test_a_value_the_field_takes(field: str, value: str, kept: str) -> None:
    assert field_value(FORM, field, value) == kept


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("BIDRAG", "12a", "heltallsfelt med plass til 7 tegn"),
        ("BIDRAG", "12 000", "skriv bare sifre"),
        ("BIDRAG", "12345678", "plass til 7 tegn"),
        ("VKLO", "X", "ikke en gyldig kode for VKLO"),
        ("UTBETDATO", "29022025", "datofelt: skriv en dato som finnes, på formen DDMMÅÅÅÅ"),
        ("UTBETDATO", "2025-02-01", "datofelt"),
        ("PERSON_FODSELSNR", "01010112345", "kan ikke rettes"),
        ("PERSON_JOURNALNR", "J9", "kan ikke rettes"),
        ("FODSELSDATO", "01011990", "kan ikke rettes"),
        ("FINNES_IKKE", "1", "kan ikke rettes"),
        ("ANTBU18", worked.PERSON_IN_BOTH, "ser ut som et fødselsnummer"),
    ],
)
def test_a_value_the_field_does_not_take(field: str, value: str, says: str) -> None:
    with pytest.raises(CorrectionRefused, match=says) as refused:
        field_value(FORM, field, value)
    if field in ("PERSON_FODSELSNR", "ANTBU18"):
        assert value not in refused.value.message  # an identity number is never repeated


def test_identity_and_case_fields_are_not_correctable() -> None:
    fields = correctable(FORM)
    assert "BIDRAG" in fields and not set(fields) & set(FORM.identity_fields)
    assert "PERSON_JOURNALNR" not in fields and "SAKSBEHANDLER" not in fields


def test_a_monthly_total_out_of_step_with_the_months_is_a_new_finding() -> None:
    change = Correction(1, "BIDRAG", field_value(FORM, "BIDRAG", "3000"))
    checked = recheck(DATA, FORM, GAMLE_OSLO, [], change, None)
    assert [f.rule for f in checked.new] == ["K036"]
    assert "Summen av bidrag per måned er 9" in checked.new[0].message
    assert checked.needs_confirmation and not checked.gone


def test_a_correction_that_mends_and_one_that_changes_the_totals_much() -> None:
    mended = recheck(DATA, FORM, GAMLE_OSLO, [], Correction(2, "BIDRAG", "   9000"), None)
    assert [f.rule for f in mended.gone] == ["K036"] and not mended.needs_confirmation
    # With last year's totals as at upload: 1 000 000 kr more paid is a large change (FJOR2).
    last = {"recipients": 3, "paid": 32_500, "months": 21}
    much = recheck(DATA, FORM, GAMLE_OSLO, [], Correction(2, "BIDRAG", "1009000"), last)
    assert "FJOR2" in [f.rule for f in much.new] and much.needs_confirmation


def test_the_totals_follow_the_corrections() -> None:
    made = [Correction(1, "BIDRAG", "   3000")]
    assert corrected_totals(DATA, FORM, GAMLE_OSLO, made)["paid"] == 32_500 - 6_000


def test_an_identity_number_is_not_kept_as_an_answer_either() -> None:
    with pytest.raises(CorrectionRefused, match="ser ut som et fødselsnummer") as refused:
        field_value(load("7", 2025), "OKRAD_SAKER", worked.PERSON_IN_BOTH)
    assert worked.PERSON_IN_BOTH not in refused.value.message
    assert field_value(load("7", 2025), "OKRAD_SAKER", "12 500") == "12 500"
