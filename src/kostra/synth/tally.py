"""What a synthetic extract holds, counted as the published national figures count it.

The counts are made from the records as written (after any mistakes were placed) and the people
behind them, so a whole synthetic year can be held against the figures it was calibrated on
(`calibration.py`) without reading the files back. Which counts a form's files get its row of
`forms.py` says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from kostra.controls.readings import MONTH_FIELDS
from kostra.records.values import int_or_zero
from kostra.synth.layout import Record
from kostra.synth.people import Person

# Counts of 11F (økonomisk sosialhjelp) files; the label is how the CLI's summary names them.
CASES = "cases"
PAID = "paid"
MONTHS = "months"
AGED_18_24 = "aged_18_24"
LONG_TERM = "long_term"
MAIN_INCOME_ASSISTANCE = "main_income_assistance"
MAIN_INCOME_WORK = "main_income_work"
WITH_CHILDREN = "with_children"
# Counts of 11CF (kvalifiseringsprogram) files.
PARTICIPANTS = "participants"
KVP_PAID = "kvp_paid"
COMPLETED = "completed"
ORDINARY_WORK = "ordinary_work"

LABELS = {
    CASES: "Sosialhjelpstilfeller",
    PAID: "Utbetalt stønad (bidrag + lån), kr",
    MONTHS: "Stønadsmåneder",
    AGED_18_24: "Tilfeller 18–24 år",
    LONG_TERM: "Tilfeller med stønad i 6 måneder eller mer",
    MAIN_INCOME_ASSISTANCE: "Sosialhjelp som viktigste kilde til livsopphold",
    MAIN_INCOME_WORK: "Arbeidsinntekt som viktigste kilde til livsopphold",
    WITH_CHILDREN: "Tilfeller med barn under 18 år",
    PARTICIPANTS: "Deltakere i kvalifiseringsprogram",
    KVP_PAID: "Utbetalt kvalifiseringsstønad, kr",
    COMPLETED: "Deltakere som fullførte programmet",
    ORDINARY_WORK: "Fullførte som gikk til ordinært arbeid",
}


def social_assistance(
    year: int, records: Sequence[Record], people: Sequence[Person]
) -> Counter[str]:
    """The counts of one 11F file's records (`people[i]` is the person of `records[i]`)."""
    counts: Counter[str] = Counter()
    counts[CASES] = len(records)
    for values, person in zip(records, people, strict=True):
        months = sum(1 for name in MONTH_FIELDS if values.get(name, "").strip())
        counts[MONTHS] += months
        counts[LONG_TERM] += months >= 6
        counts[PAID] += int_or_zero(values.get("BIDRAG", "")) + int_or_zero(values.get("LAAN", ""))
        counts[AGED_18_24] += 18 <= person.age(year) <= 24
        counts[MAIN_INCOME_ASSISTANCE] += values.get("VKLO") == "5"
        counts[MAIN_INCOME_WORK] += values.get("VKLO") == "1"
        counts[WITH_CHILDREN] += values.get("BU18") == "1"
    return counts


def qualification(year: int, records: Sequence[Record], people: Sequence[Person]) -> Counter[str]:
    """The counts of one 11CF file's records (the people do not matter here)."""
    counts: Counter[str] = Counter()
    counts[PARTICIPANTS] = len(records)
    for values in records:
        counts[KVP_PAID] += int_or_zero(values.get("KVP_STONAD", ""))
        completed = values.get("STATUS") == "3"
        counts[COMPLETED] += completed
        counts[ORDINARY_WORK] += completed and bool(values.get("AVSL_ORDINAERTARB", "").strip())
    return counts


def total(parts: Iterable[Mapping[str, int]]) -> Counter[str]:
    """The counts of several files added up."""
    summed: Counter[str] = Counter()
    for part in parts:
        summed.update(part)
    return summed
