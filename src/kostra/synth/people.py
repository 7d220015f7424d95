"""Synthetic persons: sex, birth date and identity numbers that pass SSB's checks.

Every number is made up here: a fødselsnummer (or d-nummer) is a birth date, an individual number
that tells the century and the sex (odd third digit: man), and two check digits computed with
`kostra.linkage.identity`; a DUF number is a registration year, six digits and a modulus-11 check.
Numbers are unique within one factory, so a file never holds the same person twice by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from kostra.linkage.identity import ADAPTED_SUFFIXES, duf_check_digits

MAN, WOMAN = "1", "2"  # KJONN codes


@dataclass(frozen=True, slots=True)
class Person:
    """A recipient or participant as the extract identifies them."""

    sex: str  # KJONN: "1" man, "2" woman
    born: date
    fnr: str  # fødselsnummer or d-nummer; "" for a person known only by a DUF number
    duf: str  # DUF number from the immigration authorities, or ""

    def age(self, reporting_year: int) -> int:
        """The age reached in the reporting year, as SSB counts it."""
        return reporting_year - self.born.year


def check_digits(nine: str) -> str | None:
    """The two check digits of a fødselsnummer, as `linkage.identity.fnr_check_digits`, written
    out by hand: a whole country's file needs about 150 000 of them (tests hold the two equal)."""
    d1, d2, d3, d4, d5, d6, d7, d8, d9 = nine.encode()  # ASCII codes: 48 more than the digit
    k1 = (
        -(3 * d1 + 7 * d2 + 6 * d3 + d4 + 8 * d5 + 9 * d6 + 4 * d7 + 5 * d8 + 2 * d9 - 48 * 45) % 11
    )
    if k1 == 10:
        return None
    weighted = 5 * d1 + 4 * d2 + 3 * d3 + 2 * d4 + 7 * d5 + 6 * d6 + 5 * d7 + 4 * d8 + 3 * d9
    k2 = -(weighted - 48 * 39 + 2 * k1) % 11
    return None if k2 == 10 else f"{k1}{k2}"


class IdentityFactory:
    """Makes unique, valid identity numbers for one extract."""

    def __init__(self, rng: Random, reporting_year: int) -> None:
        self._rng = rng
        self._year = reporting_year
        self._used: set[str] = set()

    def reserve(self, person: Person) -> None:
        """Keep `person`'s numbers from being handed out again (someone met in an earlier year)."""
        self._used.update(number for number in (person.fnr, person.duf) if number)

    def birth_date(self, age: int) -> date:
        """A birth date for someone who reaches `age` in the reporting year."""
        first = date(self._year - age, 1, 1)
        days = (
            366 if (first.year % 4 == 0 and first.year % 100 != 0) or first.year % 400 == 0 else 365
        )
        return first + timedelta(days=int(self._rng.random() * days))

    def fnr(self, born: date, sex: str, *, d_number: bool = False) -> str:
        """A fødselsnummer (or d-nummer: day + 40) not handed out before."""
        day = born.day + 40 if d_number else born.day
        head = f"{day:02d}{born.month:02d}{born.year % 100:02d}"
        # The individual number tells the century: 000–499 for 1900–1999, 500–999 from 2000.
        low, high = (0, 500) if born.year < 2000 else (500, 1000)
        random = self._rng.random
        while True:
            individual = low + int(random() * (high - low))
            if (individual % 2 == 1) != (sex == MAN):
                individual = individual + 1 if individual + 1 < high else individual - 1
            nine = f"{head}{individual:03d}"
            check = check_digits(nine)
            if check is None:
                continue
            number = nine + check
            if number in self._used or number.endswith(ADAPTED_SUFFIXES):
                continue
            self._used.add(number)
            return number

    def duf(self) -> str:
        """A DUF number, registered some year up to the reporting year, not handed out before."""
        rng = self._rng
        while True:
            ten = f"{rng.randint(2000, self._year)}{rng.randrange(1_000_000):06d}"
            number = ten + duf_check_digits(ten)
            if number not in self._used:
                self._used.add(number)
                return number

    def person(
        self, age: int, sex: str, *, d_number: bool = False, duf: bool = False, fnr: bool = True
    ) -> Person:
        """A person of `age` and `sex`, identified as asked (a DUF-only person has `fnr=False`)."""
        born = self.birth_date(age)
        return Person(
            sex=sex,
            born=born,
            fnr=self.fnr(born, sex, d_number=d_number) if fnr else "",
            duf=self.duf() if duf or not fnr else "",
        )
