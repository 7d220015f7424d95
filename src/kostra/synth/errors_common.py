"""Mistakes that 11F and 11CF extracts share: region, year, identity, sex, household.

The same mistake makes the same controls fire in both forms here; 11F's layout check (K002)
comes on top for fields listed as `malformed` or left blank where mandatory (see `injector.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

from kostra.linkage.identity import ADAPTED_SUFFIXES
from kostra.registry import OSLO, municipalities
from kostra.synth.injector import (
    ErrorInjector,
    Workshop,
    both,
    clear,
    field_is_not,
    new_identity,
    put,
)
from kostra.synth.layout import Record
from kostra.synth.lines import cut_short, tab_for_space, too_long

_NO_CHILD_BENEFIT = field_is_not("TRYGDESIT", "05", "13")  # 11F: these trygder need children
_NO_OLD_AGE_PENSION = field_is_not("TRYGDESIT", "07")  # 11F: alderspensjon needs age 62 (K023A)


def _last_year(records: Sequence[Record], shop: Workshop) -> None:
    for record in records:
        record["VERSION"] = f"{(shop.year - 1) % 100:02d}"


def _other_municipality(records: Sequence[Record], shop: Workshop) -> None:
    others = [m for m in municipalities(shop.year) if m not in {shop.municipality, OSLO}]
    for record in records:
        record["KOMMUNE_NR"] = shop.rng.choice(others)
        record["BYDELSNR"] = ""


def _wrong_district(records: Sequence[Record], shop: Workshop) -> None:
    for record in records:
        record["BYDELSNR"] = "16" if shop.municipality == OSLO else "01"


def _wrong_check_digit(records: Sequence[Record], shop: Workshop) -> None:
    for record in records:
        number = record["PERSON_FODSELSNR"]
        for step in range(1, 10):
            wrong = number[:10] + str((int(number[10]) + step) % 10)
            if not wrong.endswith(ADAPTED_SUFFIXES):
                break
        record["PERSON_FODSELSNR"] = wrong


def _birth_date_with_dots(records: Sequence[Record], shop: Workshop) -> None:
    for record in records:
        value = record["FODSELSDATO"]  # ddMMyyyy
        record["FODSELSDATO"] = f"{value[0:2]}.{value[2:4]}.{value[6:8]}"


COMMON = (
    ErrorInjector(
        id="sex-invalid",
        description="Kjønn har en kode som ikke finnes (3).",
        fires=frozenset({"K008"}),
        mutate=put(KJONN="3"),
        malformed=("KJONN",),
    ),
    ErrorInjector(
        id="marital-status-invalid",
        description="Sivilstand har en kode som ikke finnes (0).",
        fires=frozenset({"K009"}),
        mutate=put(EKTSTAT="0"),
        malformed=("EKTSTAT",),
    ),
    ErrorInjector(
        id="children-answer-missing",
        description="Det er ikke svart på om personen har barn under 18 år.",
        fires=frozenset({"K010"}),
        mutate=clear("BU18", "ANTBU18"),
        suits=_NO_CHILD_BENEFIT,
    ),
    ErrorInjector(
        id="children-count-missing",
        description="Svart ja på barn under 18 år, men antallet mangler.",
        fires=frozenset({"K011"}),
        mutate=both(put(BU18="1"), clear("ANTBU18")),
        suits=_NO_CHILD_BENEFIT,
    ),
    ErrorInjector(
        id="children-without-yes",
        description="Antall barn er oppgitt, men svaret på barn under 18 år er nei.",
        fires=frozenset({"K012"}),
        mutate=put(BU18="2", ANTBU18=" 2"),
        suits=_NO_CHILD_BENEFIT,
    ),
    ErrorInjector(
        id="children-too-many",
        description="Femten barn under 18 år i husholdningen.",
        fires=frozenset({"K013"}),
        mutate=put(BU18="1", ANTBU18="15"),
    ),
    ErrorInjector(
        id="year-wrong",
        description="Årgangen (VERSION) er fjorårets.",
        fires=frozenset({"K004"}),
        mutate=_last_year,
    ),
    ErrorInjector(
        id="municipality-wrong",
        description="Posten har en annen kommunes nummer (uten bydel).",
        fires=frozenset({"K003A"}),
        mutate=_other_municipality,
    ),
    ErrorInjector(
        id="district-wrong",
        description="Bydelsnummer 16 i Oslo, eller bydelsnummer utfylt utenfor Oslo.",
        fires=frozenset({"K003B"}),
        mutate=_wrong_district,
    ),
    ErrorInjector(
        id="fnr-check-digit",
        description="Fødselsnummeret har feil kontrollsiffer (tastefeil i siste siffer).",
        fires=frozenset({"K005"}),
        mutate=_wrong_check_digit,
    ),
    ErrorInjector(
        id="under-18",
        description="Personen fyller 17 år i rapporteringsåret.",
        fires=frozenset({"K006"}),
        mutate=new_identity(17),
        suits=_NO_OLD_AGE_PENSION,
    ),
    ErrorInjector(
        id="birth-date-malformed",
        description="Fødselsdatoen er skrevet med punktum og tosifret år (15.05.85).",
        fires=frozenset({"K004A"}),
        mutate=_birth_date_with_dots,
        malformed=("FODSELSDATO",),
        years=range(2025, 2027),
    ),
)

# Mistakes in the file's lines: the run stops at K001, so no other control reports anything.
BROKEN_LINES = (
    ErrorInjector(
        id="line-cut-short",
        description="Posten er kortere enn filbeskrivelsen (avsluttende blanke fjernet).",
        fires=frozenset({"K001"}),
        damage=cut_short,
    ),
    ErrorInjector(
        id="line-too-long",
        description="Posten er lengre enn filbeskrivelsen.",
        fires=frozenset({"K001"}),
        damage=too_long,
    ),
    ErrorInjector(
        id="line-with-tab",
        description="Et blankt tegn i posten er en tabulator.",
        fires=frozenset({"K001"}),
        damage=tab_for_space,
    ),
)
