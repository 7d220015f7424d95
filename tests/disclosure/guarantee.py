"""What `suppress` promises, checked with the independent algebra of `tests.disclosure.algebra`."""

from __future__ import annotations

from kostra.disclosure import Suppression, Table
from tests.disclosure.algebra import Span, indicator, without


def singletons_of(
    table: Table, max_n: int, protect_zeros: bool, forced: frozenset[str]
) -> set[str]:
    """The inner cells a worked-out sum must not consist of alone: cells of 1 (0 with
    `protect_zeros`), unless published on their own as forced cells."""
    if not protect_zeros and max_n < 1:
        return set()
    alone = {next(iter(table.cells[c])) for c in forced if len(table.cells[c]) == 1}
    count = 0 if protect_zeros else 1
    return {i for i, n in table.inner.items() if n == count and i not in alone}


def singleton_dimension(vectors: list[dict[str, int]], singletons: set[str]) -> int:
    """The dimension of the combinations of singleton cells alone in the span of `vectors`."""
    return Span(vectors).dimension - Span([without(v, singletons) for v in vectors]).dimension


def assert_protected(
    table: Table,
    result: Suppression,
    max_n: int,
    *,
    protect_zeros: bool = False,
    forced: frozenset[str] = frozenset(),
) -> None:
    """Primary cells suppressed, forced ones published, no primary cell and no sum of singletons
    computable from the published cells, and each secondary cell needed on its own."""
    freq = table.freq
    small = {c for c, n in freq.items() if (0 if protect_zeros else 1) <= n <= max_n}
    vector = {cell: indicator(members) for cell, members in table.cells.items()}
    published = [vector[c] for c in table.cells if c not in result.suppressed]
    forced_vectors = [vector[c] for c in sorted(forced)]

    assert result.primary == small - forced
    assert not result.suppressed & forced
    assert result.suppressed - result.primary == result.secondary

    by_forced = Span(forced_vectors)
    assert result.unsafe == {p for p in small if p in forced or vector[p] in by_forced}

    span = Span(published)
    for cell in result.primary - result.unsafe:
        assert vector[cell] not in span, f"{cell} can be worked out"

    singletons = singletons_of(table, max_n, protect_zeros, forced)
    if not small and not singletons:
        assert not result.secondary
        return
    allowed = singleton_dimension(forced_vectors, singletons)
    assert singleton_dimension(published, singletons) == allowed

    for cell in result.secondary:
        more = [*published, vector[cell]]
        wider = Span(more)
        assert any(vector[p] in wider for p in result.primary - result.unsafe) or (
            singleton_dimension(more, singletons) > allowed
        ), f"{cell} is suppressed for nothing"
