"""The form programs: one per extract form, in SSB's order, each with its rules, words, amounts
and totals; the web forms are the catalog's, kostra's own first and a pilot last."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kostra.catalog import add_folder, available, load, remove_folder
from kostra.controls import declared, has_rules, wording
from kostra.controls.programs import NoProgram, extract_forms, find, program, web_forms
from kostra.controls.rules import f11cf, f11f
from kostra.intake.totals import measures
from kostra.production.microdata import amounts

PILOT = Path(__file__).parents[2] / "examples" / "forms" / "30P" / "2025.yaml"


def test_the_extract_forms_are_11f_and_11cf_in_ssbs_order() -> None:
    assert extract_forms() == ("11F", "11CF")


def test_the_web_forms_are_7_7b_and_12_in_ssbs_order() -> None:
    assert web_forms() == ("7", "7B", "12")


def test_every_form_of_the_catalog_is_an_extract_or_a_web_form() -> None:
    assert sorted((*extract_forms(), *web_forms())) == sorted(available())
    assert not set(extract_forms()) & set(web_forms())


def test_a_pilot_web_form_comes_after_kostras_own(tmp_path: Path) -> None:
    (tmp_path / "30P").mkdir()
    shutil.copy(PILOT, tmp_path / "30P" / "2025.yaml")
    add_folder(tmp_path)
    try:
        assert web_forms() == ("7", "7B", "12", "30P")
        assert extract_forms() == ("11F", "11CF")
    finally:
        remove_folder(tmp_path)
    assert web_forms() == ("7", "7B", "12")


@pytest.mark.parametrize(("form", "rules"), [("11F", f11f.RULES), ("11CF", f11cf.RULES)])
def test_a_forms_controls_are_its_programs(form: str, rules: tuple[object, ...]) -> None:
    assert has_rules(form)
    assert program(form).rules is rules
    assert declared(form) is rules


@pytest.mark.parametrize(
    ("form", "one", "many", "described"),
    [
        ("11F", "mottaker", "mottakere", "mottakere av økonomisk sosialhjelp"),
        ("11CF", "deltaker", "deltakere", "deltakere i kvalifiseringsprogram"),
    ],
)
def test_the_word_for_a_forms_persons(form: str, one: str, many: str, described: str) -> None:
    persons = program(form).persons
    assert (persons.one, persons.many, persons.described) == (one, many, described)
    assert wording.persons(form) == many
    assert wording.persons_described(form) == described


@pytest.mark.parametrize(
    ("form", "paid", "totals"),
    [
        ("11F", ("BIDRAG", "LAAN"), ("recipients", "paid", "months")),
        ("11CF", ("KVP_STONAD",), ("participants", "kvp_paid", "kvp_months")),
    ],
)
def test_a_forms_amounts_and_totals(
    form: str, paid: tuple[str, ...], totals: tuple[str, ...]
) -> None:
    assert program(form).amount_fields == paid
    assert tuple(m.key for m in measures(form)) == totals
    (summed,) = [m for m in measures(form) if m.amounts]
    assert summed.amounts == paid


@pytest.mark.parametrize("form", ["7", "7B", "12", "99X"])
def test_a_form_without_an_extract_has_no_program(form: str) -> None:
    assert find(form) is None and not has_rules(form)
    assert measures(form) == ()
    with pytest.raises(NoProgram, match=f"ikke kontrollprogram for skjema {form}$"):
        program(form)


def test_the_microdata_read_the_programs_amounts() -> None:
    assert amounts(load("11F", 2025)) == ("BIDRAG", "LAAN")
    assert amounts(load("7", 2025)) == ()
