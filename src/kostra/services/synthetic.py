"""A synthetic reporting year loaded into the portal's database as if the units had delivered it.

For `make demo`: last year delivered in full (a few late), so this year has something to be
compared with; this year, with a calendar moved so that today is some days past the delivery
deadline, most units have delivered (some after correcting the errors of a first upload, some
late), some have errors outstanding (a few were sent their error list), some have nothing to
report, and some have not delivered at all (a few were reminded). Every delivery goes through
the same functions as the portal's (upload kept as received, control program, comparison with
last year, submission by the window's rules), by the case-handling system's account of each
municipality, at made-up times.

The web forms (7, 7B, 12) are delivered the same way, their answers as the upload, checked
against last year's accepted answers: by the unit's own reporter where it has one (the demo's
accounts), otherwise by its system's account. Some units submitted a first version with
warnings acknowledged (a mistake in the answers that only warns), and corrected it later.

What each unit does, and when, is planned in `synthetic_plan.py`. The synthetic years come
from `kostra synth`: this year with injected errors, the same year without (the corrected
extracts and answers), and last year without; the same seed gives the same database.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Date, Row, bindparam, select, update
from sqlalchemy.orm import Session

from kostra.controls.programs import extract_forms
from kostra.intake.access import Principal, Role
from kostra.intake.calendar import Window, default_window
from kostra.intake.checking import Checked, check_upload, compared, context
from kostra.records.answers import Answers
from kostra.services import delivery, followup
from kostra.services.mail import RECORDED
from kostra.services.synthetic_plan import Event, plan_last_year, plan_this_year
from kostra.services.targets import resolve
from kostra.store import accounts, answers, calendar, deliveries
from kostra.store.database import Database
from kostra.store.models import Base, Upload, UTCDateTime
from kostra.synth.answers import WEB_FORMS
from kostra.synth.manifest import Entry, read_manifest
from kostra.text import OSLO

FORMS = extract_forms()  # the extracts
ALL_FORMS = (*FORMS, *WEB_FORMS)
_BATCH = 200  # events written in one transaction


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


def _vendor_accounts(session: Session, entries: list[Entry], at: datetime) -> dict[str, Principal]:
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
        found[vendor] = Principal(user.id, username, vendor, Role.VENDOR, frozenset(codes))
    return found


def _reporters(session: Session) -> dict[str, Principal]:
    """The reporter accounts bound to one unit each (the demo's), by the unit's code: they
    fill in their unit's web forms on the portal."""
    found = {}
    for user, scopes in accounts.users(session):
        if Role(user.role) is Role.REPORTER and len(scopes) == 1 and user.disabled_at is None:
            (code,) = scopes
            found[code] = Principal(user.id, user.username, user.name, Role.REPORTER, scopes)
    return found


Key = tuple[str, int]  # an uploaded file's path, and the year


def _check_file(
    path: str,
    form: str,
    year: int,
    municipality: str,
    district: str | None,
    last_year: Answers | None = None,
) -> Checked:
    """Check one synthetic extract, or a web form's answers against `last_year`'s (in a worker
    process)."""
    return check_upload(Path(path).read_bytes(), form, year, municipality, district, last_year)


def _uploads(events: list[Event], year: int, *, web: bool) -> dict[Key, Event]:
    """The files uploaded in `year`: the extracts, or the web forms' answers."""
    return {
        (str(e.path), e.year): e
        for e in events
        if e.kind == "upload" and e.path is not None and e.year == year and e.entry.answers is web
    }


def _compared_with(db: Database, uploads: dict[Key, Event]) -> dict[Key, Answers | None]:
    """What each web form's answers are compared with: the unit's accepted answers of last
    year, as the store has them before the year is loaded (its own deliveries do not change
    them)."""
    with db.read() as session:
        return {
            key: answers.last_year_answers(session, e.entry.unit, e.entry.form, e.year)
            for key, e in uploads.items()
        }


def _start(
    pool: Executor, uploads: dict[Key, Event], last: dict[Key, Answers | None]
) -> dict[Key, Future[Checked]]:
    return {
        key: pool.submit(_check_file, key[0], e.entry.form, e.year, e.entry.unit.municipality,
                         e.entry.unit.district, last.get(key))
        for key, e in uploads.items()
    }  # fmt: skip


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
    year, entries = read_manifest(this_year, answers=True)
    corrected_year_number, corrected_entries = read_manifest(corrected_year, answers=True)
    previous, last_entries = read_manifest(last_year, answers=True)
    if corrected_year_number != year or previous != year - 1:
        raise ValueError(
            f"expected {year} with errors, {year} corrected and {year - 1}; got {year}, "
            f"{corrected_year_number} and {previous}"
        )
    corrected = {(e.unit.code, e.form): e.file for e in corrected_entries if e.file is not None}
    loaded = Loaded(year)
    created = datetime.combine(today - timedelta(days=400), time(8), OSLO).astimezone(UTC)
    with db.write() as session:
        vendors = _vendor_accounts(session, entries + last_entries, created)
        loaded.vendors = {name: who.user_id for name, who in vendors.items()}
        last_window = {form: default_window(form, previous) for form in ALL_FORMS}
        for form in ALL_FORMS:
            # Last year's defaults are written too, so that `move_in_time` moves them with the rest.
            calendar.set_window(
                session, form, previous, _dates(last_window[form]), staff_id, created
            )
            calendar.set_window(
                session, form, year, _dates(demo_window(form, year, today)), staff_id, created
            )
        reporters = _reporters(session)
    events = [
        e
        for form in ALL_FORMS
        for e in plan_last_year(
            [x for x in last_entries if x.form == form], previous, last_window[form], seed
        )
    ]
    this_window = {form: demo_window(form, year, today) for form in ALL_FORMS}
    for form in ALL_FORMS:
        events += plan_this_year(
            [x for x in entries if x.form == form], corrected, year, this_window[form], today,
            seed, loaded.stories,
        )  # fmt: skip
    windows = {previous: last_window, year: this_window}
    played = sorted(events, key=lambda e: (e.year, e.at, e.kind))
    extracts = {y: _uploads(events, y, web=False) for y in windows}
    filled_in = {y: _uploads(events, y, web=True) for y in windows}
    total, done = sum(map(len, (*extracts.values(), *filled_in.values()))), [0]

    def tick() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], total)

    spawn = multiprocessing.get_context("spawn")  # a fork after polars has run can deadlock
    workers = workers or max(1, os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
        # Last year is checked first, and loaded while this year's extracts are checked; this
        # year's answers are checked once last year's, which they are compared with, are in.
        first = extracts[previous] | filled_in[previous]
        pending = _start(pool, first, _compared_with(db, filled_in[previous]))
        later = _start(pool, extracts[year], {})
        of_last_year = [e for e in played if e.year == previous]
        _play(db, of_last_year, _results(pending, tick), vendors, loaded, staff_id, reporters)
        later |= _start(pool, filled_in[year], _compared_with(db, filled_in[year]))
        of_this_year = [e for e in played if e.year == year]
        _play(db, of_this_year, _results(later, tick), vendors, loaded, staff_id, reporters)
    return loaded


def move_in_time(db: Database, days: int) -> None:
    """Move every date and moment in the database `days` days on, all alike.

    A demo database built on one day and shown on a later one tells the same story: the deadline
    is as many days past, each delivery as early or late, each reminder as old as on the day it
    was built. Every column of a date or a moment moves; nothing else changes.
    """
    if days == 0:
        return
    shift = timedelta(days=days)
    with db.write() as session:
        for table in Base.metadata.sorted_tables:
            moments = [c for c in table.columns if isinstance(c.type, UTCDateTime | Date)]
            if not moments:
                continue
            keys = list(table.primary_key.columns)
            rows = session.execute(select(*keys, *moments)).all()
            if not rows:
                continue
            statement = (
                update(table)
                .where(*(key == bindparam(f"key_{key.name}") for key in keys))
                .values({column.name: bindparam(f"new_{column.name}") for column in moments})
            )
            moved = [_moved(row, keys, moments, shift) for row in rows]
            session.connection().execute(statement, moved)


def _moved(
    row: Row[Any], keys: list[Column[Any]], moments: list[Column[Any]], shift: timedelta
) -> dict[str, Any]:
    """The bound values that move one row: its key as it is, its dates and moments moved."""
    key_values, moment_values = row[: len(keys)], row[len(keys) :]
    found = {f"key_{key.name}": value for key, value in zip(keys, key_values, strict=True)}
    return found | {
        f"new_{column.name}": None if value is None else value + shift
        for column, value in zip(moments, moment_values, strict=True)
    }


def _results(futures: dict[Key, Future[Checked]], tick: Callable[[], None]) -> dict[Key, Checked]:
    results = {}
    for key, future in futures.items():
        results[key] = future.result()
        tick()
    return results


def _dates(window: Window) -> tuple[date, date, date, date]:
    return window.opens, window.deadline, window.corrections, window.closes


def _play(
    db: Database,
    events: list[Event],
    checked: dict[Key, Checked],
    vendors: dict[str, Principal],
    loaded: Loaded,
    staff_id: int,
    reporters: dict[str, Principal],
) -> None:
    """Write the events in time order, as the portal would have (but a few hundred events to a
    transaction, where the portal makes one per request: that loads several times faster)."""
    uploads: dict[str, str] = {}  # key → upload id
    for start in range(0, len(events), _BATCH):
        with db.write() as session:
            for event in events[start : start + _BATCH]:
                entry = event.entry
                who = vendors[entry.vendor]
                if entry.answers:  # filled in on the portal by the unit's reporter, if any
                    who = reporters.get(entry.unit.code, who)
                _apply(session, event, who, checked, uploads, staff_id)
                if event.kind == "upload":
                    loaded.uploads += 1


def _apply(
    session: Session, event: Event, who: Principal,
    checked: dict[Key, Checked], uploads: dict[str, str], staff_id: int,
) -> None:  # fmt: skip
    """One event, through the same use cases (and policy) as the portal's."""
    entry, year = event.entry, event.year
    if event.kind == "upload" and event.path is not None:
        uploads[event.key] = _upload(session, event, who, checked).id
    elif event.kind == "submit":
        delivery.submit_in(session, who, uploads[event.key], warnings_seen=True, at=event.at)
    elif event.kind == "declare":
        delivery.declare_in(session, who, resolve(entry.unit.code, entry.form, year), event.at)
    elif event.kind == "remind":  # recorded, and in the unit's inbox, as the portal does
        target = resolve(entry.unit.code, entry.form, year)
        text, _ = followup.reminder_text(session, target, event.at, target.url)
        followup.keep_reminder(
            session, target, text, sent_by=staff_id, at=event.at, recipients=[],
            delivery=RECORDED,
        )  # fmt: skip
    elif event.kind == "error_list":
        upload = session.get(Upload, uploads[event.key])
        assert upload is not None
        target = resolve(upload.unit, upload.form, upload.year)
        notice = followup.error_list_text(target, upload, event.at, f"/opplastinger/{upload.id}")
        followup.keep_error_list(
            session, upload, notice, "", sent_by=staff_id, at=event.at, recipients=[],
            delivery=RECORDED,
        )  # fmt: skip


def _upload(session: Session, event: Event, who: Principal, checked: dict[Key, Checked]) -> Upload:
    """Keep an upload and its check (made beforehand); an extract's compared with last year's
    totals."""
    entry, year, path = event.entry, event.year, event.path
    assert path is not None
    data = path.read_bytes()
    row = deliveries.add_upload(
        session, unit=entry.unit.code, form=entry.form, year=year, data=data,
        file_name=f"skjema-{entry.form}-{year}.json" if entry.answers else path.name,
        user_id=who.user_id, at=event.at, channel="web" if who.role is Role.REPORTER else "api",
    )  # fmt: skip
    session.flush()
    made = checked[(str(path), year)]
    if not entry.answers:
        last = deliveries.last_year_totals(session, entry.unit, entry.form, year)
        made = compared(made, last, context(entry.form, year, entry.unit))
    return deliveries.record_checked(session, row.id, made, event.at + timedelta(seconds=2))
