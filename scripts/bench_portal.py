"""Benchmark: deadline day at the portal (figures, not a test). Run with `make bench-portal`.

Every reporting unit (all municipalities and Oslo's districts, 371 in 2025) uploads its 11F
extract through the REST API and submits it, from 32 concurrent clients, against the real
server (uvicorn, as `kostra serve` runs it) on loopback; once with SQLite and once with a
throwaway PostgreSQL server. Printed per database: wall time, failed requests, the latency from
the start of an upload to the control report in its answer (p50, p95, p99, max), the latency of
the submission, and, as a baseline measured in the same run, the control program alone on the
same files one after the other in this process (so the ratio shows what the web server,
database and concurrency add).

The extracts are a synthetic year without injected errors (`kostra synth`), so every unit can
submit; warnings are acknowledged as a reporter would. Each unit delivers with its own vendor
system account (API token), as case-handling systems do.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx2 as httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' throwaway databases

from tests.databases import Databases, free_port, start_postgres

from kostra.intake.access import Role
from kostra.intake.checking import check_upload
from kostra.store import Database, accounts, calendar
from kostra.store.models import Submission
from kostra.synth.country import synthesize
from kostra.text import local, now

YEAR = 2025
FORM = "11F"
CLIENTS = 32
SEED = 2025
console = Console(highlight=False)


@dataclass(frozen=True)
class Unit:
    """A unit's extract and its system's token."""

    code: str
    municipality: str
    district: str | None
    path: Path
    token: str = ""


@dataclass
class Result:
    """What one database's run measured."""

    database: str
    wall: float = 0.0
    upload: list[float] = field(default_factory=list)
    submit: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    submitted_in_db: int = 0


def _extracts(folder: Path) -> list[Unit]:
    synthesize(folder, [YEAR], seed=SEED, error_rate=0.0, jobs=os.cpu_count() or 1)
    manifest = json.loads((folder / str(YEAR) / "manifest.json").read_text("utf-8"))
    units = []
    for entry in manifest["units"]:
        written = entry["forms"][FORM]
        if written["file"] is None:
            continue
        code = entry["municipality"] + (entry["district"] or "")  # 1103, or 030101
        units.append(Unit(code, entry["municipality"], entry["district"],
                          folder / str(YEAR) / written["file"]))  # fmt: skip
    return units


def _baseline(units: list[Unit]) -> float:
    """The control program alone on every file, one after the other, in this process."""
    start = time.perf_counter()
    for unit in units:
        check_upload(unit.path.read_bytes(), FORM, YEAR, unit.municipality, unit.district)
    return time.perf_counter() - start


def _seed(url: str, units: list[Unit]) -> list[Unit]:
    """Accounts with tokens for every unit, and the window open today."""
    database = Database(url)
    today = local(now()).date()
    seeded = []
    with database.write() as session:
        dates = (today - timedelta(days=10), today + timedelta(days=1),
                 today + timedelta(days=30), today + timedelta(days=60))  # fmt: skip
        calendar.set_window(session, FORM, YEAR, dates, None, now())
        for unit in units:
            user = accounts.add_user(session, username=f"system-{unit.code}",
                                     name=f"Fagsystem {unit.code}", role=Role.VENDOR,
                                     scopes=[unit.code], at=now())  # fmt: skip
            token = accounts.issue_token(session, user, "bench", now())
            seeded.append(Unit(unit.code, unit.municipality, unit.district, unit.path, token))
    database.dispose()
    return seeded


def _count_submissions(url: str) -> int:
    database = Database(url)
    with database.read() as session:
        found = session.scalar(select(func.count()).select_from(Submission)) or 0
    database.dispose()
    return int(found)


def _start_server(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "KOSTRA_DATABASE_URL": url}
    command = [sys.executable, "-m", "uvicorn", "kostra.web.app:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
               "--workers", os.environ.get("BENCH_WEB_WORKERS", "1")]  # fmt: skip
    server = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"the server did not start; see {log}")


