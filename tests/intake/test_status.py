"""A unit's status from its history: delivered, declared, in error, missing, late."""

from __future__ import annotations

from datetime import datetime

import pytest

from kostra.controls import Severity
from kostra.intake.calendar import default_window
from kostra.intake.status import Facts, Status, counts, standing_since, status_of
from kostra.text import OSLO

WINDOW = default_window("11F", 2025)
BEFORE, AFTER = datetime(2026, 1, 10, tzinfo=OSLO), datetime(2026, 3, 15, tzinfo=OSLO)
EARLY = datetime(2026, 1, 5, tzinfo=OSLO)
LATE_DAY = datetime(2026, 2, 1, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("facts", "at", "status", "late"),
    [
        (Facts("1103"), BEFORE, Status.NOT_RECEIVED, False),
        (Facts("1103"), AFTER, Status.LATE, True),
        (Facts("1103", uploads=1, last_upload_at=EARLY, last_upload_outcome=Severity.ERROR),
         BEFORE, Status.RECEIVED_WITH_ERRORS, False),
        (Facts("1103", uploads=1, last_upload_at=EARLY, last_upload_outcome=Severity.FATAL),
         AFTER, Status.RECEIVED_WITH_ERRORS, True),
        (Facts("1103", uploads=1, last_upload_at=EARLY, last_upload_outcome=Severity.OK),
         AFTER, Status.LATE, True),  # checked clean but never submitted: not delivered
        (Facts("1103", uploads=1, version=1, version_outcome=Severity.OK, version_at=EARLY,
               first_delivered_at=EARLY, standing_since=EARLY), AFTER, Status.ACCEPTED, False),
        (Facts("1103", uploads=1, version=1, version_outcome=Severity.WARNING,
               version_at=LATE_DAY, first_delivered_at=LATE_DAY, standing_since=LATE_DAY),
         AFTER, Status.ACCEPTED_WITH_WARNINGS, True),
        (Facts("1103", declared_at=EARLY, first_delivered_at=EARLY, standing_since=EARLY),
         AFTER, Status.NOTHING_TO_REPORT, False),
        # declared on time, withdrawn after the deadline, submitted later: late
        (Facts("1103", uploads=1, version=1, version_outcome=Severity.OK, version_at=LATE_DAY,
               first_delivered_at=EARLY, standing_since=LATE_DAY), AFTER, Status.ACCEPTED, True),
        # delivered before the deadline, looked at before the deadline: not late
        (Facts("1103", uploads=1, version=1, version_outcome=Severity.OK, version_at=EARLY,
               first_delivered_at=EARLY, standing_since=EARLY), BEFORE, Status.ACCEPTED, False),
    ],
    ids=["nothing-yet", "late", "errors", "fatal-late", "clean-not-submitted", "accepted",
         "accepted-late-warnings", "declared", "declared-withdrawn-then-late", "early-look"],
)  # fmt: skip
def test_status(facts: Facts, at: datetime, status: Status, late: bool) -> None:
    found = status_of(facts, WINDOW, at)
    assert (found.status, found.late) == (status, late)


def test_a_newer_upload_after_the_submission_is_noted() -> None:
    facts = Facts("1103", uploads=2, last_upload_at=LATE_DAY, last_upload_outcome=Severity.ERROR,
                  version=1, version_outcome=Severity.OK, version_at=EARLY,
                  first_delivered_at=EARLY, standing_since=EARLY)  # fmt: skip
    found = status_of(facts, WINDOW, AFTER)
    assert found.status is Status.ACCEPTED
    assert "ikke sendt inn" in found.note


def test_counts_have_every_status() -> None:
    statuses = [status_of(Facts("1"), WINDOW, AFTER), status_of(Facts("2"), WINDOW, AFTER)]
    found = counts(statuses)
    assert found[Status.LATE] == 2
    assert set(found) == set(Status)


DAY = [datetime(2026, 1, d, tzinfo=OSLO) for d in range(1, 31)]


@pytest.mark.parametrize(
    ("intervals", "at", "since"),
    [
        ([], DAY[20], None),
        ([(DAY[3], None)], DAY[20], DAY[3]),  # a submission stands for good
        ([(DAY[3], DAY[10])], DAY[20], None),  # a declaration withdrawn: nothing stands
        ([(DAY[3], DAY[10])], DAY[5], DAY[3]),  # ... but it stood then
        ([(DAY[3], DAY[10]), (DAY[10], None)], DAY[20], DAY[3]),  # replaced by a submission
        ([(DAY[3], DAY[10]), (DAY[15], None)], DAY[20], DAY[15]),  # a break, then a file
        ([(DAY[25], None)], DAY[20], None),  # not yet
    ],
    ids=["nothing", "submitted", "withdrawn", "before-withdrawal", "seamless", "break", "future"],
)  # fmt: skip
def test_standing_since(
    intervals: list[tuple[datetime, datetime | None]], at: datetime, since: datetime | None
) -> None:
    assert standing_since(intervals, at) == since
