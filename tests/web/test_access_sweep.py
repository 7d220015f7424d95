"""A systematic sweep of every route of the portal against every kind of caller.

The routes are read from the application itself (`app.routes`, flattened with FastAPI's
`iter_route_contexts`), so a route added later is swept without anyone adding it here; a route
whose path parameters or body fields the sweep cannot fill fails loudly, naming the route.

Two units have delivered (an upload and a submitted version of 11F 2025 each): Gamle Oslo
(030101) and Stavanger (1103). Each caller is pointed at a unit's ids and codes, most often at the
unit that is NOT theirs, and the sweep asserts, per route, method and caller:

- a caller who may not see the unit never gets a 2xx that shows or changes its data: 403 or 404
  (or, for a page without a login, a 303 to the login page); nothing in the database changes;
  and the body of the answer holds none of the unit's file name, ids, receipt number, SHA-256
  or file contents;
- an API route without a bearer token answers 401 (a session cookie is no API credential);
- the statistics office's pages (/ssb/...) answer 403 to reporters;
- a reporter for Oslo as a whole (0301) sees district 030101 but not Stavanger;
- a vendor token bound to 1103 works on the API for 1103 only, and never on the pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx2 as httpx
import pytest

from kostra.intake.access import Role
from kostra.intake.notices import Message as Text
from kostra.publish.release import Stage
from kostra.services.runner import ControlRunner
from kostra.store import accounts, messages, releases
from kostra.text import local, now
from kostra.web.auth import CSRF_HEADER, SESSION_COOKIE
from tests.databases import Databases
from tests.web.conftest import YEAR, Site, extract
from tests.web.inventory import Endpoint, endpoints, shared_site, snapshot

FORM = "11F"
WEB_FORM = "7"  # reported by Gamle Oslo and by Stavanger alike
WEB_ROUTES = ("/skjema", "/answers", "/api/v1/forms/")


def _form_of(endpoint: Endpoint) -> str:
    """The form a route is called with: a web form's routes take only web forms."""
    return WEB_FORM if any(part in endpoint.path for part in WEB_ROUTES) else FORM


# Routes anyone may call: the front door, the login form, the API's health and documentation,
# static files. Every other route must refuse a caller without credentials.
PUBLIC = {
    "/",
    "/innlogging",
    "/api/v1/health",
    "/api/v1/openapi.json",
    "/api/docs",
    "/docs/oauth2-redirect",
    "/static/feilliste.css",
    "/static/{path}",
    # the published statistics (they hold no unit's deliveries, only what was published)
    "/statistikk",
    "/statistikk/{region}",
    "/statistikk/sok",
    "/statistikk/forslag",
    "/statistikk/faktaark/{region}",
    "/statistikk/filer/{release_id}/{name}",
}
STAFF_PREFIXES = ("/ssb", "/api/v1/intake")  # the statistics office's own
ADMIN_ONLY = {"/ssb/brukere"}
LOGOUT = "/utlogging"

# What each path parameter is filled with, from the unit the caller is pointed at.
PATH_VALUES: dict[str, Callable[[Delivered], str]] = {
    "unit": lambda unit: unit.code,
    "form": lambda unit: FORM,
    "year": lambda unit: str(YEAR),
    "upload_id": lambda unit: unit.upload_id,
    "submission_id": lambda unit: unit.submission_id,
    "message_id": lambda unit: str(unit.message_id),
    "path": lambda unit: "kostra.css",
    "region": lambda unit: unit.code,
    "release_id": lambda unit: "1",
    "name": lambda unit: "nokkeltall.json",
}
# Path parameters and body fields that point at a unit's data.
UNIT_PARAMETERS = {"unit", "upload_id", "submission_id", "message_id", "opplasting", "enheter"}


def _window_dates() -> list[str]:
    today = local(now()).date()
    return [(today + timedelta(days=d)).isoformat() for d in (-10, 10, 20, 30)]  # open


