"""Killing the portal leaves its data whole, on SQLite and on PostgreSQL.

The real server runs as a subprocess (uvicorn, one control worker process). A vendor system
uploads and submits large extracts through the API while the server is killed (SIGKILL, with
its worker) at varied moments, and started again. After each restart: every submitted version
has its upload and stored bytes, and its receipt matches them; versions run 1..n without gaps;
every receipt the vendor was given is kept; no upload is without its bytes, and an upload left
unchecked by the kill is checked once the portal is back; the API keeps working.

A second test kills the control program's worker process under a running check: the upload is
still answered, and the portal goes on working.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from sqlalchemy import select

from kostra.intake.access import Role
from kostra.store import Database, accounts, calendar
from kostra.store.models import Blob, Submission, Upload
from kostra.text import local, now
from tests.databases import free_port
from tests.web.conftest import YEAR, extract

UNITS = ("030101", "1103")
KILL_AFTER = (0.0, 0.05, 0.15, 0.4, 0.7, 1.1)  # seconds after the vendor starts sending
RECORDS = 3000
START_TIMEOUT = 90.0  # limits on waiting for behaviour on a busy machine, not asserted timings
CHECK_TIMEOUT = 120.0


# -- the server -----------------------------------------------------------------------------


@dataclass
class Server:
    """The portal as a uvicorn subprocess in its own process group (with its workers)."""

    database_url: str
    log: Path
    process: subprocess.Popen[bytes] | None = None
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start the server on a free port and wait until it answers."""
        assert self.process is None
        self.port = free_port()
        env = {
            **os.environ,
            "KOSTRA_DATABASE_URL": self.database_url,
            "KOSTRA_CONTROL_WORKERS": "1",
        }
        command = [
            sys.executable, "-m", "uvicorn", "kostra.web.app:create_app", "--factory",
            "--host", "127.0.0.1", "--port", str(self.port),
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the server stopped at start:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        pytest.fail(f"the server did not answer:\n{self.log_tail()}")

    def log_tail(self) -> str:
        """The end of the server's log, for a failure's message."""
        return self.log.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        """SIGKILL the server and every process of its group (its control workers)."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def children(self) -> list[int]:
        """The server's control worker processes."""
        assert self.process is not None
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:  # ended meanwhile
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.process.pid and b"spawn_main" in command:
                found.append(int(entry.name))
        return found


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[Server]:
    """The portal's server (not yet started); killed at the end whatever happens."""
    started = Server(database_url, tmp_path / "server.log")
    try:
        yield started
    finally:
        started.kill()


@dataclass
class Setup:
    """A vendor's token and the open 11F window, made directly in the database."""

    db: Database
    token: str


@pytest.fixture
def setup(database_url: str) -> Iterator[Setup]:
    db = Database(database_url)
    today = local(now()).date()
    day = timedelta(days=1)
    with db.write() as session:
        vendor = accounts.add_user(
            session, username="fagsystem", name="Fagsystem", role=Role.VENDOR,
            scopes=list(UNITS), at=now(),
        )  # fmt: skip
        token = accounts.issue_token(session, vendor, "krasjtest", now())
        dates = (today - 10 * day, today + 10 * day, today + 20 * day, today + 30 * day)
        calendar.set_window(session, "11F", YEAR, dates, None, now())
    try:
        yield Setup(db, token)
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def extracts() -> dict[str, list[bytes]]:
    """Per unit, the lines of a large clean extract."""
    return {
        unit: extract(unit=unit, records=RECORDS, seed=index + 1).splitlines(keepends=True)
        for index, unit in enumerate(UNITS)
    }


_numbers = itertools.count(1)


def fresh_file(lines: list[bytes]) -> bytes:
    """The extract with its lines rotated: the same records, new bytes (a new blob each time)."""
    k = next(_numbers) % len(lines)
    return b"".join(lines[k:] + lines[:k])


# -- the vendor -----------------------------------------------------------------------------


def _client(server: Server, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=60
    )


def upload(client: httpx.Client, unit: str, data: bytes) -> httpx.Response:
    return client.post(
        "/api/v1/uploads",
        data={"unit": unit, "form": "11F", "year": str(YEAR)},
        files={"file": ("uttrekk.txt", data, "text/plain")},
    )


def submit(client: httpx.Client, upload_id: str) -> httpx.Response:
    return client.post(
        f"/api/v1/uploads/{upload_id}/submission", json={"acknowledge_warnings": True}
    )


@dataclass
class Vendor:
    """Uploads and submits in a loop until the server goes away; keeps what it was told."""

    server: Server
    token: str
    extracts: dict[str, list[bytes]]
    receipts: list[dict[str, Any]] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    def run(self) -> None:
        with _client(self.server, self.token) as client:
            for unit in itertools.cycle(UNITS):
                try:
                    uploaded = upload(client, unit, fresh_file(self.extracts[unit]))
                    if uploaded.status_code != 201:
                        self.unexpected.append(f"upload: {uploaded.status_code} {uploaded.text}")
                        return
                    submitted = submit(client, uploaded.json()["id"])
                    if submitted.status_code != 201:
                        self.unexpected.append(f"submit: {submitted.status_code} {submitted.text}")
                        return
                    self.receipts.append(submitted.json())
                except httpx.TransportError:  # the server was killed
                    return


# -- what must hold -------------------------------------------------------------------------


def unchecked(db: Database) -> set[str]:
    with db.read() as session:
        return set(session.scalars(select(Upload.id).where(Upload.state == "received")))


def assert_checked(db: Database, uploads: set[str], server: Server) -> None:
    """Wait until the portal has checked `uploads`, and assert that it checked them all."""
    deadline = time.monotonic() + CHECK_TIMEOUT
    while unchecked(db) & uploads:
        if time.monotonic() > deadline:
            pytest.fail(f"uploads left unchecked are not checked: {uploads}\n{server.log_tail()}")
        time.sleep(0.1)
    with db.read() as session:
        states = {u.state for u in session.scalars(select(Upload).where(Upload.id.in_(uploads)))}
    assert states <= {"checked"}, server.log_tail()


def assert_whole(db: Database, receipts: list[dict[str, Any]]) -> None:
    """The invariants of the stored deliveries."""
    with db.read() as session:
        uploads = {u.id: u for u in session.scalars(select(Upload))}
        submissions = list(session.scalars(select(Submission)))
        blobs = {
            sha: (size, hashlib.sha256(data).hexdigest())
            for sha, size, data in session.execute(select(Blob.sha256, Blob.size, Blob.data))
        }
    for row in uploads.values():  # no upload without its bytes, and the bytes whole
        assert row.blob_sha256 in blobs, row.id
        assert blobs[row.blob_sha256] == (row.size, row.blob_sha256), row.id
        assert row.state in {"received", "checked"}, (row.id, row.state)
    versions: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for sub in submissions:
        source = uploads.get(sub.upload_id)
        assert source is not None, sub.id
        assert source.state == "checked" and source.outcome == sub.outcome, sub.id
        assert (sub.unit, sub.form, sub.year) == (source.unit, source.form, source.year)
        assert sub.sha256 == source.blob_sha256, sub.id
        assert sub.records == source.records, sub.id
        assert sub.size == source.size, sub.id
        versions[sub.unit, sub.form, sub.year].append(sub.version)
    for key, numbers in versions.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), key
    kept = {sub.id: sub for sub in submissions}
    for receipt in receipts:  # every receipt given is kept, as given
        stored = kept.get(receipt["id"])
        assert stored is not None, receipt
        assert (stored.version, stored.sha256, stored.records) == (
            receipt["version"],
            receipt["sha256"],
            receipt["records"],
        )


