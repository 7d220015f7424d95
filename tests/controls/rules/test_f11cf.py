"""Controls specific to 11CF (kvalifiseringsstønad): K005A–K007, K014–K016, K019–K039.

Every row starts from the clean record of `tests.builders` (Oslo, district 01), changes a few
fields and lists every finding the whole run gives, in run order. The reference is the control
catalogue, section 6 (and 9.2 for the years before 2025); the situations are those of SSB's own
rule tests (`kontroller/src/test/kotlin/.../sosial/kvalifisering/rule/`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from kostra.catalog import load
from kostra.controls import Report
from tests.builders import clean_values, fnr, line, run

FORM = "11CF"
OSLO = "0301"
STAVANGER = "1103"  # a municipality outside Oslo, for the controls that leave Oslo alone

Row = tuple[str, str, tuple[int, ...]]

# Identity numbers, for reporting year 2025 unless said otherwise (age = year − birth year).
ADULT = clean_values(load(FORM, 2025))["PERSON_FODSELSNR"]  # born 1985
OTHER_ADULT = fnr("160690", "123")  # born 1990
THIRD_ADULT = fnr("170795", "123")  # born 1995
FOURTH_ADULT = fnr("180880", "123")  # born 1980
BORN_2008 = fnr("010108", "500")  # individual number ≥ 500 and yy ≤ 39: 20yy
BORN_2007 = fnr("010107", "500")
BORN_2005 = fnr("010105", "500")
BORN_2004 = fnr("010104", "500")
BORN_2025 = fnr("010125", "500")
BORN_2026 = fnr("010126", "500")  # a future birth year: age −1 in 2025
BORN_1929 = fnr("010129", "123")  # individual number ≤ 499: 19yy
BORN_1953 = fnr("010153", "123")
BORN_1954 = fnr("010154", "123")
BORN_1956 = fnr("010156", "123")
BORN_1957 = fnr("010157", "123")
H_NUMBER = fnr("154585", "123")  # month + 40: right check digits, but no birth date
D_NUMBER = fnr("550585", "123")  # day + 40: born 15.05.1985
ADAPTED_2008 = "01010800100"  # SSB's adapted number: a birth date and 00100
ADAPTED_1990 = "15059000100"
WRONG_CHECK_DIGITS = ADULT[:-1] + str((int(ADULT[-1]) + 1) % 10)


def error(rule: str, *lines: int) -> Row:
    return (rule, "error", lines or (1,))


def warning(rule: str, *lines: int) -> Row:
    return (rule, "warning", lines or (1,))


def date(year: int, ddmm: str) -> str:
    """A date in `year`, written as that year's layout wants: `ddMMyyyy` from 2025, `ddMMyy`
    before."""
    pattern = load(FORM, year).field("AVSL_DATO").pattern
    return ddmm + (f"{year:04d}" if pattern == "ddMMyyyy" else f"{year % 100:02d}")


def outside_oslo(**changes: str) -> dict[str, str]:
    """Changes that move the clean record to Stavanger (no district)."""
    return {"KOMMUNE_NR": STAVANGER, "BYDELSNR": "", **changes}


def completed(year: int, **changes: str) -> dict[str, str]:
    """What an ended programme needs: an end date in the year, a situation, an income source."""
    return {
        "AVSL_DATO": date(year, "1506"),
        "AVSL_ORDINAERTARB": "01",
        "AVSL_VIKTIGSTE_INNTEKT": "01",
        **changes,
    }


def check(
    records: Sequence[Mapping[str, str]], year: int = 2025, municipality: str = OSLO
) -> Report:
    """Run the records (changes to the clean record) as one file; identity numbers never show."""
    form = load(FORM, year)
    report = run([line(form, **changes) for changes in records], FORM, year, municipality)
    numbers = {
        number
        for changes in records
        if (number := {**clean_values(form), **changes}["PERSON_FODSELSNR"].strip())
    }
    for finding in report.findings:
        assert not any(number in finding.message for number in numbers), finding.message
    return report


def findings(
    records: Sequence[Mapping[str, str]], year: int = 2025, municipality: str = OSLO
) -> list[tuple[Any, ...]]:
    return check(records, year, municipality).flatten("rule", "severity", "lines")


def one(changes: Mapping[str, str], year: int = 2025) -> list[tuple[Any, ...]]:
    """Findings of one record; outside Oslo when the changes say so."""
    municipality = changes.get("KOMMUNE_NR", OSLO)
    return findings([changes], year, municipality)


@pytest.mark.parametrize("year", range(2022, 2027))
def test_clean_record_passes(year: int) -> None:
    assert findings([{}], year) == []
    assert findings([outside_oslo()], year, STAVANGER) == []


# -- K005A: duplicate person (fødselsnummer + STATUS), outside Oslo ---------------------------


def _journal(number: int, **changes: str) -> dict[str, str]:
    return outside_oslo(PERSON_JOURNALNR=f"J{number:07d}", **changes)


@pytest.mark.parametrize(
    ("records", "municipality", "expected"),
    [
        pytest.param([_journal(1)], STAVANGER, [], id="single-record"),
        pytest.param(
            [_journal(1), _journal(2)],
            STAVANGER,
            [error("K005A", 1), error("K005A", 2)],
            id="same-fnr-same-status",
        ),
        pytest.param(
            [_journal(1, STATUS="1"), _journal(2, STATUS="2")],
            STAVANGER,
            [],
            id="same-fnr-other-status",
        ),
        pytest.param(
            [_journal(1), _journal(2, PERSON_FODSELSNR=OTHER_ADULT)],
            STAVANGER,
            [],
            id="other-fnr",
        ),
        pytest.param(
            [{"PERSON_JOURNALNR": "J0000001"}, {"PERSON_JOURNALNR": "J0000002"}],
            OSLO,
            [],
            id="oslo-records-exempt",
        ),
        pytest.param(
            [_journal(1), {"PERSON_JOURNALNR": "J0000002"}],
            STAVANGER,
            [error("K003A", 2)],
            id="oslo-record-among-others-left-out",
        ),
        pytest.param(
            [
                _journal(1, PERSON_FODSELSNR=ADAPTED_1990),
                _journal(2, PERSON_FODSELSNR=ADAPTED_1990),
            ],
            STAVANGER,
            [error("K005A", 1), error("K005A", 2)],
            id="adapted-number-counts",
        ),
        pytest.param(
            [_journal(1, PERSON_FODSELSNR=D_NUMBER), _journal(2, PERSON_FODSELSNR=D_NUMBER)],
            STAVANGER,
            [error("K005A", 1), error("K005A", 2)],
            id="d-number-counts",
        ),
        pytest.param(
            [_journal(1, PERSON_FODSELSNR=H_NUMBER), _journal(2, PERSON_FODSELSNR=H_NUMBER)],
            STAVANGER,
            [error("K005A", 1), error("K005A", 2)],
            id="h-number-counts-check-digits-only",
        ),
        pytest.param(
            [
                _journal(1, PERSON_FODSELSNR=WRONG_CHECK_DIGITS),
                _journal(2, PERSON_FODSELSNR=WRONG_CHECK_DIGITS),
            ],
            STAVANGER,
            [error("K005", 1), error("K005", 2)],
            id="invalid-fnr-not-a-duplicate",
        ),
        pytest.param(
            [_journal(1, PERSON_FODSELSNR=""), _journal(2, PERSON_FODSELSNR="")],
            STAVANGER,
            [error("K005", 1), error("K005", 2)],
            id="blank-fnr-not-a-duplicate",
        ),
        pytest.param(
            [
                _journal(1, PERSON_FODSELSNR=OTHER_ADULT),
                _journal(2),
                _journal(3, PERSON_FODSELSNR=OTHER_ADULT),
                _journal(4),
            ],
            STAVANGER,
            [error("K005A", 1), error("K005A", 3), error("K005A", 2), error("K005A", 4)],
            id="groups-in-order-of-first-appearance",
        ),
        pytest.param(
            [_journal(1), _journal(1)],
            STAVANGER,
            [error("K005A", 1), error("K005A", 2), error("K005B", 1), error("K005B", 2)],
            id="same-fnr-same-journal",
        ),
        pytest.param(
            [
                _journal(1, STATUS="7", **completed(2025)),
                _journal(2, STATUS="7", **completed(2025)),
            ],
            STAVANGER,
            [error("K005A", 1), error("K005A", 2)],
            id="same-fnr-both-status-7",
        ),
    ],
)
def test_k005a_duplicate_person(
    records: list[dict[str, str]], municipality: str, expected: list[Row]
) -> None:
    assert findings(records, 2025, municipality) == expected


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2026])
def test_k005a_every_year(year: int) -> None:
    records = [
        outside_oslo(PERSON_JOURNALNR="J0000001"),
        outside_oslo(PERSON_JOURNALNR="J0000002"),
    ]
    assert findings(records, year, STAVANGER) == [error("K005A", 1), error("K005A", 2)]


def test_k005a_message_names_the_other_journals() -> None:
    report = check([_journal(1), _journal(2), _journal(3)], 2025, STAVANGER)
    first = report.findings[0]
    assert (first.rule, first.journal, first.caseworker) == ("K005A", "J0000001", "Kari")
    assert "J0000002" in first.message and "J0000003" in first.message


# -- K005B: duplicate journal number, outside Oslo --------------------------------------------


@pytest.mark.parametrize(
    ("records", "municipality", "expected"),
    [
        pytest.param(
            [_journal(1), _journal(2, PERSON_FODSELSNR=OTHER_ADULT)],
            STAVANGER,
            [],
            id="different-journals",
        ),
        pytest.param(
            [_journal(1), _journal(1, PERSON_FODSELSNR=OTHER_ADULT)],
            STAVANGER,
            [error("K005B", 1), error("K005B", 2)],
            id="same-journal",
        ),
        pytest.param(
            [
                {"PERSON_JOURNALNR": "J0000001"},
                {"PERSON_JOURNALNR": "J0000001", "PERSON_FODSELSNR": OTHER_ADULT},
            ],
            OSLO,
            [],
            id="oslo-records-exempt",
        ),
        pytest.param(
            [
                _journal(1, PERSON_FODSELSNR=OTHER_ADULT),
                {"PERSON_JOURNALNR": "J0000001"},
            ],
            STAVANGER,
            [error("K003A", 2)],
            id="oslo-record-among-others-left-out",
        ),
        pytest.param(
            [
                _journal(1),
                _journal(1, PERSON_FODSELSNR=OTHER_ADULT),
                _journal(1, PERSON_FODSELSNR=THIRD_ADULT),
            ],
            STAVANGER,
            [error("K005B", 1), error("K005B", 2), error("K005B", 3)],
            id="three-records",
        ),
        pytest.param(
            [
                outside_oslo(PERSON_JOURNALNR=""),
                outside_oslo(PERSON_JOURNALNR="", PERSON_FODSELSNR=OTHER_ADULT),
            ],
            STAVANGER,
            [error("K005B", 1), error("K005B", 2)],
            id="blank-journals-are-duplicates",
        ),
        pytest.param(
            [
                _journal(2),
                _journal(1, PERSON_FODSELSNR=OTHER_ADULT),
                _journal(2, PERSON_FODSELSNR=THIRD_ADULT),
                _journal(1, PERSON_FODSELSNR=FOURTH_ADULT),
            ],
            STAVANGER,
            [error("K005B", 1), error("K005B", 3), error("K005B", 2), error("K005B", 4)],
            id="groups-in-order-of-first-appearance",
        ),
    ],
)
def test_k005b_duplicate_journal(
    records: list[dict[str, str]], municipality: str, expected: list[Row]
) -> None:
    assert findings(records, 2025, municipality) == expected


def test_k005b_message_counts_the_records() -> None:
    records = [
        _journal(1),
        _journal(1, PERSON_FODSELSNR=OTHER_ADULT),
        _journal(1, PERSON_FODSELSNR=THIRD_ADULT),
    ]
    report = check(records, 2025, STAVANGER)
    assert all("3" in f.message and "J0000001" in f.message for f in report.findings)


# -- K006 (ERROR): age under 18, only when the age is defined ---------------------------------


@pytest.mark.parametrize(
    ("year", "identity", "expected"),
    [
        pytest.param(2025, BORN_2008, [error("K006")], id="17"),
        pytest.param(2025, BORN_2007, [], id="18"),
        pytest.param(2025, BORN_2025, [error("K006")], id="0"),
        pytest.param(2025, BORN_2026, [error("K006")], id="future-birth-year"),
        pytest.param(2025, ADAPTED_2008, [error("K006")], id="adapted-number-17"),
        pytest.param(2025, WRONG_CHECK_DIGITS, [error("K005")], id="invalid-fnr-no-age"),
        pytest.param(2025, "", [error("K005")], id="blank-fnr-no-age"),
        pytest.param(2025, H_NUMBER, [], id="h-number-no-age"),
        pytest.param(2026, BORN_2008, [], id="18-in-2026"),
        pytest.param(2022, BORN_2005, [error("K006")], id="17-in-2022"),
        pytest.param(2022, BORN_2004, [], id="18-in-2022"),
    ],
)
def test_k006_under_18(year: int, identity: str, expected: list[Row]) -> None:
    assert one({"PERSON_FODSELSNR": identity}, year) == expected


# -- K007 (WARNING): age over 68, i.e. 69 and older --------------------------------------------


@pytest.mark.parametrize(
    ("year", "identity", "expected"),
    [
        pytest.param(2025, BORN_1957, [], id="68"),
        pytest.param(2025, BORN_1956, [warning("K007")], id="69"),
        pytest.param(2025, BORN_1929, [warning("K007")], id="96"),
        pytest.param(2025, WRONG_CHECK_DIGITS, [error("K005")], id="invalid-fnr-counts-as-0"),
        pytest.param(2025, "", [error("K005")], id="blank-fnr-counts-as-0"),
        pytest.param(2022, BORN_1953, [warning("K007")], id="69-in-2022"),
        pytest.param(2022, BORN_1954, [], id="68-in-2022"),
    ],
)
def test_k007_over_68(year: int, identity: str, expected: list[Row]) -> None:
    assert one({"PERSON_FODSELSNR": identity}, year) == expected


@pytest.mark.parametrize(
    ("identity", "rule", "text"),
    [
        pytest.param(BORN_2008, "K006", "17 år", id="k006-shows-age"),
        pytest.param(BORN_1956, "K007", "69 år", id="k007-shows-age"),
    ],
)
def test_age_messages_show_the_age(identity: str, rule: str, text: str) -> None:
    (finding,) = check([{"PERSON_FODSELSNR": identity}]).findings
    assert finding.rule == rule and text in finding.message


# -- K014, K015, K016: programme dates outside Oslo -------------------------------------------

# K014 and K015 measure four years back from the record's VERSION; the clean VERSION is the
# reporting year, so the window is the same unless VERSION is changed.


@pytest.mark.parametrize(
    ("year", "changes", "expected"),
    [
        pytest.param(2025, {"REG_DATO": "01012021"}, [], id="four-years-back"),
        pytest.param(2025, {"REG_DATO": "31122020"}, [error("K014")], id="five-years-back"),
        pytest.param(2025, {"REG_DATO": ""}, [error("K014")], id="blank"),
        pytest.param(2025, {"REG_DATO": "aaaaaaaa"}, [error("K014")], id="letters"),
        pytest.param(2025, {"REG_DATO": "00012024"}, [error("K014")], id="day-00"),
        pytest.param(2025, {"REG_DATO": "01132024"}, [error("K014")], id="month-13"),
        pytest.param(2025, {"REG_DATO": "31042024"}, [], id="31-april-lenient"),
        pytest.param(2025, {"REG_DATO": "01012026"}, [], id="future-date-not-checked"),
        pytest.param(
            2025,
            {"VERSION": "26", "REG_DATO": "01012021"},
            [error("K004"), error("K014")],
            id="window-from-version-26",
        ),
        pytest.param(
            2025,
            {"VERSION": "24", "REG_DATO": "01012020"},
            [error("K004")],
            id="window-from-version-24",
        ),
        pytest.param(
            2025,
            {"VERSION": "XX", "REG_DATO": "01012000"},
            [error("K004")],
            id="invalid-version-no-age-check",
        ),
        pytest.param(2024, {"REG_DATO": "010120"}, [], id="2024-four-years-back"),
        pytest.param(2024, {"REG_DATO": "311219"}, [error("K014")], id="2024-five-years-back"),
        pytest.param(2024, {"REG_DATO": "aaaaaa"}, [error("K014")], id="2024-letters"),
        pytest.param(2024, {"REG_DATO": "010199"}, [], id="2024-yy-99-is-2099"),
        pytest.param(2022, {"REG_DATO": "010118"}, [], id="2022-four-years-back"),
        pytest.param(2022, {"REG_DATO": "010117"}, [error("K014")], id="2022-five-years-back"),
    ],
)
def test_k014_registration_date(year: int, changes: dict[str, str], expected: list[Row]) -> None:
    assert one(outside_oslo(**changes), year) == expected


@pytest.mark.parametrize(
    ("year", "changes", "expected"),
    [
        pytest.param(2025, {"VEDTAK_DATO": "01012021"}, [], id="four-years-back"),
        pytest.param(2025, {"VEDTAK_DATO": "31122020"}, [error("K015")], id="five-years-back"),
        pytest.param(2025, {"VEDTAK_DATO": ""}, [error("K015")], id="blank"),
        pytest.param(2025, {"VEDTAK_DATO": "aaaaaaaa"}, [error("K015")], id="letters"),
        pytest.param(2025, {"VEDTAK_DATO": "01012026"}, [], id="future-date-not-checked"),
        pytest.param(
            2025,
            {"VERSION": "26", "VEDTAK_DATO": "01012021"},
            [error("K004"), error("K015")],
            id="window-from-version-26",
        ),
        pytest.param(
            2025,
            {"VERSION": "24", "VEDTAK_DATO": "01012020"},
            [error("K004")],
            id="window-from-version-24",
        ),
        pytest.param(2023, {"VEDTAK_DATO": "010119"}, [], id="2023-four-years-back"),
        pytest.param(2023, {"VEDTAK_DATO": "311218"}, [error("K015")], id="2023-five-years-back"),
    ],
)
def test_k015_decision_date(year: int, changes: dict[str, str], expected: list[Row]) -> None:
    assert one(outside_oslo(**changes), year) == expected


@pytest.mark.parametrize(
    ("year", "changes", "expected"),
    [
        pytest.param(2025, {"BEGYNT_DATO": "01012021"}, [], id="four-years-back"),
        pytest.param(2025, {"BEGYNT_DATO": "31122020"}, [error("K016")], id="five-years-back"),
        pytest.param(2025, {"BEGYNT_DATO": "31122025"}, [], id="last-day-of-year"),
        pytest.param(2025, {"BEGYNT_DATO": "01012026"}, [error("K016")], id="after-the-year"),
        pytest.param(2025, {"BEGYNT_DATO": ""}, [error("K016")], id="blank"),
        pytest.param(2025, {"BEGYNT_DATO": "aaaaaaaa"}, [error("K016")], id="letters"),
        pytest.param(2025, {"BEGYNT_DATO": "31022025"}, [], id="31-february-lenient"),
        pytest.param(
            2025,
            {"VERSION": "26", "BEGYNT_DATO": "01012021"},
            [error("K004")],
            id="window-from-reporting-year-not-version-26",
        ),
        pytest.param(
            2025,
            {"VERSION": "24", "BEGYNT_DATO": "31122020"},
            [error("K004"), error("K016")],
            id="window-from-reporting-year-not-version-24",
        ),
        pytest.param(2024, {"BEGYNT_DATO": "010120"}, [], id="2024-four-years-back"),
        pytest.param(2024, {"BEGYNT_DATO": "311219"}, [error("K016")], id="2024-five-years-back"),
        pytest.param(2024, {"BEGYNT_DATO": "311224"}, [], id="2024-last-day-of-year"),
        pytest.param(2024, {"BEGYNT_DATO": "010125"}, [error("K016")], id="2024-after-the-year"),
        pytest.param(2024, {"BEGYNT_DATO": "010199"}, [error("K016")], id="2024-yy-99-is-2099"),
    ],
)
def test_k016_start_date(year: int, changes: dict[str, str], expected: list[Row]) -> None:
    assert one(outside_oslo(**changes), year) == expected


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"REG_DATO": ""}, id="k014-blank"),
        pytest.param({"REG_DATO": "31122015"}, id="k014-ten-years-back"),
        pytest.param({"VEDTAK_DATO": "aaaaaaaa"}, id="k015-letters"),
        pytest.param({"VEDTAK_DATO": "31122015"}, id="k015-ten-years-back"),
        pytest.param({"BEGYNT_DATO": ""}, id="k016-blank"),
        pytest.param({"BEGYNT_DATO": "31122015"}, id="k016-ten-years-back"),
        pytest.param({"BEGYNT_DATO": "01012026"}, id="k016-after-the-year"),
    ],
)
def test_k014_k016_leave_oslo_alone(changes: dict[str, str]) -> None:
    assert one(changes) == []


# -- K019, K020: programme in another municipality --------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "1106"}, [], id="1-yes"),
        pytest.param({"KVP_KOMM": "2"}, [], id="2-no"),
        pytest.param({"KVP_KOMM": ""}, [error("K019")], id="blank"),
        pytest.param({"KVP_KOMM": "0"}, [error("K019")], id="0"),
        pytest.param({"KVP_KOMM": "3"}, [error("K019")], id="3"),
        pytest.param({"KVP_KOMM": "X"}, [error("K019")], id="letter"),
    ],
)
def test_k019_programme_in_another_municipality(
    changes: dict[str, str], expected: list[Row]
) -> None:
    assert one(changes) == expected


@pytest.mark.parametrize(
    ("year", "changes", "expected"),
    [
        pytest.param(2025, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "1106"}, [], id="valid"),
        pytest.param(2025, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "9999"}, [], id="9999-unknown"),
        pytest.param(2025, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": OSLO}, [], id="own-municipality"),
        pytest.param(
            2025, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "4242"}, [error("K020")], id="not-a-code"
        ),
        pytest.param(2025, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": ""}, [error("K020")], id="blank"),
        pytest.param(
            2025, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "106"}, [error("K020")], id="three-digits"
        ),
        pytest.param(2025, {"KVP_KOMM": "2", "KOMMNR_KVP_KOMM": "4242"}, [], id="no-not-checked"),
        pytest.param(
            2025, {"KVP_KOMM": "", "KOMMNR_KVP_KOMM": ""}, [error("K019")], id="blank-answer"
        ),
        pytest.param(2023, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "1507"}, [], id="1507-in-2023"),
        pytest.param(
            2024, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "1507"}, [error("K020")], id="1507-in-2024"
        ),
        pytest.param(
            2023, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "1508"}, [error("K020")], id="1508-in-2023"
        ),
        pytest.param(2024, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "1508"}, [], id="1508-in-2024"),
        pytest.param(
            2025, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "3001"}, [error("K020")], id="3001-in-2025"
        ),
        pytest.param(2022, {"KVP_KOMM": "1", "KOMMNR_KVP_KOMM": "3001"}, [], id="3001-in-2022"),
    ],
)
def test_k020_other_municipality_number(
    year: int, changes: dict[str, str], expected: list[Row]
) -> None:
    assert one(changes, year) == expected


# -- K021: type of social assistance before the application ----------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": "2"}, [], id="yes-type-2"),
        pytest.param({"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": "3"}, [], id="yes-type-3"),
        pytest.param(
            {"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": ""}, [error("K021")], id="yes-type-blank"
        ),
        pytest.param(
            {"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": "4"}, [error("K021")], id="yes-type-4"
        ),
        pytest.param(
            {"YTELSE_SOSHJELP": "1", "YTELSE_TYPE_SOSHJ": "1"}, [error("K021")], id="yes-type-1"
        ),
        pytest.param({"YTELSE_SOSHJELP": "", "YTELSE_TYPE_SOSHJ": "9"}, [], id="not-ticked"),
        pytest.param({"YTELSE_SOSHJELP": "0", "YTELSE_TYPE_SOSHJ": "4"}, [], id="answer-0"),
        pytest.param({"YTELSE_SOSHJELP": "2", "YTELSE_TYPE_SOSHJ": ""}, [], id="answer-2"),
    ],
)
def test_k021_type_of_social_assistance(changes: dict[str, str], expected: list[Row]) -> None:
    assert one(changes) == expected


# -- K026, K027: other support during the programme ------------------------------------------

SUPPORT_TICKS = {
    "KVP_MED_KOMMBOS": "4",
    "KVP_MED_HUSBANKBOS": "5",
    "KVP_MED_SOSHJ_ENGANG": "9",
    "KVP_MED_SOSHJ_PGM": "8",
    "KVP_MED_SOSHJ_SUP": "7",
}
SUPPORT_ZEROS = dict.fromkeys(SUPPORT_TICKS, "0")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"KVP_MED_ASTONAD": "1", "KVP_MED_KOMMBOS": "4"}, [], id="1-yes"),
        pytest.param({"KVP_MED_ASTONAD": "2"}, [], id="2-no"),
        pytest.param({"KVP_MED_ASTONAD": ""}, [error("K026")], id="blank"),
        pytest.param({"KVP_MED_ASTONAD": "0"}, [error("K026")], id="0"),
        pytest.param({"KVP_MED_ASTONAD": "3"}, [error("K026")], id="3"),
        pytest.param(
            {"KVP_MED_ASTONAD": "", **SUPPORT_TICKS}, [error("K026")], id="blank-with-ticks"
        ),
    ],
)
def test_k026_other_support_answered(changes: dict[str, str], expected: list[Row]) -> None:
    assert one(changes) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"KVP_MED_ASTONAD": "1"}, [error("K027")], id="yes-nothing-ticked"),
        pytest.param({"KVP_MED_ASTONAD": "1", **SUPPORT_ZEROS}, [error("K027")], id="yes-all-zero"),
        pytest.param(
            {"KVP_MED_ASTONAD": "1", "KVP_MED_KOMMBOS": "5"}, [error("K027")], id="yes-wrong-digit"
        ),
        *(
            pytest.param({"KVP_MED_ASTONAD": "1", name: code}, [], id=f"yes-{name}")
            for name, code in SUPPORT_TICKS.items()
        ),
        pytest.param({"KVP_MED_ASTONAD": "1", **SUPPORT_TICKS}, [], id="yes-all-ticked"),
        pytest.param({"KVP_MED_ASTONAD": "2"}, [], id="no-nothing-ticked"),
        pytest.param({"KVP_MED_ASTONAD": "2", **SUPPORT_ZEROS}, [], id="no-all-zero"),
        pytest.param(
            {"KVP_MED_ASTONAD": "2", "KVP_MED_SOSHJ_SUP": "7"}, [error("K027")], id="no-one-ticked"
        ),
        pytest.param(
            {"KVP_MED_ASTONAD": "2", **SUPPORT_TICKS}, [error("K027")], id="no-all-ticked"
        ),
    ],
)
def test_k027_other_support_ticks(changes: dict[str, str], expected: list[Row]) -> None:
    assert one(changes) == expected


def test_k027_message_says_which_way() -> None:
    yes = check([{"KVP_MED_ASTONAD": "1"}]).findings[0].message
    no = check([{"KVP_MED_ASTONAD": "2", **SUPPORT_TICKS}]).findings[0].message
    assert yes != no


# -- K028–K032: months and amount of kvalifiseringsstønad ------------------------------------

NO_MONTHS = {"STMND_1": "", "STMND_2": ""}
ALL_MONTHS = {f"STMND_{m}": f"{m:02d}" for m in range(1, 13)}
# Status 6 (moved to another Oslo district) needs no end date, situation or income source, so
# a row with it shows K028/K030 alone.


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"STATUS": "6", **NO_MONTHS}, [warning("K028")], id="status-6-no-months"),
        pytest.param({"STATUS": "2", **NO_MONTHS}, [], id="on-leave-no-months"),
        pytest.param({"STATUS": "6"}, [], id="status-6-months"),
        pytest.param({"STATUS": "1", **ALL_MONTHS}, [], id="all-months"),
        pytest.param({"STATUS": "6", **NO_MONTHS, "STMND_12": "12"}, [], id="only-december"),
        pytest.param(
            {"STATUS": "6", **NO_MONTHS, "STMND_1": "12"},
            [warning("K028")],
            id="december-code-in-january-field",
        ),
        pytest.param(
            {"STATUS": "6", "STMND_1": "1", "STMND_2": " 2"},
            [warning("K028")],
            id="months-not-zero-padded",
        ),
        pytest.param(
            {"STATUS": "1", **NO_MONTHS},
            [warning("K028"), warning("K031")],
            id="status-1-no-months-with-amount",
        ),
        pytest.param(
            {"STATUS": "", **NO_MONTHS},
            [warning("K028"), error("K036")],
            id="status-blank-no-months",
        ),
    ],
)
def test_k028_months_ticked(changes: dict[str, str], expected: list[Row]) -> None:
    assert one(changes) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"KVP_STONAD": "      1"}, [], id="1"),
        pytest.param({"KVP_STONAD": "      0"}, [warning("K029")], id="0"),
        pytest.param({"KVP_STONAD": "   -500"}, [warning("K029")], id="negative"),
        pytest.param({"KVP_STONAD": "X"}, [warning("K029")], id="letter"),
        pytest.param({"KVP_STONAD": "  3,5"}, [warning("K029")], id="decimal-comma"),
        pytest.param(
            {"KVP_STONAD": ""}, [warning("K029"), warning("K030")], id="blank-with-months"
        ),
        pytest.param({"STATUS": "6", "KVP_STONAD": "      0"}, [], id="status-6-0"),
        pytest.param({"STATUS": "2", "KVP_STONAD": "X"}, [], id="on-leave-letter"),
        pytest.param(
            {"STATUS": "X", "KVP_STONAD": "      0"}, [error("K036")], id="invalid-status-0"
        ),
    ],
)
def test_k029_amount_missing(changes: dict[str, str], expected: list[Row]) -> None:
    assert one(changes) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"STATUS": "6", "KVP_STONAD": ""}, [warning("K030")], id="status-6-blank"),
        pytest.param({"STATUS": "6", "KVP_STONAD": "      0"}, [], id="status-6-zero"),
        pytest.param({"STATUS": "6", "KVP_STONAD": "X"}, [], id="status-6-letter"),
        pytest.param(
            {"STATUS": "1", "KVP_STONAD": ""},
            [warning("K029"), warning("K030")],
            id="status-1-blank",
        ),
        pytest.param(
            {"STATUS": "1", "KVP_STONAD": "      0"}, [warning("K029")], id="status-1-zero"
        ),
        pytest.param({"STATUS": "2", "KVP_STONAD": ""}, [], id="on-leave-blank"),
        pytest.param(
            {"STATUS": "2", "KVP_STONAD": "", **NO_MONTHS}, [], id="on-leave-blank-no-months"
        ),
        pytest.param(
            {"STATUS": "6", "KVP_STONAD": "", **NO_MONTHS},
            [warning("K028")],
            id="status-6-blank-no-months",
        ),
    ],
)
def test_k030_months_but_no_amount(changes: dict[str, str], expected: list[Row]) -> None:
    assert one(changes) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"KVP_STONAD": "  30000", **NO_MONTHS},
            [warning("K028"), warning("K031")],
            id="amount-no-months",
        ),
        pytest.param(
            {"KVP_STONAD": "      1", **NO_MONTHS},
            [warning("K028"), warning("K031")],
            id="amount-1-no-months",
        ),
        pytest.param({"KVP_STONAD": "  30000"}, [], id="amount-and-months"),
        pytest.param(
            {"KVP_STONAD": "      0", **NO_MONTHS},
            [warning("K028"), warning("K029")],
            id="no-amount-no-months",
        ),
        pytest.param(
            {"STATUS": "6", "KVP_STONAD": "  30000", **NO_MONTHS},
            [warning("K028")],
            id="status-6-amount-no-months",
        ),
        pytest.param(
            {"STATUS": "2", "KVP_STONAD": "  30000", **NO_MONTHS},
            [],
            id="on-leave-amount-no-months",
        ),
        pytest.param(
            {"STATUS": "X", "KVP_STONAD": "", **NO_MONTHS},
            [warning("K028"), error("K036")],
            id="invalid-status-blank-no-months",
        ),
    ],
)
def test_k031_amount_but_no_months(changes: dict[str, str], expected: list[Row]) -> None:
    assert one(changes) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"KVP_STONAD": "  42"}, [], id="42"),
        pytest.param({"KVP_STONAD": " 600000"}, [], id="600000"),
        pytest.param({"KVP_STONAD": " 600001"}, [warning("K032")], id="600001"),
        pytest.param({"KVP_STONAD": "600001"}, [warning("K032")], id="600001-left-aligned"),
        pytest.param({"KVP_STONAD": "9999999"}, [warning("K032")], id="9999999"),
        pytest.param({"KVP_STONAD": "-600001"}, [warning("K029")], id="negative"),
        pytest.param({"STATUS": "2", "KVP_STONAD": " 700000"}, [warning("K032")], id="on-leave"),
        pytest.param({"STATUS": "2", "KVP_STONAD": "7000 00"}, [], id="not-a-number"),
        pytest.param({"STATUS": "2", "KVP_STONAD": ""}, [], id="blank"),
    ],
)
def test_k032_amount_above_limit(changes: dict[str, str], expected: list[Row]) -> None:
    assert one(changes) == expected


# -- K036–K039: status and the end of the programme ------------------------------------------


@pytest.mark.parametrize(
    ("year", "status", "expected"),
    [
        *(pytest.param(2025, s, [], id=f"status-{s}") for s in "1234567"),
        pytest.param(2025, "0", [error("K036")], id="status-0"),
        pytest.param(2025, "8", [error("K036")], id="status-8"),
        pytest.param(2025, "X", [error("K036")], id="status-letter"),
        pytest.param(2025, "", [error("K036")], id="status-blank"),
        pytest.param(2022, "6", [], id="status-6-in-2022"),
        pytest.param(2022, "7", [error("K036")], id="status-7-in-2022"),
        pytest.param(2023, "7", [], id="status-7-in-2023"),
        pytest.param(2024, "7", [], id="status-7-in-2024"),
    ],
)
def test_k036_status(year: int, status: str, expected: list[Row]) -> None:
    assert one(completed(year, STATUS=status), year) == expected


@pytest.mark.parametrize(
    ("year", "changes", "expected"),
    [
        pytest.param(2025, {"AVSL_DATO": "01012025"}, [], id="first-day-of-year"),
        pytest.param(2025, {"AVSL_DATO": "31122025"}, [], id="last-day-of-year"),
        pytest.param(2025, {"AVSL_DATO": ""}, [error("K037")], id="blank"),
        pytest.param(2025, {"AVSL_DATO": "aaaaaaaa"}, [error("K037")], id="letters"),
        pytest.param(2025, {"AVSL_DATO": "31122024"}, [error("K037")], id="year-before"),
        pytest.param(2025, {"AVSL_DATO": "01012026"}, [error("K037")], id="year-after"),
        pytest.param(2025, {"AVSL_DATO": "31042025"}, [error("K037")], id="31-april-strict"),
        pytest.param(2025, {"AVSL_DATO": "31062025"}, [error("K037")], id="31-june-strict"),
        pytest.param(2025, {"AVSL_DATO": "29022025"}, [error("K037")], id="29-february-2025"),
        pytest.param(2025, {"AVSL_DATO": "28022025"}, [], id="28-february-2025"),
        pytest.param(2024, {"AVSL_DATO": "290224"}, [], id="2024-29-february-leap-year"),
        pytest.param(2024, {"AVSL_DATO": "300224"}, [error("K037")], id="2024-30-february"),
        pytest.param(2024, {"AVSL_DATO": "311224"}, [], id="2024-last-day-of-year"),
        pytest.param(2024, {"AVSL_DATO": "311223"}, [error("K037")], id="2024-year-before"),
        pytest.param(2024, {"AVSL_DATO": "010125"}, [error("K037")], id="2024-year-after"),
        pytest.param(2023, {"AVSL_DATO": "290223"}, [error("K037")], id="2023-29-february"),
        pytest.param(2022, {"AVSL_DATO": "150622"}, [], id="2022-in-year"),
        pytest.param(2022, {"AVSL_DATO": ""}, [error("K037")], id="2022-blank"),
    ],
)
def test_k037_end_date(year: int, changes: dict[str, str], expected: list[Row]) -> None:
    # Status 4 (ended by absence) needs an end date and nothing else.
    assert one({"STATUS": "4", **changes}, year) == expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        pytest.param("3", [error("K037")], id="status-3"),
        pytest.param("4", [error("K037")], id="status-4"),
        pytest.param("5", [error("K037")], id="status-5"),
        pytest.param("7", [error("K037")], id="status-7"),
        pytest.param("1", [], id="status-1"),
        pytest.param("2", [], id="status-2"),
        pytest.param("6", [], id="status-6"),
    ],
)
def test_k037_which_statuses_need_an_end_date(status: str, expected: list[Row]) -> None:
    assert one(completed(2025, STATUS=status, AVSL_DATO="")) == expected


@pytest.mark.parametrize("status", ["3", "4", "5", "7"])
@pytest.mark.parametrize(
    ("end_date", "expected"),
    [
        pytest.param("01012025", [], id="first-day"),
        pytest.param("31122025", [], id="last-day"),
        pytest.param("", [error("K037")], id="blank"),
        pytest.param("01012024", [error("K037")], id="year-before"),
        pytest.param("01012026", [error("K037")], id="year-after"),
        pytest.param("31062025", [error("K037")], id="31-june"),
    ],
)
def test_k037_every_ending_status(status: str, end_date: str, expected: list[Row]) -> None:
    assert one(completed(2025, STATUS=status, AVSL_DATO=end_date)) == expected


def test_k037_message_names_the_year_and_statuses() -> None:
    (finding,) = check([{"STATUS": "4", "AVSL_DATO": "01012026"}]).findings
    assert "31.12.2025" in finding.message
    assert all(f"{s}=" in finding.message for s in "3457")


SITUATIONS = {
    "AVSL_ORDINAERTARB": "01",
    "AVSL_ARBLONNSTILS": "11",
    "AVSL_ARBMARK": "03",
    "AVSL_SKOLE": "04",
    "AVSL_UFORE": "13",
    "AVSL_AAP": "14",
    "AVSL_OK_AVKLAR": "15",
    "AVSL_UTEN_OK_AVKLAR": "16",
    "AVSL_ANNET": "10",
    "AVSL_UKJENT": "17",
}
NO_SITUATION = dict.fromkeys(SITUATIONS, "")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        *(
            pytest.param({"STATUS": "3", name: code}, [], id=f"status-3-{name}")
            for name, code in SITUATIONS.items()
        ),
        pytest.param({"STATUS": "7", "AVSL_ANNET": "10"}, [], id="status-7-one-ticked"),
        pytest.param({"STATUS": "3"}, [error("K038")], id="status-3-none"),
        pytest.param({"STATUS": "7"}, [error("K038")], id="status-7-none"),
        pytest.param(
            {"STATUS": "3", "AVSL_ORDINAERTARB": "02"}, [error("K038")], id="status-3-wrong-code"
        ),
        pytest.param(
            {"STATUS": "3", "AVSL_ORDINAERTARB": "1"}, [error("K038")], id="status-3-not-padded"
        ),
        pytest.param(
            {"STATUS": "3", "AVSL_ORDINAERTARB": "11"},
            [error("K038")],
            id="status-3-other-fields-code",
        ),
        pytest.param({"STATUS": "4"}, [], id="status-4-none"),
        pytest.param({"STATUS": "5"}, [], id="status-5-none"),
        pytest.param({"STATUS": "1"}, [], id="status-1-none"),
        pytest.param({"STATUS": "2"}, [], id="status-2-none"),
    ],
)
def test_k038_situation_after_programme(changes: dict[str, str], expected: list[Row]) -> None:
    record = {**completed(2025), **NO_SITUATION, **changes}
    assert one(record) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        *(
            pytest.param({"STATUS": "3", "AVSL_VIKTIGSTE_INNTEKT": code}, [], id=f"status-3-{code}")
            for code in load(FORM, 2025).codes("AVSL_VIKTIGSTE_INNTEKT")
        ),
        pytest.param(
            {"STATUS": "3", "AVSL_VIKTIGSTE_INNTEKT": ""}, [error("K039")], id="status-3-blank"
        ),
        pytest.param(
            {"STATUS": "3", "AVSL_VIKTIGSTE_INNTEKT": "02"}, [error("K039")], id="status-3-02"
        ),
        pytest.param(
            {"STATUS": "3", "AVSL_VIKTIGSTE_INNTEKT": "1"},
            [error("K039")],
            id="status-3-not-padded",
        ),
        pytest.param({"STATUS": "7", "AVSL_VIKTIGSTE_INNTEKT": ""}, [], id="status-7-not-checked"),
        pytest.param({"STATUS": "1", "AVSL_VIKTIGSTE_INNTEKT": ""}, [], id="status-1-blank"),
        pytest.param({"STATUS": "1", "AVSL_VIKTIGSTE_INNTEKT": "99"}, [], id="status-1-99"),
    ],
)
def test_k039_income_after_programme(changes: dict[str, str], expected: list[Row]) -> None:
    assert one({**completed(2025), **changes}) == expected


# -- Findings as a whole ----------------------------------------------------------------------


def test_findings_carry_caseworker_and_journal() -> None:
    (finding,) = check([{"STATUS": "X"}]).findings
    assert (finding.rule, finding.caseworker, finding.journal) == ("K036", "Kari", "J0000001")


def test_every_11cf_rule_at_once_keeps_run_order_and_hides_identity() -> None:
    record = outside_oslo(
        PERSON_FODSELSNR=BORN_2008,
        REG_DATO="",
        VEDTAK_DATO="",
        BEGYNT_DATO="",
        KVP_KOMM="1",
        KOMMNR_KVP_KOMM="4242",
        YTELSE_SOSHJELP="1",
        KVP_MED_ASTONAD="1",
        STATUS="3",
        KVP_STONAD="9999999",
        **NO_MONTHS,
    )
    duplicate = {**record, "PERSON_JOURNALNR": "J0000002"}
    assert findings([record, duplicate], 2025, STAVANGER) == [
        error("K005A", 1),
        error("K005A", 2),
        error("K006", 1),
        error("K006", 2),
        error("K014", 1),
        error("K014", 2),
        error("K015", 1),
        error("K015", 2),
        error("K016", 1),
        error("K016", 2),
        error("K020", 1),
        error("K020", 2),
        error("K021", 1),
        error("K021", 2),
        error("K027", 1),
        error("K027", 2),
        warning("K028", 1),
        warning("K028", 2),
        warning("K032", 1),
        warning("K032", 2),
        error("K037", 1),
        error("K037", 2),
        error("K038", 1),
        error("K038", 2),
        error("K039", 1),
        error("K039", 2),
    ]
