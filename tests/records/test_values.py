"""Reading a raw value: the scalar and vectorised readings agree, on cases and at random."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kostra.records import values as v


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("   1000", 1000),
        ("-000005", -5),
        ("+12", 12),
        ("  3,5", None),
        ("1 000", None),
        ("       ", None),
        ("\u00a012\u00a0", 12),
        ("2147483648", None),
        ("-2147483648", -2147483648),
        ("١٢", None),  # digits of another script are not digits here
    ],
)
def test_integers(raw: str, expected: int | None) -> None:
    assert v.int_or_none(raw) == expected
    assert pl.select(v.int_or_null(pl.lit(raw))).item() == expected


@pytest.mark.parametrize(
    ("raw", "pattern", "lenient", "strict"),
    [
        ("15052025", "ddMMyyyy", date(2025, 5, 15), date(2025, 5, 15)),
        ("31042026", "ddMMyyyy", date(2026, 4, 30), None),
        ("29022025", "ddMMyyyy", date(2025, 2, 28), None),
        ("29022024", "ddMMyyyy", date(2024, 2, 29), date(2024, 2, 29)),
        ("32012025", "ddMMyyyy", None, None),
        ("01132025", "ddMMyyyy", None, None),
        ("01010000", "ddMMyyyy", None, None),
        ("0101202 ", "ddMMyyyy", None, None),
        ("        ", "ddMMyyyy", None, None),
        ("010190", "ddMMyy", date(2090, 1, 1), date(2090, 1, 1)),
        ("310224", "ddMMyy", date(2024, 2, 29), None),
    ],
)
def test_dates(raw: str, pattern: str, lenient: date | None, strict: date | None) -> None:
    assert v.lenient_date(raw, pattern) == lenient
    assert v.strict_date(raw, pattern) == strict
    assert pl.select(v.is_lenient_date(pl.lit(raw), pattern)).item() is (lenient is not None)
    assert pl.select(v.is_strict_date(pl.lit(raw), pattern)).item() is (strict is not None)
    year = pl.select(v.date_year(pl.lit(raw), pattern)).item()
    assert year == (lenient.year if lenient else None)


@pytest.mark.parametrize(
    ("raw", "blank"),
    [("", True), ("   ", True), ("\t \u00a0", True), ("\u0085", False), (" x ", False)],
)
def test_blank(raw: str, blank: bool) -> None:
    assert v.is_blank(raw) is blank
    assert pl.select(v.blank(pl.lit(raw))).item() is blank


RAW = st.text(st.sampled_from("0123456789 +-,.\u00a0a"), max_size=9)


@settings(max_examples=300, deadline=None)
@given(st.lists(RAW, min_size=1, max_size=20))
def test_scalar_and_vectorised_readings_agree(raws: list[str]) -> None:
    frame = pl.DataFrame({"x": raws}).select(
        pl.col("x"),
        v.int_or_null("x").alias("int"),
        v.blank("x").alias("blank"),
        v.trimmed("x").alias("trim"),
        v.is_lenient_date(pl.col("x").str.slice(0, 8), "ddMMyyyy").alias("date"),
        v.is_strict_date(pl.col("x").str.slice(0, 6), "ddMMyy").alias("strict"),
    )
    for row in frame.iter_rows(named=True):
        raw = row["x"]
        assert row["int"] == v.int_or_none(raw)
        assert row["blank"] is v.is_blank(raw)
        assert row["trim"] == v.trim(raw)
        assert row["date"] is (v.lenient_date(raw[:8], "ddMMyyyy") is not None)
        assert row["strict"] is (v.strict_date(raw[:6], "ddMMyy") is not None)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_every_real_date_is_read_back(day: date) -> None:
    text = day.strftime("%d%m") + f"{day.year:04d}"
    assert v.format_date(day, "ddMMyyyy") == text
    assert v.lenient_date(text, "ddMMyyyy") == day
    assert v.strict_date(text, "ddMMyyyy") == day
    assert pl.select(v.is_strict_date(pl.lit(text), "ddMMyyyy")).item() is True
