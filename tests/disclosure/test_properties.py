"""Secondary suppression on random small hierarchical tables: the guarantee holds whatever the
counts, groupings, threshold and forced cells, and the result does not depend on dict order."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from kostra.disclosure import Table, suppress
from tests.disclosure.guarantee import assert_protected

COUNTS = st.one_of(st.sampled_from([0, 1, 1, 2, 3]), st.integers(0, 30))


@dataclass(frozen=True)
class Drawn:
    table: Table
    max_n: int
    protect_zeros: bool
    forced: frozenset[str]


@st.composite
def hierarchical_tables(draw: st.DrawFn) -> Drawn:
    """Units under two nested groupings (like counties within regions) and one across them
    (like KOSTRA groups), with a total; most units published on their own."""
    n = draw(st.integers(2, 9))
    units = [f"u{i}" for i in range(n)]
    inner = {unit: draw(COUNTS) for unit in units}
    cells = {u: frozenset({u}) for u in units if draw(st.integers(0, 5))}
    county = [draw(st.integers(0, 3)) for _ in units]
    region = {c: draw(st.integers(0, 1)) for c in set(county)}
    group = [draw(st.integers(0, 2)) for _ in units]
    for name, label in (
        ("county", county),
        ("region", [region[c] for c in county]),
        ("group", group),
    ):
        for value in set(label):
            members = frozenset(u for u, mine in zip(units, label, strict=True) if mine == value)
            if draw(st.integers(0, 4)):
                cells[f"{name}{value}"] = members
    cells["total"] = frozenset(units)
    forced = draw(st.frozensets(st.sampled_from(sorted(cells)), max_size=2))
    forced = forced if draw(st.integers(0, 3)) == 0 else frozenset()
    return Drawn(Table(inner, cells), draw(st.integers(0, 3)), draw(st.booleans()), forced)


@settings(max_examples=400, deadline=None)
@given(hierarchical_tables())
def test_no_small_count_can_be_worked_out(drawn: Drawn) -> None:
    result = suppress(
        drawn.table, drawn.max_n, protect_zeros=drawn.protect_zeros, forced=drawn.forced
    )
    assert_protected(
        drawn.table, result, drawn.max_n, protect_zeros=drawn.protect_zeros, forced=drawn.forced
    )


@settings(max_examples=100, deadline=None)
@given(hierarchical_tables())
def test_the_result_does_not_depend_on_the_order_of_the_mappings(drawn: Drawn) -> None:
    t = drawn.table
    backwards = Table(dict(reversed(list(t.inner.items()))), dict(reversed(list(t.cells.items()))))
    first = suppress(t, drawn.max_n, protect_zeros=drawn.protect_zeros, forced=drawn.forced)
    again = suppress(t, drawn.max_n, protect_zeros=drawn.protect_zeros, forced=drawn.forced)
    other = suppress(backwards, drawn.max_n, protect_zeros=drawn.protect_zeros, forced=drawn.forced)
    assert first == again == other
