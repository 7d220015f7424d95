"""Where a unit stands with a form and year: delivered, declared, in error, missing, late.

The status is worked out from a unit's history up to a moment (`Facts`), so the same function
answers "who is missing now" and "who was missing at 15 March". A delivery stands when the unit's
latest accepted submission or "nothing to report" declaration does (a declaration is withdrawn by
the unit, or replaced when it submits a file). Uploads that were checked but not submitted are
not deliveries: SSB has received nothing until the reporter submits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from kostra.controls import Severity
from kostra.intake.calendar import Window


class Status(StrEnum):
    """A unit's standing with one form and reporting year."""

    NOT_RECEIVED = "not_received"
    LATE = "late"  # not received, and the deadline has passed
    RECEIVED_WITH_ERRORS = "received_with_errors"  # uploaded, errors not yet corrected
    ACCEPTED_WITH_WARNINGS = "accepted_with_warnings"
    ACCEPTED = "accepted"
    NOTHING_TO_REPORT = "nothing_to_report"

    @property
    def label(self) -> str:
        """The status as the portal shows it."""
        return _LABELS[self]

    @property
    def delivered(self) -> bool:
        """Whether the unit has delivered: a submission or a declaration stands."""
        return self in DELIVERED


_LABELS = {
    Status.NOT_RECEIVED: "Ikke mottatt",
    Status.LATE: "Forsinket",
    Status.RECEIVED_WITH_ERRORS: "Mottatt med feil",
    Status.ACCEPTED_WITH_WARNINGS: "Godkjent med advarsler",
    Status.ACCEPTED: "Godkjent",
    Status.NOTHING_TO_REPORT: "Ingen å rapportere",
}
DELIVERED = frozenset({Status.ACCEPTED, Status.ACCEPTED_WITH_WARNINGS, Status.NOTHING_TO_REPORT})
# The order of the intake matrix's columns and counts: the most pressing first.
ORDER = (
    Status.LATE,
    Status.RECEIVED_WITH_ERRORS,
    Status.NOT_RECEIVED,
    Status.ACCEPTED_WITH_WARNINGS,
    Status.ACCEPTED,
    Status.NOTHING_TO_REPORT,
)


@dataclass(frozen=True)
class Facts:
    """What intake knew of one unit, form and year at a moment (the store gathers these)."""

    unit: str
    uploads: int = 0
    last_upload_at: datetime | None = None
    last_upload_outcome: Severity | None = None  # outcome of the last upload's control run
    version: int | None = None  # latest submission version
    version_outcome: Severity | None = None  # OK or WARNING (nothing else can be submitted)
    version_at: datetime | None = None
    first_delivered_at: datetime | None = None  # first submission or declaration
    standing_since: datetime | None = None  # since when a delivery has stood without a break
    declared_at: datetime | None = None  # a standing "nothing to report" declaration
    reminders: int = 0
    last_reminder_at: datetime | None = None
    error_lists_sent: int = 0
    error_lists_open: int = 0  # sent and not yet returned


@dataclass(frozen=True)
class UnitStatus:
    """A unit's status, whether its delivery is (or would now be) late, and a note on it."""

    status: Status
    late: bool
    note: str = ""


def status_of(facts: Facts, window: Window, at: datetime) -> UnitStatus:
    """The status of `facts`' unit at `at` under `window`'s deadline."""
    late = window.is_late(at, facts.standing_since)
    if facts.declared_at is not None:
        return UnitStatus(Status.NOTHING_TO_REPORT, late)
    if facts.version is not None:
        status = (
            Status.ACCEPTED_WITH_WARNINGS
            if facts.version_outcome is Severity.WARNING
            else Status.ACCEPTED
        )
        note = ""
        newer = facts.last_upload_at is not None and (
            facts.version_at is None or facts.last_upload_at > facts.version_at
        )
        if newer and facts.last_upload_outcome is not None:
            note = "Nyere opplasting er kontrollert, men ikke sendt inn."
        return UnitStatus(status, late, note)
    if facts.uploads and facts.last_upload_outcome is not None:
        if facts.last_upload_outcome.blocks_submission:
            return UnitStatus(Status.RECEIVED_WITH_ERRORS, late)
        note = "Kontrollert uten feil, men ikke sendt inn."
        return UnitStatus(Status.LATE if late else Status.NOT_RECEIVED, late, note)
    return UnitStatus(Status.LATE if late else Status.NOT_RECEIVED, late)


Interval = tuple[datetime, datetime | None]  # from, until (None: still standing)


def standing_since(intervals: Iterable[Interval], at: datetime) -> datetime | None:
    """Since when a delivery has stood without a break at `at`, given when each submission
    (from its time, for good) and each declaration (until withdrawn) stood; None if none stands."""
    known = sorted((start, end) for start, end in intervals if start <= at)
    since: datetime | None = None
    reach: datetime | None = None  # the end of the run of intervals that began at `since`
    for start, end in known:
        if since is None or (reach is not None and start > reach):
            since, reach = start, end  # a break: a new run starts
        elif reach is not None:
            reach = None if end is None else max(reach, end)
    if since is None or (reach is not None and reach <= at):
        return None
    return since


def counts(statuses: Iterable[UnitStatus]) -> dict[Status, int]:
    """Number of units per status, every status present, in `ORDER`."""
    found = Counter(s.status for s in statuses)
    return {status: found.get(status, 0) for status in ORDER}
