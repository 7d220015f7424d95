"""Synthetic answers to the web forms 7, 7B and 12 for every reporting unit of a year.

Each unit has a profile of its own, drawn once per seed and unit: how many årsverk it has per
inhabitant and how they split by education, whether it has outreach workers (utekontakt),
whether it hosts a crisis centre or shares one with its neighbours, whether its rates follow the
state's guideline rates. A year's answers are that profile scaled by the unit's inhabitants (as
the forms' controls count them) and moved at most a few per cent from the unit's level, so a
unit's answers read as a series and the comparison with last year seldom warns. A unit keeps its
profile through the 2024 renumbering (Halden 3001 is Halden 3101).

The levels are approximations after the guidance of the forms and SSB's published tables, not
official figures: function 242 0.35–1.4 årsverk per 1 000 inhabitants 18 and over, about 55 %
of them sosionomer; economic counselling about 0.05 årsverk per 1 000 inhabitants (at least
0.1–0.5 in small municipalities), 100–200 cases per årsverk; crisis-centre costs 40–120 kr per
inhabitant, lower in large municipalities, places for women (about one per 10 000 inhabitants)
in the host municipalities only; the state's guideline rates of 2022, raised 4 % a year, which
about 60 % of municipalities follow exactly. Oslo as a whole (0301) answers form 7 only for what
is run centrally (Velferdsetaten: some staff in 242, drug measures, Uteseksjonen) and 0 for the
rest, which the districts report.

Which questions are answered follows the year's definition: a question the year does not have
is left out, and so is a sum the portal works out; a question asked on a condition is answered
only when the unit's other answers ask it.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from random import Random

from kostra.catalog import FieldDefinition, FieldType, FormDefinition, load
from kostra.controls.webform import context_columns
from kostra.records.answers import Answers
from kostra.registry import (
    LAST_YEAR,
    OSLO,
    ReportingUnit,
    UnknownRegion,
    correspondence,
    population_in,
    reporting_units,
)
from kostra.synth.offices import FIRST_NAMES, SURNAMES

WEB_FORMS = ("7", "7B", "12")
FIRST_RATE_YEAR = 2022
# The state's guideline rates per month (statens veiledende satser) in 2022; 4 % up a year after.
STATE_RATES = {
    "SATS_ENSLIG": 6_650,
    "SATS_PAR": 11_150,
    "SATS_BOFELLESSKAP": 5_600,
    "SATS_BARN_0_5": 3_250,
    "SATS_BARN_6_10": 3_350,
    "SATS_BARN_11_17": 4_400,
}
RATE_GROWTH = 0.04
PRICE_GROWTH = 0.03  # amounts in kroner (costs, payments, housing limits), a year after 2022
DRIFT = 0.03  # the most a figure moves from its unit's level in one year (±, uniform)
# Årsverk in function 242 by education: the shares of the country, each unit a little off them.
EDUCATION = (
    ("ARSVERK_SOSIONOM", 0.55),
    ("ARSVERK_BARNEVERNPED", 0.08),
    ("ARSVERK_ANNEN_HOYERE", 0.17),
    ("ARSVERK_KONTOR", 0.12),
    ("ARSVERK_ANNEN", 0.08),
)
# What a municipality's own rate for a single person covers, and the incomes it leaves out:
# the share of municipalities answering yes (when the rates are not the state's).
COVERS = (
    ("DEKKER_MAT", 1.0),
    ("DEKKER_KLAR", 0.97),
    ("DEKKER_HUSHOLDNING", 0.95),
    ("DEKKER_MEDIER", 0.8),
    ("DEKKER_FRITID", 0.85),
    ("DEKKER_REISE", 0.8),
)
LEFT_OUT = (
    ("UTENFOR_BARNETRYGD", 0.85),
    ("UTENFOR_BARNS_INNTEKT", 0.6),
    ("UTENFOR_KONTANTSTOTTE", 0.35),
    ("UTENFOR_GRUNNSTONAD", 0.7),
)


@dataclass(frozen=True)
class _Year:
    """A unit in one year: its inhabitants as the controls count them, and the year's drift."""

    year: int
    inhabitants: int
    adults: int  # inhabitants 18 years and over
    rng: Random

    def wobble(self) -> float:
        """This year's movement of one figure from the unit's level."""
        return self.rng.uniform(1 - DRIFT, 1 + DRIFT)

    @property
    def prices(self) -> float:
        """Kroner of this year against 2022's."""
        return float((1 + PRICE_GROWTH) ** (self.year - FIRST_RATE_YEAR))


Maker = Callable[[Random, _Year], Answers]


@cache
def _forward(year: int) -> dict[str, str]:
    """Each municipality number of `year` → the number its largest part has in the last year."""
    best: dict[str, tuple[float, str]] = {}
    for link in correspondence(year, LAST_YEAR):
        if link.old not in best or link.share > best[link.old][0]:
            best[link.old] = (link.share, link.new)
    return {old: new for old, (_, new) in best.items()}


