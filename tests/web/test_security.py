"""The portal's defences, each tried the way an attacker (or an accident) would:

- CSRF: every form post of the pages refuses a missing, forged or borrowed token (403, in
  Norwegian) and changes nothing; the login form refuses a missing or forged double-submit token;
- the session cookie's flags; logging out and disabling an account end the session on the server;
- login throttling, with the same words for a wrong user name as for a wrong password;
- passwords kept only as argon2id hashes;
- no open redirect after login;
- the upload size limit, for the pages and the API, with nothing stored;
- identity numbers (fødselsnummer) from an uploaded file never reach a log, a URL or a page;
- every error page in Norwegian with nothing internal in it (404, 405, 422, 500);
- the security headers.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import String, Text, func, select

from kostra.catalog import load
from kostra.intake.access import Role
from kostra.services import views
from kostra.services.runner import ControlRunner
from kostra.store import Database, accounts
from kostra.store.models import Base, Blob, LoginSession, Upload, User
from kostra.text import local, now
from kostra.web.app import CONTENT_SECURITY_POLICY
from kostra.web.auth import CSRF_HEADER, LOGIN_CSRF_COOKIE, SESSION_COOKIE
from kostra.web.limits import too_large_message
from kostra.web.routes import api as api_routes
from tests.databases import Databases
from tests.web.conftest import PASSWORD, YEAR, Site, extract, make_site
from tests.web.inventory import endpoints, shared_site, snapshot

_ALERT = re.compile(r'<p class="alert" role="alert">(.*?)</p>', re.S)
_CSRF_REFUSED = "Skjemaet er utløpt eller kom ikke fra portalen"


def alert(response: httpx.Response) -> str:
    """The message a page shows in its alert box."""
    found = _ALERT.search(response.text)
    assert found is not None, response.text[:500]
    return found.group(1).strip()


@pytest.fixture(scope="module")
def shared(databases: Databases, runner: ControlRunner) -> Iterator[Site]:
    """One portal for the tests of this module that leave nothing behind for the others: an
    Oslo-wide reporter (kari), staff (ssb), and the windows of YEAR open."""
    with shared_site(databases, runner, pseudonym_key="sikkerhetstest") as made:
        made.add_user("kari", Role.REPORTER, ("0301",), email="kari@example.org")
        made.add_user("ssb", Role.STAFF, ())
        for form in ("11F", "11CF", "7"):
            made.set_window(form)
        yield made


@pytest.fixture(scope="module")
def vendor(shared: Site) -> dict[str, str]:
    """The headers of a vendor system for 030101 on the shared portal."""
    token = shared.add_user("fagsystem", Role.VENDOR, ("030101",))
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def portal(shared: Site) -> Site:
    """The shared portal with a client that holds no cookies."""
    shared.client.cookies.clear()
    shared.client.event_hooks = {"request": [], "response": []}
    shared.csrf = ""
    return shared


def session_headers(site: Site, username: str) -> dict[str, str]:
    """The headers of a new login session of `username`, made in the database (no password
    hashing): its cookie and its CSRF token."""
    with site.db.write() as session:
        user = accounts.find_user(session, username)
        assert user is not None
        started = accounts.start_session(session, user, now(), timedelta(hours=1))
    return {"Cookie": f"{SESSION_COOKIE}={started.cookie}", CSRF_HEADER: started.csrf_token}


def login_form(site: Site, username: str, password: str = PASSWORD, **extra: str) -> httpx.Response:
    """Log in through the login form, as a browser does (the client's cookies are cleared)."""
    site.client.cookies.clear()
    page = site.client.get("/innlogging")
    token = page.cookies[LOGIN_CSRF_COOKIE]
    data = {"brukernavn": username, "passord": password, "csrf_token": token, **extra}
    response = site.client.post("/innlogging", data=data, follow_redirects=False)
    if response.status_code == 303:
        site.refresh_csrf()
    return response


def count(db: Database, model: Any) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def add_user(
    site: Site, role: Role = Role.REPORTER, scopes: tuple[str, ...] = ("030101",)
) -> tuple[str, str]:
    """A new account with a name of its own (the shared portal keeps its accounts): its name,
    and for a vendor its token."""
    name = f"bruker-{secrets.token_hex(4)}"
    return name, site.add_user(name, role, scopes) or ""


# -- CSRF ----------------------------------------------------------------------------------


@dataclass
class FormPost:
    """How to post one of the pages' forms for real: who, where, with what."""

    user: str
    url: str
    data: dict[str, str | list[str]] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes, str]] | None = None


