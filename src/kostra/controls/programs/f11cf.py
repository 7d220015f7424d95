"""Kvalifiseringsprogrammet (form 11CF): its program, in one place."""

from __future__ import annotations

from kostra.controls.programs.form_program import ALL_PAID, FormProgram, Measure, Persons
from kostra.controls.rules import f11cf
from kostra.controls.statistics import Amount, FileStatistics

AMOUNTS = (Amount("KVP_STONAD", "Kvalifiseringsstønad"),)

PROGRAM = FormProgram(
    form="11CF",
    rules=f11cf.RULES,
    persons=Persons("deltaker", "deltakere", "deltakere i kvalifiseringsprogram"),
    amounts=AMOUNTS,
    statistics=FileStatistics(
        age_bands=(
            ("Under 20", 0, 19),
            ("20 - 24", 20, 24),
            ("25 - 29", 25, 29),
            ("30 - 39", 30, 39),
            ("40 - 49", 40, 49),
            ("50 - 66", 50, 66),
            ("67 og over", 67, None),
            ("Ugyldig fnr", None, -1),
        ),
        amount_bands=(
            ("1 - 7999", 1, 7_999),
            ("8000 - 49999", 8_000, 49_999),
            ("50000 - 99999", 50_000, 99_999),
            ("100000 - 149999", 100_000, 149_999),
            ("150000 og over", 150_000, None),
            ("Uoppgitt", None, 0),
        ),
        everyone_by_age=True,
    ),
    measures=(
        Measure(
            "participants", "Antall deltakere", "",
            "Kontroller at alle som har vært i program i løpet av året, er med i filen.",
        ),
        Measure(
            "kvp_paid", "Utbetalt kvalifiseringsstønad", "kr", ALL_PAID,
            amounts=tuple(amount.field for amount in AMOUNTS),
        ),
        Measure(
            "kvp_months", "Måneder med kvalifiseringsstønad", "",
            "Kontroller at alle måneder med stønad er krysset av.", months=True,
        ),
    ),
)  # fmt: skip