def identity(unit: ReportingUnit, year: int) -> str:
    """What a unit's profile is drawn for: its code in the registry's last year (so a
    municipality renumbered in 2024 keeps its profile); a district's own code."""
    if unit.district is not None or year >= LAST_YEAR:
        return unit.code
    return _forward(year).get(unit.code, unit.code)


def units(form: str, year: int) -> list[ReportingUnit]:
    """The units that answer `form` in `year` (the form's own reporting scheme)."""
    return reporting_units(year, load(form, year).reporting_units)


def state_rates(year: int) -> dict[str, int]:
    """The state's guideline rates per month in `year`, to the nearest 10 kr."""
    growth = (1 + RATE_GROWTH) ** max(0, year - FIRST_RATE_YEAR)
    return {name: _tens(rate * growth) for name, rate in STATE_RATES.items()}


def answers(form: str, year: int, unit: ReportingUnit, seed: int = 0) -> Answers:
    """`unit`'s answers to web form `form` in `year`: plausible, and passing the form's controls.

    ValueError for a form that is not a web form.
    """
    definition = load(form, year)
    if not definition.is_web:
        raise ValueError(f"skjema {form} er ikke et nettskjema")
    key = f"kostra-synth:{seed}:answers:{identity(unit, year)}:{definition.form}"
    this = _Year(
        year, _inhabitants(unit, year), _inhabitants(unit, year, 18), Random(f"{key}:{year}")
    )
    make = _MAKERS.get(definition.form, _nothing)  # a form written only as data: plainly
    if definition.form == "7" and unit == ReportingUnit(OSLO):
        make = _form7_oslo
    made = {**_contact(Random(f"{key}:contact"), unit, year), **make(Random(key), this)}
    return as_asked(definition, made)


def as_asked(form: FormDefinition, made: Answers) -> Answers:
    """`made` as the year's form asks it, in the form's order: questions the year does not have
    and worked-out sums left out; a mandatory question `made` has no answer for (new in a later
    year's form) answered plainly."""
    kept: Answers = {}
    for field in form.fields:
        if field.sum_of:
            continue
        if field.name in made:
            kept[field.name] = made[field.name]
        elif field.mandatory and field.asked_when is None:
            kept[field.name] = _plain(field, form.year)
    return kept


def _plain(field: FieldDefinition, year: int) -> object:
    if field.type is FieldType.YESNO:
        return False
    if field.codes:
        return field.codes[0].code
    if field.type is FieldType.DATE:
        return date(year, 12, 31).isoformat()
    if field.type.numeric:
        least = field.minimum or 0
        return float(least) if field.type is FieldType.DECIMAL else int(least)
    return "Ikke oppgitt"


# -- the forms -------------------------------------------------------------------------------


def _form7(lasting: Random, this: _Year) -> Answers:
    staff_level = _within(lasting.lognormvariate(math.log(0.7), 0.3), 0.35, 1.4)
    weights = [share * lasting.lognormvariate(0.0, 0.25) for _, share in EDUCATION]
    outside_nav = lasting.uniform(0.02, 0.15) if lasting.random() < 0.5 else 0.0
    municipal_for_state = lasting.uniform(0.02, 0.1) if lasting.random() < 0.45 else 0.0
    state_for_municipal = lasting.uniform(0.02, 0.15) if lasting.random() < 0.4 else 0.0
    advice_level = lasting.lognormvariate(0.0, 0.3)
    advice_least = lasting.uniform(0.1, 0.5)  # a small municipality still has someone
    cases_per_advisor = lasting.uniform(100, 200)
    cases_per_1000 = lasting.uniform(4, 12)  # inhabitants seeking advice in a year
    without_assistance = lasting.uniform(0.3, 0.6)
    drugs_level = _within(lasting.lognormvariate(math.log(0.4), 0.5), 0.05, 1.5)
    bought_level = lasting.lognormvariate(math.log(0.3), 0.6)
    outreach_from = lasting.lognormvariate(math.log(15_000), 0.6)  # inhabitants
    outreach_level = lasting.uniform(0.03, 0.08)
    own_rules = lasting.uniform(5, 40) if lasting.random() < 0.3 else 0.0  # kr per inhabitant
    refugees = lasting.lognormvariate(math.log(40), 0.7)  # kr per inhabitant

    staff = _tenths(this.adults / 1000 * staff_level * this.wobble(), least=3)
    advisors = max(advice_least, this.inhabitants / 1000 * 0.05 * advice_level) * this.wobble()
    advisor_tenths = _tenths(advisors, least=1)
    # Cases follow the årsverk (a small municipality's advisor has fewer, there are not more
    # people to help), kept under the controls' 300 per årsverk after rounding.
    wanted = min(advisors * cases_per_advisor, this.inhabitants / 1000 * cases_per_1000)
    cases = max(1, min(round(wanted * this.wobble()), 29 * advisor_tenths))
    made: Answers = {
        "OKRAD_ARSVERK": advisor_tenths / 10,
        "OKRAD_SAKER": cases,
        "OKRAD_UTEN_SOSHJ": round(cases * without_assistance),
        **_education(staff, weights),
        "ARSVERK_I_NAV": (staff - round(staff * outside_nav)) / 10,
        "KOMMUNAL_STATLIG": _halves(staff / 10 * municipal_for_state),
        "STATLIG_KOMMUNAL": _halves(staff / 10 * state_for_municipal),
        "ARSVERK_243": _tenths(this.inhabitants / 1000 * drugs_level * this.wobble()) / 10,
        "RUS_KJOPT_VEDTAK": round(this.inhabitants / 1000 * bought_level * this.wobble()),
        "UTEKONTAKT": this.inhabitants >= outreach_from,
        "REGLEMENT_BELOP": round(this.inhabitants * own_rules * this.prices * this.wobble()),
        "FLYKTNING_BELOP": round(this.inhabitants * refugees * this.prices * this.wobble()),
    }
    if made["UTEKONTAKT"]:
        outreach = this.inhabitants / 1000 * outreach_level * this.wobble()
        made["UTEKONTAKT_ARSVERK"] = _tenths(outreach, least=5) / 10
    return made