# What each form field is filled with (the unit pointed at, the caller's CSRF token).
FORM_VALUES: dict[str, Callable[[Delivered, str], str | list[str]]] = {
    "unit": lambda unit, csrf: unit.code,
    "form": lambda unit, csrf: FORM,
    "year": lambda unit, csrf: str(YEAR),
    "aar": lambda unit, csrf: str(YEAR),
    "skjema": lambda unit, csrf: FORM,
    "enheter": lambda unit, csrf: [unit.code],
    "opplasting": lambda unit, csrf: unit.upload_id,
    "merknad": lambda unit, csrf: "Sendt fra sveipen",
    "advarsler_sett": lambda unit, csrf: "ja",
    "bekreft": lambda unit, csrf: "ja",
    "apner": lambda unit, csrf: _window_dates()[0],
    "frist": lambda unit, csrf: _window_dates()[1],
    "rettefrist": lambda unit, csrf: _window_dates()[2],
    "stenger": lambda unit, csrf: _window_dates()[3],
    "csrf_token": lambda unit, csrf: csrf,
    "brukernavn": lambda unit, csrf: "stavanger",
    "passord": lambda unit, csrf: "ikke-passordet",
    "neste": lambda unit, csrf: "/",
    "linje": lambda unit, csrf: "1",
    "felt": lambda unit, csrf: "VKLO",
    "verdi": lambda unit, csrf: "5",
    "begrunnelse": lambda unit, csrf: "Rettet av sveipen",
    # "handling": the correction saves (anything but "kontroller"), the release sets its moment
    "bekreftet": lambda unit, csrf: "5",  # "Lagre likevel" for the value above
    "stadium": lambda unit, csrf: "preliminary",
    "handling": lambda unit, csrf: "tidspunkt",
    "dato": lambda unit, csrf: _window_dates()[3],
    "klokkeslett": lambda unit, csrf: "08:00",
    "forelopige": lambda unit, csrf: _window_dates()[2],
    "endelige": lambda unit, csrf: _window_dates()[3],
}
FILE_FIELDS = {"fil", "file"}
JSON_VALUES: dict[str, Any] = {"acknowledge_warnings": True}


# -- the routes ----------------------------------------------------------------------------


def _public(endpoint: Endpoint) -> bool:
    return endpoint.path in PUBLIC


def _staff_only(endpoint: Endpoint) -> bool:
    return endpoint.path.startswith(STAFF_PREFIXES)


def _concerns_unit(endpoint: Endpoint) -> bool:
    """Whether the route is about one unit's data (named in its path or body)."""
    return bool(UNIT_PARAMETERS & {*endpoint.parameters, *endpoint.form_fields})


def _delivers(endpoint: Endpoint) -> bool:
    """Whether the route delivers for a unit (upload, submit, declare): never staff's to do."""
    return endpoint.unsafe and _concerns_unit(endpoint) and not _staff_only(endpoint)


def problem(endpoint: Endpoint) -> str:
    """Why the sweep cannot call `endpoint` ("" when it can)."""
    if endpoint.problem:
        return endpoint.problem
    unknown = [p for p in endpoint.parameters if p not in PATH_VALUES]
    unknown += [f for f in endpoint.form_fields if f not in FORM_VALUES]
    unknown += [f for f in endpoint.file_fields if f not in FILE_FIELDS]
    unknown += [f for f in endpoint.json_fields if f not in JSON_VALUES]
    if unknown:
        return f"the sweep does not know how to fill {unknown} of {endpoint.label}"
    return ""


# -- the callers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Caller:
    """Who calls, and at which unit's data they are pointed."""

    name: str
    target: str  # the unit whose ids and codes the caller sends
    sees_target: bool  # whether the caller may see that unit
    cookie_of: str | None = None  # logged in (a session cookie) as this account
    token_of: str | None = None  # sends this account's API token
    staff: bool = False
    admin: bool = False

    @property
    def label(self) -> str:
        return f"{self.name}->{self.target}"


