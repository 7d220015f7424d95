"""`make demo`: the reporting portal on a synthetic year, as if most of the country had delivered.

1. Makes two synthetic years with `kostra synth` (last year and this year, the same people
   partly coming back): once with about three mistakes per thousand records (the extracts as
   first exported, and some web forms' answers as first filled in) and once without (the
   corrected extracts and answers).
2. Makes a fresh SQLite database and loads it (`kostra.services.synthetic`): last year delivered
   in full; this year, with the calendar moved so that today is 12 days past the deadline,
   most units delivered (some late, some after correcting a first upload, some web forms with
   warnings acknowledged), some with errors outstanding, some with nothing to report, some not
   at all; reminders and error lists sent. The extracts 11F and 11CF and the web forms 7, 7B
   and 12 alike; the demo's reporters fill in their own unit's web forms.
3. Publishes the preliminary figures for this year (with last year's) at once (prepared,
   confirmed and made public in one go), so the public statistics pages and fact sheets have
   something to show; staff can correct values and prepare the next release (preliminary or
   final) in the portal, preview it, have it confirmed and set the moment it is published.
4. Creates the demo accounts, prints them, and runs the portal on http://127.0.0.1:8000.

The first run builds steps 1–3 (a few minutes) and keeps them in OUTPUT_FOLDER/.bygg/. A later
run with the same inputs (kostra's code and catalog, this script, the dependencies) reuses them
and serves within seconds: the database as built, its dates moved on by the days since (see
`kostra.services.synthetic.move_in_time`), so the story is the same whichever day it runs.

Usage: python scripts/demo.py OUTPUT_FOLDER [--no-serve] [--fresh]   (--fresh: build again)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as time_of_day
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

import kostra
from kostra.intake.access import Role
from kostra.production.workers import pool
from kostra.publish.release import Stage
from kostra.services.synthetic import deliver, move_in_time
from kostra.settings import get_settings
from kostra.store import Database, accounts, releases
from kostra.text import local, long_date, now, on_oslo_clock

YEAR = 2025
SEED = 2025
PASSWORD = "kostra-demo"
PSEUDONYM_KEY = "kostra-demo-nokkel-bare-for-syntetiske-data"  # synthetic people only
HOST, PORT = "127.0.0.1", 8000
console = Console(highlight=False)
_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Account:
    """A demo account."""

    username: str
    name: str
    role: str
    scopes: tuple[str, ...]
    shows: str


ACCOUNTS = (
    Account("gamle-oslo", "Kari Nordmann, Bydel Gamle Oslo", "reporter", ("030101",),
            "11F har feil som må rettes: last opp det rettede uttrekket og send inn; "
            "skjema 7 er ikke levert: fyll det ut"),
    Account("bergen", "Ola Hansen, Bergen kommune", "reporter", ("4601",),
            "har levert alle skjema (11F, 11CF, 7, 7B, 12): se kvitteringer og historikk"),
    Account("oslo", "Oslo kommune, sentralt", "reporter", ("0301",),
            "Oslo som helhet: alle de 15 bydelene, og Oslos egne skjema 7, 7B og 12"),
    Account("ssb", "Siri Berg, SSB", "staff", (),
            "datainngang, purringer, feillister, kalender, revisjon, rettelser, publisering"),
    Account("ssb2", "Per Dahl, SSB", "staff", (),
            "som ssb; godkjenner endelige tall som ssb har forberedt (to personer)"),
    Account("admin", "Admin, SSB", "admin", (), "som SSB, og brukerkontoene"),
)  # fmt: skip


def _kostra() -> str:
    here = Path(sys.executable).parent / "kostra"
    return str(here) if here.exists() else "kostra"


def _synthesize(out: Path, error_rate: float) -> None:
    command = [_kostra(), "synth", "--year", str(YEAR - 1), "--through", str(YEAR),
               "--out", str(out), "--seed", str(SEED), "--error-rate", str(error_rate)]  # fmt: skip
    console.rule(f"[bold]$ kostra {' '.join(command[1:])}")
    if subprocess.run(command, check=False).returncode != 0:
        raise SystemExit("kostra synth failed")


def _database(path: Path) -> Database:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    database = Database(f"sqlite:///{path}")
    database.upgrade()
    return database


def _morning(day: date) -> datetime:
    """Five past midnight of `day` on Oslo's clock: the demo's own doings are stamped then, so
    that moved to a later day (`move_in_time`) they are never ahead of the clock."""
    return min(on_oslo_clock(day, time_of_day(0, 5)), now())


def _accounts(database: Database, at: datetime) -> int:
    """Create the demo accounts; the id of `ssb`, the staff member who does the demo's work."""
    staff_id = 0
    with database.write() as session:
        for account in ACCOUNTS:
            user = accounts.add_user(
                session, username=account.username, name=account.name, role=Role(account.role),
                scopes=list(account.scopes), at=at, password=PASSWORD,
                email=f"{account.username}@demo.kostra.invalid",
            )  # fmt: skip
            if account.username == "ssb":
                staff_id = user.id
    return staff_id