def _post(site: Site, url: str, headers: dict[str, str], **body: Any) -> httpx.Response:
    site.client.cookies.clear()
    return site.client.post(url, headers=headers, follow_redirects=False, **body)


def _upload_first(site: Site, unit: str) -> str:
    files = {"fil": ("uttrekk.txt", extract("11F", unit, seed=3), "text/plain")}
    url = f"/portal/{unit}/11F/{YEAR}/opplasting"
    uploaded = _post(site, url, session_headers(site, "kari"), files=files)
    assert uploaded.status_code == 303, uploaded.text
    return uploaded.headers["location"].rsplit("/", 1)[1]


def _submitted_first(site: Site, unit: str) -> FormPost:
    upload_id = _upload_first(site, unit)
    url = f"/opplastinger/{upload_id}/innsending"
    submitted = _post(site, url, session_headers(site, "kari"), data={"advarsler_sett": "ja"})
    assert submitted.status_code == 303, submitted.text
    fields = {"aar": str(YEAR), "linje": "1", "felt": "VKLO", "verdi": "9",
              "begrunnelse": "Avtalt med bydelen"}  # fmt: skip
    return FormPost("ssb", f"/ssb/produksjon/{unit}/11F/rettelse", fields)


def _declared_first(site: Site, unit: str) -> FormPost:
    url = f"/portal/{unit}/11CF/{YEAR}/ingen"
    assert (
        _post(site, url, session_headers(site, "kari"), data={"bekreft": "ja"}).status_code == 303
    )
    return FormPost("kari", f"{url}/trekk")


def _dates(*days: int) -> dict[str, str]:
    today = local(now()).date()
    names = ("apner", "frist", "rettefrist", "stenger")
    return {n: (today + timedelta(days=d)).isoformat() for n, d in zip(names, days, strict=True)}


# Each form of the pages, made ready to succeed but for its CSRF token, for a district of its own.
FORM_POSTS: dict[str, Callable[[Site, str], FormPost]] = {
    "/utlogging": lambda site, unit: FormPost("kari", "/utlogging"),
    "/portal/{unit}/{form}/{year}/opplasting": lambda site, unit: FormPost(
        "kari",
        f"/portal/{unit}/11F/{YEAR}/opplasting",
        files={"fil": ("uttrekk.txt", extract("11F", unit, seed=4), "text/plain")},
    ),
    "/portal/{unit}/{form}/{year}/ingen": lambda site, unit: FormPost(
        "kari", f"/portal/{unit}/11CF/{YEAR}/ingen", {"bekreft": "ja"}
    ),
    "/portal/{unit}/{form}/{year}/ingen/trekk": _declared_first,
    "/opplastinger/{upload_id}/innsending": lambda site, unit: FormPost(
        "kari", f"/opplastinger/{_upload_first(site, unit)}/innsending", {"advarsler_sett": "ja"}
    ),
    "/portal/{unit}/{form}/{year}/skjema": lambda site, unit: FormPost(
        "kari", f"/portal/{unit}/7/{YEAR}/skjema", {"handling": "lagre", "OKRAD_SAKER": "12"}
    ),
    "/portal/{unit}/{form}/{year}/skjema/kontroll": lambda site, unit: FormPost(
        "kari", f"/portal/{unit}/7/{YEAR}/skjema/kontroll", {"OKRAD_SAKER": "12"}
    ),
    "/portal/{unit}/{form}/{year}/skjema/utkast": lambda site, unit: FormPost(
        "kari", f"/portal/{unit}/7/{YEAR}/skjema/utkast", {"OKRAD_SAKER": "12"}
    ),
    "/ssb/purringer": lambda site, unit: FormPost(
        "ssb", "/ssb/purringer", {"aar": str(YEAR), "skjema": "11F", "enheter": [unit]}
    ),
    "/ssb/purringer/forhandsvisning": lambda site, unit: FormPost(
        "ssb",
        "/ssb/purringer/forhandsvisning",
        {"aar": str(YEAR), "skjema": "11F", "enheter": [unit]},
    ),
    "/ssb/feillister": lambda site, unit: FormPost(
        "ssb", "/ssb/feillister", {"opplasting": _upload_first(site, unit), "merknad": "Se her"}
    ),
    "/ssb/kalender": lambda site, unit: FormPost(
        "ssb", "/ssb/kalender", {"aar": str(YEAR), "skjema": "11F", **_dates(-3, 7, 17, 27)}
    ),
    "/ssb/produksjon/{unit}/{form}/rettelse": _submitted_first,
    "/ssb/publisering": lambda site, unit: FormPost(
        "ssb", "/ssb/publisering", {"aar": str(YEAR), "stadium": "preliminary"}
    ),
    "/ssb/publisering/{release_id}/godkjenning": lambda site, unit: FormPost(
        "ssb", "/ssb/publisering/1/godkjenning"
    ),
    "/ssb/publisering/{release_id}/tidspunkt": lambda site, unit: FormPost(
        "ssb", "/ssb/publisering/1/tidspunkt", {"handling": "na"}
    ),
    "/ssb/publisering/{release_id}/tilbaketrekking": lambda site, unit: FormPost(
        "ssb", "/ssb/publisering/1/tilbaketrekking", {"begrunnelse": "Feil i tallene for Oslo"}
    ),
    "/ssb/kalender/publisering": lambda site, unit: FormPost(
        "ssb",
        "/ssb/kalender/publisering",
        {"aar": str(YEAR), "forelopige": "2026-03-10", "endelige": "2026-06-10"},
    ),
}
LOGIN_FORM = "/innlogging"  # before there is a session: the double-submit cookie, tried below
READ_ONLY = {  # they answer (findings, reminders as they would be sent) and keep nothing
    "/portal/{unit}/{form}/{year}/skjema/kontroll",
    "/ssb/purringer/forhandsvisning",
}


