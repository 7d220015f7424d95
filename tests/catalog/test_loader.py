"""The form catalog: every definition loads, is whole, and says what SSB's file descriptions say."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from kostra.catalog import (
    FieldType,
    FormDefinition,
    InvalidDefinition,
    Role,
    UnknownForm,
    UnknownYear,
    add_folder,
    available,
    load,
)
from kostra.controls.programs import extract_forms

YEARS = range(2022, 2027)
ALL = [(form, year) for form in extract_forms() for year in YEARS]


def test_catalog_holds_the_extracts_and_the_web_forms_for_2022_to_2026() -> None:
    assert available() == {form: tuple(YEARS) for form in ("11CF", "11F", "12", "7", "7B")}


@pytest.mark.parametrize(("form", "year"), ALL, ids=[f"{f}-{y}" for f, y in ALL])
def test_every_definition_loads_and_is_contiguous(form: str, year: int) -> None:
    definition = load(form, year)
    assert (definition.form, definition.year) == (form, year)
    position = 1
    for field in definition.fields:
        assert field.start == position
        assert field.width is not None
        position += field.width
    assert definition.record_length == position - 1


@pytest.mark.parametrize(
    ("form", "year", "length"),
    [
        ("11F", 2022, 324),
        ("11F", 2024, 324),
        ("11F", 2025, 338),
        ("11F", 2026, 338),
        ("11CF", 2022, 139),
        ("11CF", 2023, 138),
        ("11CF", 2024, 136),
        ("11CF", 2025, 152),
        ("11CF", 2026, 152),
    ],
)
def test_record_lengths(form: str, year: int, length: int) -> None:
    assert load(form, year).record_length == length


@pytest.mark.parametrize(
    ("form", "year", "name", "start", "end"),
    [
        ("11F", 2026, "PERSON_FODSELSNR", 25, 35),
        ("11F", 2026, "VKLO", 53, 53),
        ("11F", 2026, "BIDRAG_DES", 250, 256),
        ("11F", 2026, "SANKSJONANDRE", 337, 338),
        ("11F", 2024, "PERSON_JOURNALNR", 9, 16),
        ("11F", 2022, "PERSON_JOURNALNR", 11, 18),
        ("11CF", 2026, "KVP_STONAD", 105, 111),
        ("11CF", 2026, "SAKSBEHANDLER", 143, 152),
    ],
)
def test_positions_match_ssb_layouts(form: str, year: int, name: str, start: int, end: int) -> None:
    field = load(form, year).field(name)
    assert (field.start, field.end) == (start, end)


def test_2022_11f_code_lists_are_taken_from_2023() -> None:
    """SSB's 2022 file description left VKLO, TRYGDESIT and ARBSIT without codes."""
    old, new = load("11F", 2022), load("11F", 2023)
    for name in ("VKLO", "TRYGDESIT", "ARBSIT"):
        assert old.codes(name) == new.codes(name)
        assert old.field(name).note
    assert "13" not in old.codes("TRYGDESIT")
    assert "13" in load("11F", 2024).codes("TRYGDESIT")


def test_11f_mandatory_fields_from_2025() -> None:
    assert not any(f.mandatory for f in load("11F", 2024).fields)
    mandatory = {f.name for f in load("11F", 2025).fields if f.mandatory}
    assert len(mandatory) == 19
    assert {"BYDELSNR", "BIDRAG", "LAAN", "SAKSBEHANDLER"} <= mandatory
    assert "PERSON_FODSELSNR" not in mandatory


@pytest.mark.parametrize(("year", "count"), [(2022, 357), (2023, 357), (2024, 358), (2026, 358)])
def test_municipality_code_list_comes_from_the_registry(year: int, count: int) -> None:
    field = load("11CF", year).field("KOMMNR_KVP_KOMM")
    assert len(field.codes) == count
    assert field.codes[-1].code == "9999"
    assert ("1507" in field.code_values()) is (year < 2024)
    assert ("1508" in field.code_values()) is (year >= 2024)


def test_dates_follow_the_year_pattern() -> None:
    assert load("11F", 2024).field("UTBETDATO").pattern == "ddMMyy"
    assert load("11F", 2025).field("UTBETDATO").pattern == "ddMMyyyy"
    assert load("11F", 2025).field("UTBETDATO").date_format == "DDMMÅÅÅÅ"
    assert load("11CF", 2023).field("REG_DATO").type is FieldType.DATE


def test_render_codes_as_messages_print_them() -> None:
    assert load("11F", 2025).field("KJONN").render_codes() == "[1=Mann, 2=Kvinne]"
    assert load("11F", 2025).field("BOSIT").render_codes(("1", "6")) == (
        "[1=Leid privat bolig, 6=Institusjon]"
    )


def test_unknown_form_and_year_name_what_exists() -> None:
    with pytest.raises(UnknownForm, match="11CF, 11F"):
        load("99X", 2025)
    with pytest.raises(UnknownYear, match="2022, 2023, 2024, 2025, 2026"):
        load("11F", 2019)
    assert load("11f", 2025) is load("11F", 2025)