CALLERS = [
    Caller("anonym", "1103", sees_target=False),
    Caller("rapportor-030101", "1103", sees_target=False, cookie_of="gamle-oslo"),
    Caller("rapportor-1103", "030101", sees_target=False, cookie_of="stavanger"),
    Caller("rapportor-oslo", "1103", sees_target=False, cookie_of="oslo"),
    Caller("rapportor-oslo", "030101", sees_target=True, cookie_of="oslo"),
    Caller("fagsystem-1103", "030101", sees_target=False, token_of="fagsystem"),
    Caller("fagsystem-1103", "1103", sees_target=True, token_of="fagsystem"),
    Caller("ssb", "1103", sees_target=True, cookie_of="ssb", token_of="ssb", staff=True),
    Caller("admin", "030101", sees_target=True, cookie_of="admin", staff=True, admin=True),
]


# What a call must get.
PUBLIC_ANSWER = "public"  # anything but a fault
LOGIN = "login"  # 303 to the login page
UNAUTHORIZED = "401"
FORBIDDEN = "403"
HIDDEN = "403/404"
ALLOWED = "allowed"


def expected(endpoint: Endpoint, caller: Caller) -> str:
    """What `caller` must get from `endpoint`."""
    if _public(endpoint):
        return PUBLIC_ANSWER
    if endpoint.api:
        if caller.token_of is None:
            return UNAUTHORIZED
    elif caller.cookie_of is None:
        return LOGIN
    if _staff_only(endpoint) and not caller.staff:
        return FORBIDDEN
    if endpoint.path in ADMIN_ONLY and not caller.admin:
        return FORBIDDEN
    if caller.staff and _delivers(endpoint):
        return FORBIDDEN
    if _concerns_unit(endpoint) and not caller.sees_target:
        return HIDDEN
    return ALLOWED


# -- the world -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Delivered:
    """A unit with an upload and a submitted version, and what identifies them."""

    code: str
    upload_id: str
    submission_id: str
    file_name: str
    sha256: str
    first_line: str
    message_id: int  # a message from SSB to the unit, in its inbox
    note: str  # what SSB wrote in it

    @property
    def secrets(self) -> dict[str, str]:
        """What must not reach anybody who may not see the unit."""
        return {
            "file name": self.file_name,
            "upload id": self.upload_id,
            "submission id": self.submission_id,
            "SHA-256": self.sha256,
            "receipt number": f"{FORM}-{YEAR}-{self.code}-v1",
            "file contents": self.first_line,
            "message from SSB": self.note,
        }


@dataclass
class World:
    """The portal with two units' deliveries and an account of every kind."""

    site: Site
    units: dict[str, Delivered]
    tokens: dict[str, str]

    def session(self, username: str) -> tuple[str, str]:
        """A new login session of `username`: its cookie and CSRF token."""
        with self.site.db.write() as session:
            user = accounts.find_user(session, username)
            assert user is not None
            started = accounts.start_session(session, user, now(), timedelta(hours=1))
        return started.cookie, started.csrf_token


def _deliver(world: World, username: str, unit: str, seed: int) -> Delivered:
    cookie, csrf = world.session(username)
    headers = {"Cookie": f"{SESSION_COOKIE}={cookie}", CSRF_HEADER: csrf}
    data = extract(FORM, unit, seed=seed)
    name = f"hemmelig-uttrekk-{unit}.txt"
    uploaded = world.site.client.post(
        f"/portal/{unit}/{FORM}/{YEAR}/opplasting",
        headers=headers,
        files={"fil": (name, data, "text/plain")},
        follow_redirects=False,
    )
    assert uploaded.status_code == 303, uploaded.text
    upload_id = uploaded.headers["location"].rsplit("/", 1)[1]
    submitted = world.site.client.post(
        f"/opplastinger/{upload_id}/innsending",
        headers=headers,
        data={"advarsler_sett": "ja"},
        follow_redirects=False,
    )
    assert submitted.status_code == 303, submitted.text
    receipt = world.site.client.get(submitted.headers["location"], headers=headers)
    assert receipt.status_code == 200
    note = f"Hemmelig merknad til {unit}"
    with world.site.db.write() as session:
        message = messages.add_message(
            session, unit=unit, form=FORM, year=YEAR, kind=messages.ERROR_LIST,
            text=Text(f"Feilliste til {unit}", note), note=note, link=f"/opplastinger/{upload_id}",
            sent_by=world.site.users["ssb"], at=now(), recipients=[], delivery="recorded",
        )  # fmt: skip
        session.flush()
        message_id = message.id
    return Delivered(
        code=unit,
        upload_id=upload_id,
        submission_id=submitted.headers["location"].rsplit("/", 1)[1],
        file_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        first_line=data.decode().splitlines()[0].strip(),
        message_id=message_id,
        note=note,
    )


