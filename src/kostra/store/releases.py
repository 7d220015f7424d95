"""Releases in the database: made from the accepted submissions, kept with their manifest and
files, rebuilt from their manifest to prove they can be, compared with each other.

A release is prepared (built and kept, not public), confirmed, given the moment it is published,
and perhaps withdrawn; each step records who and when. Whether a release is public is decided
when it is read (`is_public`): confirmed, its moment passed, not withdrawn. Whether a step may
be taken (a second person for final figures, …) is for `services.publishing` to say."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kostra.catalog import shipped
from kostra.controls.programs import extract_forms, web_forms
from kostra.errors import KostraError, Reason
from kostra.indicators.definitions import definitions
from kostra.production.microdata import Correction as Change
from kostra.production.year import Delivery, Standing, StatisticsYear, build
from kostra.publish.manifest import manifest, to_json
from kostra.publish.release import Built, Stage, media_type
from kostra.publish.release import build as build_release
from kostra.store import deliveries as stored
from kostra.store.database import Database
from kostra.store.models import Correction, Declaration, Release, ReleaseFile, Submission
from kostra.store.production import deliveries as current_deliveries


def released_forms() -> tuple[str, ...]:
    """The forms a release is made from: the extracts, then the web forms kostra ships (a
    pilot form's answers are not published)."""
    return (*extract_forms(), *(form for form in web_forms() if shipped(form)))


MANIFEST = "manifest.json"


class NothingToPublish(KostraError, ValueError):
    """There are no deliveries for the year asked for (said in Norwegian)."""

    reason = Reason.CONFLICT


def years_held(session: Session, up_to: int) -> list[int]:
    """The reporting years, up to `up_to`, with any submission or declaration."""
    found = set(session.scalars(select(Submission.year).distinct()))
    found |= set(session.scalars(select(Declaration.year).distinct()))
    return sorted(y for y in found if y <= up_to)


def statistics_years(
    db: Database,
    chosen: dict[int, list[Delivery]],
    key: bytes,
    pool: Executor | None,
) -> dict[int, StatisticsYear]:
    """The statistics year of each year's deliveries, files read from the database."""
    keep = {form: definitions().columns(form) for form in released_forms()}
    made = {}
    for year, deliveries in chosen.items():
        with db.read() as session:

            def blob(digest: str, session: Session = session) -> bytes:
                return stored.blob(session, digest)

            made[year] = build(year, deliveries, blob, key, pool, keep)
    return made


@dataclass(frozen=True)
class Prepared:
    """A release just made: its row and what was built."""

    release: Release
    built: Built
    document: dict[str, Any]


def prepare(
    db: Database,
    year: int,
    stage: Stage,
    *,
    by: int | None,
    at: datetime,
    key: bytes,
    max_n: int,
    pool: Executor | None = None,
) -> Prepared:
    """Make and keep the release of `year` at `stage` from the accepted submissions now, in
    preparation: not public until it is confirmed and its moment has come."""
    with db.read() as session:
        held = years_held(session, year)
        if year not in held:
            raise NothingToPublish(f"Det finnes ingen leveranser for {year} å publisere.")
        chosen = {y: current_deliveries(session, y, released_forms()) for y in held}
    built = build_release(statistics_years(db, chosen, key, pool), year, definitions(),
                          max_n=max_n, updated=at)  # fmt: skip
    document = manifest(year=year, stage=stage.value, created_at=at, deliveries=chosen,
                        max_n=max_n, files=built.digests(),
                        negative_amounts=negative_amounts(built))  # fmt: skip
    with db.write() as session:
        row = Release(year=year, stage=stage.value, prepared_at=at, prepared_by=by,
                      manifest=json.dumps(document, ensure_ascii=False))  # fmt: skip
        session.add(row)
        session.flush()
        for name, data in {**built.files, MANIFEST: to_json(document)}.items():
            session.add(ReleaseFile(release_id=row.id, name=name, media_type=media_type(name),
                                    sha256=_sha(data), size=len(data), data=data))  # fmt: skip
    return Prepared(row, built, document)


def confirm(session: Session, release: Release, *, by: int | None, at: datetime) -> None:
    """Record that `by` has confirmed the release's figures."""
    release.confirmed_by, release.confirmed_at = by, at


def schedule(
    session: Session, release: Release, moment: datetime, *, by: int | None, at: datetime
) -> None:
    """Record the moment the release becomes public, set by `by` at `at`."""
    release.publish_at = moment
    release.scheduled_by, release.scheduled_at = by, at


def withdraw(
    session: Session, release: Release, reason: str, *, by: int | None, at: datetime
) -> None:
    """Record that the release is withdrawn, and why (it is never public again)."""
    release.withdrawn_by, release.withdrawn_at, release.withdrawn_reason = by, at, reason


def publish(
    db: Database,
    year: int,
    stage: Stage,
    *,
    by: int | None,
    at: datetime,
    key: bytes,
    max_n: int,
    pool: Executor | None = None,
) -> Prepared:
    """Prepare the release of `year` at `stage`, confirm it and publish it at `at`, in one go
    (the command line and the demo; the portal takes the steps one by one)."""
    made = prepare(db, year, stage, by=by, at=at, key=key, max_n=max_n, pool=pool)
    with db.write() as session:
        row = session.get(Release, made.release.id)
        assert row is not None
        confirm(session, row, by=by, at=at)
        schedule(session, row, at, by=by, at=at)
        session.flush()
        session.expunge(row)
    return Prepared(row, made.built, made.document)


def negative_amounts(built: Built) -> dict[int, dict[str, int]]:
    """Per year, the units whose negative amounts were set to zero, and how many."""
    found: dict[int, dict[str, int]] = {}
    for year, figures in built.figures.items():
        if "negative_amounts" in figures.units.columns:
            rows = figures.units.select("unit", "negative_amounts").iter_rows()
            found[year] = {unit: int(count) for unit, count in rows if count}
    return found


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def recorded_deliveries(session: Session, document: dict[str, Any]) -> dict[int, list[Delivery]]:
    """The deliveries a manifest names, with the corrections it used (read by their ids)."""
    ids = [n for entries in document["years"].values() for e in entries
           for n in e.get("corrections", [])]  # fmt: skip
    rows = {c.id: c for c in session.scalars(select(Correction).where(Correction.id.in_(ids)))}
    found: dict[int, list[Delivery]] = {}
    for year, entries in document["years"].items():
        found[int(year)] = [
            Delivery(
                e["unit"],
                e["form"],
                Standing(e["standing"]),
                e.get("submission"),
                e.get("version"),
                e.get("sha256"),
                tuple(
                    (n, Change(rows[n].line, rows[n].field, rows[n].new_value))
                    for n in e.get("corrections", [])
                ),
            )
            for e in entries
        ]
    return found


@dataclass(frozen=True)
class Rebuilt:
    """A release made again from its manifest, and the files that came out different."""

    release: int
    built: Built
    differ: tuple[str, ...]

    @property
    def identical(self) -> bool:
        """Whether every file came out byte for byte the same."""
        return not self.differ


def rebuild(db: Database, release_id: int, *, key: bytes, pool: Executor | None = None) -> Rebuilt:
    """Make a release again from exactly what its manifest names, and compare the files."""
    with db.read() as session:
        row = session.get(Release, release_id)
        if row is None:
            raise LookupError(f"publisering {release_id} finnes ikke")
        document = json.loads(row.manifest)
        chosen = recorded_deliveries(session, document)
    at = datetime.fromisoformat(document["created_at"])
    built = build_release(statistics_years(db, chosen, key, pool), document["year"],
                          definitions(), max_n=document["method"]["suppression_max_n"],
                          updated=at)  # fmt: skip
    digests = built.digests()
    differ = tuple(
        sorted(
            name for name in set(digests) | set(document["files"])
            if digests.get(name) != document["files"].get(name)
        )
    )  # fmt: skip
    return Rebuilt(release_id, built, differ)


def releases(session: Session) -> list[Release]:
    """Every release, public or not, newest first."""
    return list(session.scalars(select(Release).order_by(Release.id.desc())))


def is_public(release: Release, at: datetime) -> bool:
    """Whether the public may read the release at `at`: confirmed, its moment passed, and not
    withdrawn."""
    return (
        release.confirmed_at is not None
        and release.publish_at is not None
        and release.publish_at <= at
        and release.withdrawn_at is None
    )


def public_releases(session: Session, at: datetime, year: int | None = None) -> list[Release]:
    """The releases the public may read at `at` (of `year`), newest first."""
    query = select(Release).where(
        Release.confirmed_at.is_not(None),
        Release.publish_at.is_not(None),
        Release.publish_at <= at,
        Release.withdrawn_at.is_(None),
    )
    if year is not None:
        query = query.where(Release.year == year)
    return list(session.scalars(query.order_by(Release.id.desc())))


def once_public(session: Session, at: datetime, year: int | None = None) -> list[Release]:
    """Every release that has been public by `at` (of `year`), withdrawn since or not, newest
    first: the public still reads that a withdrawn one was, and why."""
    query = select(Release).where(
        Release.confirmed_at.is_not(None),
        Release.publish_at.is_not(None),
        Release.publish_at <= at,
        or_(Release.withdrawn_at.is_(None), Release.withdrawn_at >= Release.publish_at),
    )
    if year is not None:
        query = query.where(Release.year == year)
    return list(session.scalars(query.order_by(Release.id.desc())))


def latest(session: Session, at: datetime, year: int | None = None) -> Release | None:
    """The newest release the public may read at `at` (of `year`, else of the newest year);
    a final release is preferred to a preliminary one."""
    rows = public_releases(session, at, year)
    if not rows:
        return None
    newest_year = max(r.year for r in rows)
    of_year = [r for r in rows if r.year == newest_year]
    finals = [r for r in of_year if r.stage == Stage.FINAL.value]
    return (finals or of_year)[0]


def before(session: Session, release: Release, at: datetime) -> Release | None:
    """The release of the same year the public read at `at` before `release` came (or would
    come): the newest public one made before it."""
    rows = [r for r in public_releases(session, at, release.year) if r.id < release.id]
    return rows[0] if rows else None


def release_file(session: Session, release_id: int, name: str) -> ReleaseFile | None:
    """One file of a release."""
    return session.get(ReleaseFile, (release_id, name))


def file_names(session: Session, release_id: int) -> list[str]:
    """The file names of a release."""
    query = select(ReleaseFile.name).where(ReleaseFile.release_id == release_id)
    return sorted(session.scalars(query.order_by(ReleaseFile.name)))


def count(session: Session) -> int:
    """How many releases there are."""
    return int(session.scalar(select(func.count()).select_from(Release)) or 0)
