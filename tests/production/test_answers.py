"""A web form's answers as statistical data: one typed row per unit, questions not asked left
blank, worked-out totals worked out again, free text dropped, corrections applied on the way in."""

from __future__ import annotations

from datetime import date

import pytest

from kostra.catalog import load
from kostra.production.answers import answers_frame, corrected
from kostra.production.microdata import Correction
from kostra.registry import ReportingUnit
from tests.production.worked_forms import ANSWERS

SEVEN = load("7", 2025)
GAMLE_OSLO, OSLO = ReportingUnit("0301", "01"), ReportingUnit("0301")


def test_one_typed_row_per_unit() -> None:
    frame = answers_frame(SEVEN, [(GAMLE_OSLO, ANSWERS["7"]["030101"]),
                                  (OSLO, ANSWERS["7"]["0301"])])  # fmt: skip
    assert frame["unit"].to_list() == ["030101", "0301"]
    assert frame["district"].to_list() == ["01", None]
    assert frame["ARSVERK_242"].to_list() == [15.0, 0.0]
    assert frame["UTEKONTAKT"].to_list() == [True, False]
    assert frame["OKRAD_SAKER"].dtype.is_integer()
    assert "ANSVARLIG" not in frame.columns and "EPOST" not in frame.columns  # about a person


def test_a_question_not_asked_is_blank_and_a_total_is_worked_out_again() -> None:
    answers = {**ANSWERS["7"]["030102"], "UTEKONTAKT_ARSVERK": 3.0, "ARSVERK_242": 999.0}
    frame = answers_frame(SEVEN, [(GAMLE_OSLO, answers)])
    assert frame["UTEKONTAKT_ARSVERK"].to_list() == [None]  # no utekontakt: not asked
    assert frame["ARSVERK_242"].to_list() == [7.5]


def test_corrections_replace_answers_and_are_read_as_typed() -> None:
    answers = corrected(ANSWERS["7"]["030101"], [Correction(1, "ARSVERK_SOSIONOM", "12,5"),
                                                 Correction(1, "UTEKONTAKT", "nei")])  # fmt: skip
    frame = answers_frame(SEVEN, [(GAMLE_OSLO, answers)])
    assert frame["ARSVERK_242"].to_list() == [17.0]
    assert frame["UTEKONTAKT"].to_list() == [False]
    assert frame["UTEKONTAKT_ARSVERK"].to_list() == [None]
    with pytest.raises(ValueError, match="linje 1"):
        corrected(ANSWERS["7"]["030101"], [Correction(2, "ARSVERK_SOSIONOM", "1")])


def test_dates_codes_and_columns_the_year_does_not_have() -> None:
    frame = answers_frame(load("12", 2022), [(OSLO, ANSWERS["12"]["0301"])], also=("REGULERING",))
    assert frame["VEDTAK_DATO"].to_list() == [date(2025, 1, 15)]
    assert frame["FOLGER_STATEN"].to_list() == ["2"]
    assert frame["REGULERING"].to_list() == [None]  # asked from 2024 only


def test_no_unit_delivered() -> None:
    assert answers_frame(SEVEN, []).height == 0