@pytest.fixture(scope="module")
def world(databases: Databases, runner: ControlRunner) -> Iterator[World]:
    """One portal for the whole sweep (on each database in turn): the calls that are refused
    change nothing, and those allowed touch only what the caller may change."""
    with shared_site(databases, runner) as site:
        site.add_user("gamle-oslo", Role.REPORTER, ("030101",))
        site.add_user("stavanger", Role.REPORTER, ("1103",))
        site.add_user("oslo", Role.REPORTER, ("0301",))
        site.add_user("ssb", Role.STAFF, ())
        site.add_user("admin", Role.ADMIN, ())
        vendor = site.add_user("fagsystem", Role.VENDOR, ("1103",))
        assert vendor is not None
        tokens = {"fagsystem": vendor, "ssb": site.token_for("ssb")}
        for form in ("11F", "11CF", WEB_FORM):
            site.set_window(form)
        made = World(site, {}, tokens)
        made.units["030101"] = _deliver(made, "gamle-oslo", "030101", seed=21)
        made.units["1103"] = _deliver(made, "stavanger", "1103", seed=22)
        # A release (number 1), so the statistics pages and the staff's release page answer.
        releases.publish(site.db, YEAR, Stage.PRELIMINARY, by=None, at=now(), key=b"sveip",
                         max_n=2)  # fmt: skip
        yield made


def call(world: World, endpoint: Endpoint, caller: Caller) -> httpx.Response:
    """Call `endpoint` as `caller`, with the ids and codes of the unit the caller is pointed at."""
    unit = world.units[caller.target]
    values = {name: PATH_VALUES[name](unit) for name in endpoint.parameters}
    if "form" in values:
        values["form"] = _form_of(endpoint)
    url = endpoint.path.format(**values)
    headers: dict[str, str] = {}
    csrf = ""
    if caller.cookie_of is not None:
        cookie, csrf = world.session(caller.cookie_of)  # a session of its own: logout ends it
        headers["Cookie"] = f"{SESSION_COOKIE}={cookie}"
        if endpoint.unsafe:
            headers[CSRF_HEADER] = csrf
    if caller.token_of is not None:
        headers["Authorization"] = f"Bearer {world.tokens[caller.token_of]}"
    body: dict[str, Any] = {}
    if endpoint.form_fields:
        body["data"] = {name: FORM_VALUES[name](unit, csrf) for name in endpoint.form_fields}
    if endpoint.file_fields:
        data = extract(FORM, unit.code, seed=99)
        body["files"] = dict.fromkeys(endpoint.file_fields, ("sveip.txt", data, "text/plain"))
    if endpoint.json_fields:
        body["json"] = {name: JSON_VALUES[name] for name in endpoint.json_fields}
    world.site.client.cookies.clear()  # only what the caller has: nothing left from before
    return world.site.client.request(
        endpoint.method, url, headers=headers, follow_redirects=False, **body
    )


def _cases() -> list[Any]:
    return [
        pytest.param(endpoint, caller, id=f"{endpoint.label}|{caller.label}")
        for endpoint in endpoints()
        for caller in CALLERS
    ]


def _is_login_redirect(response: httpx.Response) -> bool:
    return response.status_code == 303 and response.headers.get("location", "").startswith(
        "/innlogging?neste="
    )


