"""Identity numbers: right check digits, the birth date and sex they encode, never twice."""

from __future__ import annotations

from datetime import date
from random import Random

import pytest

from kostra.linkage.identity import (
    birth_date,
    duf_valid,
    fnr_check_digits,
    fnr_or_dnr_valid,
    mod11_valid,
)
from kostra.synth.people import MAN, WOMAN, IdentityFactory, check_digits


@pytest.mark.parametrize("year", [2022, 2025])
@pytest.mark.parametrize("d_number", [False, True], ids=["fnr", "d-nummer"])
def test_numbers_encode_birth_date_and_sex(year: int, d_number: bool) -> None:
    factory = IdentityFactory(Random(1), year)
    for age in (17, 18, 25, 44, 67, 80, 97):
        for sex in (MAN, WOMAN):
            person = factory.person(age, sex, d_number=d_number)
            assert mod11_valid(person.fnr)
            assert fnr_or_dnr_valid(person.fnr, year)
            assert birth_date(person.fnr, year) == person.born
            assert year - person.born.year == age
            assert (int(person.fnr[8]) % 2 == 1) == (sex == MAN)
            assert (person.fnr[0] in "4567") == d_number


def test_numbers_are_unique_and_duf_numbers_valid() -> None:
    factory = IdentityFactory(Random(2), 2025)
    people = [factory.person(30, MAN, duf=True) for _ in range(3000)]  # one birth year only
    assert len({p.fnr for p in people}) == 3000
    assert len({p.duf for p in people}) == 3000
    assert all(duf_valid(p.duf) for p in people)
    assert all(date(1995, 1, 1) <= p.born <= date(1995, 12, 31) for p in people)


def test_duf_only_person() -> None:
    person = IdentityFactory(Random(3), 2025).person(40, WOMAN, fnr=False)
    assert person.fnr == ""
    assert duf_valid(person.duf)


def test_fast_check_digits_agree_with_the_linkage_module() -> None:
    rng = Random(4)
    for _ in range(20_000):
        nine = f"{rng.randrange(10**9):09d}"
        assert check_digits(nine) == fnr_check_digits(nine), nine
