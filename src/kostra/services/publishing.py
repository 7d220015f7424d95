"""Publishing the statistics (staff): a release is prepared and previewed, confirmed (by a
second member of staff for final figures), given the moment it becomes public (an embargo), and
perhaps withdrawn with a reason that stays visible.

The public reads a release from its moment on, unless it is withdrawn (`store.releases.
is_public`, decided at read time: no job has to run at the moment). The command line and the
demo publish at once (`publish`), through the same steps.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from kostra import text
from kostra.errors import Invalid, KostraError, NotFound, Reason
from kostra.intake.access import Principal
from kostra.intake.calendar import PublicationDates
from kostra.production.workers import pool
from kostra.publish.dataset import Dataset, Symbol
from kostra.publish.diff import Change, diff
from kostra.publish.jsonstat import from_jsonstat
from kostra.publish.release import Stage
from kostra.publish.tables import TABLES
from kostra.registry import DISTRICTS_AND_OSLO, reporting_units
from kostra.services.production import pseudonym_key
from kostra.settings import Settings
from kostra.store import calendar, releases
from kostra.store.database import Database
from kostra.store.models import Release, ReleaseFile, User
from kostra.text import now

NATION = "EAK"  # the country, in every table
BIGGEST = 25  # the largest changes a preview lists
REASON_MIN = 10  # characters: a withdrawal says why, in words


class State(StrEnum):
    """Where a release is on its way to the public."""

    PREPARED = "prepared"  # built, waiting for confirmation
    CONFIRMED = "confirmed"  # confirmed, no moment set
    SCHEDULED = "scheduled"  # confirmed, public at a moment to come
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


def state_of(release: Release, at: datetime) -> State:
    """The state of `release` at `at`."""
    if release.withdrawn_at is not None:
        return State.WITHDRAWN
    if release.confirmed_at is None:
        return State.PREPARED
    if release.publish_at is None:
        return State.CONFIRMED
    return State.PUBLISHED if release.publish_at <= at else State.SCHEDULED


def state_text(release: Release, at: datetime) -> str:
    """The state as staff read it: `Planlagt publisert 15. mars 2026 kl. 08:00`."""
    state = state_of(release, at)
    if state is State.WITHDRAWN:
        return withdrawal_text(release)
    if state is State.PREPARED:
        return "Under forberedelse: venter på godkjenning"
    if state is State.CONFIRMED:
        return "Godkjent: tidspunkt for publisering er ikke satt"
    moment = text.long_time(release.publish_at) if release.publish_at else ""
    return f"Planlagt publisert {moment}" if state is State.SCHEDULED else f"Publisert {moment}"


def withdrawal_text(release: Release) -> str:
    """`Trukket tilbake 16. juni 2026: <the reason>` (staff and public pages alike)."""
    when = text.long_date(release.withdrawn_at) if release.withdrawn_at else ""
    return f"Trukket tilbake {when}: {release.withdrawn_reason or ''}"


def stage_choices(session: Session, year: int) -> tuple[tuple[Stage, str], ...]:
    """The stages of `year` with their names from the calendar (`Foreløpige tall (15. mars
    2026)`)."""
    dates = calendar.publication_dates(session, year)
    return tuple((stage, stage.dated(dates.of(stage.value))) for stage in Stage)


def parse_stage(value: str) -> Stage:
    """A stage chosen on a form, or a clear message."""
    try:
        return Stage(value)
    except ValueError:
        raise Invalid("Velg foreløpige eller endelige tall.", reason=Reason.UNPROCESSABLE) from None


def prepare(
    db: Database, settings: Settings, who: Principal | None, year: int, stage: Stage
) -> releases.Prepared:
    """Make a release of `year` at `stage` from the accepted submissions now, in preparation:
    built and kept, not public (NothingToPublish when nothing is delivered)."""
    key = pseudonym_key(settings)
    with pool() as workers:
        return releases.prepare(db, year, stage, by=who.user_id if who else None, at=now(),
                                key=key, max_n=settings.suppression_max_n, pool=workers)  # fmt: skip


def publish(
    db: Database, settings: Settings, year: int, stage: Stage, by: int | None
) -> releases.Prepared:
    """Prepare, confirm and publish a release of `year` at `stage` now, in one go (the command
    line: whoever runs it has the database and answers for it)."""
    key = pseudonym_key(settings)
    with pool() as workers:
        return releases.publish(db, year, stage, by=by, at=now(), key=key,
                                max_n=settings.suppression_max_n, pool=workers)  # fmt: skip


def _row(session: Session, release_id: int) -> Release:
    row = session.get(Release, release_id)
    if row is None:
        raise NotFound("Publiseringen finnes ikke.")
    return row


def _refuse_if_withdrawn(row: Release) -> None:
    if row.withdrawn_at is not None:
        raise KostraError(
            f"Publisering {row.id} er trukket tilbake og kan ikke publiseres. Forbered en ny.",
            reason=Reason.CONFLICT,
        )


def confirm(db: Database, who: Principal, release_id: int) -> None:
    """Confirm a release's figures after reading its preview. Final figures are confirmed by
    another member of staff than the one who prepared them."""
    at = now()
    with db.write() as session:
        row = _row(session, release_id)
        _refuse_if_withdrawn(row)
        if row.confirmed_at is not None:
            raise KostraError(
                f"Publisering {row.id} er allerede godkjent av {user_name(session, row.confirmed_by)}.",
                reason=Reason.CONFLICT,
            )
        if row.stage == Stage.FINAL.value and row.prepared_by == who.user_id:
            raise KostraError(
                "Endelige tall må godkjennes av en annen i SSB enn den som forberedte "
                "publiseringen. Be en kollega se gjennom forhåndsvisningen og godkjenne den.",
                reason=Reason.CONFLICT,
                title="En annen må godkjenne",
            )
        releases.confirm(session, row, by=who.user_id, at=at)


def schedule(db: Database, who: Principal, release_id: int, moment: datetime | None) -> None:
    """Set the moment a confirmed release becomes public (None: now). A moment can be moved
    until it has come."""
    at = now()
    with db.write() as session:
        row = _row(session, release_id)
        _refuse_if_withdrawn(row)
        if row.confirmed_at is None:
            what = "en annen i SSB" if row.stage == Stage.FINAL.value else "noen i SSB"
            raise KostraError(
                f"Publisering {row.id} må godkjennes av {what} før den kan publiseres.",
                reason=Reason.CONFLICT,
            )
        if row.publish_at is not None and row.publish_at <= at:
            raise KostraError(f"Publisering {row.id} er allerede publisert.",
                              reason=Reason.CONFLICT)  # fmt: skip
        if moment is not None and moment <= at:
            raise Invalid(
                f"Tidspunktet {text.long_time(moment)} har passert. Velg et senere tidspunkt, "
                "eller publiser nå.",
                reason=Reason.UNPROCESSABLE,
            )
        releases.schedule(session, row, moment or at, by=who.user_id, at=at)


def withdraw(db: Database, who: Principal | None, release_id: int, reason: str) -> None:
    """Withdraw a release, published or not, with the reason the public and staff will read
    (`who` None: the command line)."""
    reason = " ".join(reason.split())
    if len(reason) < REASON_MIN:
        raise Invalid(
            "Skriv hvorfor publiseringen trekkes tilbake (minst ti tegn). Begrunnelsen vises "
            "på de offentlige sidene.",
            reason=Reason.UNPROCESSABLE,
        )
    with db.write() as session:
        row = _row(session, release_id)
        if row.withdrawn_at is not None:
            raise KostraError(f"Publisering {row.id} er allerede trukket tilbake.",
                              reason=Reason.CONFLICT)  # fmt: skip
        releases.withdraw(session, row, reason[:2000], by=who.user_id if who else None, at=now())


def user_name(session: Session, user_id: int | None) -> str:
    """The name of a member of staff, or what acted without one (the command line)."""
    if user_id is None:
        return "kommandolinjen"
    user = session.get(User, user_id)
    return user.name if user is not None else f"bruker {user_id}"


@dataclass(frozen=True)
class FormStanding:
    """One form in a release's year: how many units delivered, declared nothing, are missing
    (their figures estimated), and which are missing."""

    form: str
    delivered: int
    nothing_to_report: int
    missing: tuple[tuple[str, str], ...]  # code, name: estimated


@dataclass(frozen=True)
class AgainstLastYear:
    """One variable of the country: last year's figure and this year's, in a table."""

    label: str
    unit: str
    decimals: int
    last: float | None
    this: float | None

    @property
    def change(self) -> float | None:
        """The change in per cent (None without two figures, or from zero)."""
        if self.last is None or self.this is None or self.last == 0:
            return None
        return 100 * (self.this - self.last) / abs(self.last)


@dataclass(frozen=True)
class ReleaseView:
    """A release's preview: what it was made from and is missing, what it suppresses, what
    changed since the release the public reads now and since last year; and who did what."""

    release: Release
    stage: Stage
    stage_name: str  # with the date from the calendar
    state: State
    state_text: str
    people: dict[str, str]  # prepared, confirmed, scheduled, withdrawn → name
    forms: tuple[FormStanding, ...]
    corrections: int
    negative_amounts: dict[str, int]  # unit → amounts set to zero (the release year)
    symbols: Counter[str]  # in the key figures
    suppressed: tuple[tuple[str, int], ...]  # table label → cells suppressed
    files: tuple[str, ...]
    previous: Release | None  # the release of the year the public reads (or read) before it
    changed: tuple[tuple[str, int], ...]  # table label → cells changed since `previous`
    changes: tuple[Change, ...]  # the largest, first
    last_year: tuple[tuple[str, tuple[AgainstLastYear, ...]], ...]  # per table

    @property
    def changed_cells(self) -> int:
        """Cells changed since the previous release, over every table."""
        return sum(n for _, n in self.changed)


def _tables(session: Session, release_id: int) -> dict[str, Dataset]:
    """The release's tables, by id, in `TABLES`' order (a release may lack the newer ones)."""
    found = {}
    for table in TABLES:
        kept = releases.release_file(session, release_id, f"{table.id}.json")
        if kept is not None:
            found[table.id] = from_jsonstat(kept.data)
    return found


def _size(change: Change) -> float:
    """How large a change is, relative to what it was (a change from or to no figure last)."""
    if not isinstance(change.before, int | float) or not isinstance(change.after, int | float):
        return -1.0
    if change.before == 0:
        return float("inf") if change.after else 0.0
    return abs(change.after - change.before) / abs(change.before)


def _against_last_year(table: Dataset, year: int) -> tuple[AgainstLastYear, ...]:
    years = {c.code for c in table.dimensions[2].categories}
    regions = {c.code for c in table.dimensions[0].categories}
    if NATION not in regions or str(year) not in years:
        return ()
    rows = []
    for variable in table.dimensions[1].categories:

        def value(y: str, variable_code: str = variable.code) -> float | None:
            if y not in years:
                return None
            found = table.values[table.flat_index((NATION, variable_code, y))]
            return float(found) if found is not None else None

        unit = variable.unit
        rows.append(AgainstLastYear(variable.label, unit.base if unit else "",
                                    unit.decimals if unit else 0, value(str(year - 1)),
                                    value(str(year))))  # fmt: skip
    return tuple(rows)


def release_view(session: Session, release_id: int, at: datetime | None = None) -> ReleaseView:
    """A release's preview at `at` (now), against the release of the same year the public
    reads (or read) before it, and against last year."""
    at = at or now()
    row = _row(session, release_id)
    document: dict[str, Any] = json.loads(row.manifest)
    stage = Stage(row.stage)
    dates: PublicationDates = calendar.publication_dates(session, row.year)
    names = {u.code: u.name(row.year) for u in reporting_units(row.year, DISTRICTS_AND_OSLO)}
    counts: dict[str, Counter[str]] = {}
    missing: dict[str, list[tuple[str, str]]] = {}
    used = 0
    for entry in document["years"][str(row.year)]:
        counts.setdefault(entry["form"], Counter())[entry["standing"]] += 1
        if entry["standing"] == "missing":
            unit = entry["unit"]
            missing.setdefault(entry["form"], []).append((unit, names.get(unit, unit)))
        used += len(entry.get("corrections", []))
    forms = tuple(
        FormStanding(form, count["delivered"], count["nothing_to_report"],
                     tuple(sorted(missing.get(form, []))))
        for form, count in counts.items()
    )  # fmt: skip
    tables = _tables(session, row.id)
    labels = {t.id: t.label for t in TABLES}
    key = tables.get(TABLES[0].id)
    symbols = Counter(s.value for s in key.status.values()) if key else Counter()
    suppressed = tuple(
        (labels[name], sum(1 for s in table.status.values() if s is Symbol.SUPPRESSED))
        for name, table in tables.items()
    )
    previous = releases.before(session, row, at)
    changed: list[tuple[str, int]] = []
    changes: list[Change] = []
    if previous is not None:
        for name, table in _tables(session, previous.id).items():
            if name in tables:
                found = diff(table, tables[name])
                changed.append((labels[name], len(found)))
                changes.extend(found)
    changes.sort(key=_size, reverse=True)
    people = {
        step: user_name(session, by)
        for step, by, when in (
            ("prepared", row.prepared_by, row.prepared_at),
            ("confirmed", row.confirmed_by, row.confirmed_at),
            ("scheduled", row.scheduled_by, row.scheduled_at),
            ("withdrawn", row.withdrawn_by, row.withdrawn_at),
        )
        if when is not None
    }
    return ReleaseView(
        release=row,
        stage=stage,
        stage_name=stage.dated(dates.of(stage.value)),
        state=state_of(row, at),
        state_text=state_text(row, at),
        people=people,
        forms=forms,
        corrections=used,
        negative_amounts=document.get("negative_amounts", {}).get(str(row.year), {}),
        symbols=symbols,
        suppressed=suppressed,
        files=tuple(releases.file_names(session, row.id)),
        previous=previous,
        changed=tuple(changed),
        changes=tuple(changes[:BIGGEST]),
        last_year=tuple(
            (labels[name], against)
            for name, table in tables.items()
            if (against := _against_last_year(table, row.year))
        ),
    )


@dataclass(frozen=True)
class Listed:
    """A release in the staff's list: its stage named from the calendar, and its state."""

    release: Release
    stage_name: str
    state: State
    state_text: str
    prepared_by: str


