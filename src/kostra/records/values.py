"""What a raw field value means: blank, trimmed, an integer, a date; scalar and vectorised.

These are the primitive readings SSB's control program makes of a field (reference: the control
catalogue, section 2.3), kept in one place so every control reads values the same way. Each
reading exists twice: a plain function for one value (clear, used in tests and small tools) and
a polars expression for a whole column (used by the controls). Tests hold the two to agreement.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import polars as pl

# Whitespace as SSB's program sees it (Java's Character.isWhitespace plus every space
# separator): the non-breaking space counts, the NEL control character (U+0085) does not.
_SPACE_SEPARATORS = " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
WHITESPACE = _SPACE_SEPARATORS + "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\u2028\u2029"
# Written with \x{...} escapes, the syntax of polars' (Rust) regular expressions.
_BLANK_RE = "^[" + "".join(f"\\x{{{ord(ch):04X}}}" for ch in WHITESPACE) + "]*$"
_INT_RE = r"^[+-]?[0-9]+$"
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1


# -- scalar ---------------------------------------------------------------------------------


def is_blank(value: str) -> bool:
    """Every character is whitespace (or there are none)."""
    return all(ch in WHITESPACE for ch in value)


def trim(value: str) -> str:
    """The value without leading and trailing whitespace."""
    return value.strip(WHITESPACE)


def int_or_none(value: str) -> int | None:
    """A signed 32-bit integer written with ASCII digits and an optional sign, or None."""
    text = trim(value)
    if not re.fullmatch(_INT_RE, text):
        return None
    number = int(text)
    return number if _INT32_MIN <= number <= _INT32_MAX else None


def int_or_zero(value: str) -> int:
    """As `int_or_none`, with 0 for anything that is not such an integer."""
    number = int_or_none(value)
    return 0 if number is None else number


def _date_parts(value: str, pattern: str) -> tuple[int, int, int] | None:
    if len(value) != len(pattern) or not value.isascii() or not value.isdigit():
        return None
    day, month = int(value[0:2]), int(value[2:4])
    year = int(value[4:]) if pattern == "ddMMyyyy" else 2000 + int(value[4:6])
    if not (1 <= day <= 31 and 1 <= month <= 12 and year >= 1):
        return None
    return day, month, year


def lenient_date(value: str, pattern: str) -> date | None:
    """A date as SSB reads most dates: `ddMMyyyy` or `ddMMyy` (20yy), all ASCII digits, day
    01–31, month 01–12, year not 0000; a day past the month's end is moved back to its last day
    (`31042026` is read as 30 April 2026)."""
    parts = _date_parts(value, pattern)
    if parts is None:
        return None
    day, month, year = parts
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def strict_date(value: str, pattern: str) -> date | None:
    """As `lenient_date`, but a day that does not exist in the month is invalid."""
    parts = _date_parts(value, pattern)
    if parts is None:
        return None
    day, month, year = parts
    return date(year, month, day) if day <= calendar.monthrange(year, month)[1] else None


def format_date(day: date, pattern: str) -> str:
    """A date as a field of `pattern` holds it: `ddMMyyyy` (2025 on) or `ddMMyy` (before);
    the inverse of `lenient_date`."""
    if pattern == "ddMMyyyy":
        return f"{day.day:02d}{day.month:02d}{day.year:04d}"
    if pattern == "ddMMyy":
        return f"{day.day:02d}{day.month:02d}{day.year % 100:02d}"
    raise ValueError(f"unknown date pattern {pattern!r}")


# -- vectorised -----------------------------------------------------------------------------


def blank(column: str | pl.Expr) -> pl.Expr:
    """True where every character is whitespace."""
    return _col(column).str.contains(_BLANK_RE)


def trimmed(column: str | pl.Expr) -> pl.Expr:
    """The values without leading and trailing whitespace."""
    return _col(column).str.strip_chars(WHITESPACE)


def int_or_null(column: str | pl.Expr) -> pl.Expr:
    """Int64 column: the integer each value holds, null where it holds none (see `int_or_none`)."""
    text = trimmed(column)
    number = text.cast(pl.Int64, strict=False)
    in_range = number.is_between(_INT32_MIN, _INT32_MAX)
    return pl.when(text.str.contains(_INT_RE) & in_range).then(number).otherwise(None)


def int0(column: str | pl.Expr) -> pl.Expr:
    """Int64 column: the integer each value holds, 0 where it holds none."""
    return int_or_null(column).fill_null(0)


def _digits(column: str | pl.Expr, start: int, length: int) -> pl.Expr:
    return _col(column).str.slice(start, length).cast(pl.Int32, strict=False)


def date_year(column: str | pl.Expr, pattern: str) -> pl.Expr:
    """Int32 column: the year of each lenient date, null where the value is not one."""
    value = _col(column)
    day, month = _digits(value, 0, 2), _digits(value, 2, 2)
    year = _digits(value, 4, 4) if pattern == "ddMMyyyy" else 2000 + _digits(value, 4, 2)
    ok = (
        value.str.contains(f"^[0-9]{{{len(pattern)}}}$")
        & day.is_between(1, 31)
        & month.is_between(1, 12)
        & (year >= 1)
    )
    return pl.when(ok).then(year).otherwise(None)


def is_lenient_date(column: str | pl.Expr, pattern: str) -> pl.Expr:
    """True where the value is a date in SSB's lenient reading (see `lenient_date`)."""
    return date_year(column, pattern).is_not_null()


def is_strict_date(column: str | pl.Expr, pattern: str) -> pl.Expr:
    """True where the value is a date whose day really exists in its month."""
    value = _col(column)
    year = date_year(value, pattern)
    day, month = _digits(value, 0, 2), _digits(value, 2, 2)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    month_days = (
        pl.when(month == 2)
        .then(pl.when(leap).then(29).otherwise(28))
        .when(month.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )
    return year.is_not_null() & (day <= month_days)


def _col(column: str | pl.Expr) -> pl.Expr:
    return pl.col(column) if isinstance(column, str) else column
