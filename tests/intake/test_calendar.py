"""The reporting calendar: defaults, phases on Oslo's clock, what may be delivered when."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kostra.intake.calendar import (
    InvalidWindow,
    Phase,
    PublicationDates,
    Window,
    default_publication_dates,
    default_window,
    may_deliver,
)
from kostra.publish.release import Stage
from kostra.text import OSLO


def oslo(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("form", "deadline"),
    [("11F", date(2026, 1, 15)), ("11CF", date(2026, 1, 15)), ("7", date(2026, 2, 15)),
     ("7B", date(2026, 2, 15)), ("12", date(2026, 2, 15))],
)  # fmt: skip
def test_defaults_follow_the_working_group(form: str, deadline: date) -> None:
    window = default_window(form, 2025)
    assert window.deadline == deadline
    assert window.corrections == date(2026, 4, 30)
    assert window.closes == date(2026, 6, 8)
    assert window.opens <= window.deadline


WINDOW = default_window("11F", 2025)


@pytest.mark.parametrize(
    ("moment", "phase"),
    [
        (oslo(2026, 1, 1, 23, 59), Phase.NOT_OPEN),
        (oslo(2026, 1, 2, 0, 0), Phase.OPEN),
        (oslo(2026, 1, 15, 23, 59, 59), Phase.OPEN),  # the deadline lasts the whole day
        (oslo(2026, 1, 16, 0, 0), Phase.LATE),
        (oslo(2026, 4, 30, 23, 0), Phase.LATE),
        (oslo(2026, 5, 1, 0, 0), Phase.NO_CORRECTIONS),
        (oslo(2026, 6, 8, 23, 59), Phase.NO_CORRECTIONS),
        (oslo(2026, 6, 9, 0, 0), Phase.CLOSED),
        # 23:30 UTC on 15 January is already 16 January in Oslo
        (datetime(2026, 1, 15, 23, 30, tzinfo=UTC), Phase.LATE),
    ],
    ids=["before", "opens", "deadline-end", "day-after", "corrections", "after-corrections",
         "closing-day", "closed", "utc-vs-oslo"],
)  # fmt: skip
def test_phase_on_oslo_clock(moment: datetime, phase: Phase) -> None:
    assert WINDOW.phase(moment) is phase


ON_TIME, AFTER = oslo(2026, 1, 10), oslo(2026, 1, 20)  # a delivery standing since then


@pytest.mark.parametrize(
    ("moment", "since", "correction", "allowed", "late", "says"),
    [
        (oslo(2025, 12, 20), None, None, False, False, "åpner 2. januar 2026"),
        (oslo(2026, 1, 10), None, None, True, False, "Leveringsfristen er 15. januar 2026"),
        (oslo(2026, 1, 10), ON_TIME, None, True, False, "Leveringsfristen er 15. januar 2026"),
        (oslo(2026, 2, 1), None, None, True, True, "forsinket"),
        (oslo(2026, 2, 1), ON_TIME, None, True, False, "Rettinger tas imot til og med 30. april"),
        (oslo(2026, 2, 1), AFTER, None, True, True, "Rettinger tas imot til og med 30. april"),
        (oslo(2026, 2, 1), None, True, True, True, "Rettinger tas imot til og med 30. april"),
        (oslo(2026, 5, 10), None, None, True, True, "forsinket"),
        (oslo(2026, 5, 10), ON_TIME, None, False, False, "Fristen for rettinger"),
        (oslo(2026, 7, 1), None, None, False, True, "stengte 8. juni 2026"),
    ],
    ids=["not-open", "on-time", "correction-on-time", "late", "correction-of-on-time",
         "correction-of-late", "declared-again-late", "late-after-corrections",
         "correction-refused", "closed"],
)  # fmt: skip
def test_may_deliver(
    moment: datetime,
    since: datetime | None,
    correction: bool | None,
    allowed: bool,
    late: bool,
    says: str,
) -> None:
    decision = may_deliver(WINDOW, moment, since=since, correction=correction)
    assert (decision.allowed, decision.late) == (allowed, late)
    assert says in decision.message


def test_dates_out_of_order_are_refused_in_words() -> None:
    with pytest.raises(InvalidWindow, match="rekkefølgen"):
        Window(
            "11F", 2025, date(2026, 2, 1), date(2026, 1, 15), date(2026, 4, 30), date(2026, 6, 8)
        )


def test_publication_dates_name_the_stages() -> None:
    dates = default_publication_dates(2025)
    assert (dates.preliminary, dates.final) == (date(2026, 3, 15), date(2026, 6, 15))
    assert Stage.PRELIMINARY.dated(dates.of("preliminary")) == "Foreløpige tall (15. mars 2026)"
    assert Stage.FINAL.dated(dates.of("final")) == "Endelige tall (15. juni 2026)"
    with pytest.raises(InvalidWindow, match="før de endelige"):
        PublicationDates(2025, date(2026, 6, 20), date(2026, 6, 15))
