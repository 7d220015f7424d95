"""Kvalifiseringsprogram (form 11CF): a synthetic participant's record for one reporting year.

A participant applied (REG_DATO), got a decision (VEDTAK_DATO) and started (BEGYNT_DATO) within
the last two years; at 31 December they are still in the programme, on leave, or ended it in the
year (AVSL_DATO), with the situation and main income after it for those who completed (K037–K039).
The benefit is two times the National Insurance basic amount (G) a year, two thirds of that under
25, paid for the months in the programme (K028–K032). Shapes after SSB's KVP statistics: status at
31.12 2009 (81 % still in programme, 7 % on leave, 8 % completed, 3 % ended for absence); 42 % of
completers went to ordinary work (2019); participants are mostly 20–49.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from kostra.catalog import FormDefinition
from kostra.records.values import format_date
from kostra.registry import OSLO
from kostra.synth.household import household, person_values
from kostra.synth.layout import Record
from kostra.synth.people import IdentityFactory, Person
from kostra.synth.sampling import Weighted, chance, day_between, last_day_of_month

# fmt: off
AGES = Weighted({(18, 19): 2, (20, 24): 14, (25, 29): 17, (30, 39): 30, (40, 49): 21,
                 (50, 59): 12, (60, 67): 4})
# Status at 31 December; 6 (moved to another Oslo district) only in Oslo, 7 only from 2023.
STATUSES = Weighted({"1": 62, "2": 5, "3": 18, "4": 5, "5": 2, "6": 2, "7": 6})
ENDED = frozenset({"3", "4", "5", "6", "7"})
# Situation right after a completed programme (AVSL_* fields); the first ticked is the main income.
SITUATIONS = Weighted({"AVSL_ORDINAERTARB": 35, "AVSL_ARBLONNSTILS": 8, "AVSL_ARBMARK": 10,
                       "AVSL_SKOLE": 8, "AVSL_UFORE": 6, "AVSL_AAP": 12, "AVSL_OK_AVKLAR": 6,
                       "AVSL_UTEN_OK_AVKLAR": 8, "AVSL_ANNET": 5, "AVSL_UKJENT": 2})
OTHER_SUPPORT = Weighted({"KVP_MED_KOMMBOS": 15, "KVP_MED_HUSBANKBOS": 35,
                          "KVP_MED_SOSHJ_ENGANG": 25, "KVP_MED_SOSHJ_PGM": 15,
                          "KVP_MED_SOSHJ_SUP": 20})
# fmt: on
# The National Insurance basic amount (G) from 1 May; 2026 is an estimate.
OLDEST = 67  # the oldest age AGES gives (K007 warns from 69)
BASIC_AMOUNT = {2022: 111_477, 2023: 118_620, 2024: 124_028, 2025: 130_160, 2026: 135_000}
CHILD_SUPPLEMENT_PER_MONTH = 800  # kr per child, roughly the AAP child supplement


class Qualification:
    """Makes 11CF records for one reporting year and municipality."""

    def __init__(
        self, form: FormDefinition, identities: IdentityFactory, rng: Random, municipality: str
    ) -> None:
        self.form = form
        self.year = form.year
        self._rng = rng
        self._identities = identities
        self._pattern = form.field("BEGYNT_DATO").pattern or "ddMMyy"
        self._birth_pattern = form.field("FODSELSDATO").pattern if form.has("FODSELSDATO") else None
        codes = set(form.codes("STATUS"))
        if municipality != OSLO:
            codes.discard("6")
        restricted = STATUSES.only(frozenset(codes))
        assert restricted is not None
        self._statuses = restricted
        self._other_municipalities = tuple(
            c for c in form.codes("KOMMNR_KVP_KOMM") if c not in {municipality, "9999"}
        )
        self._individual = next(
            n for n in ("YTELSE_TILTAKSPENGER", "YTELSE_INDIVIDSTONAD") if form.has(n)
        )
        self._monthly_benefit = 2 * BASIC_AMOUNT.get(self.year, BASIC_AMOUNT[2026]) / 12

    def record(self, person: Person | None = None) -> tuple[Record, Person]:
        """One participant: the record's values (envelope fields left to the caller) and who;
        `person` is someone who was in the programme an earlier year (a year older now)."""
        rng = self._rng
        if person is None:
            low, high = AGES.draw(rng)
            age = rng.randint(low, high)
            home = household(rng, age, men_share=0.5)
            person = self._identities.person(age, home.sex, d_number=chance(rng, 0.03))
        else:
            age = person.age(self.year)
            home = household(rng, age, men_share=0.5, sex=person.sex)
        values = person_values(person, home, self._birth_pattern)
        status = self._statuses.draw(rng)
        begun, ended = self._programme(values, status)
        self._benefit(values, age, home.children, begun, ended, status)
        self._before_and_beside(values)
        if status in {"3", "7"}:
            self._after(values)
        values["STATUS"] = status
        return values, person

    def _programme(self, values: Record, status: str) -> tuple[date, date | None]:
        """Application, decision, start and (for those who left) end dates, in that order."""
        rng = self._rng
        year_end = date(self.year, 12, 31)
        ended: date | None = None
        if status in ENDED:
            ended = day_between(rng, date(self.year, 1, 1), year_end)
            months = rng.randint(9, 24) if status == "3" else rng.randint(1, 12)
            begun = ended - timedelta(days=30 * months + rng.randint(0, 29))
        else:
            earliest = date(self.year - 2 if chance(rng, 0.1) else self.year - 1, 1, 1)
            begun = day_between(rng, earliest, year_end)
        decided = begun - timedelta(days=rng.randint(0, 30))
        registered = decided - timedelta(days=rng.randint(14, 120))
        values["REG_DATO"] = format_date(registered, self._pattern)
        values["VEDTAK_DATO"] = format_date(decided, self._pattern)
        values["BEGYNT_DATO"] = format_date(begun, self._pattern)
        if ended is not None:
            values["AVSL_DATO"] = format_date(ended, self._pattern)
        return begun, ended

    def _benefit(
        self,
        values: Record,
        age: int,
        children: int,
        begun: date,
        ended: date | None,
        status: str,
    ) -> None:
        """Months with benefit this year and the amount paid (pro rata in the first and last)."""
        rng = self._rng
        first = begun if begun.year == self.year else date(self.year, 1, 1)
        last = ended if ended is not None else date(self.year, 12, 31)
        if status == "2":  # on leave since some month after the start
            leave = rng.randint(first.month, 12)
            last = last_day_of_month(self.year, leave)
        rate = self._monthly_benefit * (2 / 3 if age < 25 else 1.0)
        rate *= 1.0 if chance(rng, 0.75) else rng.uniform(0.3, 0.95)  # reduced for other income
        rate += CHILD_SUPPLEMENT_PER_MONTH * children
        total = 0.0
        for month in range(first.month, last.month + 1):
            values[f"STMND_{month}"] = f"{month:02d}"
            month_end = last_day_of_month(self.year, month)
            start = first.day if month == first.month else 1
            stop = last.day if month == last.month else month_end.day
            total += rate * (stop - start + 1) / month_end.day
        values["KVP_STONAD"] = f"{max(1, round(total)):>7}"

    def _before_and_beside(self, values: Record) -> None:
        """Benefits before the application, another municipality's programme, other support."""
        rng = self._rng
        if chance(rng, 0.03) and self._other_municipalities:
            values["KVP_KOMM"] = "1"
            values["KOMMNR_KVP_KOMM"] = rng.choice(self._other_municipalities)
        else:
            values["KVP_KOMM"] = "2"
        if chance(rng, 0.75):
            values["YTELSE_SOSHJELP"] = "1"
            values["YTELSE_TYPE_SOSHJ"] = "2" if chance(rng, 0.65) else "3"
        if chance(rng, 0.04):
            values["YTELSE_INTRO"] = "4"
        if chance(rng, 0.06):
            values[self._individual] = "5"
        if chance(rng, 0.2):
            values["YTELSE_FOLKETRYGDL"] = "6"
        if chance(rng, 0.4):
            values["KVP_MED_ASTONAD"] = "1"
            for _ in range(rng.randint(1, 2)):
                name = OTHER_SUPPORT.draw(rng)
                values[name] = self.form.codes(name)[0]
        else:
            values["KVP_MED_ASTONAD"] = "2"

    def _after(self, values: Record) -> None:
        """Situation and main income right after a completed programme."""
        rng = self._rng
        main = SITUATIONS.draw(rng)
        values[main] = self.form.codes(main)[0]
        if chance(rng, 0.2):
            other = SITUATIONS.draw(rng)
            values[other] = self.form.codes(other)[0]
        values["AVSL_VIKTIGSTE_INNTEKT"] = self.form.codes(main)[0]
