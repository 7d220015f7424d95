"""Since when a unit's delivery has stood: the one-unit reading agrees with the intake facts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kostra.intake.access import Principal, Role
from kostra.intake.calendar import default_window
from kostra.store import Database, accounts, deliveries, followup

START = datetime(2026, 1, 5, 9, tzinfo=UTC)


def _day(n: int) -> datetime:
    return START + timedelta(days=n)


def test_standing_since_agrees_with_the_facts(db: Database) -> None:
    """Declared (day 0), withdrawn (day 2), declared again (day 4), replaced by a version
    (day 6), corrected (day 8): asked every half day, both readings say the same."""
    with db.write() as session:
        user = accounts.add_user(session, username="kari", name="Kari", role=Role.REPORTER,
                                 scopes=["030101"], at=START, password="passord-1234")  # fmt: skip
        who = Principal(user.id, "kari", "Kari", Role.REPORTER, frozenset({"030101"}))
        first = deliveries.add_declaration(session, "030101", "11F", 2025, who, _day(0), late=False)
        deliveries.withdraw_declaration(first, who, _day(2))
        deliveries.add_declaration(session, "030101", "11F", 2025, who, _day(4), late=False)
        for day in (6, 8):
            upload = deliveries.add_upload(
                session, unit="030101", form="11F", year=2025, data=f"{day}".encode(),
                file_name="uttrekk.txt", user_id=user.id, at=_day(day), channel="web",
            )  # fmt: skip
            upload.state, upload.outcome, upload.records = deliveries.CHECKED, "ok", 1
            deliveries.add_submission(session, upload, who, _day(day), late=False)
    window = default_window("11F", 2025)
    seen = []
    with db.read() as session:
        for half_days in range(-1, 20):
            at = START + timedelta(hours=12 * half_days)
            facts = followup.facts(session, window, at, unit="030101").get("030101")
            expected = facts.standing_since if facts is not None else None
            found = followup.delivery_standing_since(session, "030101", "11F", 2025, at)
            assert found == expected, at
            seen.append(found)
    assert {None, _day(0), _day(4)} <= set(seen)  # nothing, the first run, the run since day 4