def _vendor_token(database: Database) -> tuple[str, str]:
    """A new API token for one vendor system's account."""
    with database.write() as session:
        user = accounts.find_user(session, "fagsystem-a")
        assert user is not None
        return user.username, accounts.issue_token(session, user, "demo", now())


def _inputs() -> str:
    """A digest of everything the built demo depends on: kostra's code and catalog, this script,
    the project's dependencies. The same digest means the same database would be built again."""
    digest = hashlib.sha256()
    root = Path(kostra.__file__).parent
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in (*files, Path(__file__).resolve(), _ROOT / "pyproject.toml"):
        digest.update(str(path.relative_to(_ROOT) if path.is_relative_to(_ROOT) else path.name)
                      .encode())  # fmt: skip
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


@dataclass(frozen=True)
class Build:
    """What the first run built, kept in OUTPUT_FOLDER/.bygg/ for the next runs."""

    inputs: str
    built_on: date  # the day the demo's story was told for
    stories: dict[str, int]

    @staticmethod
    def folder(out: Path) -> Path:
        return out / ".bygg"

    def save(self, out: Path) -> None:
        text = {"inputs": self.inputs, "built_on": self.built_on.isoformat(),
                "stories": self.stories}  # fmt: skip
        (self.folder(out) / "bygg.json").write_text(json.dumps(text, indent=2), "utf-8")

    @classmethod
    def found(cls, out: Path, inputs: str) -> Build | None:
        """The build in `out` if it is complete and made from the same inputs."""
        stamp = cls.folder(out) / "bygg.json"
        needed = (stamp, cls.folder(out) / "kostra.sqlite3", out / "synth", out / "rettet")
        if not all(p.exists() for p in needed):
            return None
        try:
            text = json.loads(stamp.read_text("utf-8"))
            build = cls(text["inputs"], date.fromisoformat(text["built_on"]), text["stories"])
        except (ValueError, KeyError, TypeError):
            return None
        return build if build.inputs == inputs else None


