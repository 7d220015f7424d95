"""Controls that 11F and 11CF share: K003A, K003B, K004, K004A, K005, K008–K013.

Each row is the clean record of `tests.builders` (Oslo, district 01) with a field or two
changed, and names every control that must fire on it; K002 (the 11F layout check) has tests of
its own and is left out. Rows run on both forms, since these controls behave the same in both;
where a form adds findings of its own (11F warns about an unknown age, 11CF does not), the row
says so per form. Expectations follow the control catalogue (shared/reference/controls-11F-11CF.md,
sections 0 and 4) and the cases of SSB's own rule tests.
"""

from __future__ import annotations

import pytest

from kostra.catalog import load
from kostra.controls import Rule, declared, rules_for
from tests.builders import fnr
from tests.controls.rules._rows import (
    SEVERITY,
    YEARS,
    Row,
    expected,
    findings,
    findings_per_line,
    messages,
    table,
)

FORMS = ("11F", "11CF")
SHARED = ("K003A", "K003B", "K004", "K004A", "K005", "K008", "K009", "K010", "K011", "K012", "K013")


@pytest.mark.parametrize("form_id", FORMS)
def test_shared_controls_run_in_order_with_the_catalogues_severity(form_id: str) -> None:
    rules = [rule for rule in declared(form_id) if isinstance(rule, Rule) and rule.id in SHARED]
    assert [(rule.id, rule.severity.value) for rule in rules] == [
        (rule_id, SEVERITY[form_id][rule_id]) for rule_id in SHARED
    ]


def _rows_of_the_year(year: int) -> list[dict[str, str]]:
    """The rows of the per-year tests, checked as one file per form and year."""
    return [
        {},
        {},
        {"VERSION": f"{year % 100:02d}"},
        {"VERSION": f"{(year - 1) % 100:02d}"},
        {"PERSON_FODSELSNR": f"0101{(year + 1) % 100:02d}99999"},
    ]


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize("year", YEARS)
def test_clean_record_passes_every_control(form_id: str, year: int) -> None:
    # Two clean records (each with its own journal and fødselsnummer) in every year's layout.
    assert findings_per_line(_rows_of_the_year(year), form_id, year)[0:2] == [[], []]


