"""A synthetic reporting year loaded into the portal's database as if the units had delivered it.

For `make demo`: last year delivered in full (a few late), so this year has something to be
compared with; this year, with a calendar moved so that today is some days past the delivery
deadline, most units have delivered (some after correcting the errors of a first upload, some
late), some have errors outstanding (a few were sent their error list), some have nothing to
report, and some have not delivered at all (a few were reminded). Every delivery goes through
the same functions as the portal's (upload kept as received, control program, comparison with
last year, submission by the window's rules), by the case-handling system's account of each
municipality, at made-up times.

The synthetic years come from `kostra synth`: this year with injected errors, the same year
without (the corrected extracts), and last year without; the same seed gives the same database.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from random import Random

from sqlalchemy.orm import Session

from kostra.intake.access import Principal, Role
from kostra.intake.calendar import Window, default_window
from kostra.intake.checking import Checked, check_upload, compared, context
from kostra.intake.dates import OSLO_TIME
from kostra.store import accounts, calendar, deliveries, followup
from kostra.store.database import Database
from kostra.store.deliveries import Acknowledgement
from kostra.store.models import Upload
from kostra.synth.manifest import Entry, read_manifest

FORMS = ("11F", "11CF")
# What a unit did with a form this year, and how often (of units with something to report).
ON_TIME, LATE, ERRORS_OUTSTANDING, MISSING = "on_time", "late", "errors_outstanding", "missing"
DECLARED, DECLARED_LATE, UNDECLARED = "declared", "declared_late", "undeclared"
_WITH_RECORDS = ((ON_TIME, 0.74), (LATE, 0.10), (ERRORS_OUTSTANDING, 0.09), (MISSING, 0.07))
_WITHOUT_RECORDS = ((DECLARED, 0.80), (DECLARED_LATE, 0.10), (UNDECLARED, 0.10))
# Units whose story is fixed, so the demo's accounts show each case: Gamle Oslo has errors
# outstanding in 11F; Bergen has delivered both forms.
FIXED = {("030101", "11F"): ERRORS_OUTSTANDING, ("030101", "11CF"): ON_TIME,
         ("4601", "11F"): ON_TIME, ("4601", "11CF"): ON_TIME}  # fmt: skip


def demo_window(form: str, year: int, today: date) -> Window:
    """This year's window moved so that `today` is 12 days past the deadline, corrections open."""
    return Window(
        form,
        year,
        opens=today - timedelta(days=40),
        deadline=today - timedelta(days=12),
        corrections=today + timedelta(days=50),
        closes=today + timedelta(days=90),
    )


@dataclass
class Loaded:
    """What was loaded: counts per story, and the vendor accounts' names."""

    year: int
    stories: dict[str, int] = field(default_factory=dict)
    vendors: dict[str, int] = field(default_factory=dict)  # vendor name → user id
    uploads: int = 0


Progress = Callable[[int, int], None]


def _moment(rng: Random, first: date, last: date) -> datetime:
    """A working-hours moment between two days (Oslo time), in UTC."""
    days = max((last - first).days, 0)
    day = first + timedelta(days=rng.randint(0, days))
    clock = time(rng.randint(8, 15), rng.randint(0, 59), rng.randint(0, 59))
    return datetime.combine(day, clock, OSLO_TIME).astimezone(UTC)


def _story(rng: Random, entry: Entry) -> str:
    fixed = FIXED.get((entry.unit.code, entry.form))
    if fixed is not None:
        return fixed
    table = _WITH_RECORDS if entry.file is not None else _WITHOUT_RECORDS
    story = rng.choices([name for name, _ in table], [share for _, share in table])[0]
    if story == ERRORS_OUTSTANDING and entry.errors_placed == 0:
        return ON_TIME  # a file without mistakes cannot have errors outstanding
    return story


def _vendor_accounts(session: Session, entries: list[Entry], at: datetime) -> dict[str, int]:
    scopes: dict[str, set[str]] = {}
    for entry in entries:
        scopes.setdefault(entry.vendor, set()).add(entry.unit.municipality)
    found = {}
    for vendor, codes in sorted(scopes.items()):
        username = vendor.lower().replace(" ", "-")
        user = accounts.find_user(session, username)
        if user is None:
            user = accounts.add_user(
                session, username=username, name=vendor, role=Role.VENDOR,
                scopes=sorted(codes), at=at,
            )  # fmt: skip
        found[vendor] = user.id
    return found


