"""Økonomisk sosialhjelp (form 11F): its program, in one place."""

from __future__ import annotations

from kostra.controls.programs.form_program import ALL_PAID, FormProgram, Measure, Persons
from kostra.controls.rules import f11f
from kostra.controls.statistics import Amount, FileStatistics

AMOUNTS = (Amount("BIDRAG", "Bidrag"), Amount("LAAN", "Lån"))

_ALL_THERE = (
    "Kontroller at filen har med alle mottakere og hele året, og at ingen er med to ganger."
)

PROGRAM = FormProgram(
    form="11F",
    rules=f11f.RULES,
    persons=Persons("mottaker", "mottakere", "mottakere av økonomisk sosialhjelp"),
    amounts=AMOUNTS,
    statistics=FileStatistics(
        age_bands=(
            ("Under 18", 0, 17),
            ("18 - 24", 18, 24),
            ("25 - 44", 25, 44),
            ("45 - 66", 45, 66),
            ("67 og over", 67, None),
            ("Ugyldig fnr", None, -1),
        ),
        amount_bands=(
            ("1 - 9999", 1, 9_999),
            ("10000 - 49999", 10_000, 49_999),
            ("50000 - 99999", 50_000, 99_999),
            ("100000 - 149999", 100_000, 149_999),
            ("150000 og over", 150_000, None),
            ("Uoppgitt", None, 0),
        ),
    ),
    measures=(
        Measure("recipients", "Antall mottakere", "", _ALL_THERE),
        Measure(
            "paid", "Utbetalt stønad (bidrag + lån)", "kr", ALL_PAID,
            amounts=tuple(amount.field for amount in AMOUNTS),
        ),
        Measure("months", "Stønadsmåneder", "", _ALL_THERE, months=True),
    ),
)  # fmt: skip
