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
    decimals: int = 0  # as the figure is published


_Cell = tuple[tuple[str, ...], Value, Symbol | None, int]


def _cells(dataset: Dataset) -> dict[tuple[str, ...], _Cell]:
    cells = {}
    for categories, value, status in dataset.cells():
        decimals = next((c.unit.decimals for c in categories if c.unit), 0)
        labels = tuple(c.label for c in categories)
        cells[tuple(c.code for c in categories)] = (labels, value, status, decimals)
    return cells


def diff(before: Dataset, after: Dataset) -> list[Change]:
    """The cells of `after` that differ from `before` (by codes: regions or years that only one
    of them has count as changed from or to missing), in `after`'s order."""
    old, new = _cells(before), _cells(after)
    changes = []
    for codes, (labels, value, status, decimals) in new.items():
        previous = old.get(codes)
        if previous is None:
            changes.append(Change(codes, labels, None, Symbol.MISSING, value, status, decimals))
        elif (previous[1], previous[2]) != (value, status):
            was, was_status = previous[1], previous[2]
            changes.append(Change(codes, labels, was, was_status, value, status, decimals))
    for codes, (labels, value, status, decimals) in old.items():
        if codes not in new:
            changes.append(Change(codes, labels, value, status, None, Symbol.MISSING, decimals))
    return changes
