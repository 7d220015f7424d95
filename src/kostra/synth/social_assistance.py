"""Økonomisk sosialhjelp (form 11F): a synthetic recipient's record for one reporting year.

The shapes follow SSB's published figures (see shared/reference/domain-facts.md): most recipients
are 20–60, a little over half are men, about 30 % have children under 18; sosialhjelp or trygd is
the main income of most; months with support are U-shaped (many get help once, many all year);
the amount paid in a year has a median near 40 000 kr (2025 kroner) and a long tail; loans are
rare. Income source, trygd and work situation are drawn so that they agree as the controls
K014–K025 require; months, monthly amounts and annual sums agree as K026–K037 require.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from random import Random

from kostra.catalog import FormDefinition
from kostra.controls.readings import MONTH_FIELDS
from kostra.controls.rules.f11f import PENSION_WORK, WORK_FOR_SOURCE
from kostra.synth.calibration import payment_level
from kostra.synth.household import Household, household, person_values
from kostra.synth.layout import Record
from kostra.synth.people import IdentityFactory, Person
from kostra.synth.sampling import Calendar, Weighted, chance

# fmt: off
AGES = Weighted({(18, 19): 4, (20, 24): 15, (25, 29): 14, (30, 39): 26, (40, 49): 20,
                 (50, 59): 13, (60, 66): 5.5, (67, 80): 2.5})
# Months with support in the year, SSB 2009 (117 653 recipients): U-shaped, mean 5.3.
MONTH_COUNTS = Weighted({1: 24500, 2: 16620, 3: 12180, 4: 9326, 5: 7567, 6: 6702, 7: 5555,
                         8: 4993, 9: 4555, 10: 4947, 11: 6347, 12: 14361})
# Main income source (VKLO), after SSB 2005 and KOSTRA 2017–2021 (sosialhjelp 37–42 %).
INCOME = Weighted({"1": 13, "2": 3, "3": 30, "4": 2, "5": 40, "6": 5, "7": 3, "8": 1, "9": 5})
INCOME_YOUNG = Weighted({"1": 11, "2": 5, "3": 18, "4": 6, "5": 46, "6": 6, "7": 2, "8": 1, "9": 6})
INCOME_OLD = Weighted({"3": 85, "5": 8, "7": 4, "9": 3})
# Which trygd is worth most when trygd is the main income (VKLO 3).
TRYGD = Weighted({"01": 8, "02": 12, "04": 20, "05": 5, "06": 2, "07": 5, "09": 2, "10": 8,
                  "11": 35, "13": 3})
TRYGD_OLD = Weighted({"07": 60, "09": 40})
TRYGD_BESIDE = Weighted({"01": 2, "02": 3, "10": 2, "11": 3, "13": 10})  # trygd beside another source
# Work situation (ARBSIT) for each main income source, before the trygd's demands are applied.
WORK: dict[str, Weighted[str]] = {
    "1": Weighted({"01": 35, "02": 65}),
    "2": Weighted({"05": 70, "06": 20, "03": 10}),
    "3": Weighted({"04": 45, "07": 20, "05": 10, "08": 5, "02": 6, "03": 5, "06": 5, "01": 2,
                   "10": 1, "09": 1}),
    "4": Weighted({"03": 1}),
    "5": Weighted({"07": 35, "04": 30, "08": 15, "05": 8, "06": 5, "02": 5, "03": 2}),
    "6": Weighted({"09": 1}),
    "7": Weighted({"04": 30, "07": 25, "08": 15, "02": 10, "01": 5, "03": 5, "05": 5, "06": 5}),
    "8": Weighted({"10": 1}),
    "9": Weighted({"04": 35, "07": 20, "08": 15, "03": 10, "02": 10, "05": 5, "06": 5}),
}
WORK_OLD = Weighted({"04": 90, "02": 5, "07": 5})
ALL_WORK = frozenset(f"{n:02d}" for n in range(1, 11))
HOUSING = Weighted({"1": 55, "2": 20, "3": 4, "4": 6, "5": 12, "6": 3})
HOUSING_OLD = Weighted({"1": 40, "2": 30, "3": 15, "4": 3, "5": 7, "6": 5})
CONDITIONS = Weighted({"VILKARJOBBLOG": 25, "VILKARSAMT": 20, "VILKARDIGPLAN": 18,
                       "VILKARARBEID": 10, "VILKARKURS": 8, "VILKAROKRETT": 10, "VILKARHELSE": 5,
                       "VILKARANNET": 6, "VILKARLIVSH": 3, "VILKARUTD": 3, "VILKARJOBBTILB": 2,
                       "VILKARNORSKSAMISKOPPL": 4})
# fmt: on
MONTHLY_MEDIAN = 12_000  # kr per month with support at payment level 1.0, before household effects
MONTHLY_CAP = 60_000  # keeps a year's sum under the K030 limit of 1 000 000 kr
MONTHS = tuple(range(1, 13))
MEN_SHARE = 0.57
OLDEST = 80  # the oldest age AGES gives
MONTH_CODES = tuple(f"{month:02d}" for month in MONTHS)  # STMND_k holds its month: 01 … 12


class SocialAssistance:
    """Makes 11F records for one reporting year (identity, household, income, support)."""

    def __init__(
        self,
        form: FormDefinition,
        identities: IdentityFactory,
        rng: Random,
        *,
        duf_only: float = 0.0,
    ) -> None:
        self.form = form
        self.year = form.year
        self._rng = rng
        self._identities = identities
        self._duf_only = duf_only
        self._trygd_codes = frozenset(form.codes("TRYGDESIT"))
        self._conditions = CONDITIONS.only(frozenset(n for n in CONDITIONS.values if form.has(n)))
        self._price = payment_level(self.year)
        self._tick = {f.name: f.code_values()[0] for f in form.fields if len(f.codes) == 1}
        self._grants = form.monthly_fields("BIDRAG")
        self._loans = form.monthly_fields("LAAN")
        self._calendar = Calendar(self.year, form.field("UTBETDATO").pattern or "ddMMyy")
        self._birth_pattern = form.field("FODSELSDATO").pattern if form.has("FODSELSDATO") else None

    def record(self, person: Person | None = None) -> tuple[Record, Person]:
        """One recipient: the record's values (envelope fields left to the caller) and who it is;
        `person` is someone who also had support an earlier year (same identity, a year older)."""
        rng = self._rng
        if person is None:
            low, high = AGES.draw(rng)
            age = low + int(rng.random() * (high - low + 1))
            home = household(rng, age, men_share=MEN_SHARE)
            person = self._person(age, home.sex)
        else:
            age = person.age(self.year)
            home = household(rng, age, men_share=MEN_SHARE, sex=person.sex)
        values = person_values(person, home, self._birth_pattern)
        values["PERSON_DUF"] = person.duf
        vklo, trygd, work = self._income(age, home.children, unknown_age=not person.fnr)
        values.update(VKLO=vklo, TRYGDESIT=trygd, ARBSIT=work)
        months = self._support(values, age, home)
        self._conditions_and_exemptions(values, age, months, vklo, trygd, home)
        values["GITT_OKONOMIRAD"] = "1" if rng.random() < 0.09 else "2"
        values["FAAT_INDIVIDUELL_PLAN"] = "1" if rng.random() < 0.04 else "2"
        values["BOSIT"] = (HOUSING_OLD if age >= 67 else HOUSING).draw(rng)
        return values, person

    def _person(self, age: int, sex: str) -> Person:
        rng = self._rng
        if self._duf_only and chance(rng, self._duf_only):
            return self._identities.person(age, sex, fnr=False)
        random = rng.random
        return self._identities.person(age, sex, d_number=random() < 0.05, duf=random() < 0.18)

    def _income(self, age: int, children: int, *, unknown_age: bool) -> tuple[str, str, str]:
        """Main income source, trygd situation and work situation that agree (K014–K025)."""
        rng = self._rng
        old = age >= 67
        vklo = (INCOME_OLD if old else INCOME_YOUNG if age < 25 else INCOME).draw(rng)
        trygd = self._trygd(vklo, age, children, unknown_age=unknown_age)
        table = WORK_OLD if old and vklo in {"3", "5", "7", "9"} else WORK[vklo]
        work = table.only(_allowed_work(vklo, trygd))
        if work is None and vklo != "3":  # e.g. introduction programme beside a disability pension
            trygd = "12"
            work = table.only(_allowed_work(vklo, trygd))
        if work is None:
            raise AssertionError(f"no work situation fits VKLO {vklo} and TRYGDESIT {trygd}")
        return vklo, trygd, work.draw(rng)

    def _trygd(self, vklo: str, age: int, children: int, *, unknown_age: bool) -> str:
        rng = self._rng
        if vklo == "3":
            table = TRYGD_OLD if age >= 67 else TRYGD
        elif age >= 67 and chance(rng, 0.5):
            table = TRYGD_OLD
        elif chance(rng, 0.15 + (0.3 if children else 0.0)):
            table = TRYGD_BESIDE
        else:
            return "12"
        allowed = self._trygd_codes - {"12"}
        if not children:
            allowed -= {"05", "13"}  # overgangsstønad and barnetrygd need children (K023B/C)
        if age < 62 or unknown_age:
            allowed -= {"07"}  # alderspensjon from 62 (K023A)
        if age < 67:
            allowed -= {"09"}  # supplerende stønad is for those over 67 with short residence
        restricted = table.only(allowed)
        if restricted is None:
            restricted = TRYGD.only(allowed - {"07", "09"}) if vklo == "3" else None
        return restricted.draw(rng) if restricted is not None else "12"

    def _support(self, values: Record, age: int, home: Household) -> Sequence[int]:
        """Months ticked, monthly grants and loans, and the year's sums (K026–K037)."""
        rng = self._rng
        random = rng.random
        count = MONTH_COUNTS.draw(rng)
        loan_only = random() < 0.02
        if loan_only:
            count = min(count, 1 + int(random() * 2))
        if random() < 0.75:  # one spell of consecutive months
            start = 1 + int(random() * (13 - count))
            months: Sequence[int] = range(start, start + count)
        else:
            months = sorted(rng.sample(MONTHS, count))
        # A household's monthly need: log-normal around the median, higher for long spells.
        level = MONTHLY_MEDIAN * self._price * home.need * (0.7 + 0.02 * count)
        base = min(level * math.exp(0.6 * rng.gauss()), MONTHLY_CAP)
        loan_months: Sequence[int] = months if loan_only else ()
        if not loan_only and random() < 0.07:
            loan_months = rng.sample(months, min(count, 1 + int(random() * 2)))
        grant_total = loan_total = 0
        for month in months:
            values[MONTH_FIELDS[month - 1]] = MONTH_CODES[month - 1]
            if not loan_only:
                grant = max(300, int(base * (0.75 + 0.5 * random())))
                grant_total += grant
                values[self._grants[month - 1]] = f"{grant:>7}"
        for month in loan_months:
            loan = max(500, min(50_000, int(6000 * math.exp(0.7 * rng.gauss()))))
            loan_total += loan
            values[self._loans[month - 1]] = f"{loan:>7}"
        values["BIDRAG"] = f"{grant_total:>7}"
        values["LAAN"] = f"{loan_total:>7}"
        return months

    def _conditions_and_exemptions(
        self,
        values: Record,
        age: int,
        months: Sequence[int],
        vklo: str,
        trygd: str,
        home: Household,
    ) -> None:
        """Conditions under the Social Services Act (K039–K043), or the exemption for under-30s."""
        rng = self._rng
        first = months[0]
        decided = self._calendar.day_in(rng, first)
        pension = trygd in {"04", "07"}
        if self._conditions and chance(rng, 0.1 if pension else 0.8 if age < 30 else 0.45):
            values["VILKARSOSLOV"] = "1"
            values["UTBETDATO"] = decided
            values["UTBETTOMDATO"] = self._calendar.last_day(min(12, first + rng.randint(0, 2)))
            for _ in range(rng.randint(1, 3)):
                name = self._conditions.draw(rng)
                values[name] = self._tick[name]
            if chance(rng, 0.05):
                values["SANKSJONRED"] = self._tick["SANKSJONRED"]
            if chance(rng, 0.02):
                values["SANKSJONANDRE"] = self._tick["SANKSJONANDRE"]
            partner = home.marital_status in {"2", "3"} and chance(rng, 0.35)
            values["VILKARSAMEKT"] = "1" if partner else "2"
            return
        values["VILKARSOSLOV"] = "2"
        values["VILKARSAMEKT"] = "2"
        if age < 30:  # activity duty under 30 (§ 20a): the exemption is dated and reasoned
            values["VEDTAKDATO"] = decided
            reason = (
                "VEDTAKARB"
                if vklo == "1"
                else "VEDTAKAKT"
                if vklo in {"2", "6", "8"}
                else "VEDTAKHELSE"
                if trygd in {"01", "04", "11"}
                else "VEDTAKGRUNN"
            )
            values[reason] = self._tick[reason]


def _allowed_work(vklo: str, trygd: str) -> frozenset[str]:
    """Work situations the controls accept with this income source and trygd."""
    allowed = frozenset(WORK_FOR_SOURCE.get(vklo, ALL_WORK))  # K015–K019, K021
    if trygd in {"04", "07"}:
        allowed &= frozenset(PENSION_WORK)  # K024
    if vklo == "3" and trygd == "11":
        allowed -= {"08"}  # AAP recipients are registered with NAV (K024B)
    return allowed
