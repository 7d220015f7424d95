"""What changed between two releases of a table (preliminary → final): the cells whose figure
or symbol is not the same, for the statistics office's revision log (rettelogg)."""

from __future__ import annotations

from dataclasses import dataclass

from kostra.publish.dataset import Dataset, Symbol, Value


@dataclass(frozen=True)
class Change:
    """One cell that differs between two releases."""

    codes: tuple[str, ...]  # one category code per dimension
    labels: tuple[str, ...]
    before: Value
    before_status: Symbol | None
    after: Value
    after_status: Symbol | None


def _cells(dataset: Dataset) -> dict[tuple[str, ...], tuple[tuple[str, ...], Value, Symbol | None]]:
    return {
        tuple(c.code for c in categories): (tuple(c.label for c in categories), value, status)
        for categories, value, status in dataset.cells()
    }


def diff(before: Dataset, after: Dataset) -> list[Change]:
    """The cells of `after` that differ from `before` (by codes: regions or years that only one
    of them has count as changed from or to missing), in `after`'s order."""
    old, new = _cells(before), _cells(after)
    changes = []
    for codes, (labels, value, status) in new.items():
        previous = old.get(codes)
        if previous is None:
            changes.append(Change(codes, labels, None, Symbol.MISSING, value, status))
        elif (previous[1], previous[2]) != (value, status):
            changes.append(Change(codes, labels, previous[1], previous[2], value, status))
    for codes, (labels, value, status) in old.items():
        if codes not in new:
            changes.append(Change(codes, labels, value, status, None, Symbol.MISSING))
    return changes
