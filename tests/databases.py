"""Throwaway databases for the tests: a SQLite file, or a PostgreSQL server of the tests' own.

The PostgreSQL server is made with initdb and started with pg_ctl in a temporary folder, on a
free port on loopback, from Debian's `postgresql` package (installed by `make test`); it never
touches a server someone left running. As root (CI), the server runs as the `postgres` system
user, since PostgreSQL refuses to run as root. Each test gets a fresh database copied from a
migrated template, which is much faster than migrating each one.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from kostra.store import Database


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_version)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError(
        "PostgreSQL is not installed: the tests need initdb and pg_ctl (Debian: apt-get install "
        "postgresql). `make test` installs it."
    )


def _version(path: Path) -> tuple[int, ...]:
    part = path.parent.parent.name  # /usr/lib/postgresql/15/bin/initdb → 15
    return tuple(int(p) for p in part.split(".") if p.isdigit())


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class PostgresServer:
    """A PostgreSQL server of the tests' own."""

    folder: Path
    port: int
    bin_dir: Path
    as_user: list[str]

    @property
    def admin_url(self) -> str:
        """The URL of the server's maintenance database."""
        return f"postgresql+psycopg://kostra@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        """The URL of one database on the server."""
        return f"postgresql+psycopg://kostra@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str) -> None:
        subprocess.run([*self.as_user, *command], check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        """Stop the server (fast: connections are cut)."""
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                  "stop")  # fmt: skip


def start_postgres(folder: Path) -> PostgresServer:
    """Make and start a PostgreSQL server in `folder`."""
    bin_dir = _bin_dir()
    folder.mkdir(parents=True, exist_ok=True)
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    server = PostgresServer(folder, free_port(), bin_dir, as_user)
    data = folder / "data"
    server._run(str(bin_dir / "initdb"), "-D", str(data), "-U", "kostra", "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync")  # fmt: skip
    options = (
        f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    )
    server._run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                str(folder / "server.log"), "-w", "-t", "60", "start")  # fmt: skip
    return server


class Databases:
    """Fresh, migrated databases for tests, of one kind."""

    def __init__(self, kind: str, folder: Path, postgres: PostgresServer | None) -> None:
        self.kind = kind
        self.folder = folder
        self.postgres = postgres
        self._numbers = itertools.count(1)
        if kind == "sqlite":
            self._template = folder / "template.sqlite3"
            database = Database(f"sqlite:///{self._template}")
            database.upgrade()
            database.dispose()
        else:
            assert postgres is not None
            self._admin = create_engine(postgres.admin_url, isolation_level="AUTOCOMMIT")
            with self._admin.connect() as connection:
                connection.execute(text("CREATE DATABASE kostra_template"))
            database = Database(postgres.url("kostra_template"))
            database.upgrade()
            database.dispose()

    def new_url(self) -> str:
        """The URL of a new database with the newest schema and no rows."""
        number = next(self._numbers)
        if self.kind == "sqlite":
            target = self.folder / f"test-{number}.sqlite3"
            shutil.copyfile(self._template, target)
            return f"sqlite:///{target}"
        assert self.postgres is not None
        name = f"kostra_test_{number}"
        with self._admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name} TEMPLATE kostra_template"))
        return self.postgres.url(name)

    def drop(self, url: str) -> None:
        """Remove a database made by `new_url`."""
        if self.kind == "sqlite":
            path = Path(url.removeprefix("sqlite:///"))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return
        name = url.rsplit("/", 1)[1]
        with self._admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def close(self) -> None:
        """Release the maintenance connection."""
        if self.kind != "sqlite":
            self._admin.dispose()
