"""Statistics production for staff: making releases and comparing them (revision against last
year is `services.revision`, corrections `services.corrections`)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from kostra.errors import KostraError, NotFound, Reason
from kostra.production.workers import pool
from kostra.publish.dataset import Symbol
from kostra.publish.diff import Change, diff
from kostra.publish.jsonstat import from_jsonstat
from kostra.publish.release import Stage
from kostra.settings import Settings
from kostra.store import releases
from kostra.store.database import Database
from kostra.store.models import Release
from kostra.text import now


def pseudonym_key(settings: Settings) -> bytes:
    """The production key (KOSTRA_PSEUDONYM_KEY), or a message that says how to set it."""
    key = settings.pseudonym_key
    if key is None or not key.get_secret_value():
        raise KostraError(
            "KOSTRA_PSEUDONYM_KEY er ikke satt: produksjonen trenger nøkkelen som erstatter "
            "fødselsnumre med pseudonymer (en lang, hemmelig tekst, den samme hvert år). Sett "
            "nøkkelen og start på nytt.",
            reason=Reason.CONFLICT,
        )
    return key.get_secret_value().encode("utf-8")


def publish(
    db: Database, settings: Settings, year: int, stage: Stage, by: int | None
) -> releases.Published:
    """Make a release of `year` at `stage` now, from the accepted submissions (NothingToPublish
    when there are none), with the settings' key and suppression threshold."""
    key = pseudonym_key(settings)
    with pool() as workers:
        return releases.publish(db, year, stage, by=by, at=now(), key=key,
                                max_n=settings.suppression_max_n, pool=workers)  # fmt: skip


@dataclass(frozen=True)
class ReleaseView:
    """A release: what it was made from, what it shows, and what changed since the last one."""

    release: Release
    stage: Stage
    standing: dict[str, Counter[str]]  # form → standing → units (the release year)
    corrections: int
    negative_amounts: dict[str, int]  # unit → amounts set to zero (the release year)
    symbols: Counter[str]
    files: tuple[str, ...]
    previous: Release | None
    changes: tuple[Change, ...]


def release_view(session: Session, release_id: int) -> ReleaseView:
    """A release and its changes against the release of the same year before it."""
    row = session.get(Release, release_id)
    if row is None:
        raise NotFound("Publiseringen finnes ikke.")
    document: dict[str, Any] = json.loads(row.manifest)
    same_year = [r for r in releases.releases(session) if r.year == row.year and r.id < row.id]
    previous = same_year[0] if same_year else None
    files = tuple(releases.file_names(session, row.id))
    now_table = releases.release_file(session, row.id, "nokkeltall.json")
    before_table = (
        releases.release_file(session, previous.id, "nokkeltall.json") if previous else None
    )
    standing: dict[str, Counter[str]] = {}
    used = 0
    for entry in document["years"][str(row.year)]:
        standing.setdefault(entry["form"], Counter())[entry["standing"]] += 1
        used += len(entry.get("corrections", []))
    table = from_jsonstat(now_table.data) if now_table else None
    symbols = Counter(s.value for s in table.status.values()) if table else Counter()
    changes: tuple[Change, ...] = ()
    if table is not None and before_table is not None:
        changes = tuple(diff(from_jsonstat(before_table.data), table))
    negatives = document.get("negative_amounts", {}).get(str(row.year), {})
    return ReleaseView(
        row, Stage(row.stage), standing, used, negatives, symbols, files, previous, changes
    )


SYMBOL_LABELS = {s.value: s.label for s in Symbol}