# -- K003A, K003B: municipality and district ----------------------------------------------------


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize(
    ("row", "municipality", "fires"),
    table(
        pytest.param({}, "0301", [], id="oslo-record-for-oslo"),
        pytest.param({}, "1103", ["K003A"], id="oslo-record-for-stavanger"),
        pytest.param({"KOMMUNE_NR": "1103", "BYDELSNR": ""}, "1103", [], id="stavanger-matches"),
        pytest.param(
            {"KOMMUNE_NR": "4601", "BYDELSNR": ""}, "1103", ["K003A"], id="bergen-for-stavanger"
        ),
        pytest.param({"KOMMUNE_NR": " 301", "BYDELSNR": ""}, "0301", ["K003A"], id="untrimmed"),
        pytest.param({"KOMMUNE_NR": "301", "BYDELSNR": ""}, "0301", ["K003A"], id="three-digits"),
        pytest.param({"KOMMUNE_NR": "", "BYDELSNR": ""}, "0301", ["K003A"], id="blank"),
    ),
)
def test_k003a_municipality_number(
    form_id: str, row: Row, municipality: str, fires: list[str]
) -> None:
    assert findings(row, form_id, municipality=municipality) == expected(form_id, fires)


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize(
    ("row", "municipality", "fires"),
    table(
        pytest.param({"BYDELSNR": "01"}, "0301", [], id="oslo-01"),
        pytest.param({"BYDELSNR": "09"}, "0301", [], id="oslo-09"),
        pytest.param({"BYDELSNR": "15"}, "0301", [], id="oslo-15"),
        pytest.param({"BYDELSNR": "16"}, "0301", ["K003B"], id="oslo-16-sentrum"),
        pytest.param({"BYDELSNR": "42"}, "0301", ["K003B"], id="oslo-42"),
        pytest.param({"BYDELSNR": "00"}, "0301", ["K003B"], id="oslo-00"),
        pytest.param({"BYDELSNR": ""}, "0301", ["K003B"], id="oslo-blank"),
        pytest.param({"BYDELSNR": "1"}, "0301", ["K003B"], id="oslo-1-left-aligned"),
        pytest.param({"BYDELSNR": " 1"}, "0301", ["K003B"], id="oslo-1-right-aligned"),
        pytest.param({"BYDELSNR": "XX"}, "0301", ["K003B"], id="oslo-letters"),
        # The record's own municipality decides, whoever delivers the file.
        pytest.param({"KOMMUNE_NR": "1103", "BYDELSNR": ""}, "1103", [], id="stavanger-blank"),
        # A no-break space is blank too.
        pytest.param(
            {"KOMMUNE_NR": "1103", "BYDELSNR": "\u00a0\u00a0"}, "1103", [], id="stavanger-nbsp"
        ),
        pytest.param(
            {"KOMMUNE_NR": "1103", "BYDELSNR": "01"}, "1103", ["K003B"], id="stavanger-01"
        ),
        pytest.param(
            {"KOMMUNE_NR": "1103", "BYDELSNR": "42"}, "1103", ["K003B"], id="stavanger-42"
        ),
        pytest.param(
            {"KOMMUNE_NR": "1103", "BYDELSNR": "01"},
            "0301",
            ["K003A", "K003B"],
            id="stavanger-01-for-oslo",
        ),
    ),
)
def test_k003b_district_number(form_id: str, row: Row, municipality: str, fires: list[str]) -> None:
    assert findings(row, form_id, municipality=municipality) == expected(form_id, fires)


# -- K004, K004A: reporting year and birth date -------------------------------------------------


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize(
    ("row", "fires"),
    table(
        pytest.param({"VERSION": "26"}, [], id="26"),
        pytest.param({"VERSION": "25"}, ["K004"], id="last-year"),
        pytest.param({"VERSION": "27"}, ["K004"], id="next-year"),
        pytest.param({"VERSION": "00"}, ["K004"], id="00"),
        pytest.param({"VERSION": "6"}, ["K004"], id="one-digit-is-2006"),
        pytest.param({"VERSION": "XX"}, ["K004"], id="letters"),
        pytest.param({"VERSION": ""}, ["K004"], id="blank"),
    ),
)
def test_k004_reporting_year(form_id: str, row: Row, fires: list[str]) -> None:
    assert findings(row, form_id) == expected(form_id, fires)


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize("year", YEARS)
def test_k004_follows_the_reporting_year(form_id: str, year: int) -> None:
    this_year, last_year = findings_per_line(_rows_of_the_year(year), form_id, year)[2:4]
    assert (this_year, last_year) == ([], expected(form_id, ["K004"]))


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize(
    ("row", "fires"),
    table(
        pytest.param({"FODSELSDATO": "15051985"}, [], id="valid"),
        pytest.param({"FODSELSDATO": "31122025"}, [], id="last-day-of-year"),
        pytest.param({"FODSELSDATO": "31042026"}, [], id="31-april-is-clamped"),
        pytest.param({"FODSELSDATO": "29022025"}, [], id="29-february-non-leap-is-clamped"),
        pytest.param({"FODSELSDATO": "01012099"}, [], id="future-date-is-not-checked"),
        pytest.param({"FODSELSDATO": "00012026"}, ["K004A"], id="day-00"),
        pytest.param({"FODSELSDATO": "32012026"}, ["K004A"], id="day-32"),
        pytest.param({"FODSELSDATO": "01002026"}, ["K004A"], id="month-00"),
        pytest.param({"FODSELSDATO": "32132025"}, ["K004A"], id="day-and-month-out-of-range"),
        pytest.param({"FODSELSDATO": "01010000"}, ["K004A"], id="year-0000"),
        pytest.param({"FODSELSDATO": "XXXXXXXX"}, ["K004A"], id="letters"),
        pytest.param({"FODSELSDATO": "150585"}, ["K004A"], id="six-digits"),
        pytest.param({"FODSELSDATO": " 1051985"}, ["K004A"], id="leading-space"),
        pytest.param({"FODSELSDATO": ""}, ["K004A"], id="blank"),
    ),
)
def test_k004a_birth_date(form_id: str, row: Row, fires: list[str]) -> None:
    assert findings(row, form_id) == expected(form_id, fires)


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize("year", YEARS)
def test_k004a_runs_only_where_the_layout_has_a_birth_date(form_id: str, year: int) -> None:
    definition = load(form_id, year)
    runs = "K004A" in {rule.id for rule in rules_for(definition)}
    assert runs == definition.has("FODSELSDATO") == (year >= 2025)


