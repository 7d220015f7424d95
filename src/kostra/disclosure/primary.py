"""Primary suppression (primærprikking): the cells of a count table too small to publish.

SSB's frequency rule (`PrimaryDefault` in its GaussSuppression package): a cell counting at least
one and at most `max_n` persons is suppressed. Zeros stay visible by default. A zero in a table
of recipients (no one in Hasvik received qualification benefit) is most often structural or
obvious, and it says nothing about any one person: there is no one in the cell to recognise.
Hiding zeros would also hide most of a small municipality's row, and every hidden zero needs
other cells hidden with it. With `protect_zeros` zeros are suppressed too, for tables where
"nobody" is itself sensitive (SSB's `SuppressSmallCounts` does so by default).
"""

from __future__ import annotations

from collections.abc import Mapping


def primary(freq: Mapping[str, int], max_n: int, *, protect_zeros: bool = False) -> frozenset[str]:
    """The cells of `freq` (cell → count) that the small-count rule suppresses: 1 ≤ count ≤
    `max_n`, and 0 as well when `protect_zeros`."""
    if max_n < 0:
        raise ValueError(f"max_n must be 0 or more, not {max_n}")
    lowest = 0 if protect_zeros else 1
    return frozenset(cell for cell, count in freq.items() if lowest <= count <= max_n)
