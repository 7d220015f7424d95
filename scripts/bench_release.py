"""Benchmark: a whole national year from accepted submissions to every release file (figures,
not a test). Run with `make bench-release`.

A synthetic country (`kostra synth`, two years, no injected errors) is stored as accepted
submissions in a fresh SQLite database (set-up, not timed: the rows are written directly,
since this measures production, not intake): the extracts, and the web forms' answers when the
synthetic year has them (`answers` in its manifest). Then `kostra.store.releases.publish` makes the
release of the second year with the first held, as `kostra publish` does, and the time of each
step is printed, best of three: the statistics years (reading every file from the database,
pseudonyms, corrections), the figures per region with estimates, suppression, and the files.
The baseline, measured in the same run, is reading every file's records once in one process.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kostra.catalog import load
from kostra.indicators.definitions import definitions
from kostra.intake.access import Role
from kostra.production.workers import pool
from kostra.publish.release import Stage
from kostra.publish.release import build as build_release
from kostra.records import read_lines, split_fields
from kostra.store import Database, accounts, releases
from kostra.store.models import Blob, Submission, Upload
from kostra.store.production import deliveries as production_deliveries
from kostra.synth.country import synthesize

YEARS = (2024, 2025)
RUNS = 3
console = Console(highlight=False)


def _load(db: Database, folder: Path) -> int:
    """Store every synthetic extract as an accepted submission; the number of files."""
    now = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
    with db.write() as session:
        user = accounts.add_user(session, username="system", name="System", role=Role.VENDOR,
                                 scopes=["0301"], at=now)  # fmt: skip
        user_id = user.id
    files = 0
    for year in YEARS:
        manifest = json.loads((folder / str(year) / "manifest.json").read_text("utf-8"))
        written = [
            (unit["municipality"] + (unit["district"] or ""), form, entry["file"], entry["records"])
            for unit in manifest["units"]
            for form, entry in unit["forms"].items()
            if entry["file"]
        ]
        # The web forms' answers, in a synthetic year that has them: one record each.
        written += [(a["unit"], a["form"], a["file"], 1) for a in manifest.get("answers", ())]
        with db.write() as session:
            for code, form, name, records in written:
                data = (folder / str(year) / name).read_bytes()
                digest = hashlib.sha256(data).hexdigest()
                upload_id = hashlib.md5(f"{year}{code}{form}".encode()).hexdigest()
                session.merge(Blob(sha256=digest, size=len(data), data=data))
                session.add(Upload(
                    id=upload_id, unit=code, form=form, year=year, blob_sha256=digest,
                    file_name=Path(name).name, size=len(data), uploaded_by=user_id,
                    uploaded_at=now, channel="api", state="checked", outcome="ok",
                    records=records, errors=0, warnings=0, totals="{}",
                ))  # fmt: skip
                session.flush()  # the upload before the submission that names it
                session.add(Submission(
                    id=upload_id, unit=code, form=form, year=year, version=1,
                    upload_id=upload_id, submitted_by=user_id, submitted_at=now, late=False,
                    outcome="ok", warnings_acknowledged=0, records=records,
                    sha256=digest, size=len(data), file_name=Path(name).name,
                ))  # fmt: skip
                files += 1
    return files


def _baseline(folder: Path) -> float:
    start = time.perf_counter()
    for year in YEARS:
        for path in sorted((folder / str(year)).glob("*/*.dat")):
            form = path.parent.name
            split_fields(read_lines(path.read_bytes()).lines, load(form, year))
    return time.perf_counter() - start


def _best(step: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        step()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="kostra-bench-release-"))
    try:
        console.print("Syntetisk land for 2024 og 2025 …")
        synthesize(folder / "synth", list(YEARS), seed=2025, jobs=2)
        db = Database(f"sqlite:///{folder / 'kostra.sqlite3'}")
        db.upgrade()
        files = _load(db, folder / "synth")
        console.print(f"{files} godkjente innsendinger lagret. Måler (best av {RUNS}) …")
        key, at = b"bench", datetime(2026, 3, 15, 7, 0, tzinfo=UTC)
        with pool() as workers:
            workers.submit(int).result()  # started before the clock
            whole = _best(lambda: releases.publish(db, 2025, Stage.PRELIMINARY, by=None, at=at,
                                                   key=key, max_n=2, pool=workers))  # fmt: skip
            with db.read() as session:
                chosen = {
                    y: production_deliveries(session, y, releases.released_forms()) for y in YEARS
                }
            years_time = _best(lambda: releases.statistics_years(db, chosen, key, workers))
            years = releases.statistics_years(db, chosen, key, workers)
        release_time = _best(lambda: build_release(years, 2025, definitions(), max_n=2, updated=at))
        baseline = _baseline(folder / "synth")
        table = Table(title="Fra godkjente innsendinger til publiseringsfiler, hele landet")
        table.add_column("Steg")
        table.add_column("Tid", justify="right")
        table.add_row("Hele publiseringen (2025, med 2024)", f"{whole:.1f} s")
        table.add_row(
            "  statistikkårgangene (filer fra databasen, pseudonymer)", f"{years_time:.1f} s"
        )
        table.add_row("  tall, anslag, prikking og filer", f"{release_time:.1f} s")
        table.add_row("Grunnlinje: lese alle postene én gang, én prosess", f"{baseline:.1f} s")
        table.add_row("Hele publiseringen / grunnlinje", f"{whole / baseline:.2f}")
        console.print(table)
        console.print("Mål: en hel årgang fra godkjente innsendinger til alle filer på ≤ 15 s.")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