async def _deliver(base: str, units: list[Unit], result: Result) -> None:
    queue: asyncio.Queue[Unit] = asyncio.Queue()
    for unit in units:
        queue.put_nowait(unit)
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def worker() -> None:
            while not queue.empty():
                unit = queue.get_nowait()
                headers = {"Authorization": f"Bearer {unit.token}"}
                data = unit.path.read_bytes()
                start = time.perf_counter()
                try:
                    response = await client.post(
                        "/api/v1/uploads", headers=headers,
                        data={"unit": unit.code, "form": FORM, "year": str(YEAR)},
                        files={"file": (unit.path.name, data, "text/plain")},
                    )  # fmt: skip
                    result.upload.append(time.perf_counter() - start)
                    if response.status_code != 201 or not response.json().get("may_submit"):
                        result.failures.append(f"{unit.code} upload {response.status_code}")
                        continue
                    upload_id = response.json()["id"]
                    start = time.perf_counter()
                    response = await client.post(
                        f"/api/v1/uploads/{upload_id}/submission", headers=headers,
                        json={"acknowledge_warnings": True},
                    )  # fmt: skip
                    result.submit.append(time.perf_counter() - start)
                    if response.status_code != 201:
                        result.failures.append(f"{unit.code} submit {response.status_code}")
                except httpx.HTTPError as error:
                    result.failures.append(f"{unit.code} {type(error).__name__}")

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CLIENTS)))
        result.wall = time.perf_counter() - start


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def _run(kind: str, url: str, units: list[Unit], folder: Path) -> Result:
    seeded = _seed(url, units)
    port = free_port()
    server = _start_server(url, port, folder / f"server-{kind}.log")
    result = Result(kind)
    try:
        asyncio.run(_deliver(f"http://127.0.0.1:{port}", seeded, result))
    finally:
        server.terminate()
        server.wait(timeout=30)
    result.submitted_in_db = _count_submissions(url)
    return result


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="kostra-bench-portal-"))
    postgres = None
    try:
        console.print(f"Syntetisk årgang {YEAR} for hele landet (uten feil) …")
        units = _extracts(folder / "synth")
        records = sum(len(u.path.read_bytes().splitlines()) for u in units)
        console.print(f"{len(units)} enheter med {FORM}-uttrekk, {records:,} poster i alt.")
        console.print("Grunnlinje: kontrollprogrammet alene, fil for fil, i denne prosessen …")
        baseline = _baseline(units)
        results = []
        sqlite = Databases("sqlite", folder, None)
        results.append(_run("SQLite", sqlite.new_url(), units, folder))
        pg_folder = Path(tempfile.mkdtemp(prefix="kostra-bench-pg-"))
        postgres = start_postgres(pg_folder)
        pg = Databases("postgresql", folder, postgres)
        results.append(_run("PostgreSQL", pg.new_url(), units, folder))
        pg.close()
        _print(results, baseline, len(units))
    finally:
        if postgres is not None:
            postgres.stop()
            shutil.rmtree(postgres.folder, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


def _print(results: list[Result], baseline: float, units: int) -> None:
    table = Table(
        title=f"Fristdag: {units} enheter laster opp og sender inn {FORM}, {CLIENTS} klienter "
        f"samtidig, {os.cpu_count()} kjerner"
    )
    table.add_column("")
    for r in results:
        table.add_column(r.database, justify="right")
    rows: list[tuple[str, Callable[[Result], str]]] = [
        ("Tid i alt", lambda r: f"{r.wall:.1f} s"),
        ("Feilede forespørsler", lambda r: str(len(r.failures))),
        ("Innsendte versjoner i databasen", lambda r: str(r.submitted_in_db)),
        ("Opplasting → rapport, p50", lambda r: f"{_percentile(r.upload, 0.50):.2f} s"),
        ("Opplasting → rapport, p95", lambda r: f"{_percentile(r.upload, 0.95):.2f} s"),
        ("Opplasting → rapport, p99", lambda r: f"{_percentile(r.upload, 0.99):.2f} s"),
        ("Opplasting → rapport, maks", lambda r: f"{max(r.upload, default=0):.2f} s"),
        ("Innsending, p50", lambda r: f"{_percentile(r.submit, 0.50):.3f} s"),
        ("Innsending, p99", lambda r: f"{_percentile(r.submit, 0.99):.3f} s"),
        ("Opplastinger per sekund", lambda r: f"{units / r.wall:.1f}"),
        ("Tid i alt / grunnlinje", lambda r: f"{r.wall / baseline:.2f}"),
    ]
    for label, value in rows:
        table.add_row(label, *(value(r) for r in results))
    console.print(table)
    console.print(
        f"Grunnlinje: kontrollprogrammet alene på de samme {units} filene etter hverandre, i "
        f"én prosess: {baseline:.1f} s ({baseline / max(units, 1) * 1000:.0f} ms per fil)."
    )
    for r in results:
        if r.failures:
            console.print(f"{r.database}: feil: {', '.join(r.failures[:10])}")
    console.print(
        "Mål: null feilede forespørsler, p99 opplasting → rapport ≤ 3 s, alt innen ett minutt."
    )


if __name__ == "__main__":
    main()