# -- K005: fødselsnummer ------------------------------------------------------------------------


def _wrong_check_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize(
    ("row", "fires"),
    table(
        pytest.param({"PERSON_FODSELSNR": fnr("150585")}, {}, id="fodselsnummer"),
        pytest.param({"PERSON_FODSELSNR": fnr("550585")}, {}, id="d-nummer"),
        pytest.param({"PERSON_FODSELSNR": fnr("158585")}, {}, id="synthetic-test-number"),
        pytest.param({"PERSON_FODSELSNR": "01010100100"}, {}, id="adapted-00100"),
        pytest.param({"PERSON_FODSELSNR": "01010100200"}, {}, id="adapted-00200"),
        pytest.param({"PERSON_FODSELSNR": "01018099999"}, {}, id="adapted-99999-is-1980"),
        # Only the check digits count, so these pass K005 though no age can be derived (11F
        # warns about that in K006, 11CF says nothing).
        pytest.param({"PERSON_FODSELSNR": "00000000000"}, {"11F": ["K006"]}, id="all-zeros"),
        pytest.param({"PERSON_FODSELSNR": fnr("154585")}, {"11F": ["K006"]}, id="h-nummer"),
        # A wrong check digit still leaves a birth date, so no age warning.
        pytest.param(
            {"PERSON_FODSELSNR": _wrong_check_digit(fnr("150585"))},
            {"*": ["K005"]},
            id="wrong-check-digit",
        ),
        pytest.param(
            {"PERSON_FODSELSNR": "32010100100"},
            {"*": ["K005"], "11F": ["K006"]},
            id="adapted-day-32",
        ),
        pytest.param(
            {"PERSON_FODSELSNR": "01130199999"},
            {"*": ["K005"], "11F": ["K006"]},
            id="adapted-month-13",
        ),
        # The adapted branch does not undo the d-nummer's +4.
        pytest.param(
            {"PERSON_FODSELSNR": "41010100100"},
            {"*": ["K005"], "11F": ["K006"]},
            id="adapted-d-nummer",
        ),
        pytest.param(
            {"PERSON_FODSELSNR": "32138800000"},
            {"*": ["K005"], "11F": ["K006"]},
            id="no-date-wrong-check-digits",
        ),
        pytest.param({"PERSON_FODSELSNR": "42"}, {"*": ["K005"], "11F": ["K006"]}, id="two-digits"),
        pytest.param(
            {"PERSON_FODSELSNR": "1505851234X"}, {"*": ["K005"], "11F": ["K006"]}, id="letter"
        ),
        # 11F: a blank number is legitimate beside a DUF number, but K005 fires all the same.
        pytest.param(
            {"PERSON_FODSELSNR": ""}, {"*": ["K005"], "11F": ["K006", "K038"]}, id="blank"
        ),
    ),
)
def test_k005_fodselsnummer(form_id: str, row: Row, fires: dict[str, list[str]]) -> None:
    rule_ids = fires.get("*", []) + fires.get(form_id, [])
    assert findings(row, form_id) == expected(form_id, rule_ids)


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize("year", YEARS)
def test_k005_adapted_number_born_next_year(form_id: str, year: int) -> None:
    # An adapted number dated up to the end of next year is 20yy, and valid; its age is −1, which
    # both forms flag in K006 (11CF because the age is known, 11F whatever it is).
    born_next_year = findings_per_line(_rows_of_the_year(year), form_id, year)[4]
    assert born_next_year == expected(form_id, ["K006"])