def _page_posts() -> list[str]:
    return sorted({e.path for e in endpoints() if e.unsafe and not e.api and e.path != LOGIN_FORM})


def test_every_page_form_is_tried() -> None:
    """A new form post on the pages needs a recipe in FORM_POSTS, so its CSRF check is tried."""
    assert set(_page_posts()) == set(FORM_POSTS)


_WITHOUT_UNIT = ("/utlogging", "/ssb/kalender", "/ssb/publisering")  # posts about no unit


def _district_of(path: str) -> str:
    """A district of Oslo's of its own for each post about a unit (Oslo has 15)."""
    about_units = [p for p in _page_posts() if not p.startswith(_WITHOUT_UNIT)]
    return f"0301{about_units.index(path) + 1:02d}" if path in about_units else "030101"


@pytest.mark.parametrize("path", _page_posts())
def test_a_form_post_without_the_right_csrf_token_is_refused(portal: Site, path: str) -> None:
    unit = _district_of(path)
    post = FORM_POSTS[path](portal, unit)
    session = session_headers(portal, post.user)
    cookie = {"Cookie": session["Cookie"]}
    borrowed = session_headers(portal, post.user)[CSRF_HEADER]  # valid, but another session's
    before = snapshot(portal.db)
    attempts: dict[str, tuple[dict[str, str], dict[str, Any]]] = {
        "missing": (cookie, post.data),
        "empty": (cookie, {**post.data, "csrf_token": ""}),
        "forged": (cookie, {**post.data, "csrf_token": secrets.token_urlsafe(32)}),
        "another session's": (cookie, {**post.data, "csrf_token": borrowed}),
        "forged header": ({**cookie, CSRF_HEADER: secrets.token_urlsafe(32)}, post.data),
    }
    for name, (headers, data) in attempts.items():
        refused = _post(portal, post.url, headers, data=data, files=post.files)
        assert refused.status_code == 403, name
        assert refused.headers["content-type"].startswith("text/html"), name
        assert '<html lang="nb">' in refused.text and _CSRF_REFUSED in alert(refused), name
    assert snapshot(portal.db) == before
    home = portal.client.get("/", headers=cookie, follow_redirects=False)
    assert home.headers["location"] != "/innlogging"  # and the session lives on

    # The same post with the session's token goes through: the token was all that was missing.
    data = {**post.data, "csrf_token": session[CSRF_HEADER]}
    done = _post(portal, post.url, cookie, data=data, files=post.files)
    assert done.status_code in (200, 303), done.text
    if path == "/utlogging":
        gone = portal.client.get("/", headers=cookie, follow_redirects=False)
        assert gone.headers["location"] == "/innlogging"
    elif path in READ_ONLY:
        assert snapshot(portal.db) == before
    else:
        assert snapshot(portal.db) != before


