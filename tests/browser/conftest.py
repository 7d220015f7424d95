"""The real portal server in a subprocess, and Chromium (through Playwright) to use it as people do.

`live_site` starts `uvicorn kostra.web.app:create_app --factory` on a free loopback port, on the
fresh database of `database_url` (so every test runs on SQLite and on PostgreSQL), seeded with a
reporter for 030101 Gamle Oslo, one for Oslo as a whole (0301), a member of SSB's staff, and the windows of every form of 2025 in
the phase `window_phase` names ("open" unless a test parametrizes it). The server is always
stopped after the test.

`new_context` opens browser contexts that watch the pages: a console error, an uncaught script
error, a Content-Security-Policy violation, or a request to any origin but the test server's
(aborted) fails the test. `audit` takes a full-page screenshot into the test's tmp folder and
checks a page's basics: `<html lang="nb">`, exactly one h1, a label for every form control, no
duplicate ids.

Chromium is Debian's (/usr/bin/chromium); the machine has no network, so it is started with the
flags that keep it from calling home.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Response,
    Route,
    WebError,
    expect,
)

from kostra.intake.access import Role
from kostra.store import Database, accounts, calendar
from kostra.text import local, now
from tests.databases import free_port
from tests.web.conftest import PASSWORD, YEAR

REPORTER = "kari"
OSLO_REPORTER = "ola"  # Oslo as a whole: the forms and questions its districts cannot report
STAFF = "siri"
STARTUP_SECONDS = 60
# How long Playwright's auto-waiting (`expect`, and actions) waits before it fails: this bounds a
# failure on a shared, slow machine; it times nothing.
WAIT_MS = 15_000
expect.set_options(timeout=WAIT_MS)

WATCH = pytest.StashKey["Watch"]()


def window_dates(phase: str) -> tuple[date, date, date, date]:
    """Opens, deadline, corrections and closes such that today falls in `phase` (as
    `Site.set_window` in tests/web/conftest.py)."""
    today = local(now()).date()
    day = timedelta(days=1)
    return {
        "open": (today - 10 * day, today + 10 * day, today + 20 * day, today + 30 * day),
        "late": (today - 20 * day, today - 5 * day, today + 20 * day, today + 30 * day),
    }[phase]


@dataclass
class LiveSite:
    """The running portal: its address and its database."""

    url: str
    db: Database


def _seed(db: Database, phase: str) -> None:
    with db.write() as session:
        accounts.add_user(
            session, username=REPORTER, name="Kari Nordmann", role=Role.REPORTER,
            scopes=["030101"], at=now(), email="kari@example.org", password=PASSWORD,
        )  # fmt: skip
        accounts.add_user(
            session, username=OSLO_REPORTER, name="Ola Nordmann", role=Role.REPORTER,
            scopes=["0301"], at=now(), email="ola@example.org", password=PASSWORD,
        )  # fmt: skip
        accounts.add_user(
            session, username=STAFF, name="Siri Statistiker", role=Role.STAFF, scopes=[],
            at=now(), email="siri@ssb.example", password=PASSWORD,
        )  # fmt: skip
        for form in ("11F", "11CF", "7", "7B", "12"):
            calendar.set_window(session, form, YEAR, window_dates(phase), None, now())


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = log.read_text("utf-8", errors="replace")
            raise RuntimeError(f"the portal stopped at start-up:\n{text}")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    text = log.read_text("utf-8", errors="replace")
    raise RuntimeError(f"the portal did not answer within {STARTUP_SECONDS} s:\n{text}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and the control worker it spawned (its own process group)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # A control worker left behind by a server that died. While any member lives the group's id
    # cannot be taken by another process, so this reaches only what the server started.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def window_phase() -> str:
    """Where today falls in the 11F and 11CF windows of YEAR (parametrize to change)."""
    return "open"


@pytest.fixture
def live_site(database_url: str, window_phase: str, tmp_path: Path) -> Iterator[LiveSite]:
    """The portal, started as in production, on a fresh seeded database."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOSTRA_")}
    env |= {"KOSTRA_DATABASE_URL": database_url, "KOSTRA_CONTROL_WORKERS": "1",
            "KOSTRA_PSEUDONYM_KEY": "nettlesertest"}  # fmt: skip
    command = [sys.executable, "-m", "uvicorn", "kostra.web.app:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    log = tmp_path / "server.log"
    db = Database(database_url)
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _seed(db, window_phase)  # while the server starts (it reads no account or date till asked)
        _wait_until_healthy(url, process, log)
        yield LiveSite(url, db)
    finally:
        _stop(process)
        db.dispose()
        # Shown with a failing test's report (pytest keeps a passing test's output to itself).
        sys.stderr.write(f"--- server log ---\n{log.read_text('utf-8', errors='replace')[-6000:]}")


@pytest.fixture(scope="session")
def browser(chromium: Browser) -> Browser:
    """Headless Chromium, for the whole run (tests/conftest.py)."""
    return chromium


# Reported by every page to the console: a CSP violation (Chromium reports them there too, but
# this says which directive). Playwright injects init scripts outside the page's CSP.
_REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


# Chromium logs "Failed to load resource" for a page answered with an error status, too. A page's
# status is the portal's deliberate answer (401 for a wrong password), and the tests read what
# the page says; a failed script, stylesheet, image or htmx request is still a problem.
_FAILED_LOAD = "Failed to load resource: the server responded with a status of"


@dataclass
class Watch:
    """What went wrong on a test's pages."""

    origin: str
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (url, text)
    other: list[str] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)  # urls of pages (main documents) loaded

    def attach(self, context: BrowserContext) -> None:
        """Watch every page of `context`."""
        context.add_init_script(_REPORT_CSP)
        context.on("console", self._console)
        context.on("weberror", self._script_error)
        context.on("response", self._response)
        context.route("**/*", self._route)

    def problems(self) -> list[str]:
        """Everything that should not have happened."""
        found = [
            f"console error on {url}: {text}"
            for url, text in self.console_errors
            if not (text.startswith(_FAILED_LOAD) and url in self.documents)
        ]
        return found + self.other

    def _script_error(self, error: WebError) -> None:
        self.other.append(f"script error: {error.error}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append((message.location.get("url", ""), message.text))

    def _response(self, response: Response) -> None:
        if response.request.resource_type == "document":
            self.documents.add(response.url)

    def _route(self, route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme == "data" or f"{parts.scheme}://{parts.netloc}" == self.origin:
            route.continue_()
            return
        self.other.append(f"request to another origin: {url}")
        route.abort("blockedbyclient")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail a test whose pages logged errors or reached for another origin."""
    result = yield
    watch = item.stash.get(WATCH, None)
    problems = watch.problems() if watch is not None else []
    if problems:
        pytest.fail("the pages had problems:\n" + "\n".join(problems), pytrace=False)
    return result


@pytest.fixture
def new_context(
    browser: Browser, live_site: LiveSite, request: pytest.FixtureRequest
) -> Iterator[Callable[..., BrowserContext]]:
    """Open a watched browser context on the live site (options as `Browser.new_context`)."""
    watch = Watch(live_site.url)
    request.node.stash[WATCH] = watch
    opened: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(
            base_url=live_site.url, locale="nb-NO", timezone_id="Europe/Oslo", **options
        )
        context.set_default_timeout(WAIT_MS)
        watch.attach(context)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A page in a new watched context, with JavaScript."""
    return new_context().new_page()


# Form controls a person cannot tell apart without a label, buttons without a name, and ids
# that are not unique (a label or an aria-labelledby then points at the wrong element).
_AUDIT = """
() => {
  const named = (el) => {
    if ([...(el.labels || [])].some((label) => label.textContent.trim())) return true;
    if ((el.getAttribute("aria-label") || "").trim()) return true;
    const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    return ids.some((id) => (document.getElementById(id)?.textContent || "").trim());
  };
  const skip = new Set(["hidden", "submit", "button", "reset", "image"]);
  const unlabelled = [...document.querySelectorAll("input, select, textarea")]
    .filter((el) => !skip.has(el.type) && !named(el))
    .map((el) => el.outerHTML.slice(0, 160));
  const nameless = [...document.querySelectorAll("button")]
    .filter((el) => !el.textContent.trim() && !(el.getAttribute("aria-label") || "").trim())
    .map((el) => el.outerHTML.slice(0, 160));
  const seen = new Map();
  for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  return { unlabelled, nameless, duplicates };
}
"""


@dataclass
class Audit:
    """Screenshots and a basic accessibility check of each main page."""

    folder: Path
    taken: list[Path] = field(default_factory=list)

    def __call__(self, page: Page, name: str) -> None:
        """Screenshot `page` as `name`.jpg and check its basics."""
        shot = self.folder / f"{name}.jpg"
        # JPEG: the staff's pages list every unit in the country, and a tall PNG takes seconds.
        # The caret as it is: hiding it leaves `style=""` on the inputs, which htmx's history
        # then restores into the page, where the CSP rightly blocks it.
        page.screenshot(path=shot, full_page=True, type="jpeg", quality=80, caret="initial")
        self.taken.append(shot)
        expect(page.locator("html")).to_have_attribute("lang", "nb")
        expect(page.locator("h1")).to_have_count(1)
        found = page.evaluate(_AUDIT)
        assert found == {"unlabelled": [], "nameless": [], "duplicates": []}, name


@pytest.fixture
def audit(tmp_path: Path) -> Audit:
    """Screenshot and check a page: `audit(page, "name")`."""
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return Audit(folder)


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in through the login page, as a person does."""
    page.goto("/innlogging")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()


def form_step(page: Page, unit: str, form: str) -> Locator:
    """The overview's entry of `unit`'s `form`: its status, next step and action."""
    return page.locator(f"li.next-step:has(#skjema-{unit}-{form})")


def fits_the_width(page: Page) -> bool:
    """Whether the page fits its window: no sideways scrolling of the whole page."""
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))


def upload_file(page: Page, folder: Path, data: bytes, name: str = "uttrekk.txt") -> str:
    """On a delivery page: choose the file `data` (saved as `name` in `folder`), upload it, land
    on its error list; the upload's address."""
    path = folder / name
    path.write_bytes(data)
    page.get_by_label(re.compile("Fil fra fagsystemet")).set_input_files(path)
    page.get_by_role("button", name="Last opp og kontroller").click()
    expect(page).to_have_url(re.compile(r"/opplastinger/[0-9a-f]+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Feilliste")
    return urlsplit(page.url).path
