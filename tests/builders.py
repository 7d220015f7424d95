"""Build extract lines from the form definitions, so no test counts columns by hand.

`clean_values(form)` is one record that passes every control of its form and year (for Oslo,
district 01: outside Oslo, 11F from 2025 cannot pass, since SSB's definition makes BYDELSNR
mandatory while K003B wants it blank). Tests change one or two fields and expect one finding.
"""

from __future__ import annotations

from datetime import date

from kostra.catalog import FormDefinition, load
from kostra.controls import Context, Report, check
from kostra.linkage.identity import fnr_check_digits
from kostra.records import format_record
from kostra.records.values import format_date

MUNICIPALITY = "0301"
DISTRICT = "01"


def fnr(born: str, individual: str = "123") -> str:
    """A fødselsnummer with right check digits for birth date `ddmmyy` (tries nearby individual
    numbers until one has a valid pair of check digits)."""
    number = int(individual)
    for candidate in range(number, number + 50):
        digits = fnr_check_digits(born + f"{candidate:03d}")
        if digits is not None:
            return born + f"{candidate:03d}" + digits
    raise AssertionError("no valid fødselsnummer found")


def _date(form: FormDefinition, name: str, ddmm: str, year: int) -> str:
    day, month = int(ddmm[:2]), int(ddmm[2:])
    return format_date(date(year, month, day), form.field(name).pattern or "")


def clean_values(form: FormDefinition) -> dict[str, str]:
    """A record of `form` that passes every control (Oslo, district 01)."""
    year = form.year
    values = {
        "KOMMUNE_NR": MUNICIPALITY,
        "VERSION": f"{year % 100:02d}",
        "BYDELSNR": DISTRICT,
        "PERSON_JOURNALNR": "J0000001",
        "PERSON_FODSELSNR": fnr("150585", "123"),  # born 1985: 40 in 2025
        "KJONN": "2",
        "EKTSTAT": "1",
        "BU18": "1",
        "ANTBU18": " 2",
        "SAKSBEHANDLER": "Kari",
    }
    if form.has("FODSELSDATO"):
        values["FODSELSDATO"] = "15051985"
    if form.form == "11F":
        values.update(
            {
                "VKLO": "5",
                "TRYGDESIT": "12",
                "ARBSIT": "07",
                "STMND_1": "01",
                "STMND_2": "02",
                "BIDRAG": "   9000",
                "LAAN": "   1000",
                "BIDRAG_JAN": "   4500",
                "BIDRAG_FEB": "   4500",
                "LAAN_FEB": "   1000",
                "GITT_OKONOMIRAD": "2",
                "FAAT_INDIVIDUELL_PLAN": "2",
                "BOSIT": "1",
                "VILKARSOSLOV": "1",
                "VILKARSAMEKT": "2",
                "UTBETDATO": _date(form, "UTBETDATO", "0101", year),
                "UTBETTOMDATO": _date(form, "UTBETTOMDATO", "2802", year),
                "VILKARARBEID": "16",
            }
        )
    else:
        values.update(
            {
                "REG_DATO": _date(form, "REG_DATO", "0102", year - 1),
                "VEDTAK_DATO": _date(form, "VEDTAK_DATO", "0103", year - 1),
                "BEGYNT_DATO": _date(form, "BEGYNT_DATO", "0104", year - 1),
                "KVP_KOMM": "2",
                "KVP_MED_ASTONAD": "2",
                "STMND_1": "01",
                "STMND_2": "02",
                "KVP_STONAD": "  30000",
                "STATUS": "1",
            }
        )
    return values


def line(form: FormDefinition, **changes: str) -> str:
    """One record line: the clean record with `changes` (values are padded to their width)."""
    values = clean_values(form)
    values.update(changes)
    return format_record(values, form)


def run(
    lines: list[str],
    form: str = "11F",
    year: int = 2025,
    municipality: str = MUNICIPALITY,
    line_ending: str = "\n",
) -> Report:
    """Check the lines as a file for `municipality`."""
    definition = load(form, year)
    data = "".join(text + line_ending for text in lines).encode("utf-8")
    return check(data, Context(form=definition, municipality=municipality))