@pytest.mark.parametrize(
    ("field", "cookie"),
    [(None, "ok"), ("ok", None), (None, None), ("", ""), ("forged", "ok"), ("ok", "forged")],
    ids=["no-field", "no-cookie", "neither", "both-empty", "forged-field", "forged-cookie"],
)
def test_the_login_form_needs_its_double_submit_token(
    portal: Site, field: str | None, cookie: str | None
) -> None:
    page = portal.client.get("/innlogging")
    token = page.cookies[LOGIN_CSRF_COOKIE]
    assert f'name="csrf_token" value="{token}"' in page.text
    values = {"ok": token, "forged": secrets.token_urlsafe(32), "": "", None: None}
    portal.client.cookies.clear()
    headers = {"Cookie": f"{LOGIN_CSRF_COOKIE}={values[cookie]}"} if cookie is not None else {}
    data = {"brukernavn": "kari", "passord": PASSWORD}
    if values[field] is not None:
        data["csrf_token"] = str(values[field])
    sessions = count(portal.db, LoginSession)
    response = portal.client.post("/innlogging", data=data, headers=headers, follow_redirects=False)
    assert response.status_code == 403
    assert "Innloggingsskjemaet var utløpt" in alert(response)
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")
    assert count(portal.db, LoginSession) == sessions


# -- the session ---------------------------------------------------------------------------


def _cookie_attributes(response: httpx.Response, name: str) -> set[str]:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{name}="):
            return {part.strip().lower() for part in header.split(";")[1:]}
    raise AssertionError(f"no {name} cookie set")


@pytest.mark.parametrize("secure", [None, True], ids=["over-http", "cookie_secure"])
def test_the_session_cookie_flags(db: Database, runner: ControlRunner, secure: bool | None) -> None:
    with make_site(db, runner, cookie_secure=secure) as site:
        site.add_user("kari")
        login_page = site.client.get("/innlogging")
        login_flags = _cookie_attributes(login_page, LOGIN_CSRF_COOKIE)
        assert {"httponly", "samesite=strict", "path=/innlogging"} <= login_flags
        token = login_page.cookies[LOGIN_CSRF_COOKIE]
        site.client.cookies.clear()  # a Secure cookie would not be sent back over http
        response = site.client.post(
            "/innlogging",
            data={"brukernavn": "kari", "passord": PASSWORD, "csrf_token": token},
            headers={"Cookie": f"{LOGIN_CSRF_COOKIE}={token}"},
            follow_redirects=False,
        )
        assert response.status_code == 303
        flags = _cookie_attributes(response, SESSION_COOKIE)
        assert {"httponly", "samesite=lax", "path=/"} <= flags
        assert ("secure" in flags) is bool(secure)
        assert ("secure" in login_flags) is bool(secure)


def test_logging_out_ends_the_session_on_the_server(portal: Site) -> None:
    assert login_form(portal, "kari").status_code == 303
    cookie = portal.client.cookies[SESSION_COOKIE]
    sessions = count(portal.db, LoginSession)
    assert portal.client.get("/portal").status_code == 200
    portal.logout()
    assert count(portal.db, LoginSession) == sessions - 1
    portal.client.cookies.clear()
    old = {"Cookie": f"{SESSION_COOKIE}={cookie}"}
    again = portal.client.get("/portal", headers=old, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].startswith("/innlogging")


