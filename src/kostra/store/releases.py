"""Releases in the database: made from the accepted submissions, kept with their manifest and
files, rebuilt from their manifest to prove they can be, compared with each other."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
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
class Published:
    """A release just made: its row and what was built."""

    release: Release
    built: Built
    document: dict[str, Any]


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
) -> Published:
    """Make and keep the release of `year` at `stage` from the accepted submissions now."""
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
        row = Release(year=year, stage=stage.value, created_at=at, created_by=by,
                      manifest=json.dumps(document, ensure_ascii=False))  # fmt: skip
        session.add(row)
        session.flush()
        for name, data in {**built.files, MANIFEST: to_json(document)}.items():
            session.add(ReleaseFile(release_id=row.id, name=name, media_type=media_type(name),
                                    sha256=_sha(data), size=len(data), data=data))  # fmt: skip
    return Published(row, built, document)


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
    """Every release, newest first."""
    return list(session.scalars(select(Release).order_by(Release.id.desc())))


def latest(session: Session, year: int | None = None) -> Release | None:
    """The newest release (of `year`); a final release is preferred to a preliminary one."""
    query = select(Release)
    if year is not None:
        query = query.where(Release.year == year)
    rows = list(session.scalars(query.order_by(Release.year.desc(), Release.id.desc())))
    if not rows:
        return None
    newest_year = rows[0].year
    of_year = [r for r in rows if r.year == newest_year]
    finals = [r for r in of_year if r.stage == Stage.FINAL.value]
    return (finals or of_year)[0]


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
