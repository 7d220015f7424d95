"""Identity numbers: SSB's test vectors, generated numbers, and scalar/vectorised agreement."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kostra.linkage import identity as ident

BIRTH_YEARS_2025 = [
    ("05011399292", 2013),
    ("41011088188", 2010),  # d-nummer
    ("01811088188", 2010),  # test number, month + 80
    ("01010100100", 2001),  # adapted numbers: date + 00100 / 00200 / 99999
    ("01018000100", 1980),
    ("01012599999", 2025),
    ("01012699999", 2026),
    ("01012799999", 1927),
    ("01015450068", 1854),
    ("31129974810", 1899),
    ("01010000110", 1900),
    ("01014090017", 1940),
    ("01010050053", 2000),
    ("31123999854", 2039),
    ("01014074912", 2040),
]


@pytest.mark.parametrize(("number", "year"), BIRTH_YEARS_2025, ids=[n for n, _ in BIRTH_YEARS_2025])
def test_birth_year_as_ssb_derives_it(number: str, year: int) -> None:
    born = ident.birth_date(number, 2025)
    assert born is not None
    assert born.year == year
    assert pl.select(ident.birth_year_expr(pl.lit(number), 2025)).item() == year
    assert ident.age(number, 2025) == 2025 - year


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("05011399292", True),
        ("05011399293", False),  # wrong check digit
        ("00000000000", True),  # check digits only, as SSB
        ("01010100100", True),  # adapted: date ok
        ("32010100100", False),  # adapted: no such day
        ("41010100100", False),  # adapted numbers are not d-numbers
        ("0501139929", False),
        ("0501139929 ", False),
        ("", False),
        ("05O11399292", False),
    ],
)
def test_fnr_or_dnr_validity(number: str, valid: bool) -> None:
    assert ident.fnr_or_dnr_valid(number, 2025) is valid
    assert pl.select(ident.fnr_or_dnr_valid_expr(pl.lit(number), 2025)).item() is valid


def test_h_numbers_are_valid_but_have_no_age() -> None:
    """SSB does not undo an H-nummer's month + 40, so its birth date cannot be read."""
    number = next(
        f"014101{i:03d}" + digits
        for i in range(100, 200)
        if (digits := ident.fnr_check_digits(f"014101{i:03d}")) is not None
    )
    assert ident.fnr_or_dnr_valid(number, 2025)
    assert ident.age(number, 2025) is None
    assert pl.select(ident.age_expr(pl.lit(number), 2025)).item() is None


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("201017238203", True),
        ("200816832910", True),
        ("201012345678", False),
        ("241012192200", False),
        ("010000000400", False),
        ("20101723820", False),
        ("            ", False),
    ],
)
def test_duf_numbers(number: str, valid: bool) -> None:
    assert ident.duf_valid(number) is valid
    assert pl.select(ident.duf_valid_expr(pl.lit(number))).item() is valid


def _fnr(born: date, individual: int, d_number: bool = False) -> str | None:
    day = born.day + (40 if d_number else 0)
    nine = f"{day:02d}{born.month:02d}{born.year % 100:02d}{individual:03d}"
    digits = ident.fnr_check_digits(nine)
    return None if digits is None else nine + digits


def _individual_for(year: int, draw: int) -> int:
    """An individual number that tells the century of `year` (the population register's ranges)."""
    if 1900 <= year <= 1999:
        return draw % 500
    if 2000 <= year <= 2039:
        return 500 + draw % 500
    return 500 + draw % 250  # 1854–1899


@settings(max_examples=400, deadline=None)
@given(
    st.dates(min_value=date(1854, 1, 1), max_value=date(2039, 12, 31)),
    st.integers(min_value=0, max_value=10_000),
    st.booleans(),
)
def test_generated_numbers_are_valid_and_give_their_birth_date(
    born: date, draw: int, d_number: bool
) -> None:
    number = _fnr(born, _individual_for(born.year, draw), d_number)
    assume(number is not None)
    assert number is not None
    assume(not number.endswith(ident.ADAPTED_SUFFIXES))  # read as SSB's adapted numbers instead
    assert ident.mod11_valid(number)
    assert ident.fnr_or_dnr_valid(number, 2025)
    assert ident.birth_date(number, 2025) == born


@settings(max_examples=300, deadline=None)
@given(st.text("0123456789", min_size=10, max_size=10))
def test_generated_duf_numbers_are_valid(first_ten: str) -> None:
    number = first_ten + ident.duf_check_digits(first_ten)
    assert ident.duf_valid(number)
    changed = first_ten[:-1] + str((int(first_ten[-1]) + 1) % 10)
    assert ident.duf_valid(changed + number[10:]) is (
        ident.duf_check_digits(changed) == number[10:]
    )


NUMBERS = st.one_of(
    st.text("0123456789", min_size=11, max_size=11),
    st.text("0123456789", min_size=6, max_size=6).map(lambda s: s + "00100"),
    st.text("0123456789", min_size=6, max_size=6).map(lambda s: s + "99999"),
    st.text("0123456789 x", max_size=12),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(NUMBERS, min_size=1, max_size=30), st.integers(min_value=2022, max_value=2026))
def test_scalar_and_vectorised_rules_agree(numbers: list[str], year: int) -> None:
    frame = pl.DataFrame({"n": numbers}).select(
        pl.col("n"),
        ident.mod11_valid_expr("n").alias("mod11"),
        ident.fnr_or_dnr_valid_expr("n", year).alias("valid"),
        ident.age_expr("n", year).alias("age"),
        ident.duf_valid_expr(pl.col("n").str.slice(0, 12)).alias("duf"),
    )
    for row in frame.iter_rows(named=True):
        number = row["n"]
        assert row["mod11"] is ident.mod11_valid(number)
        assert row["valid"] is ident.fnr_or_dnr_valid(number, year)
        assert row["age"] == ident.age(number, year)
        assert row["duf"] is ident.duf_valid(number[:12])