def test_a_disabled_account_is_logged_out_and_its_token_stops(portal: Site) -> None:
    name, _ = add_user(portal)
    vendor, token = add_user(portal, Role.VENDOR)
    bearer = {"Authorization": f"Bearer {token}"}
    assert login_form(portal, name).status_code == 303
    assert portal.client.get("/portal").status_code == 200
    assert portal.client.get("/api/v1/me", headers=bearer).status_code == 200
    with portal.db.write() as session:
        accounts.disable_user(session, name, now())
        accounts.disable_user(session, vendor, now())
    page = portal.client.get("/portal", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/innlogging")
    posted = portal.post(f"/portal/030101/11CF/{YEAR}/ingen", bekreft="ja")
    assert posted.status_code == 303 and posted.headers["location"].startswith("/innlogging")
    assert portal.client.get("/api/v1/me", headers=bearer).status_code == 401
    assert login_form(portal, name).status_code == 401  # nor can it log in again


# -- logging in ----------------------------------------------------------------------------


def test_logins_are_throttled_after_the_allowed_failures(portal: Site) -> None:
    name, _ = add_user(portal)
    for _ in range(5):  # Settings.login_attempts
        failed = login_form(portal, name, "feil-passord-123")
        assert failed.status_code == 401
        assert alert(failed) == "Feil brukernavn eller passord."
    refused = login_form(portal, name)  # the right password, too late
    assert refused.status_code == 429
    assert alert(refused) == (
        "For mange mislykkede innlogginger. Vent 15 minutter og prøv igjen, eller kontakt SSB."
    )
    assert SESSION_COOKIE not in portal.client.cookies


def test_a_wrong_user_name_and_a_wrong_password_read_the_same(portal: Site) -> None:
    wrong_name = login_form(portal, "finnes-ikke", PASSWORD)
    wrong_password = login_form(portal, "kari", "feil-passord-123")
    assert wrong_name.status_code == wrong_password.status_code == 401
    assert alert(wrong_name) == alert(wrong_password) == "Feil brukernavn eller passord."


def test_passwords_are_kept_only_as_argon2id_hashes(portal: Site) -> None:
    assert login_form(portal, "kari").status_code == 303
    with portal.db.read() as session:
        hashes = list(session.scalars(select(User.password_hash).where(User.role != "vendor")))
        assert len(hashes) >= 2
        assert all(h is not None and h.startswith("$argon2id$") for h in hashes)
        for table in Base.metadata.sorted_tables:  # nor the password in any text anywhere
            texts = [c for c in table.columns if isinstance(c.type, String | Text)]
            for row in session.execute(select(*texts)) if texts else ():
                assert not any(PASSWORD in (value or "") for value in row), table.name


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "http://evil.example/portal",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        " //evil.example",
        "javascript:alert(1)",
    ],
)
def test_login_never_redirects_to_another_site(portal: Site, target: str) -> None:
    page = portal.client.get("/innlogging", params={"neste": target})
    assert 'name="neste" value=""' in page.text  # not carried into the form
    logged_in = login_form(portal, "kari", neste=target)
    already = portal.client.get("/innlogging", params={"neste": target}, follow_redirects=False)
    for response in (logged_in, already):
        assert response.status_code == 303
        location = response.headers["location"]
        parts = urlsplit(location)
        assert not parts.scheme and not parts.netloc, location
        assert location.startswith("/") and not location.startswith("//"), location
        assert "\\" not in location and "evil" not in location, location


def test_login_goes_on_to_the_page_asked_for(portal: Site) -> None:
    wanted = f"/opplastinger/{'0' * 32}"
    asked = portal.client.get(wanted, follow_redirects=False)
    assert asked.headers["location"] == "/innlogging?neste=" + wanted.replace("/", "%2F")
    page = portal.client.get(asked.headers["location"])
    assert f'name="neste" value="{wanted}"' in page.text
    logged_in = login_form(portal, "kari", neste=f"/portal/030101/11F/{YEAR}")
    assert logged_in.headers["location"] == f"/portal/030101/11F/{YEAR}"


# -- the upload size limit -----------------------------------------------------------------

MB = 1024 * 1024


@pytest.fixture(scope="module")
def small_site(databases: Databases, runner: ControlRunner) -> Iterator[Site]:
    """A portal that takes files of at most 1 MB, with kari logged in."""
    with shared_site(databases, runner, max_file_mb=1) as made:
        made.add_user("kari")
        made.set_window("11F")
        made.login("kari")
        yield made


@pytest.mark.parametrize("size", [2 * MB, MB + 1], ids=["2MB", "limit+1"])
def test_a_too_large_upload_is_refused_and_not_kept(small_site: Site, size: int) -> None:
    _, token = add_user(small_site, Role.VENDOR)
    data = b"x" * size
    message = too_large_message(MB)
    before = snapshot(small_site.db)
    page = small_site.upload(data)
    assert page.status_code == 413
    assert page.headers["content-type"].startswith("text/html")
    assert message in page.text and '<html lang="nb">' in page.text
    api = small_site.client.post(
        "/api/v1/uploads",
        headers={"Authorization": f"Bearer {token}"},
        data={"unit": "030101", "form": "11F", "year": str(YEAR)},
        files={"file": ("stor.txt", data, "text/plain")},
    )
    assert api.status_code == 413
    assert api.json() == {"detail": message}
    assert snapshot(small_site.db) == before
    assert count(small_site.db, Blob) == count(small_site.db, Upload)  # no stray bytes kept
    assert small_site.upload_id(extract(seed=size % 97))  # a file within the limit is taken


