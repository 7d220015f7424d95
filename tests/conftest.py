"""Fixtures for every test that needs a database: each runs on SQLite and on PostgreSQL.

Set KOSTRA_TEST_DATABASES=sqlite (or postgresql) to run on one of them only, while working.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from kostra.store import Database
from tests.databases import Databases, PostgresServer, start_postgres

CHROMIUM = "/usr/bin/chromium"  # Debian's, installed by `make test`; never a downloaded one
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # The machine has no network: without these Chromium keeps trying to reach Google.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

BACKENDS = [
    name.strip()
    for name in os.environ.get("KOSTRA_TEST_DATABASES", "sqlite,postgresql").split(",")
    if name.strip()
]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of the tests' own, for the whole run."""
    # Not under pytest's tmp folder: that is private to root, and the server may run as postgres.
    folder = Path(tempfile.mkdtemp(prefix="kostra-pg-"))
    server = start_postgres(folder)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", params=BACKENDS)
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Databases]:
    """Fresh databases of one kind (the test runs once per kind)."""
    kind = request.param
    server = request.getfixturevalue("postgres_server") if kind == "postgresql" else None
    made = Databases(kind, tmp_path_factory.mktemp(f"db-{kind}"), server)
    yield made
    made.close()


@pytest.fixture
def database_url(databases: Databases) -> Iterator[str]:
    """The URL of a new, empty, migrated database."""
    url = databases.new_url()
    yield url
    databases.drop(url)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A new, empty, migrated database."""
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Headless Chromium for the whole run (Playwright's sync API allows one per thread)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()
