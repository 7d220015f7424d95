"""Norwegian identity numbers: fødselsnummer, d-nummer and DUF-nummer.

A fødselsnummer is 11 digits: birth date `ddmmyy`, a three-digit individual number that also
tells the century, and two check digits (modulus 11). A d-nummer (foreigners in Norway) adds 4
to the first digit; test numbers from the population register add 8 to the third digit (month
+80). SSB also accepts its own "adapted" numbers for persons without either: a real birth date
followed by 00100, 00200 or 99999. A DUF-nummer (immigration authorities' case number) is 12
digits with a two-digit modulus-11 check.

The rules are those of SSB's control program (reference: the control catalogue, section 2.4),
including its leniencies: validity is the check digits only (`00000000000` passes), a day past
the end of its month is moved back, and an age is the reporting year minus the birth year.
Each rule exists as a function of one value and as a polars expression over a column; tests
hold the two to agreement. None of these functions ever logs or echoes a number.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from kostra.records.values import lenient_date

FNR_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
FNR_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
DUF_WEIGHTS = (4, 6, 3, 2, 4, 6, 3, 2, 7, 5)
ADAPTED_SUFFIXES = ("00100", "00200", "99999")


# -- scalar ---------------------------------------------------------------------------------


def _is_digits(value: str, length: int) -> bool:
    return len(value) == length and value.isascii() and value.isdigit()


def mod11_valid(value: str) -> bool:
    """Eleven ASCII digits whose two check digits are right."""
    if not _is_digits(value, 11):
        return False
    digits = [int(ch) for ch in value]
    first = sum(w * d for w, d in zip(FNR_WEIGHTS_1, digits[:10], strict=True))
    second = sum(w * d for w, d in zip(FNR_WEIGHTS_2, digits, strict=True))
    return first % 11 == 0 and second % 11 == 0


def _minus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February into a year that has none
        return day.replace(year=day.year - years, day=28)


def birth_date(value: str, reporting_year: int) -> date | None:
    """The birth date an identity number encodes, as SSB derives it; None if it encodes none."""
    if not _is_digits(value, 11):
        return None
    if value.endswith(ADAPTED_SUFFIXES):
        born = lenient_date(value[:6], "ddMMyy")
        if born is None:
            return None
        return _minus_years(born, 100) if born > date(reporting_year + 1, 12, 31) else born
    digits = [int(ch) for ch in value]
    if digits[0] > 3:  # d-nummer: day + 40
        digits[0] -= 4
    if digits[2] >= 8:  # test number from the population register: month + 80
        digits[2] -= 8
    born = lenient_date("".join(str(d) for d in digits[:6]), "ddMMyy")
    if born is None:
        return None
    individual, yy = int(value[6:9]), int(value[4:6])
    if individual >= 500 and yy <= 39:
        return born
    if 500 <= individual <= 749 and yy >= 54:
        return _minus_years(born, 200)
    if individual <= 499 or individual >= 900:
        return _minus_years(born, 100)
    return born


def age(value: str, reporting_year: int) -> int | None:
    """The age reached in the reporting year (reporting year − birth year), or None."""
    born = birth_date(value, reporting_year)
    return None if born is None else reporting_year - born.year


def fnr_or_dnr_valid(value: str, reporting_year: int) -> bool:
    """A fødselsnummer or d-nummer with right check digits, or one of SSB's adapted numbers."""
    if not _is_digits(value, 11):
        return False
    if mod11_valid(value):
        return True
    return value.endswith(ADAPTED_SUFFIXES) and birth_date(value, reporting_year) is not None


def duf_valid(value: str) -> bool:
    """Twelve ASCII digits whose last two are the modulus-11 check of the first ten."""
    if not _is_digits(value, 12):
        return False
    total = sum(w * int(ch) for w, ch in zip(DUF_WEIGHTS, value[:10], strict=True))
    return f"{total % 11:02d}" == value[10:]


def fnr_check_digits(first_nine: str) -> str | None:
    """The two check digits that complete nine digits, or None if no valid pair exists."""
    digits = [int(ch) for ch in first_nine]
    k1 = (11 - sum(w * d for w, d in zip(FNR_WEIGHTS_1[:9], digits, strict=True)) % 11) % 11
    if k1 == 10:
        return None
    digits.append(k1)
    k2 = (11 - sum(w * d for w, d in zip(FNR_WEIGHTS_2[:10], digits, strict=True)) % 11) % 11
    return None if k2 == 10 else f"{k1}{k2}"


