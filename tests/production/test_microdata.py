"""Microdata: identity replaced by a keyed pseudonym, negative amounts set to zero, corrections
applied on the way in, the submitted bytes untouched."""

from __future__ import annotations

from pathlib import Path

from kostra.catalog import available, load
from kostra.controls.programs import extract_forms
from kostra.production.microdata import Correction, dropped, microdata, pseudonym
from kostra.registry import ReportingUnit
from tests.production import worked


def test_microdata_of_a_worked_example(tmp_path: Path) -> None:
    files = worked.write(tmp_path)
    data = files["030101"].read_bytes()
    frame = microdata(data, worked.FORM, ReportingUnit("0301", "01"), worked.KEY)
    assert frame["age"].to_list() == [40, 22, 70]
    assert frame["months"].to_list() == [2, 7, 12]
    assert frame["BIDRAG"].to_list() == [9000, 20000, 0]  # -500 set to zero
    assert frame["negative_amounts"].to_list() == [0, 0, 1]
    assert frame["pseudonym"][0] == pseudonym(worked.PERSON_IN_BOTH, worked.KEY)
    assert not set(dropped(worked.FORM)) & set(frame.columns)
    assert files["030101"].read_bytes() == data


def test_the_fields_that_leave_are_the_identity_and_case_fields_and_the_birth_date() -> None:
    leaving = ("PERSON_FODSELSNR", "PERSON_DUF", "PERSON_JOURNALNR", "SAKSBEHANDLER", "FODSELSDATO")
    assert dropped(worked.FORM) == leaving
    for form in extract_forms():  # every extract's fields that leave, in every year
        for year in available()[form]:
            assert set(dropped(load(form, year))) <= set(leaving)


def test_no_identity_number_survives(tmp_path: Path) -> None:
    files = worked.write(tmp_path)
    frame = microdata(files["030101"].read_bytes(), worked.FORM, ReportingUnit("0301", "01"),
                      worked.KEY)  # fmt: skip
    text = frame.write_csv()
    assert worked.PERSON_IN_BOTH not in text


def test_pseudonyms_need_the_key() -> None:
    assert pseudonym(worked.PERSON_IN_BOTH, b"a") != pseudonym(worked.PERSON_IN_BOTH, b"b")
    assert pseudonym("   ", b"a") == ""


def test_corrections_replace_values_line_by_line(tmp_path: Path) -> None:
    files = worked.write(tmp_path)
    corrections = [Correction(2, "VKLO", "5"), Correction(3, "BIDRAG", "   4000"),
                   Correction(2, "VKLO", "9")]  # fmt: skip
    frame = microdata(files["030101"].read_bytes(), worked.FORM, ReportingUnit("0301", "01"),
                      worked.KEY, corrections)  # fmt: skip
    assert frame["VKLO"].to_list() == ["5", "9", "5"]  # the later correction of line 2 wins
    assert frame["BIDRAG"].to_list() == [9000, 20000, 4000]
    assert frame["negative_amounts"].to_list() == [0, 0, 0]