def _build(folder: Path, inputs: str, today: date) -> Build:
    """Synthesize both years, load them and publish the preliminary figures (a few minutes)."""
    console.print(
        f"Lager syntetiske årganger {YEAR - 1} og {YEAR} for hele landet (11F og 11CF for hver "
        "kommune, Oslo per bydel, og svar på skjema 7, 7B og 12): først med feil, så rettet."
    )
    as_exported, corrected = folder / "synth", folder / "rettet"
    for out in (as_exported, corrected, Build.folder(folder)):
        if out.exists():
            shutil.rmtree(out)
    _synthesize(as_exported, 0.003)
    _synthesize(corrected, 0.0)

    console.rule("[bold]Database og leveranser")
    Build.folder(folder).mkdir()
    database = _database(Build.folder(folder) / "kostra.sqlite3")
    staff_id = _accounts(database, _morning(today))
    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console,
    ) as progress:  # fmt: skip
        task = progress.add_task("Kontrollerer uttrekk og svar", total=None)
        loaded = deliver(
            database,
            this_year=as_exported / str(YEAR),
            corrected_year=corrected / str(YEAR),
            last_year=corrected / str(YEAR - 1),
            today=today,
            staff_id=staff_id,
            seed=SEED,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    console.rule("[bold]Foreløpige tall")
    with console.status(f"Publiserer foreløpige tall for {YEAR} …"), pool() as workers:
        made = releases.publish(
            database, YEAR, Stage.PRELIMINARY, by=staff_id, at=_morning(today),
            key=PSEUDONYM_KEY.encode(), max_n=get_settings().suppression_max_n, pool=workers,
        )  # fmt: skip
    console.print(f"Publisering {made.release.id}: foreløpige tall for {YEAR}, "
                  f"{len(made.built.files)} filer.")  # fmt: skip
    database.dispose()
    build = Build(inputs, today, dict(loaded.stories))
    build.save(folder)
    return build


def _restore(folder: Path, build: Build, today: date) -> Path:
    """The demo's database, as built, told for `today`: a copy of the built one (changes made in
    an earlier run are not kept), its dates moved on by the days since it was built."""
    path = folder / "kostra.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(Build.folder(folder) / "kostra.sqlite3", path)
    database = Database(f"sqlite:///{path}")
    move_in_time(database, (today - build.built_on).days)
    database.dispose()
    return path


def main(folder: Path, serve: bool, fresh: bool) -> None:
    started = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    today, inputs = local(now()).date(), _inputs()
    build = None if fresh else Build.found(folder, inputs)
    if build is None:
        build = _build(folder, inputs, today)
    else:
        console.print(
            f"Gjenbruker demoen som ble bygd {long_date(build.built_on)}: koden og katalogen er "
            "uendret. Databasen starter som bygd (endringer fra forrige kjøring er ikke med), "
            "med datoene flyttet til i dag. Bygg på nytt med [bold]make demo DEMO_ARGS=--fresh"
            "[/bold]."
        )
    path = _restore(folder, build, today)
    database = Database(f"sqlite:///{path}")
    vendor, token = _vendor_token(database)
    database.dispose()
    _report(build.stories, vendor, token, folder / "rettet", folder / "synth", path)
    console.print(f"Klar etter {time.monotonic() - started:.0f} s.")
    if serve:
        console.rule(f"[bold]KOSTRA-portalen på http://{HOST}:{PORT}/  (Ctrl-C stopper)")
        env = {**os.environ, "KOSTRA_DATABASE_URL": f"sqlite:///{path.resolve()}",
               "KOSTRA_PSEUDONYM_KEY": PSEUDONYM_KEY}  # fmt: skip
        command = [_kostra(), "serve", "--host", HOST, "--port", str(PORT)]
        with contextlib.suppress(KeyboardInterrupt):
            subprocess.run(command, env=env, check=False)


_STORY_WORDS = {
    "on_time": "levert i tide",
    "late": "levert etter fristen",
    "errors_outstanding": "feil som ikke er rettet",
    "missing": "ikke levert",
    "declared": "ingen å rapportere",
    "declared_late": "ingen å rapportere, erklært for sent",
    "undeclared": "ingen å rapportere, men ikke erklært",
    "warnings_acknowledged": "levert med advarsler som er bekreftet",
}


def _report(
    stories: dict[str, int], vendor: str, token: str, corrected: Path, exported: Path, db: Path
) -> None:
    summary = Table(title=f"Enheter og skjema i {YEAR}")
    summary.add_column("Hva enheten har gjort")
    summary.add_column("Antall", justify="right")
    for story, count in sorted(stories.items(), key=lambda item: -item[1]):
        summary.add_row(_STORY_WORDS.get(story, story), str(count))
    console.print(summary)
    table = Table(title=f"Demokontoer (passord for alle: {PASSWORD})")
    for column in ("Brukernavn", "Rolle", "Enhet", "Viser"):
        table.add_column(column)
    for account in ACCOUNTS:
        table.add_row(account.username, account.role, ", ".join(account.scopes) or "alle",
                      account.shows)  # fmt: skip
    console.print(table)
    console.print(
        f"Gamle Oslos uttrekk med feil: {exported / str(YEAR) / '11F' / '030101.dat'}\n"
        f"Det rettede uttrekket å laste opp: {corrected / str(YEAR) / '11F' / '030101.dat'}\n"
        f"API-nøkkel for {vendor} (kommunene med Fagsystem A): {token}\n"
        f"  curl -H 'Authorization: Bearer {token}' http://{HOST}:{PORT}/api/v1/me\n"
        f"Offentlig statistikk: http://{HOST}:{PORT}/statistikk (faktaark: "
        f"http://{HOST}:{PORT}/statistikk/faktaark/4601)\n"
        f"Databasen: {db}",
        soft_wrap=True,  # a token or a path broken over two lines cannot be copied
    )


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(arguments) != 1:
        raise SystemExit("usage: python scripts/demo.py OUTPUT_FOLDER [--no-serve] [--fresh]")
    main(Path(arguments[0]), serve="--no-serve" not in sys.argv, fresh="--fresh" in sys.argv)