def duf_check_digits(first_ten: str) -> str:
    """The two check digits that complete a DUF number."""
    total = sum(w * int(ch) for w, ch in zip(DUF_WEIGHTS, first_ten, strict=True))
    return f"{total % 11:02d}"


# -- vectorised -----------------------------------------------------------------------------


def _digit(value: pl.Expr, index: int) -> pl.Expr:
    return value.str.slice(index, 1).cast(pl.Int32, strict=False)


def _col(column: str | pl.Expr) -> pl.Expr:
    return pl.col(column) if isinstance(column, str) else column


def _all_digits(value: pl.Expr, length: int) -> pl.Expr:
    return value.str.contains(f"^[0-9]{{{length}}}$")


def mod11_valid_expr(column: str | pl.Expr) -> pl.Expr:
    """True where the value is 11 digits with right check digits (see `mod11_valid`)."""
    value = _col(column)
    digits = [_digit(value, i) for i in range(11)]
    first = pl.sum_horizontal([w * d for w, d in zip(FNR_WEIGHTS_1, digits[:10], strict=True)])
    second = pl.sum_horizontal([w * d for w, d in zip(FNR_WEIGHTS_2, digits, strict=True)])
    return (_all_digits(value, 11) & (first % 11 == 0) & (second % 11 == 0)).fill_null(False)


def _is_adapted(value: pl.Expr) -> pl.Expr:
    return value.str.slice(6, 5).is_in(list(ADAPTED_SUFFIXES))


def birth_year_expr(column: str | pl.Expr, reporting_year: int) -> pl.Expr:
    """Int32 column: the birth year each identity number encodes, null where none (see
    `birth_date`; only the year is needed for ages, and day clamping never changes it)."""
    value = _col(column)
    d = [_digit(value, i) for i in range(9)]
    yy = d[4] * 10 + d[5]
    # Adapted numbers: date as written, in 20yy unless that is after next year.
    adapted_ok = (d[0] * 10 + d[1]).is_between(1, 31) & (d[2] * 10 + d[3]).is_between(1, 12)
    adapted_year = pl.when(2000 + yy > reporting_year + 1).then(1900 + yy).otherwise(2000 + yy)
    # Ordinary numbers: undo d-nummer and test-number offsets, then the individual number
    # decides the century.
    day = pl.when(d[0] > 3).then(d[0] - 4).otherwise(d[0]) * 10 + d[1]
    month = pl.when(d[2] >= 8).then(d[2] - 8).otherwise(d[2]) * 10 + d[3]
    individual = d[6] * 100 + d[7] * 10 + d[8]
    century = (
        pl.when((individual >= 500) & (yy <= 39))
        .then(2000)
        .when(individual.is_between(500, 749) & (yy >= 54))
        .then(1800)
        .when((individual <= 499) | (individual >= 900))
        .then(1900)
        .otherwise(2000)
    )
    ordinary_ok = day.is_between(1, 31) & month.is_between(1, 12)
    return (
        pl.when(~_all_digits(value, 11))
        .then(None)
        .when(_is_adapted(value))
        .then(pl.when(adapted_ok).then(adapted_year).otherwise(None))
        .when(ordinary_ok)
        .then(century + yy)
        .otherwise(None)
        .cast(pl.Int32)
    )


def age_expr(column: str | pl.Expr, reporting_year: int) -> pl.Expr:
    """Int32 column: reporting year − birth year, null where the number encodes no birth date."""
    return (reporting_year - birth_year_expr(column, reporting_year)).cast(pl.Int32)


def fnr_or_dnr_valid_expr(column: str | pl.Expr, reporting_year: int) -> pl.Expr:
    """True where `fnr_or_dnr_valid` holds."""
    value = _col(column)
    adapted = _is_adapted(value) & birth_year_expr(value, reporting_year).is_not_null()
    return (_all_digits(value, 11) & (mod11_valid_expr(value) | adapted)).fill_null(False)


def duf_valid_expr(column: str | pl.Expr) -> pl.Expr:
    """True where `duf_valid` holds."""
    value = _col(column)
    digits = [_digit(value, i) for i in range(12)]
    total = pl.sum_horizontal([w * d for w, d in zip(DUF_WEIGHTS, digits[:10], strict=True)])
    check = digits[10] * 10 + digits[11]
    return (_all_digits(value, 12) & (total % 11 == check)).fill_null(False)
