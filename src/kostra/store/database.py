"""The database: engine and sessions for SQLite or PostgreSQL, and migrations to the newest schema.

SQLite needs care under concurrent writers: the file is opened in WAL mode (readers never wait
for the writer), with a busy timeout, and every write transaction starts with BEGIN IMMEDIATE,
so that two requests that both read and then write queue up instead of one failing with
"database is locked". pysqlite's own transaction handling is switched off for that (the recipe
in SQLAlchemy's SQLite dialect documentation).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

_WRITE = "kostra_write"
BUSY_TIMEOUT_MS = 60_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event below decides
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")  # durable at each checkpoint; safe in WAL
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get(_WRITE) else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    """An engine for `url`, set up for concurrent use by the portal. SQL parameters are never
    logged (an upload's bytes hold identity numbers)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url, pool_size=20, max_overflow=20, pool_timeout=60, hide_parameters=True
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        url, pool_size=20, max_overflow=20, pool_pre_ping=True, pool_timeout=60,
        hide_parameters=True,
    )  # fmt: skip


class Database:
    """One database: sessions for reading and for writing, and its migrations."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{_WRITE: True}), expire_on_commit=False
        )
        self._write_lock = threading.RLock() if self.is_sqlite else None

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is SQLite."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed (closing it rolls back, and the
        rows read stay usable afterwards)."""
        with self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed when the block ends, or rolled back on an error."""
        with self._write_turn(), self._writer() as session, session.begin():
            yield session

    @contextmanager
    def _write_turn(self) -> Iterator[None]:
        # SQLite has one writer at a time, and a writer that finds the file locked sleeps and
        # retries with growing pauses: under many concurrent uploads a few wait for seconds.
        # Within a process the writers take turns on a lock instead, and are woken at once.
        if self._write_lock is None:
            yield
            return
        with self._write_lock:
            yield

    def upgrade(self) -> None:
        """Bring the schema to the newest migration."""
        from kostra.store.migrate import upgrade

        upgrade(self.engine)

    def is_current(self) -> bool:
        """Whether the schema is at the newest migration."""
        from kostra.store.migrate import is_current

        return is_current(self.engine)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
