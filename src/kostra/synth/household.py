"""A recipient's household: sex, marital status and children under 18, by age.

Shapes after SSB's family-phase tables for social assistance (2005, 2007): single men are the
largest group, then single women, then single parents (mostly women); about 30 % of recipients
provide for children under 18. Marital status is read at the last contact (EKTSTAT codes).
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from kostra.records.values import format_date
from kostra.synth.layout import Record
from kostra.synth.people import MAN, WOMAN, Person
from kostra.synth.sampling import Weighted, chance

MARITAL_YOUNG = Weighted({"1": 92, "2": 3, "3": 5})
MARITAL = Weighted({"1": 55, "2": 14, "3": 8, "4": 21, "5": 2})
MARITAL_OLD = Weighted({"1": 30, "2": 25, "3": 5, "4": 30, "5": 10})
CHILD_COUNTS = Weighted({1: 45, 2: 30, 3: 14, 4: 6, 5: 3, 6: 1.2, 7: 0.5, 8: 0.3})


@dataclass(frozen=True, slots=True)
class Household:
    """Who the person is and lives with, as far as the forms ask."""

    sex: str  # KJONN
    marital_status: str  # EKTSTAT
    children: int  # children under 18 provided for (ANTBU18); 0 when BU18 is "Nei"
    need: float  # relative size of the household's monthly need (1.0: a single adult)


def _children_probability(age: int, sex: str) -> float:
    if age < 20 or age >= 60:
        return 0.02 if age >= 60 else 0.04
    if age < 25:
        return 0.18 if sex == WOMAN else 0.05
    if age < 50:
        return 0.62 if sex == WOMAN else 0.30
    return 0.15 if sex == WOMAN else 0.10


def household(rng: Random, age: int, men_share: float, sex: str | None = None) -> Household:
    """A household for a person who reaches `age` this year (of `sex`, if known already)."""
    if sex is None:
        sex = MAN if chance(rng, men_share) else WOMAN
    marital = (MARITAL_YOUNG if age < 25 else MARITAL_OLD if age >= 60 else MARITAL).draw(rng)
    children = CHILD_COUNTS.draw(rng) if chance(rng, _children_probability(age, sex)) else 0
    partner = marital in {"2", "3"}
    need = (1.15 if partner else 1.0) * (1.0 + 0.12 * min(children, 4))
    return Household(sex=sex, marital_status=marital, children=children, need=need)


def person_values(person: Person, home: Household, birth_pattern: str | None) -> Record:
    """The fields both forms ask of a person: identity, sex, marital status, children under 18
    and (from 2025) birth date."""
    values: Record = {
        "PERSON_FODSELSNR": person.fnr,
        "KJONN": home.sex,
        "EKTSTAT": home.marital_status,
        "BU18": "1" if home.children else "2",
        "ANTBU18": f"{home.children:>2}" if home.children else "",
    }
    if birth_pattern:
        values["FODSELSDATO"] = format_date(person.born, birth_pattern)
    return values
