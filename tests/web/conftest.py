"""The portal in-process (FastAPI's TestClient) on a fresh database, with helpers to act as a user."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from kostra.intake.access import Role
from kostra.services.runner import ControlRunner
from kostra.settings import Settings
from kostra.store import Database, accounts, calendar
from kostra.synth.extract import generate
from kostra.text import local, now
from kostra.web.app import create_app
from tests.production import worked

PASSWORD = "riktig-passord-1"
YEAR = 2025
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def runner() -> Iterator[ControlRunner]:
    """One control runner for every app of the run (checks in a thread: no process start-up)."""
    shared = ControlRunner(0)
    shared.start()
    yield shared
    shared.stop()


def extract(
    form: str = "11F",
    unit: str = "030101",
    records: int = 40,
    *,
    errors: int = 0,
    seed: int = 1,
    encoding: str = "utf-8",
    year: int = YEAR,
) -> bytes:
    """A synthetic extract of `unit` (a municipality or an Oslo district) for `year`."""
    municipality, district = (unit[:4], unit[4:]) if len(unit) == 6 else (unit, None)
    made = generate(form, year, municipality, records, seed=seed, errors=errors,
                    encoding=encoding, line_ending="\n", district=district)  # fmt: skip
    return made.data


@dataclass
class Site:
    """A running portal and a browser-like client with its cookies."""

    client: TestClient
    db: Database
    csrf: str = ""
    users: dict[str, int] = field(default_factory=dict)

    def add_user(
        self,
        username: str,
        role: Role = Role.REPORTER,
        scopes: tuple[str, ...] = ("030101",),
        email: str | None = None,
    ) -> str | None:
        """Add an account (a password for people, a token returned for vendors)."""
        with self.db.write() as session:
            user = accounts.add_user(
                session, username=username, name=username.title(), role=role,
                scopes=list(scopes), at=now(), email=email,
                password=None if role is Role.VENDOR else PASSWORD,
            )  # fmt: skip
            self.users[username] = user.id
            if role is Role.VENDOR:
                return accounts.issue_token(session, user, "test", now())
        return None

    def token_for(self, username: str) -> str:
        """A new API token for an existing account."""
        with self.db.write() as session:
            user = accounts.find_user(session, username)
            assert user is not None
            return accounts.issue_token(session, user, "test", now())

    def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        """Log in through the form; remembers the session's CSRF token."""
        page = self.client.get("/innlogging")
        token = _CSRF.search(page.text)
        assert token is not None
        response = self.client.post(
            "/innlogging",
            data={"brukernavn": username, "passord": password, "csrf_token": token.group(1)},
            follow_redirects=False,
        )
        if response.status_code == 303:
            self.refresh_csrf()
        return response

    def refresh_csrf(self) -> None:
        """Read the session's CSRF token from a page."""
        found = _CSRF.search(self.client.get("/portal", follow_redirects=True).text)
        assert found is not None
        self.csrf = found.group(1)

    def logout(self) -> None:
        """Log out."""
        self.client.post("/utlogging", data={"csrf_token": self.csrf}, follow_redirects=False)

    def set_window(self, form: str = "11F", year: int = YEAR, phase: str = "open") -> None:
        """Move the calendar so that today falls in `phase` of the window."""
        today = local(now()).date()
        day = timedelta(days=1)
        dates = {
            "not_open": (today + 5 * day, today + 10 * day, today + 20 * day, today + 30 * day),
            "open": (today - 10 * day, today + 10 * day, today + 20 * day, today + 30 * day),
            "late": (today - 20 * day, today - 5 * day, today + 20 * day, today + 30 * day),
            "no_corrections": (
                today - 30 * day,
                today - 20 * day,
                today - 5 * day,
                today + 5 * day,
            ),
            "closed": (today - 40 * day, today - 30 * day, today - 20 * day, today - 1 * day),
        }[phase]
        self.set_dates(form, year, dates)

    def set_dates(self, form: str, year: int, dates: tuple[date, date, date, date]) -> None:
        """Set a window's dates directly."""
        with self.db.write() as session:
            calendar.set_window(session, form, year, dates, None, now())

    def upload(
        self, data: bytes, unit: str = "030101", form: str = "11F", year: int = YEAR,
        name: str = "uttrekk.txt",
    ) -> httpx.Response:  # fmt: skip
        """Upload through the portal's form; the response is the redirect to the error list."""
        return self.client.post(
            f"/portal/{unit}/{form}/{year}/opplasting",
            data={"csrf_token": self.csrf},
            files={"fil": (name, data, "text/plain")},
            follow_redirects=False,
        )

    def upload_id(self, data: bytes, **where: str) -> str:
        """Upload and return the new upload's id."""
        response = self.upload(data, **where)  # type: ignore[arg-type]
        assert response.status_code == 303, response.text
        return response.headers["location"].rsplit("/", 1)[1]

    def submit(self, upload_id: str, warnings_seen: bool = True) -> httpx.Response:
        """Submit an upload through the portal's form."""
        data = {"csrf_token": self.csrf}
        if warnings_seen:
            data["advarsler_sett"] = "ja"
        return self.client.post(
            f"/opplastinger/{upload_id}/innsending", data=data, follow_redirects=False
        )

    def post(self, path: str, **data: str) -> httpx.Response:
        """A form post with the session's CSRF token."""
        return self.client.post(
            path, data={"csrf_token": self.csrf, **data}, follow_redirects=False
        )


@contextmanager
def make_site(db: Database, runner: ControlRunner, **settings: object) -> Iterator[Site]:
    """A portal on `db` with `settings`, and a client."""
    app = create_app(Settings(database_url=db.url, **settings), database=db, runner=runner)  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield Site(client, db)


@pytest.fixture
def site(db: Database, runner: ControlRunner) -> Iterator[Site]:
    """The portal on a fresh database, with a reporter for Gamle Oslo (030101) who is not yet
    logged in, and the 11F and 11CF windows of YEAR open."""
    with make_site(db, runner) as made:
        made.add_user("kari", Role.REPORTER, ("030101",), email="kari@example.org")
        made.set_window("11F")
        made.set_window("11CF")
        yield made


@pytest.fixture
def staffed(db: Database, runner: ControlRunner, tmp_path: Path) -> Iterator[Site]:
    """Oslo's reporter has delivered the worked example's two districts (tests/production/
    worked.py); SSB is logged in."""
    with make_site(db, runner, pseudonym_key="test-nokkel", suppression_max_n=0) as site:
        site.add_user("oslo", Role.REPORTER, ("0301",))
        site.add_user("siri", Role.STAFF, ())
        site.add_user("per", Role.STAFF, ())  # a second pair of eyes for final figures
        site.set_window("11F")
        site.login("oslo")
        for code, path in worked.write(tmp_path).items():
            submitted = site.submit(site.upload_id(path.read_bytes(), unit=code))
            assert submitted.status_code == 303, submitted.text
        site.logout()
        site.login("siri")
        yield site
