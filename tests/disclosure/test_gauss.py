"""Secondary suppression on tables small enough to work out by hand.

A case names its inner cells with their counts ("a=1 b=5"); each inner cell is published on its
own, and the other published cells are sums of them ("T": "a b").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from kostra.disclosure import SYMBOL, Reason, Table, default_order, secondary, suppress
from tests.disclosure.guarantee import assert_protected


def table(counts: str, sums: dict[str, str] | None = None) -> Table:
    inner = {name: int(n) for name, n in (pair.split("=") for pair in counts.split())}
    cells = {name: frozenset({name}) for name in inner}
    cells.update({name: frozenset(members.split()) for name, members in (sums or {}).items()})
    return Table(inner, cells)


@dataclass(frozen=True)
class Case:
    id: str
    counts: str
    sums: dict[str, str]
    primary: set[str]
    secondary: set[str]
    max_n: int = 2
    protect_zeros: bool = False
    forced: frozenset[str] = field(default_factory=frozenset)


TOTAL = {"T": "a b"}
TWO_BY_TWO = {"r1": "a b", "r2": "c d", "k1": "a c", "k2": "b d", "T": "a b c d"}
COUNTIES = {"C1": "m1 m2", "C2": "m3 m4", "L": "m1 m2 m3 m4"}
CASES = [
    # a = T − b: the other district goes too.
    Case("two-districts", "a=1 b=5", TOTAL, {"a"}, {"b"}),
    Case("nothing-small", "a=3 b=5", TOTAL, set(), set()),
    Case("max-n-3", "a=3 b=10", TOTAL, {"a"}, {"b"}, max_n=3),
    Case("max-n-0", "a=1 b=2", TOTAL, set(), set(), max_n=0),
    # Both small: T = a + b tells neither, and 3 = 1 + 2 is not two ones.
    Case("two-small", "a=1 b=2", TOTAL, {"a", "b"}, set()),
    # Published, c would give a + b = 2, so a = b = 1: c goes (the singleton problem).
    Case("two-ones", "a=1 b=1 c=5", {"T": "a b c"}, {"a", "b"}, {"c"}, max_n=1),
    # The classic 2×2: one small inner cell takes the other three; the margins stay.
    Case("two-by-two", "a=1 b=4 c=5 d=7", TWO_BY_TWO, {"a"}, {"b", "c", "d"}),
    # A county with one small municipality loses its other one, the country stays.
    Case("county", "m1=2 m2=8 m3=9 m4=12", COUNTIES, {"m1"}, {"m2"}),
    # b must be published, so the total goes.
    Case("forced", "a=1 b=5", TOTAL, {"a"}, {"T"}, forced=frozenset({"b"})),
    Case("zero-visible", "a=0 b=5", TOTAL, set(), set()),
    Case("zero-protected", "a=0 b=5", TOTAL, {"a"}, {"b"}, protect_zeros=True),
    # The zero is published first; then c, not the zero, is the cell that must go.
    Case("zero-published-first", "a=0 b=1 c=6", {"T": "a b c"}, {"b"}, {"c"}),
    # With zeros protected, c would give a + b = 0, so both zeros.
    Case("two-zeros", "a=0 b=0 c=5", {"T": "a b c"}, {"a", "b"}, {"c"}, protect_zeros=True),
    # Oslo and EAB are the same cell: published together, suppressed together.
    Case("duplicates", "d1=1 d2=4 d3=6", {"O": "d1 d2 d3", "EAB": "d1 d2 d3"}, {"d1"}, {"d2"}),
    Case(
        "duplicates-small",
        "d1=1 d2=1",
        {"O": "d1 d2", "EAB": "d1 d2"},
        {"d1", "d2", "O", "EAB"},
        set(),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hand_worked_cases(case: Case) -> None:
    t = table(case.counts, case.sums)
    result = suppress(t, case.max_n, protect_zeros=case.protect_zeros, forced=case.forced)
    assert (set(result.primary), set(result.secondary)) == (case.primary, case.secondary)
    assert_protected(t, result, case.max_n, protect_zeros=case.protect_zeros, forced=case.forced)


def test_without_singleton_handling_two_ones_are_published_as_their_sum() -> None:
    t = table("a=1 b=1 c=5", {"T": "a b c"})
    assert secondary(t, frozenset({"a", "b"})) == frozenset()
    assert secondary(t, frozenset({"a", "b"}), singletons=frozenset({"a", "b"})) == {"c"}


def test_a_forced_small_count_is_published_and_reported_unsafe() -> None:
    result = suppress(table("a=1 b=5", TOTAL), 2, forced=frozenset({"a"}))
    assert (set(result.suppressed), set(result.unsafe)) == (set(), {"a"})


def test_a_small_count_that_forced_cells_give_away_is_unsafe() -> None:
    # a is still suppressed, but T − b gives it away.
    result = suppress(table("a=1 b=5", TOTAL), 2, forced=frozenset({"b", "T"}))
    assert (set(result.primary), set(result.secondary), set(result.unsafe)) == ({"a"}, set(), {"a"})


def test_the_order_says_which_cell_to_keep() -> None:
    t = table("a=1 b=5", TOTAL)
    assert default_order(t) == ["T", "b", "a"]
    assert secondary(t, frozenset({"a"})) == {"b"}
    assert secondary(t, frozenset({"a"}), order=["b"]) == {"T"}


def test_larger_counts_are_published_first_and_ties_go_to_bigger_cells() -> None:
    t = table("a=0 b=3 c=3 d=7", {"bc": "b c", "ab": "a b"})
    assert default_order(t) == ["a", "d", "bc", "ab", "b", "c"]


def test_reasons_and_the_published_table() -> None:
    t = table("a=1 b=5", TOTAL)
    result = suppress(t, 2)
    assert result.reasons == {"a": Reason.PRIMARY, "b": Reason.SECONDARY}
    assert result.shown(t.freq) == {"a": SYMBOL, "b": SYMBOL, "T": 6}


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Table({"a": -1}, {"a": frozenset({"a"})}), "negative"),
        (lambda: Table({"a": 1}, {"T": frozenset()}), "no inner cell"),
        (lambda: Table({"a": 1}, {"T": frozenset({"a", "x"})}), "unknown"),
        (lambda: suppress(table("a=1 b=5"), 2, forced=frozenset({"x"})), "forced"),
        (lambda: secondary(table("a=1 b=5"), frozenset({"x"})), "primary"),
        (lambda: secondary(table("a=1 b=5"), frozenset({"a"}), order=["x"]), "order"),
    ],
    ids=[
        "negative-count",
        "empty-cell",
        "unknown-inner",
        "unknown-forced",
        "unknown-primary",
        "unknown-order",
    ],
)
def test_a_malformed_table_or_call_is_refused(build: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()  # type: ignore[operator]