def _form7_oslo(lasting: Random, this: _Year) -> Answers:
    """Oslo as a whole: what Velferdsetaten runs or buys for the whole city. Its staff in 242 are
    kept just over the controls' 0.1 per 1 000 inhabitants, so the form does not warn."""
    central = lasting.uniform(0.115, 0.15)
    weights = [share * lasting.lognormvariate(0.0, 0.25) for _, share in EDUCATION]
    drugs_level = lasting.uniform(0.25, 0.35)
    bought_level = lasting.uniform(0.4, 0.6)
    outreach_level = lasting.uniform(0.04, 0.06)
    staff = _tenths(this.adults / 1000 * central * this.wobble(), least=3)
    return {
        "OKRAD_ARSVERK": 0.0,
        "OKRAD_SAKER": 0,
        **_education(staff, weights),
        "ARSVERK_I_NAV": 0.0,
        "KOMMUNAL_STATLIG": 0.0,
        "STATLIG_KOMMUNAL": 0.0,
        "ARSVERK_243": _tenths(this.inhabitants / 1000 * drugs_level * this.wobble()) / 10,
        "RUS_KJOPT_VEDTAK": round(this.inhabitants / 1000 * bought_level * this.wobble()),
        "UTEKONTAKT": True,
        "UTEKONTAKT_ARSVERK": _tenths(this.inhabitants / 1000 * outreach_level) / 10,
        "REGLEMENT_BELOP": 0,
        "FLYKTNING_BELOP": 0,
    }


def _form7b(lasting: Random, this: _Year) -> Answers:
    plan = lasting.random() < 0.7
    plan_phase = lasting.randrange(4)  # plans run four years; this is when the unit's ends
    plan_end = (lasting.randint(1, 12), lasting.randint(1, 28))
    cost_level = lasting.lognormvariate(0.0, 0.15)
    host_draw = lasting.random()
    places_level = lasting.uniform(0.7, 1.4)
    men_share = lasting.uniform(0.1, 0.3)
    cooperate_draw = lasting.random()
    partners = min(25, 2 + round(lasting.expovariate(1 / 7)))
    buys_women = lasting.random() < 0.05
    buys_men = lasting.random() < 0.05
    men_elsewhere = lasting.random() < 0.15

    host = host_draw < _hosting(this.inhabitants)
    cooperates = cooperate_draw < (0.8 if host else 0.9)
    women = max(1, round(this.inhabitants / 10_000 * places_level)) if host else 0
    men = round(women * men_share)
    per_inhabitant = _within((140 - 17 * math.log10(this.inhabitants)) * cost_level, 40, 120)
    made: Answers = {
        "PLAN": plan,
        "KOSTNADER": round(this.inhabitants * per_inhabitant * this.prices * this.wobble()),
        "PLASSER_KVINNER": women,
        "PLASSER_MENN": men,
        "SAMARBEID": cooperates,
        # Without places of its own or partners, a municipality buys the places it needs.
        "KJOP_KVINNER": buys_women or not (host or cooperates),
        "KJOP_MENN": buys_men or (men_elsewhere and men == 0),
        "MENN_ANNEN_AKTOR": men_elsewhere,
    }
    if plan:
        month, day = plan_end
        ends = this.year + (plan_phase - this.year) % 4
        made["PLAN_UTLOPER"] = date(ends, month, day).isoformat()
    if cooperates:
        made["SAMARBEID_ANTALL"] = partners
    return made


