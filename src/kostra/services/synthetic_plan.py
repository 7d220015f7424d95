"""What each unit does with each form of a synthetic year, and when: the events that
`store.synthetic` plays through the portal's functions.

Last year every unit delivered (a few late). This year each unit and form has a story, drawn
with the shares below: on time, late, errors outstanding, missing; for a unit with nobody to
report, declared (on time or late) or not; and for a web form whose first answers only warned,
submitted with the warnings acknowledged (half of those corrected later). `FIXED` pins the
stories the demo's accounts show. The same seed gives the same events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from random import Random

from kostra.intake.calendar import Window
from kostra.synth import answer_errors
from kostra.synth.manifest import Entry
from kostra.text import OSLO

# What a unit did with a form this year, and how often (of units with something to report).
ON_TIME, LATE, ERRORS_OUTSTANDING, MISSING = "on_time", "late", "errors_outstanding", "missing"
DECLARED, DECLARED_LATE, UNDECLARED = "declared", "declared_late", "undeclared"
WARNINGS_ACKNOWLEDGED = "warnings_acknowledged"  # a web form's first version warned
_WITH_RECORDS = ((ON_TIME, 0.74), (LATE, 0.10), (ERRORS_OUTSTANDING, 0.09), (MISSING, 0.07))
_WITHOUT_RECORDS = ((DECLARED, 0.80), (DECLARED_LATE, 0.10), (UNDECLARED, 0.10))
# Units whose story is fixed, so the demo's accounts show each case: Gamle Oslo has errors
# outstanding in 11F and has not yet filled in form 7; Bergen has delivered every form.
FIXED = {("030101", "11F"): ERRORS_OUTSTANDING, ("030101", "11CF"): ON_TIME,
         ("030101", "7"): MISSING,
         ("4601", "11F"): ON_TIME, ("4601", "11CF"): ON_TIME, ("4601", "7"): ON_TIME,
         ("4601", "7B"): ON_TIME, ("4601", "12"): ON_TIME}  # fmt: skip


def _moment(rng: Random, first: date, last: date) -> datetime:
    """A working-hours moment between two days (Oslo time), in UTC."""
    days = max((last - first).days, 0)
    day = first + timedelta(days=rng.randint(0, days))
    clock = time(rng.randint(8, 15), rng.randint(0, 59), rng.randint(0, 59))
    return datetime.combine(day, clock, OSLO).astimezone(UTC)


def _story(rng: Random, entry: Entry) -> str:
    fixed = FIXED.get((entry.unit.code, entry.form))
    if fixed is not None:
        return fixed
    table = _WITH_RECORDS if entry.file is not None else _WITHOUT_RECORDS
    story = rng.choices([name for name, _ in table], [share for _, share in table])[0]
    if story == ERRORS_OUTSTANDING and entry.errors_placed == 0:
        return ON_TIME  # a file without mistakes cannot have errors outstanding
    # Answers that only warn may be submitted: some units did, acknowledging the warnings.
    warns = entry.mistake is not None and not _blocks(entry.mistake) and story != MISSING
    if warns and (story == ERRORS_OUTSTANDING or rng.random() < 0.5):
        return WARNINGS_ACKNOWLEDGED
    return story


def _blocks(mistake: str) -> bool:
    return answer_errors.find(mistake).severity.blocks_submission


@dataclass(frozen=True)
class Event:
    """One thing a unit (or staff) did, at a moment."""

    at: datetime
    kind: str  # upload, submit, declare, remind, error_list
    entry: Entry
    year: int
    path: Path | None = None  # the file uploaded
    key: str = ""  # names an upload, for the submission or error list that refers to it


def _upload_then_submit(
    rng: Random, entry: Entry, year: int, corrected: Path | None, start: datetime, key: str
) -> list[Event]:
    """Upload (the file with mistakes first, if it has any, then the corrected one) and submit."""
    events = []
    at = start
    if entry.errors_placed and corrected is not None:
        events.append(Event(at, "upload", entry, year, entry.file, key + ":first"))
        at += timedelta(hours=rng.randint(1, 50), minutes=rng.randint(0, 59))
    path = corrected if corrected is not None else entry.file
    events.append(Event(at, "upload", entry, year, path, key))
    events.append(Event(at + timedelta(minutes=rng.randint(2, 30)), "submit", entry, year,
                         key=key))  # fmt: skip
    return events


def plan_last_year(entries: list[Entry], year: int, window: Window, seed: int) -> list[Event]:
    events: list[Event] = []
    for entry in entries:
        rng = Random(f"kostra-demo:{seed}:{year}:{entry.unit.code}:{entry.form}")
        if entry.file is None:
            at = _moment(rng, window.opens, window.deadline)
            events.append(Event(at, "declare", entry, year))
            continue
        late = rng.random() < 0.07
        first, last = (
            (window.deadline + timedelta(days=1), window.corrections - timedelta(days=10))
            if late
            else (window.opens, window.deadline)
        )
        key = f"{year}:{entry.unit.code}:{entry.form}"
        events += _upload_then_submit(rng, entry, year, None, _moment(rng, first, last), key)
    return events


def plan_this_year(
    entries: list[Entry], corrected: dict[tuple[str, str], Path], year: int, window: Window,
    today: date, seed: int, stories: dict[str, int],
) -> list[Event]:  # fmt: skip
    events: list[Event] = []
    yesterday = today - timedelta(days=1)
    after_deadline = window.deadline + timedelta(days=1)
    for entry in entries:
        rng = Random(f"kostra-demo:{seed}:{year}:{entry.unit.code}:{entry.form}")
        story = _story(rng, entry)
        stories[story] = stories.get(story, 0) + 1
        key = f"{year}:{entry.unit.code}:{entry.form}"
        fixed = corrected.get((entry.unit.code, entry.form))
        if story in (ON_TIME, LATE):
            first, last = (
                (window.opens, window.deadline - timedelta(days=3))
                if story == ON_TIME
                else (after_deadline, yesterday - timedelta(days=2))
            )
            events += _upload_then_submit(rng, entry, year, fixed, _moment(rng, first, last), key)
        elif story == WARNINGS_ACKNOWLEDGED:
            at = _moment(rng, window.opens, window.deadline - timedelta(days=3))
            events.append(Event(at, "upload", entry, year, entry.file, key + ":first"))
            events.append(Event(at + timedelta(minutes=rng.randint(2, 30)), "submit", entry,
                                 year, key=key + ":first"))  # fmt: skip
            if fixed is not None and rng.random() < 0.5:  # and corrected later
                later = _moment(rng, after_deadline, yesterday - timedelta(days=2))
                events += _upload_then_submit(rng, entry, year, fixed, later, key)[-2:]
        elif story == ERRORS_OUTSTANDING:
            at = _moment(rng, window.opens, window.deadline)
            events.append(Event(at, "upload", entry, year, entry.file, key))
            if rng.random() < 0.5:
                sent = _moment(rng, after_deadline + timedelta(days=2), yesterday)
                events.append(Event(sent, "error_list", entry, year, key=key))
        elif story in (DECLARED, DECLARED_LATE):
            first, last = (
                (window.opens, window.deadline)
                if story == DECLARED
                else (after_deadline, yesterday)
            )
            events.append(Event(_moment(rng, first, last), "declare", entry, year))
        if story in (MISSING, UNDECLARED, ERRORS_OUTSTANDING) and rng.random() < 0.6:
            reminded = _moment(
                rng, after_deadline + timedelta(days=1), after_deadline + timedelta(days=1)
            )
            events.append(Event(reminded, "remind", entry, year))
    return events
