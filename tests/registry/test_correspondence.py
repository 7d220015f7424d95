"""Municipality numbers across years: the 2024 renumbering and the split of Ålesund."""

from __future__ import annotations

from collections import defaultdict

import pytest

from kostra.registry import (
    YEARS,
    Link,
    UnknownRegion,
    correspondence,
    municipalities,
    population_in,
    to_borders,
)

PAIRS = [(a, b) for a in YEARS for b in YEARS]


def test_reform_examples() -> None:
    links = correspondence(2023, 2024)
    assert Link("3001", "3101", 1.0) in links  # Halden
    assert Link("3018", "3114", 1.0) in links  # Våler (Viken) → Våler (Østfold)
    assert Link("5414", "5516", 1.0) in links  # Gratangen → Gratangen - Rivtták
    assert Link("0301", "0301", 1.0) in links
    split = [link for link in links if link.old == "1507"]
    assert [link.new for link in split] == ["1508", "1580"]
    assert sum(link.share for link in split) == pytest.approx(1)
    assert split[0].share == pytest.approx(58_509 / (58_509 + 9_357), abs=1e-6)
    assert sum(link.old != link.new for link in links) == 115  # 114 renumbered + Haram


@pytest.mark.parametrize(("from_year", "to_year"), PAIRS)
def test_every_pair_of_years_is_consistent(from_year: int, to_year: int) -> None:
    links = correspondence(from_year, to_year)
    shares: dict[str, float] = defaultdict(float)
    for link in links:
        shares[link.old] += link.share
    assert sorted(shares) == list(municipalities(from_year))
    assert all(s == pytest.approx(1) for s in shares.values())
    assert {link.new for link in links} == set(municipalities(to_year))


def test_chains_and_reverses() -> None:
    assert [(k.old, k.new) for k in correspondence(2020, 2026) if k.old == "3001"] == [
        ("3001", "3101")
    ]
    back = [k for k in correspondence(2025, 2021) if k.old in {"1508", "1580"}]
    assert back == [Link("1508", "1507", 1.0), Link("1580", "1507", 1.0)]
    assert all(k.old == k.new for k in correspondence(2020, 2023))


def test_to_borders_preserves_totals_and_splits_by_share() -> None:
    values = {n: float(population_in(n, 2023)) for n in municipalities(2023)}
    moved = to_borders(values, 2023, 2024)
    assert sum(moved.values()) == pytest.approx(sum(values.values()))
    assert set(moved) == set(municipalities(2024))
    assert moved["3101"] == values["3001"]
    assert moved["1508"] + moved["1580"] == pytest.approx(values["1507"])
    assert to_borders({"1507": 100.0}, 2022, 2026) == pytest.approx(
        {"1508": 86.2125, "1580": 13.7875}
    )
    back = to_borders({"1508": 1.0, "1580": 2.0}, 2024, 2023)
    assert back == {"1507": 3.0}


def test_to_borders_refuses_unknown_numbers() -> None:
    with pytest.raises(UnknownRegion, match="3101 finnes ikke i 2023"):
        to_borders({"3101": 1.0}, 2023, 2024)
    with pytest.raises(UnknownRegion, match="ingen kommuneliste for 2019"):
        correspondence(2019, 2024)
