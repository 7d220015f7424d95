"""What changed between two releases, with the decimals each changed figure is published with."""

from __future__ import annotations

from dataclasses import replace

from kostra.publish.diff import diff
from tests.publish.samples import SOCIAL_ASSISTANCE


def test_changed_cells_carry_their_published_decimals() -> None:
    values = list(SOCIAL_ASSISTANCE.values)
    values[0], values[2] = 20190, 4.55  # Oslo: a count and a share
    changes = {
        c.codes: c
        for c in diff(SOCIAL_ASSISTANCE, replace(SOCIAL_ASSISTANCE, values=tuple(values)))
    }
    assert len(changes) == 2
    count, share = sorted(changes.values(), key=lambda c: c.decimals)
    assert (count.before, count.after, count.decimals) == (20182, 20190, 0)
    assert (share.before, share.after, share.decimals) == (4.25, 4.55, 1)