def _principal(user_id: int, vendor: str) -> Principal:
    return Principal(user_id, vendor, vendor, Role.VENDOR, frozenset())


@dataclass(frozen=True)
class _Event:
    """One thing a unit (or staff) did, at a moment."""

    at: datetime
    kind: str  # upload, submit, declare, remind, error_list
    entry: Entry
    year: int
    path: Path | None = None  # the file uploaded
    key: str = ""  # names an upload, for the submission or error list that refers to it


def _upload_then_submit(
    rng: Random, entry: Entry, year: int, corrected: Path | None, start: datetime, key: str
) -> list[_Event]:
    """Upload (the file with mistakes first, if it has any, then the corrected one) and submit."""
    events = []
    at = start
    if entry.errors_placed and corrected is not None:
        events.append(_Event(at, "upload", entry, year, entry.file, key + ":first"))
        at += timedelta(hours=rng.randint(1, 50), minutes=rng.randint(0, 59))
    path = corrected if corrected is not None else entry.file
    events.append(_Event(at, "upload", entry, year, path, key))
    events.append(_Event(at + timedelta(minutes=rng.randint(2, 30)), "submit", entry, year,
                         key=key))  # fmt: skip
    return events


def _plan_last_year(entries: list[Entry], year: int, window: Window, seed: int) -> list[_Event]:
    events: list[_Event] = []
    for entry in entries:
        rng = Random(f"kostra-demo:{seed}:{year}:{entry.unit.code}:{entry.form}")
        if entry.file is None:
            at = _moment(rng, window.opens, window.deadline)
            events.append(_Event(at, "declare", entry, year))
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


def _plan_this_year(
    entries: list[Entry], corrected: dict[tuple[str, str], Path], year: int, window: Window,
    today: date, seed: int, stories: dict[str, int],
) -> list[_Event]:  # fmt: skip
    events: list[_Event] = []
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
        elif story == ERRORS_OUTSTANDING:
            at = _moment(rng, window.opens, window.deadline)
            events.append(_Event(at, "upload", entry, year, entry.file, key))
            if rng.random() < 0.5:
                sent = _moment(rng, after_deadline + timedelta(days=2), yesterday)
                events.append(_Event(sent, "error_list", entry, year, key=key))
        elif story in (DECLARED, DECLARED_LATE):
            first, last = (
                (window.opens, window.deadline)
                if story == DECLARED
                else (after_deadline, yesterday)
            )
            events.append(_Event(_moment(rng, first, last), "declare", entry, year))
        if story in (MISSING, UNDECLARED, ERRORS_OUTSTANDING) and rng.random() < 0.6:
            reminded = _moment(
                rng, after_deadline + timedelta(days=1), after_deadline + timedelta(days=1)
            )
            events.append(_Event(reminded, "remind", entry, year))
    return events


def _check_file(
    path: str, form: str, year: int, municipality: str, district: str | None
) -> Checked:
    """Check one synthetic extract (in a worker process)."""
    return check_upload(Path(path).read_bytes(), form, year, municipality, district)


def _checks(
    events: list[_Event], workers: int, progress: Progress | None
) -> dict[tuple[str, int], Checked]:
    """The control program's result for every file uploaded, computed in parallel."""
    jobs = {(str(e.path), e.year): e for e in events if e.kind == "upload" and e.path is not None}
    results: dict[tuple[str, int], Checked] = {}
    context = multiprocessing.get_context("spawn")  # a fork after polars has run can deadlock
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {
            pool.submit(_check_file, path, e.entry.form, year, e.entry.unit.municipality,
                        e.entry.unit.district): (path, year)
            for (path, year), e in jobs.items()
        }  # fmt: skip
        for done, future in enumerate(futures, start=1):
            results[futures[future]] = future.result()
            if progress is not None:
                progress(done, len(futures))
    return results


