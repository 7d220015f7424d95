"""The national figures a synthetic year is made to match, and how much each unit gets of them.

Targets per reporting year, each with where it comes from (shared/reference/domain-facts.md §2):

- *published*: SSB's own figures; *inferred*: worked out from published ones as the note says;
  *assumed*: no figure is published yet, the year before carried on as the note says.
- Cases (sosialhjelpstilfeller) are KOSTRA's count: a person helped in two municipalities is a
  case in each, so cases exceed SSB's unique recipients by 5 000–6 000 (2019, 2020).

How a unit's share is made (`unit_weights`): its inhabitants aged 18–66, times a size factor
(towns have relatively more recipients than the countryside), times a level of its own drawn once
per municipality and seed (log-normal, σ 0.28: municipalities differ for reasons no register
shows) that moves only a little from year to year; Oslo's districts carry factors of their own
(the eastern and inner-city districts have several times the share of the western ones).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from random import Random

from kostra.synth import tally


@dataclass(frozen=True)
class Target:
    """A national figure for one year and where it comes from."""

    value: float
    basis: str  # "published", "inferred" or "assumed"
    note: str


def _t(value: float, basis: str, note: str) -> Target:
    return Target(value, basis, note)


# fmt: off
NATIONAL: dict[int, dict[str, Target]] = {
    2022: {
        tally.CASES: _t(136_500, "inferred", "SSB: about 131 000 recipients; + 5 500 cases in "
                        "two or more municipalities"),
        tally.PAID: _t(7.4e9, "published", "SSB: 7.4 billion kr paid (+10.6 %)"),
        tally.PARTICIPANTS: _t(7_500, "inferred", "about 4 000 new participants a year, most "
                               "in the programme over a year; 1 billion kr paid in 2019"),
    },
    2023: {
        tally.CASES: _t(158_500, "inferred", "SSB: over 152 500 recipients; + 6 000 cases in "
                        "two or more municipalities"),
        tally.PAID: _t(9.7e9, "published", "SSB: 9.7 billion kr paid (+32 %)"),
        tally.PARTICIPANTS: _t(7_800, "inferred", "as 2022, a little more"),
    },
    2024: {
        tally.CASES: _t(180_000, "inferred", "NAV: recipients +14 % on 2023; + 6 500 cases in "
                        "two or more municipalities"),
        tally.PAID: _t(11.8e9, "inferred", "NAV: real expenditure +18 % on 2023, with about 3 % "
                       "price growth"),
        tally.PARTICIPANTS: _t(8_200, "inferred", "as 2023, a little more"),
    },
    2025: {
        tally.CASES: _t(185_400, "assumed", "no figure published yet: 2024 + 3 %"),
        tally.PAID: _t(12.5e9, "assumed", "no figure published yet: 2024 + 3 % cases + 3 % prices"),
        tally.PARTICIPANTS: _t(8_500, "assumed", "no figure published yet: 2024 + 4 %"),
    },
    2026: {
        tally.CASES: _t(189_100, "assumed", "no figure published yet: 2025 + 2 %"),
        tally.PAID: _t(13.0e9, "assumed", "no figure published yet: 2025 + 2 % cases + 2 % prices"),
        tally.PARTICIPANTS: _t(8_700, "assumed", "no figure published yet: 2025 + 2 %"),
    },
}
# Shares of cases, the same every year (KOSTRA 2016–2021 and SSB's social assistance tables).
SHARES: dict[str, Target] = {
    tally.LONG_TERM: _t(0.40, "published", "cases with support 6 months or more: 39–40 % "
                        "(KOSTRA 2017–2021)"),
    tally.AGED_18_24: _t(0.18, "published", "cases 18–24: 18–21 % (KOSTRA 2016–2021)"),
    tally.MAIN_INCOME_ASSISTANCE: _t(0.39, "published", "sosialhjelp as main income: 37–42 % "
                                     "(KOSTRA 2017–2021)"),
    tally.MAIN_INCOME_WORK: _t(0.115, "published", "work income as main income: 10–12 % "
                               "(KOSTRA 2016–2021)"),
    tally.WITH_CHILDREN: _t(0.30, "published", "providing for children under 18: about 30 % "
                            "(SSB family phase 2005, 2007)"),
    tally.MONTHS: _t(5.4, "published", "mean months with support: 5.3–5.5 (SSB 2017–2019)"),
}
# fmt: on

# What `SocialAssistance` pays a case on average at payment level 1.0, measured over 50 000
# generated records; re-measure when its distributions change (tests hold the totals to 10 %).
PAID_PER_CASE_AT_LEVEL_1 = 71_400

# Oslo's districts against Oslo as a whole, per inhabitant 18–66 (an approximation of the known
# east–west pattern, not official figures).
OSLO_DISTRICT_FACTORS = {
    "01": 1.7, "02": 0.95, "03": 0.95, "04": 0.75, "05": 0.45, "06": 0.4, "07": 0.3,
    "08": 0.45, "09": 1.35, "10": 1.75, "11": 1.8, "12": 1.6, "13": 0.85, "14": 0.6, "15": 1.6,
}  # fmt: skip
OSLO_FACTOR = 1.1  # Oslo's cases per inhabitant 18–66 against the country's (KOSTRA 2020–2021)
KVP_SPREAD = 0.5  # how much more municipalities differ in their use of KVP (log-normal σ)


def target(year: int, name: str) -> Target:
    """A national figure for `year`; KeyError for a year or figure not calibrated."""
    return NATIONAL[year][name]


def years() -> tuple[int, ...]:
    """The reporting years there are targets for."""
    return tuple(sorted(NATIONAL))


def payment_level(year: int) -> float:
    """How much a case is paid in `year` against level 1.0 (so the national sum is met)."""
    if year not in NATIONAL:
        return 1.0
    per_case = target(year, tally.PAID).value / target(year, tally.CASES).value
    return per_case / PAID_PER_CASE_AT_LEVEL_1


def size_factor(inhabitants: int) -> float:
    """Towns have relatively more recipients: about 0.8 for 2 000 inhabitants, 1.2 for 200 000."""
    return min(1.35, max(0.7, float((max(inhabitants, 1) / 25_000) ** 0.09)))


def own_level(seed: int, municipality: str, year: int, spread: float = 0.28) -> float:
    """A municipality's own level: drawn once per seed, with a little year-to-year movement."""
    lasting = Random(f"kostra-synth:{seed}:level:{municipality}").lognormvariate(0.0, spread)
    moving = Random(f"kostra-synth:{seed}:level:{municipality}:{year}").lognormvariate(0.0, 0.06)
    return float(lasting * moving)


def poisson(rng: Random, mean: float) -> int:
    """A Poisson draw (Knuth's method for small means, a rounded normal for large ones).

    Written by hand: Python 3.11's `random` has no Poisson draw (`binomialvariate` comes in
    3.12), and numpy, which has one, is not otherwise needed.
    """
    if mean <= 0:
        return 0
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, product, drawn = math.exp(-mean), rng.random(), 0
    while product > limit:
        product *= rng.random()
        drawn += 1
    return drawn