def _form12(lasting: Random, this: _Year) -> Answers:
    follows = lasting.choices("1234", (0.6, 0.2, 0.15, 0.05))[0]
    factors = {
        "1": 1.0,
        "2": lasting.uniform(1.05, 1.10),  # still higher in the year before it is regulated
        "3": lasting.uniform(0.90, 0.97),
        "4": lasting.uniform(0.92, 1.08),
    }
    tilts = [lasting.uniform(0.985, 1.015) for _ in range(3)]  # the rates for adults
    regulation = "1" if follows == "1" else lasting.choices("123", (0.6, 0.25, 0.15))[0]
    parity = lasting.randrange(2)
    decided_before = lasting.random() < 0.4  # in December of the year before
    decided = (lasting.randint(1, 6), lasting.randint(1, 28))
    covers = {name: lasting.random() < share for name, share in COVERS}
    left_out = {name: lasting.random() < share for name, share in LEFT_OUT}
    housing_limit = lasting.random() < 0.75
    housing_level = lasting.lognormvariate(0.0, 0.12)

    # Rates regulated every other year (or when needed) are the state's of the year they were.
    regulated = this.year if regulation == "1" else this.year - (this.year - parity) % 2
    state = state_rates(regulated)
    if follows == "1":
        rates = state
    else:
        moved = factors[follows] * this.rng.uniform(0.995, 1.005)
        adults = dict(zip(("SATS_ENSLIG", "SATS_PAR", "SATS_BOFELLESSKAP"), tilts, strict=True))
        rates = {name: _tens(rate * moved * adults.get(name, 1.0)) for name, rate in state.items()}
    month, day = decided
    when = (
        date(this.year - 1, 12, day)
        if follows == "1" and decided_before
        else date(regulated, month, day)
    )
    made: Answers = {
        "VEDTAK_DATO": when.isoformat(),
        "FOLGER_STATEN": follows,
        "REGULERING": regulation,
        **rates,
        **{name: follows == "1" or yes for name, yes in covers.items()},
        **left_out,
        "BOUTGIFT_GRENSE": housing_limit,
    }
    if housing_limit:
        base = 5_500 + 2_000 * math.log10(max(this.inhabitants, 1_000) / 1_000)
        made["BOUTGIFT_ENSLIG"] = 100 * round(base * housing_level * this.prices / 100)
    return made


def _nothing(lasting: Random, this: _Year) -> Answers:
    return {}


_MAKERS: dict[str, Maker] = {"7": _form7, "7B": _form7b, "12": _form12}


# -- helpers ---------------------------------------------------------------------------------


def _inhabitants(unit: ReportingUnit, year: int, low: int = 0) -> int:
    """The unit's inhabitants as the controls count them (at the end of the year); on 1 January
    of the year for a municipality whose number is gone the year after (the 2024 renumbering)."""
    counted = context_columns(unit, year)["_INNBYGGERE_18" if low else "_INNBYGGERE"]
    if counted is None:
        try:
            counted = population_in(unit.code, year, low=low)
        except UnknownRegion:
            counted = 1_000
    return max(1, int(counted))


def _contact(rng: Random, unit: ReportingUnit, year: int) -> Answers:
    """Who answers for the unit: a made-up person, at a mail domain that cannot exist."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    place = _ascii(unit.name(year).split(" - ")[0])
    domain = f"{place}.kommune.invalid" if unit.district is None else f"bydel-{place}.invalid"
    return {"ANSVARLIG": f"{first} {last}", "EPOST": f"{_ascii(first)}.{_ascii(last)}@{domain}"}


def _ascii(text: str) -> str:
    spelled = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    plain = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def _education(staff: int, weights: Sequence[float]) -> Answers:
    """`staff` tenths of årsverk split by education, adding up exactly."""
    parts = _split(staff, weights)
    return {name: part / 10 for (name, _), part in zip(EDUCATION, parts, strict=True)}


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """`total` shared out by `weights` in whole parts (largest remainder)."""
    exact = [total * weight / sum(weights) for weight in weights]
    parts = [math.floor(share) for share in exact]
    order = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for index in order[: total - sum(parts)]:
        parts[index] += 1
    return parts


def _hosting(inhabitants: int) -> float:
    """How likely a municipality of this size hosts a crisis centre: few under 10 000
    inhabitants, half at 30 000, every one from 100 000."""
    return _within((math.log10(max(inhabitants, 1)) - 3.95) / 1.05, 0.02, 1.0)


def _tenths(value: float, least: int = 0) -> int:
    return max(least, round(value * 10))


def _halves(value: float) -> float:
    return round(value * 2) / 2


def _tens(value: float) -> int:
    return 10 * round(value / 10)


def _within(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))