# -- K008–K010: coded answers ------------------------------------------------------------------


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize(
    ("row", "fires"),
    table(
        pytest.param({"KJONN": "1"}, [], id="kjonn-1"),
        pytest.param({"KJONN": "2"}, [], id="kjonn-2"),
        pytest.param({"KJONN": "0"}, ["K008"], id="kjonn-0"),
        pytest.param({"KJONN": "3"}, ["K008"], id="kjonn-3"),
        pytest.param({"KJONN": "M"}, ["K008"], id="kjonn-letter"),
        pytest.param({"KJONN": ""}, ["K008"], id="kjonn-blank"),
        *(pytest.param({"EKTSTAT": code}, [], id=f"ektstat-{code}") for code in "12345"),
        pytest.param({"EKTSTAT": "0"}, ["K009"], id="ektstat-0"),
        pytest.param({"EKTSTAT": "6"}, ["K009"], id="ektstat-6"),
        pytest.param({"EKTSTAT": "X"}, ["K009"], id="ektstat-letter"),
        pytest.param({"EKTSTAT": ""}, ["K009"], id="ektstat-blank"),
        pytest.param({"BU18": "1"}, [], id="bu18-1"),
        pytest.param({"BU18": "2", "ANTBU18": ""}, [], id="bu18-2"),
        pytest.param({"BU18": "3", "ANTBU18": ""}, ["K010"], id="bu18-3"),
        pytest.param({"BU18": "0", "ANTBU18": " 0"}, ["K010"], id="bu18-0"),
        pytest.param({"BU18": "", "ANTBU18": ""}, ["K010"], id="bu18-blank"),
        pytest.param({"BU18": "3", "ANTBU18": " 2"}, ["K010", "K012"], id="bu18-3-with-children"),
    ),
)
def test_k008_k009_k010_codes(form_id: str, row: Row, fires: list[str]) -> None:
    assert findings(row, form_id) == expected(form_id, fires)


# -- K011–K013: children under 18 --------------------------------------------------------------


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize(
    ("row", "fires"),
    table(
        pytest.param({"BU18": "1", "ANTBU18": " 1"}, [], id="yes-1"),
        pytest.param({"BU18": "1", "ANTBU18": "1"}, [], id="yes-1-left-aligned"),
        pytest.param({"BU18": "1", "ANTBU18": "+1"}, [], id="yes-plus-1"),
        pytest.param({"BU18": "1", "ANTBU18": "\u00a01"}, [], id="yes-1-after-no-break-space"),
        pytest.param({"BU18": "1", "ANTBU18": ""}, ["K011"], id="yes-blank"),
        pytest.param({"BU18": "1", "ANTBU18": " 0"}, ["K011"], id="yes-0"),
        pytest.param({"BU18": "1", "ANTBU18": "-1"}, ["K011"], id="yes-negative"),
        pytest.param({"BU18": "1", "ANTBU18": "XX"}, ["K011"], id="yes-letters-count-as-0"),
        pytest.param({"BU18": "2", "ANTBU18": ""}, [], id="no-blank"),
        pytest.param({"BU18": "2", "ANTBU18": " 0"}, [], id="no-0"),
        pytest.param({"BU18": "2", "ANTBU18": "-1"}, [], id="no-negative"),
        pytest.param({"BU18": "2", "ANTBU18": "XX"}, [], id="no-letters-count-as-0"),
        pytest.param({"BU18": "2", "ANTBU18": " 1"}, ["K012"], id="no-1"),
        pytest.param({"BU18": "2", "ANTBU18": "1"}, ["K012"], id="no-1-left-aligned"),
        pytest.param({"BU18": "", "ANTBU18": " 1"}, ["K010", "K012"], id="blank-1"),
        pytest.param({"BU18": "0", "ANTBU18": " 1"}, ["K010", "K012"], id="0-1"),
        pytest.param({"BU18": "0", "ANTBU18": " 0"}, ["K010"], id="0-0"),
        pytest.param({"BU18": "1", "ANTBU18": "13"}, [], id="yes-13"),
        pytest.param({"BU18": "1", "ANTBU18": "14"}, ["K013"], id="yes-14"),
        pytest.param({"BU18": "1", "ANTBU18": "99"}, ["K013"], id="yes-99"),
        pytest.param({"BU18": "2", "ANTBU18": "14"}, ["K012", "K013"], id="no-14"),
    ),
)
def test_k011_k012_k013_children(form_id: str, row: Row, fires: list[str]) -> None:
    assert findings(row, form_id) == expected(form_id, fires)


