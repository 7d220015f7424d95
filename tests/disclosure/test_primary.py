"""Primary suppression: counts from 1 to max_n, zeros only when asked."""

from __future__ import annotations

import pytest

from kostra.disclosure import primary

FREQ = {"a": 0, "b": 1, "c": 2, "d": 3, "e": 40}


@pytest.mark.parametrize(
    ("max_n", "protect_zeros", "expected"),
    [
        (2, False, {"b", "c"}),
        (3, False, {"b", "c", "d"}),
        (2, True, {"a", "b", "c"}),
        (0, False, set()),
        (0, True, {"a"}),
        (40, False, {"b", "c", "d", "e"}),
    ],
    ids=["max2", "max3", "max2-zeros", "max0", "max0-zeros", "everything-but-zero"],
)
def test_small_counts_are_primary(max_n: int, protect_zeros: bool, expected: set[str]) -> None:
    assert primary(FREQ, max_n, protect_zeros=protect_zeros) == expected


def test_a_negative_threshold_is_refused() -> None:
    with pytest.raises(ValueError, match="max_n"):
        primary(FREQ, -1)