# -- identity numbers ----------------------------------------------------------------------


@dataclass
class Traffic:
    """Every request the client made and every answer it got."""

    urls: list[str] = field(default_factory=list)
    bodies: list[tuple[str, str]] = field(default_factory=list)  # (url, text)

    def request(self, request: httpx.Request) -> None:
        self.urls.append(str(request.url))

    def response(self, response: httpx.Response) -> None:
        response.read()
        if "location" in response.headers:
            self.urls.append(response.headers["location"])
        if not response.request.url.path.endswith("/fil"):  # the file itself, byte for byte
            self.bodies.append((str(response.request.url), response.text))


def identity_numbers(data: bytes) -> set[str]:
    """The 11-digit identity numbers (PERSON_FODSELSNR) of an extract."""
    spec = load("11F", YEAR).field("PERSON_FODSELSNR")
    assert spec.start is not None and spec.width is not None
    found = {
        line[spec.start - 1 : spec.start - 1 + spec.width]
        for line in data.decode("utf-8").splitlines()
    }
    return {n for n in found if len(n) == 11 and n.isdigit()}


def test_identity_numbers_never_reach_logs_urls_or_pages(
    portal: Site, caplog: pytest.LogCaptureFixture
) -> None:
    site, unit = portal, "030115"
    caplog.set_level(logging.DEBUG)  # everything anyone logs, at any level
    caplog.set_level(logging.INFO, logger="sqlalchemy")  # its SQL too, as when debugging
    traffic = Traffic()
    site.client.event_hooks = {"request": [traffic.request], "response": [traffic.response]}
    flawed = extract("11F", unit, records=80, errors=8, seed=7)
    clean, sent = extract("11F", unit, seed=3), extract("11F", unit, seed=5)
    numbers = identity_numbers(flawed) | identity_numbers(clean) | identity_numbers(sent)
    assert len(numbers) > 100
    _, token = add_user(site, Role.VENDOR, (unit,))
    bearer = {"Authorization": f"Bearer {token}"}
    get = site.client.get

    # The reporter: upload, the error list in every form, a refused and a good submission.
    assert login_form(site, "kari").status_code == 303
    bad = site.upload_id(flawed, unit=unit, name="uttrekk med feil.txt")
    for query in ({}, {"alvorlighet": "error"}, {"alvorlighet": "warning", "side": "2"}):
        assert get(f"/opplastinger/{bad}", params=query).status_code == 200
    assert get(f"/opplastinger/{bad}", headers={"HX-Request": "true"}).status_code == 200
    assert get(f"/opplastinger/{bad}/feilliste.csv").status_code == 200
    assert get(f"/opplastinger/{bad}/feilliste.html").status_code == 200
    assert get(f"/opplastinger/{bad}/fil").content == flawed
    assert site.submit(bad).status_code == 422
    good = site.upload_id(clean, unit=unit)
    receipt = site.submit(good)
    assert receipt.status_code == 303
    for path in (receipt.headers["location"], "/portal", f"/portal/{unit}/11F/{YEAR}"):
        assert get(path).status_code == 200

    # A vendor system through the API.
    uploaded = site.client.post(
        "/api/v1/uploads", headers=bearer, data={"unit": unit, "form": "11F", "year": str(YEAR)},
        files={"file": ("api.txt", sent, "text/plain")},
    )  # fmt: skip
    assert uploaded.status_code == 201
    api_id = uploaded.json()["id"]
    for path in (f"/api/v1/uploads/{api_id}", f"/api/v1/uploads/{api_id}/report"):
        assert get(path, headers=bearer).status_code == 200
    assert get(f"/api/v1/uploads/{bad}/report", headers=bearer).status_code == 200
    submitted = site.client.post(
        f"/api/v1/uploads/{api_id}/submission", headers=bearer,
        json={"acknowledge_warnings": True},
    )  # fmt: skip
    assert submitted.status_code == 201

    # The statistics office.
    assert login_form(site, "ssb").status_code == 303
    for path in ("/ssb", "/ssb/mangler", "/ssb/datainngang.csv", "/ssb/purringer",
                 "/ssb/feillister", f"/ssb/enheter/{unit}", "/ssb/kalender",
                 f"/opplastinger/{bad}", f"/opplastinger/{bad}/feilliste.csv"):  # fmt: skip
        assert get(path).status_code == 200, path
    sent_list = site.post("/ssb/feillister", opplasting=bad, merknad="Se over")
    assert sent_list.status_code == 200
    # Revision and corrections: the findings, a record, a correction checked, an identity
    # number typed as a value (refused, and not shown again).
    records = f"/ssb/produksjon/{unit}/11F"
    for path, query in (("/ssb/produksjon", {"aar": YEAR}), (records, {"aar": YEAR}),
                        (records, {"aar": YEAR, "linje": 1, "felt": "BIDRAG"})):  # fmt: skip
        assert get(path, params=query).status_code == 200, path
    fields = {"aar": str(YEAR), "linje": "1", "felt": "BIDRAG", "begrunnelse": "Sjekk"}
    checked = site.post(f"{records}/rettelse", verdi="1000", handling="kontroller", **fields)
    assert checked.status_code == 200
    someone = sorted(identity_numbers(clean))[0]
    refused = site.post(f"{records}/rettelse", verdi=someone, **fields)
    assert refused.status_code == 422 and "ser ut som et fødselsnummer" in refused.text

    assert traffic.urls and len(traffic.bodies) > 20
    for url in traffic.urls:
        assert not any(n in url for n in numbers), url
    for url, body in traffic.bodies:
        leaked = {n for n in numbers if n in body}
        assert not leaked, f"{url} shows identity numbers {sorted(leaked)[:3]}"
    assert caplog.records
    for record in caplog.records:
        text = record.getMessage() + (record.exc_text or "")
        assert not any(n in text for n in numbers), f"{record.name}: {text[:200]}"
    assert not any(n in caplog.text for n in numbers)