# -- messages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize(
    ("row", "rule_id", "municipality", "shown"),
    table(
        pytest.param(
            {"KOMMUNE_NR": "4601", "BYDELSNR": ""},
            "K003A",
            "1103",
            ["«4601»", "1103"],
            id="K003A-found-and-expected",
        ),
        pytest.param({"BYDELSNR": "42"}, "K003B", "1103", ["«42»", "01–15"], id="K003B-oslo"),
        pytest.param({"BYDELSNR": ""}, "K003B", "1103", ["(blank)"], id="K003B-oslo-blank"),
        pytest.param(
            {"KOMMUNE_NR": "1103", "BYDELSNR": "42"},
            "K003B",
            "1103",
            ["«42»", "blank"],
            id="K003B-not-oslo",
        ),
        pytest.param({"VERSION": "25"}, "K004", "1103", ["«25»", "«26»", "2026"], id="K004"),
        pytest.param({"FODSELSDATO": "32132025"}, "K004A", "1103", ["«32132025»"], id="K004A"),
        pytest.param({"FODSELSDATO": ""}, "K004A", "1103", ["(blank)"], id="K004A-blank"),
        pytest.param({"PERSON_FODSELSNR": "42"}, "K005", "1103", ["fødselsnummer"], id="K005"),
        pytest.param({"KJONN": "3"}, "K008", "1103", ["«3»", "[1=Mann, 2=Kvinne]"], id="K008"),
        pytest.param(
            {"EKTSTAT": "6"},
            "K009",
            "1103",
            ["«6»", "[1=Ugift, 2=Gift, 3=Samboer, 4=Skilt/separert, 5=Enke/enkemann]"],
            id="K009",
        ),
        pytest.param(
            {"BU18": "3", "ANTBU18": ""}, "K010", "1103", ["«3»", "[1=Ja, 2=Nei]"], id="K010"
        ),
        pytest.param({"ANTBU18": " 0"}, "K011", "1103", ["« 0»"], id="K011"),
        pytest.param({"ANTBU18": ""}, "K011", "1103", ["(blank)"], id="K011-blank"),
        pytest.param({"BU18": "2", "ANTBU18": " 1"}, "K012", "1103", ["« 1»", "«2»"], id="K012"),
        pytest.param({"ANTBU18": "14"}, "K013", "1103", ["«14»"], id="K013"),
    ),
)
def test_message_shows_the_offending_value(
    form_id: str, row: Row, rule_id: str, municipality: str, shown: list[str]
) -> None:
    (message,) = messages(row, rule_id, form_id, municipality=municipality)
    for text in shown:
        assert text in message
