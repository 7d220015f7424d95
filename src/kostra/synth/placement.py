"""Placing mistakes on records: each on records that suit it, and no record twice.

One mistake per record keeps the expected findings exact: two mistakes on one record could
mask or provoke each other's controls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kostra.synth.injector import ErrorInjector, Workshop
from kostra.synth.layout import Record

Plan = list[tuple[ErrorInjector, list[int]]]


class Placer:
    """Hands out records (by index) to mistakes."""

    def __init__(self, values: Sequence[Record], excluded: set[int], shop: Workshop) -> None:
        self._values = values
        self._shop = shop
        self._free = [i for i in range(len(values)) if i not in excluded]

    def place(self, chosen: Sequence[ErrorInjector]) -> Plan:
        """Every mistake in `chosen`, in order; ValueError if one finds no suitable record."""
        plan: Plan = []
        for mistake in chosen:
            indices = self._take(mistake)
            if indices is None:
                raise ValueError(
                    f"ingen ledig post passer for feiltypen «{mistake.id}» "
                    f"({len(plan)} feil plassert før den)"
                )
            plan.append((mistake, indices))
        return plan

    def draw(self, candidates: Sequence[ErrorInjector], count: int) -> Plan:
        """`count` mistakes drawn at random from `candidates` (those that stop the run excepted)."""
        pool = [c for c in candidates if not c.fatal]
        plan: Plan = []
        rng = self._shop.rng
        while len(plan) < count:
            if not pool:
                raise ValueError(
                    f"bare {len(plan)} av {count} feil fikk plass i {len(self._values)} poster; "
                    "lag flere poster eller færre feil"
                )
            mistake = rng.choice(pool)
            indices = self._take(mistake)
            if indices is None:
                pool.remove(mistake)
            else:
                plan.append((mistake, indices))
        return plan

    def _take(self, mistake: ErrorInjector) -> list[int] | None:
        values, shop = self._values, self._shop
        first = self._find(lambda i: mistake.suits(values[i], shop))
        if first is None:
            return None
        taken = [first]
        key = tuple(values[first].get(name, "") for name in mistake.same)
        while len(taken) < mistake.records:
            other = self._find(
                lambda i: (
                    mistake.suits(values[i], shop)
                    and tuple(values[i].get(name, "") for name in mistake.same) == key
                )
            )
            if other is None:
                self._free.extend(taken)
                return None
            taken.append(other)
        return taken

    def _find(self, suitable: Callable[[int], bool]) -> int | None:
        """A free record that is `suitable`, taken out of the free list; None if there is none."""
        free = self._free
        if not free:
            return None
        start = self._shop.rng.randrange(len(free))
        for step in range(len(free)):
            position = (start + step) % len(free)
            index = free[position]
            if suitable(index):
                free[position] = free[-1]
                free.pop()
                return index
        return None
