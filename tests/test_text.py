"""Norwegian text: numbers, plurals, dates and moments on Oslo's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest

from kostra import text
from kostra.text import MINUS, NO_BREAK_SPACE

S = NO_BREAK_SPACE
# 23:30 UTC on 11 March is 00:30 on 12 March in Oslo: the two clocks disagree on the date.
ACROSS_MIDNIGHT = datetime(2026, 3, 11, 23, 30, 5, tzinfo=UTC)
# Summer time: 10:02 UTC is 12:02 in Oslo.
SUMMER = datetime(2026, 6, 15, 10, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (7, 0, "7"),
        (999, 0, "999"),
        (1000, 0, f"1{S}000"),
        (12546266069, 0, f"12{S}546{S}266{S}069"),
        (3.14159, 1, "3,1"),
        (39.5, 1, "39,5"),
        (2.675, 2, "2,68"),  # half up, as the figure reads, not as the binary float lies
        (0.5, 0, "1"),
        (-0.5, 0, f"{MINUS}1"),  # half away from zero
        (1234567.25, 1, f"1{S}234{S}567,3"),
        (-1234.5, 0, f"{MINUS}1{S}235"),
        (-0.04, 1, "0,0"),  # no minus sign for a figure that rounds to nothing
        (12.0, 2, "12,00"),
        (Decimal("1.005"), 2, "1,01"),
        (1e21, 0, f"1{S}000{S}000{S}000{S}000{S}000{S}000{S}000"),
    ],
)
def test_numbers_are_norwegian(value: float, decimals: int, expected: str) -> None:
    assert text.number(value, decimals, space=S) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2.5, "2,5"), (3.0, "3"), (1234.25, "1 234,25"), (0.1, "0,1"), (2.999, "3")],
)
def test_trimmed_decimals(value: float, expected: str) -> None:
    assert text.number(value, 2, trim=True) == expected


def test_what_is_no_figure_is_still_text() -> None:
    assert text.number(float("nan")) == "ikke et tall"
    assert text.number(float("-inf"), 2) == f"{MINUS}uendelig"


def test_plain_space_by_default_and_amounts() -> None:
    assert text.number(21000) == "21 000"
    assert text.amount(-12500) == f"{MINUS}12 500 kr"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 rettelser"), (1, "1 rettelse"), (2, "2 rettelser"), (1500, "1 500 rettelser")],
)
def test_plurals(count: int, expected: str) -> None:
    assert text.plural(count, "rettelse", "rettelser") == expected


@pytest.mark.parametrize(
    ("render", "expected"),
    [
        (text.short_time, "12.03.2026 kl. 00:30"),
        (text.long_time, "12. mars 2026 kl. 00:30"),
        (text.time_with_seconds, "12.03.2026 00:30:05"),
        (text.file_stamp, "20260312-0030"),
        (text.iso_moment, "2026-03-12T00:30:05+01:00"),
        (text.short_date, "12.03.2026"),
        (text.long_date, "12. mars 2026"),
    ],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_moments_are_shown_on_oslo_clock(render: object, expected: str) -> None:
    assert callable(render)
    assert render(ACROSS_MIDNIGHT) == expected
    # A naive moment is UTC, as the database keeps it; another zone is converted, not relabelled.
    assert render(ACROSS_MIDNIGHT.replace(tzinfo=None)) == expected
    assert render(ACROSS_MIDNIGHT.astimezone(timezone(timedelta(hours=-5)))) == expected


def test_summer_time() -> None:
    assert text.short_time(SUMMER) == "15.06.2026 kl. 12:02"


def test_dates_are_not_moved() -> None:
    assert text.short_date(date(2026, 1, 5)) == "05.01.2026"
    assert text.long_date(date(2026, 12, 31)) == "31. desember 2026"


def test_a_day_ends_at_midnight_in_oslo() -> None:
    end = text.end_of_day(date(2026, 3, 15))
    assert end.astimezone(UTC) == datetime(2026, 3, 15, 22, 59, 59, 999999, tzinfo=UTC)
    assert text.end_of_day(date(9999, 12, 31)).year == 9999  # no next day needed


def test_a_moment_on_oslo_clock_is_kept_in_utc() -> None:
    winter = text.on_oslo_clock(date(2026, 3, 15), time(8, 0))
    summer = text.on_oslo_clock(date(2026, 6, 15), time(8, 0))
    assert winter == datetime(2026, 3, 15, 7, 0, tzinfo=UTC)
    assert summer == datetime(2026, 6, 15, 6, 0, tzinfo=UTC)  # summer time
    assert text.long_time(summer) == "15. juni 2026 kl. 08:00"


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Tromsø", "tromso"),
        ("TROMSO", "tromso"),
        ("Bærum", "baerum"),
        ("Åsnes", "asnes"),
        ("1853 Evenes - Evenášši", "1853 evenes evenassi"),
        ("  Oslo (fylke) ", "oslo fylke"),
    ],
)
def test_search_text_is_folded(typed: str, folded: str) -> None:
    assert text.fold(typed) == folded
