"""Finding a region by its name or its code: the one matching function both the page of
results and the suggestions ask, tried on every region SSB publishes for 2025."""

from __future__ import annotations

import pytest

from kostra.indicators.regions import regions
from kostra.publish.dataset import Category
from kostra.web.public_statistics import match_regions

CATEGORIES = tuple(Category(r.code, r.name) for r in regions(2025))


def names(query: str) -> list[str]:
    return [found.name for found in match_regions(CATEGORIES, query)]


def codes(query: str) -> list[str]:
    return [found.code for found in match_regions(CATEGORIES, query)]


@pytest.mark.parametrize("query", ["bergen", "Bergen", "BERGEN", " bergen ", "berg", "ber"])
def test_bergen_comes_first(query: str) -> None:
    found = match_regions(CATEGORIES, query)
    assert found[0].code == "4601" and found[0].name == "Bergen"
    assert "Bydeler i Oslo i alt" not in names(query)


def test_names_starting_with_it_before_names_holding_it() -> None:
    found = names("sand")
    starting = [n for n in found if n.casefold().startswith("sand")]
    assert starting == ["Sande", "Sandefjord", "Sandnes"]  # alphabetical among equals
    assert found[: len(starting)] == starting
    assert found.index("Sandnes") < found.index("Kristiansand")  # holds it: after


def test_a_code_finds_its_region() -> None:
    assert codes("4601")[0] == "4601"
    assert codes("4601") == ["4601"]
    assert codes("eka46") == ["EKA46"]  # a county by SSB's code
    assert match_regions(CATEGORIES, "4601")[0].exact


def test_the_start_of_a_code_finds_the_county_s_municipalities() -> None:
    found = codes("46")
    assert found and all(code.startswith("46") for code in found)
    assert "4601" in found


@pytest.mark.parametrize(("query", "name"), [("tromso", "Tromsø"), ("TROMSØ", "Tromsø"),
                                             ("baerum", "Bærum"), ("asnes", "Åsnes"),
                                             ("karasjok", "Kárášjohka - Karasjok")])  # fmt: skip
def test_accents_and_case_do_not_matter(query: str, name: str) -> None:
    assert names(query)[0] == name


def test_oslo_and_its_districts() -> None:
    found = match_regions(CATEGORIES, "oslo")
    assert [f.name for f in found[:2]] == ["Oslo", "Oslo (fylke)"]  # the municipality first
    assert [f.code for f in found if f.exact] == ["0301", "EKA03"]
    assert "Gamle Oslo" in [f.name for f in found] and "Bydeler i Oslo i alt" in names("oslo")
    assert codes("gamle oslo") == ["030101"]
    assert codes("030101") == ["030101"]
    district = match_regions(CATEGORIES, "frogner")[0]
    assert (district.code, district.detail) == ("030105", "Bydel i Oslo 030105")
    assert codes("0301")[0] == "0301" and len(codes("0301")) == 1 + 15


def test_groups_and_nothing() -> None:
    assert codes("kostra-gruppe 13") == ["EKG13"]
    assert match_regions(CATEGORIES, "   ") == []
    assert match_regions(CATEGORIES, "xyzzy") == []