# -- error pages ---------------------------------------------------------------------------

_INTERNALS = (
    "Traceback",
    'File "',
    ".py",
    "RuntimeError",
    "Exception",
    "sqlalchemy",
    "starlette",
    "hemmelig",
    # the frameworks' English defaults
    "Not Found",
    "Method Not Allowed",
    "Internal Server Error",
    "Field required",
    "Input should be",
    "value_error",
)


def _assert_norwegian_without_internals(response: httpx.Response, api: bool) -> str:
    """The message of an error answer (a page or JSON), checked for what must not be in it."""
    for internal in _INTERNALS:
        assert internal not in response.text, internal
    if api:
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert set(body) <= {"detail", "errors"} and isinstance(body["detail"], str)
        return str(body["detail"])
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="nb">' in response.text
    return alert(response)


@pytest.mark.parametrize(
    ("method", "path", "who", "status", "says"),
    [
        ("GET", "/finnes-ikke", None, 404, "Siden finnes ikke"),
        ("GET", "/api/v1/finnes-ikke", None, 404, "Siden finnes ikke"),
        ("GET", "/opplastinger/" + "0" * 32, "kari", 404, "Finner ikke opplastingen"),
        ("GET", "/api/v1/uploads/" + "0" * 32, "fagsystem", 404, "Finner ikke opplastingen"),
        ("DELETE", "/portal", "kari", 405, "Denne adressen kan ikke brukes slik"),
        ("DELETE", "/api/v1/me", "fagsystem", 405, "Denne adressen kan ikke brukes slik"),
        ("GET", "/ssb?aar=abc", "ssb", 422, "Ugyldig forespørsel: «aar» har ugyldig verdi"),
        ("GET", "/portal?aar=abc", "kari", 422, "Ugyldig forespørsel"),
        ("GET", "/api/v1/calendar/abc", "fagsystem", 422, "«rapporteringsår» har ugyldig"),
        ("POST", "/api/v1/uploads", "fagsystem", 422, "«fil» mangler"),
        ("GET", "/api/v1/me", "nobody", 401, "Mangler eller ugyldig API-nøkkel"),
        ("GET", "/ssb", "kari", 403, "Denne siden er for SSB"),
    ],
    ids=[
        "page-404", "api-404", "page-unknown-upload", "api-unknown-upload", "page-405",
        "api-405", "page-422-staff", "page-422", "api-422-path", "api-422-body", "api-401",
        "page-403",
    ],
)  # fmt: skip
def test_error_answers_are_norwegian_and_show_no_internals(
    portal: Site,
    vendor: dict[str, str],
    method: str,
    path: str,
    who: str | None,
    status: int,
    says: str,
) -> None:
    headers: dict[str, str] = {}
    if who == "fagsystem":
        headers = vendor
    elif who == "nobody":
        headers = {"Authorization": "Bearer kostra_feil"}
    elif who is not None:
        headers = session_headers(portal, who)
    body: dict[str, Any] = {}
    if method == "POST":
        body = {"data": {"unit": "030101", "form": "11F", "year": str(YEAR)}, "files": {}}
    response = portal.client.request(method, path, headers=headers, **body)
    assert response.status_code == status
    message = _assert_norwegian_without_internals(response, path.startswith("/api/"))
    assert says in message