def assert_api_works(
    server: Server, token: str, lines: list[bytes], db: Database
) -> dict[str, Any]:
    """A whole delivery through the API: upload, check, submit, receipt."""
    with db.read() as session:
        latest = session.scalars(
            select(Submission.version).where(Submission.unit == UNITS[0])
        ).all()
    data = fresh_file(lines)
    with _client(server, token) as client:
        me = client.get("/api/v1/me", params={"year": YEAR})
        assert me.status_code == 200 and me.json()["username"] == "fagsystem"
        uploaded = upload(client, UNITS[0], data)
        assert uploaded.status_code == 201, uploaded.text
        assert uploaded.json()["state"] == "checked"
        assert uploaded.json()["records"] == RECORDS
        submitted = submit(client, uploaded.json()["id"])
        assert submitted.status_code == 201, submitted.text
        receipt: dict[str, Any] = submitted.json()
        assert receipt["version"] == max(latest, default=0) + 1
        assert receipt["sha256"] == hashlib.sha256(data).hexdigest()
        again = client.get(f"/api/v1/submissions/{receipt['id']}")
        assert again.status_code == 200 and again.json()["version"] == receipt["version"]
    return receipt


# -- the tests ------------------------------------------------------------------------------


def test_killing_the_server_leaves_whole_versions_or_none(
    server: Server, setup: Setup, extracts: dict[str, list[bytes]]
) -> None:
    db = setup.db
    receipts: list[dict[str, Any]] = []
    server.start()
    receipts.append(assert_api_works(server, setup.token, extracts[UNITS[0]], db))
    for delay in KILL_AFTER:
        vendor = Vendor(server, setup.token, extracts)
        thread = threading.Thread(target=vendor.run, name="leverandør")
        thread.start()
        try:
            time.sleep(delay)
        finally:
            server.kill()
            thread.join()
        assert vendor.unexpected == [], server.log_tail()
        receipts += vendor.receipts
        assert_whole(db, receipts)  # as the kill left it

        left = unchecked(db)
        server.start()  # the portal checks at start what was left unchecked
        assert_checked(db, left, server)
        assert_whole(db, receipts)
        receipts.append(assert_api_works(server, setup.token, extracts[UNITS[0]], db))


def test_a_dead_control_worker_does_not_take_the_portal_down(
    server: Server, setup: Setup, extracts: dict[str, list[bytes]]
) -> None:
    server.start()
    assert_api_works(server, setup.token, extracts[UNITS[0]], setup.db)  # the worker runs
    workers = server.children()
    assert workers, "no control worker process found"

    for pid in workers:  # dead before the next check
        os.kill(pid, signal.SIGKILL)
    assert_api_works(server, setup.token, extracts[UNITS[0]], setup.db)

    answers: list[httpx.Response] = []

    def send() -> None:
        with _client(server, setup.token) as client:
            answers.append(upload(client, UNITS[1], fresh_file(extracts[UNITS[1]])))

    thread = threading.Thread(target=send, name="opplasting")
    thread.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (workers := server.children()) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)  # most likely in the middle of the check; before or after is fine too
        for pid in workers:  # dies under the check, or just before it
            os.kill(pid, signal.SIGKILL)
    finally:
        thread.join()
    (answer,) = answers
    assert answer.status_code == 201, answer.text
    assert answer.json()["state"] == "checked"
    assert answer.json()["outcome"] == "ok"
    assert_api_works(server, setup.token, extracts[UNITS[0]], setup.db)
    assert unchecked(setup.db) == set()