def deliver(
    db: Database,
    *,
    this_year: Path,
    corrected_year: Path,
    last_year: Path,
    today: date,
    staff_id: int,
    seed: int = 2025,
    workers: int = 0,
    progress: Progress | None = None,
) -> Loaded:
    """Load last year as delivered and this year as partly delivered (see the module's text)."""
    year, entries = read_manifest(this_year)
    corrected_year_number, corrected_entries = read_manifest(corrected_year)
    previous, last_entries = read_manifest(last_year)
    if corrected_year_number != year or previous != year - 1:
        raise ValueError(
            f"expected {year} with errors, {year} corrected and {year - 1}; got {year}, "
            f"{corrected_year_number} and {previous}"
        )
    corrected = {(e.unit.code, e.form): e.file for e in corrected_entries if e.file is not None}
    loaded = Loaded(year)
    created = datetime.combine(today - timedelta(days=400), time(8), OSLO_TIME).astimezone(UTC)
    with db.write() as session:
        loaded.vendors = _vendor_accounts(session, entries + last_entries, created)
        for form in FORMS:
            calendar.set_window(
                session, form, year, _dates(demo_window(form, year, today)), staff_id, created
            )
    last_window = {form: default_window(form, previous) for form in FORMS}
    events = [
        e
        for form in FORMS
        for e in _plan_last_year(
            [x for x in last_entries if x.form == form], previous, last_window[form], seed
        )
    ]
    this_window = {form: demo_window(form, year, today) for form in FORMS}
    for form in FORMS:
        events += _plan_this_year(
            [x for x in entries if x.form == form], corrected, year, this_window[form], today,
            seed, loaded.stories,
        )  # fmt: skip
    checked = _checks(events, workers or max(1, os.cpu_count() or 1), progress)
    windows = {previous: last_window, year: this_window}
    _play(db, sorted(events, key=lambda e: (e.year, e.at, e.kind)), checked, windows, loaded,
          staff_id)  # fmt: skip
    return loaded


def _dates(window: Window) -> tuple[date, date, date, date]:
    return window.opens, window.deadline, window.corrections, window.closes


def _play(
    db: Database,
    events: list[_Event],
    checked: dict[tuple[str, int], Checked],
    windows: dict[int, dict[str, Window]],
    loaded: Loaded,
    staff_id: int,
) -> None:
    """Write the events in time order, as the portal would have."""
    uploads: dict[str, str] = {}  # key → upload id
    for event in events:
        entry, year = event.entry, event.year
        who = _principal(loaded.vendors[entry.vendor], entry.vendor)
        window = windows[year][entry.form]
        with db.write() as session:
            if event.kind == "upload" and event.path is not None:
                row = deliveries.add_upload(
                    session, unit=entry.unit.code, form=entry.form, year=year,
                    data=event.path.read_bytes(), file_name=event.path.name, user_id=who.user_id,
                    at=event.at, channel="api",
                )  # fmt: skip
                session.flush()
                last = deliveries.last_year_totals(session, entry.unit, entry.form, year)
                made = compared(checked[(str(event.path), year)], last,
                                context(entry.form, year, entry.unit))  # fmt: skip
                deliveries.record_checked(session, row.id, made, event.at + timedelta(seconds=2))
                uploads[event.key] = row.id
                loaded.uploads += 1
            elif event.kind == "submit":
                upload = session.get(Upload, uploads[event.key])
                assert upload is not None
                deliveries.submit(session, upload, who, window, Acknowledgement(True), event.at)
            elif event.kind == "declare":
                deliveries.declare(session, entry.unit.code, entry.form, year, who, window,
                                   event.at)  # fmt: skip
            elif event.kind == "remind":
                followup.add_reminder(
                    session, unit=entry.unit.code, form=entry.form, year=year, sent_by=staff_id,
                    at=event.at, recipients=[], delivery="recorded", detail=None,
                )  # fmt: skip
            elif event.kind == "error_list":
                upload = session.get(Upload, uploads[event.key])
                assert upload is not None
                followup.add_error_list(
                    session, upload=upload, sent_by=staff_id, at=event.at, recipients=[],
                    delivery="recorded", detail=None,
                )  # fmt: skip