@pytest.mark.parametrize(
    "path",
    [f"/ssb{page}?dato={day}" for page in ("", "/mangler", "/datainngang.csv")
     for day in ("0001-01-01", "9999-12-31")],
)  # fmt: skip
def test_the_first_and_last_days_of_the_calendar_are_no_fault(portal: Site, path: str) -> None:
    response = portal.client.get(path, headers=session_headers(portal, "ssb"))
    assert response.status_code == 200


def _get_despite_faults(site: Site, path: str, headers: dict[str, str]) -> httpx.Response:
    """GET `path` with a client that answers a fault as the server does, not by raising it."""
    client = TestClient(site.client.app, raise_server_exceptions=False)
    try:
        return client.get(path, headers=headers, follow_redirects=False)
    finally:
        client.close()


@pytest.mark.parametrize(
    ("path", "api"),
    [(f"/portal/030101/11F/{YEAR}", False), (f"/api/v1/deliveries/030101/11F/{YEAR}", True)],
    ids=["page", "api"],
)
def test_a_fault_is_a_norwegian_message_with_a_reference(
    portal: Site,
    vendor: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    path: str,
    api: bool,
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError('hemmelig: SELECT * FROM users; File "/srv/kostra/web/deliveries.py"')

    monkeypatch.setattr(views, "delivery_view", broken)
    headers = vendor if api else session_headers(portal, "kari")
    with caplog.at_level(logging.ERROR, logger="kostra.web"):
        response = _get_despite_faults(portal, path, headers)
    assert response.status_code == 500
    message = _assert_norwegian_without_internals(response, api)
    assert message.startswith("Noe gikk galt hos oss.")
    reference = re.search(r"referanse ([0-9a-f]{8})", message)
    assert reference is not None
    logged = [r for r in caplog.records if reference.group(1) in r.getMessage()]
    assert logged and logged[0].exc_info is not None  # the traceback is in the log only


def test_a_fault_before_any_data_is_read(
    portal: Site, vendor: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> int:
        raise ZeroDivisionError("hemmelig")

    monkeypatch.setattr(api_routes, "chosen_year", broken)
    response = _get_despite_faults(portal, "/api/v1/me", vendor)
    assert response.status_code == 500
    assert "ZeroDivisionError" not in response.text
    assert _assert_norwegian_without_internals(response, True).startswith("Noe gikk galt")


# -- headers -------------------------------------------------------------------------------


def _assert_security_headers(response: httpx.Response) -> None:
    policy = response.headers["content-security-policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize(
    ("path", "who"),
    [
        ("/innlogging", None),
        ("/", None),
        ("/portal", "kari"),
        ("/finnes-ikke", None),
        ("/static/kostra.css", None),
        ("/static/feilliste.css", None),
        ("/api/v1/health", None),
        ("/api/v1/me", None),
        ("/api/v1/openapi.json", None),
    ],
)
def test_every_answer_carries_the_security_headers(
    portal: Site, path: str, who: str | None
) -> None:
    headers = session_headers(portal, who) if who else {}
    response = portal.client.get(path, headers=headers, follow_redirects=False)
    _assert_security_headers(response)
    if not path.startswith("/static/"):
        assert response.headers["cache-control"] == "no-store"


def test_a_refused_large_upload_carries_the_security_headers(small_site: Site) -> None:
    response = small_site.upload(b"x" * 2 * MB)
    assert response.status_code == 413
    _assert_security_headers(response)