def _definition(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "form": "11X",
        "year": 2025,
        "title": "Test",
        "layout": "fixed-width",
        "record_length": 6,
        "fields": [
            {"name": "A", "label": "a", "type": "string", "start": 1, "width": 4},
            {"name": "B", "label": "b", "type": "string", "start": 5, "width": 2},
        ],
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"record_length": 7}, "record_length"),
        (
            {
                "fields": [
                    {"name": "A", "label": "a", "type": "string", "start": 1, "width": 4},
                    {"name": "B", "label": "b", "type": "string", "start": 6, "width": 1},
                ]
            },
            "starts at 6, expected 5",
        ),
        (
            {
                "fields": [
                    {"name": "A", "label": "a", "type": "date", "start": 1, "width": 4},
                    {"name": "B", "label": "b", "type": "string", "start": 5, "width": 2},
                ]
            },
            "needs a pattern",
        ),
        (
            {
                "fields": [
                    {"name": "A", "label": "a", "type": "string", "start": 1, "width": 4},
                    {
                        "name": "B",
                        "label": "b",
                        "type": "string",
                        "start": 5,
                        "width": 2,
                        "codes": [{"code": "1", "label": "x"}],
                    },
                ]
            },
            "is not 2 characters",
        ),
        (
            {
                "fields": [
                    {"name": "A", "label": "a", "type": "string", "start": 1, "width": 4},
                    {"name": "A", "label": "b", "type": "string", "start": 5, "width": 2},
                ]
            },
            "defined twice",
        ),
    ],
    ids=["length", "gap", "date-without-pattern", "code-width", "duplicate-field"],
)
def test_malformed_definitions_are_refused(changes: dict[str, object], complaint: str) -> None:
    with pytest.raises(ValidationError, match=complaint):
        FormDefinition.model_validate(_definition(**changes))


# Who a record is about and who handled the case, as each extract's definitions mark them.
ROLES = {
    "11F": (("PERSON_FODSELSNR", "PERSON_DUF"), "SAKSBEHANDLER", "PERSON_JOURNALNR"),
    "11CF": (("PERSON_FODSELSNR",), "SAKSBEHANDLER", "PERSON_JOURNALNR"),
}
EXTRACTS = [(form, year) for form in extract_forms() for year in available()[form]]


def test_every_extract_form_has_its_roles_written_down() -> None:
    assert set(ROLES) == set(extract_forms())


@pytest.mark.parametrize(("form", "year"), EXTRACTS, ids=[f"{f}-{y}" for f, y in EXTRACTS])
def test_every_extract_declares_its_identity_caseworker_and_journal_fields(
    form: str, year: int
) -> None:
    definition = load(form, year)
    identity, caseworker, journal = ROLES[form]
    assert definition.identity_fields == identity
    assert definition.caseworker_field == caseworker
    assert definition.journal_field == journal
    assert [f.name for f in definition.fields if f.role is Role.CASEWORKER] == [caseworker]
    assert [f.name for f in definition.fields if f.role is Role.JOURNAL] == [journal]


def test_a_web_form_has_no_identity_or_case_fields() -> None:
    definition = load("7", 2025)
    assert definition.identity_fields == ()
    assert definition.caseworker_field is None and definition.journal_field is None


def _two_fields_with(role: str) -> str:
    return f"""\
form: 99X
year: 2025
title: "Test"
layout: fixed-width
record_length: 6
fields:
- name: A
  label: "a"
  start: 1
  width: 4
  type: string
  role: {role}
- name: B
  label: "b"
  start: 5
  width: 2
  type: string
  role: {role}
"""


@pytest.mark.parametrize("role", ["caseworker", "journal"])
def test_a_form_file_with_two_fields_of_one_role_is_refused(tmp_path: Path, role: str) -> None:
    (tmp_path / "99X").mkdir()
    (tmp_path / "99X" / "2025.yaml").write_text(_two_fields_with(role), encoding="utf-8")
    complaint = rf"(?s)99X/2025.yaml: .*2 fields have role {role} \(A, B\); a form has at most one"
    with pytest.raises(InvalidDefinition, match=complaint):
        add_folder(tmp_path)
    assert "99X" not in available()


def test_an_unknown_role_is_refused() -> None:
    fields = [
        {"name": "A", "label": "a", "type": "string", "start": 1, "width": 4, "role": "boss"},
        {"name": "B", "label": "b", "type": "string", "start": 5, "width": 2},
    ]
    with pytest.raises(ValidationError, match="caseworker"):
        FormDefinition.model_validate(_definition(fields=fields))


@pytest.mark.parametrize("change", [{"identity": True}, {"role": "caseworker"}])
def test_a_web_forms_question_is_no_identity_or_case_field(change: dict[str, object]) -> None:
    raw = load("7", 2025).model_dump()
    raw["fields"][0].update(change)
    with pytest.raises(ValidationError, match="about the unit, not a case"):
        FormDefinition.model_validate(raw)