def listing(session: Session, at: datetime | None = None) -> tuple[Listed, ...]:
    """Every release, newest first, as staff list them."""
    at = at or now()
    dates: dict[int, PublicationDates] = {}
    found = []
    for row in releases.releases(session):
        if row.year not in dates:
            dates[row.year] = calendar.publication_dates(session, row.year)
        stage = Stage(row.stage)
        found.append(Listed(row, stage.dated(dates[row.year].of(stage.value)),
                            state_of(row, at), state_text(row, at),
                            user_name(session, row.prepared_by)))  # fmt: skip
    return tuple(found)


def staff_file(session: Session, release_id: int, name: str) -> ReleaseFile:
    """A file of any release, for staff (a preview's files are theirs before they are public)."""
    found = releases.release_file(session, _row(session, release_id).id, name)
    if found is None:
        raise NotFound("Filen finnes ikke.")
    return found


def public_file(session: Session, release_id: int, name: str) -> ReleaseFile:
    """A file of a release the public may read now; not found before its moment, and after it
    is withdrawn."""
    row = session.get(Release, release_id)
    found = releases.release_file(session, release_id, name)
    if row is None or found is None or not releases.is_public(row, now()):
        raise NotFound("Filen finnes ikke.")
    return found


SYMBOL_LABELS = {s.value: s.label for s in Symbol}
