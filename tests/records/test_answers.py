"""Reading a web form's answers: from JSON values or from the text of form fields, alike."""

from __future__ import annotations

import pytest

from kostra.catalog import load
from kostra.records.answers import UnreadableAnswers, from_bytes, read_value, to_bytes

FORM = load("7", 2025)


@pytest.mark.parametrize(
    ("name", "sent", "read"),
    [
        ("OKRAD_ARSVERK", "1,5", 1.5),
        ("OKRAD_ARSVERK", "1.5", 1.5),
        ("OKRAD_ARSVERK", 2, 2.0),
        ("OKRAD_SAKER", "1 250", 1250),
        ("OKRAD_SAKER", "1\u00a0250", 1250),
        ("OKRAD_SAKER", 12.0, 12),
        ("UTEKONTAKT", "Ja", True),
        ("UTEKONTAKT", "nei", False),
        ("UTEKONTAKT", False, False),
        ("ANSVARLIG", "  Kari  ", "Kari"),
        ("OKRAD_SAKER", "", None),
        ("OKRAD_SAKER", None, None),
    ],
)
def test_values_are_read_as_their_question_says(name: str, sent: object, read: object) -> None:
    assert read_value(FORM.field(name), sent) == (read, None)


@pytest.mark.parametrize(
    ("name", "sent"),
    [
        ("OKRAD_SAKER", "tolv"),
        ("OKRAD_SAKER", 1.5),
        ("OKRAD_SAKER", True),
        ("UTEKONTAKT", "kanskje"),
        ("REGLEMENT_BELOP", "10,50"),
        ("ANSVARLIG", "x" * 501),
    ],
)
def test_unreadable_values_say_what_to_write(name: str, sent: object) -> None:
    value, problem = read_value(FORM.field(name), sent)
    assert value is None and problem


def test_dates_are_read_in_either_way_of_writing() -> None:
    field = load("12", 2025).field("VEDTAK_DATO")
    assert read_value(field, "01.03.2025") == ("2025-03-01", None)
    assert read_value(field, "2025-03-01") == ("2025-03-01", None)
    assert read_value(field, "2025-02-30")[0] is None


def test_codes_must_be_the_questions_own() -> None:
    field = load("12", 2025).field("FOLGER_STATEN")
    assert read_value(field, "2") == ("2", None)
    assert "Velg et av svarene" in (read_value(field, "9")[1] or "")


def test_the_same_answers_are_the_same_bytes() -> None:
    assert (
        to_bytes({"B": 1, "A": "æ"}) == to_bytes({"A": "æ", "B": 1}) == '{"A":"æ","B":1}'.encode()
    )
    assert from_bytes(to_bytes({"A": 1.5})) == {"A": 1.5}


@pytest.mark.parametrize("data", [b"", b"\xff\xfe", b"[1, 2]", b"{", b'"text"'])
def test_what_is_not_a_json_object_is_refused_with_a_message(data: bytes) -> None:
    with pytest.raises(UnreadableAnswers, match="JSON-objekt"):
        from_bytes(data)