@pytest.mark.parametrize(("endpoint", "caller"), _cases())
def test_route_answers_each_caller_as_it_should(
    world: World, endpoint: Endpoint, caller: Caller
) -> None:
    if problem(endpoint):
        pytest.fail(problem(endpoint))
    want = expected(endpoint, caller)
    before = snapshot(world.site.db) if endpoint.unsafe and want != ALLOWED else None
    response = call(world, endpoint, caller)
    status = response.status_code
    where = f"{endpoint.label} as {caller.label}: {status} {response.text[:300]!r}"

    assert status < 500, where
    if want == PUBLIC_ANSWER:
        if endpoint.path.startswith("/static/"):
            assert status == 200, where
    elif want == LOGIN:
        assert _is_login_redirect(response), where
    elif want == UNAUTHORIZED:
        assert status == 401, where
        assert response.headers["www-authenticate"] == "Bearer", where
        assert "API-nøkkel" in response.json()["detail"], where
    elif want == FORBIDDEN:
        assert status == 403, where
    elif want == HIDDEN:
        assert status in (403, 404), where
    elif endpoint.unsafe:  # allowed; may still be refused for what it asks (409, 422...)
        assert status not in (401, 403), where
        assert not _is_login_redirect(response) or endpoint.path == LOGOUT, where
    else:
        assert 200 <= status < 400 and not _is_login_redirect(response), where
    if want in (FORBIDDEN, HIDDEN, UNAUTHORIZED):
        if endpoint.api:
            assert set(response.json()) <= {"detail", "errors"}, where
        else:
            assert response.headers["content-type"].startswith("text/html"), where
            assert "Ingen tilgang" in response.text or "Finnes ikke" in response.text, where

    if not caller.sees_target:
        body = response.text
        for what, secret in world.units[caller.target].secrets.items():
            assert secret not in body, f"{where}: the answer shows the other unit's {what}"
    if before is not None:
        assert snapshot(world.site.db) == before, f"{where}: the refused call changed data"


def test_the_sweep_can_fill_every_route() -> None:
    """All at once: every route found, none the sweep cannot call (a new path parameter or body
    field needs a value in PATH_VALUES, FORM_VALUES or JSON_VALUES above)."""
    found = endpoints()
    problems = [problem(e) for e in found if problem(e)]
    assert not problems, "\n".join(problems)
    labels = {e.label for e in found}
    # The enumeration must see through included routers (it silently found none in the past).
    for known in (
        "GET /portal/{unit}/{form}/{year}",
        "POST /opplastinger/{upload_id}/innsending",
        "GET /ssb",
        "POST /api/v1/uploads",
        "DELETE /api/v1/deliveries/{unit}/{form}/{year}/declaration",
        "GET /static/{path}",
    ):
        assert known in labels
    assert len(found) >= 40


def test_the_oslo_reporter_sees_the_district_and_not_stavanger(world: World) -> None:
    cookie, _ = world.session("oslo")
    headers = {"Cookie": f"{SESSION_COOKIE}={cookie}"}
    client = world.site.client
    client.cookies.clear()
    district, stavanger = world.units["030101"], world.units["1103"]
    page = client.get(f"/portal/030101/{FORM}/{YEAR}", headers=headers)
    assert page.status_code == 200
    assert district.file_name in page.text
    receipt = client.get(f"/innsendinger/{district.submission_id}", headers=headers)
    assert receipt.status_code == 200
    assert district.secrets["receipt number"] in receipt.text and district.sha256 in receipt.text
    overview = client.get(f"/portal?aar={YEAR}", headers=headers).text
    assert all(f"0301{n:02d}" in overview for n in range(1, 16))
    assert "Stavanger" not in overview
    assert client.get(f"/portal/1103/{FORM}/{YEAR}", headers=headers).status_code == 404
    hidden = client.get(f"/opplastinger/{stavanger.upload_id}", headers=headers)
    assert hidden.status_code == 404


def test_the_vendor_token_works_for_its_own_unit_only(world: World) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['fagsystem']}"}
    client = world.site.client
    client.cookies.clear()
    own, other = world.units["1103"], world.units["030101"]
    mine = client.get(f"/api/v1/uploads/{own.upload_id}", headers=headers)
    assert mine.status_code == 200 and mine.json()["sha256"] == own.sha256
    me = client.get("/api/v1/me", params={"year": YEAR}, headers=headers).json()
    assert [u["code"] for u in me["units"]] == ["1103"]
    assert client.get(f"/api/v1/uploads/{other.upload_id}", headers=headers).status_code == 404
    page = client.get(f"/opplastinger/{own.upload_id}", headers=headers, follow_redirects=False)
    assert _is_login_redirect(page)
