"""Logging in and out, and the front door that sends each visitor to their own start page."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kostra.store import accounts
from kostra.store.models import User
from kostra.text import now
from kostra.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    OptionalVisitorDep,
    VisitorDep,
    client_address,
    cookie_secure,
)
from kostra.web.deps import Portal, PortalDep

router = APIRouter(include_in_schema=False)


def home_of(is_staff: bool) -> str:
    """Where a visitor starts."""
    return "/ssb" if is_staff else "/portal"


def _safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site (never another site: //evil.example, or a scheme)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 32 for ch in target):
        return None
    return target


@router.get("/")
async def front(visitor: OptionalVisitorDep) -> RedirectResponse:
    """The front door."""
    if visitor is None:
        return RedirectResponse("/innlogging", status_code=303)
    return RedirectResponse(home_of(visitor.principal.is_staff), status_code=303)


def _login_page(
    request: Request,
    portal: Portal,
    *,
    message: str = "",
    username: str = "",
    after: str = "",
    status: int = 200,
) -> Response:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = portal.pages.render(
        request,
        "login.html",
        {"message": message, "username": username, "neste": after, "login_token": token},
        status=status,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=cookie_secure(portal, request),
        path="/innlogging",
        max_age=3600,
    )
    return response


@router.get("/innlogging")
async def login_form(
    request: Request,
    portal: PortalDep,
    visitor: OptionalVisitorDep,
    after: Annotated[str, Query(alias="neste")] = "",
) -> Response:
    """The login page (a logged-in visitor goes straight on)."""
    if visitor is not None:
        target = _safe_next(after) or home_of(visitor.principal.is_staff)
        return RedirectResponse(target, status_code=303)
    return _login_page(request, portal, after=_safe_next(after) or "")


@router.post("/innlogging")
async def login(
    request: Request,
    portal: PortalDep,
    username: Annotated[str, Form(alias="brukernavn", max_length=200)] = "",
    password: Annotated[str, Form(alias="passord", max_length=1000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    after: Annotated[str, Form(alias="neste", max_length=2000)] = "",
) -> Response:
    """Log in with user name and password."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not csrf_token or not secrets.compare_digest(cookie, csrf_token):
        return _login_page(
            request,
            portal,
            message="Innloggingsskjemaet var utløpt. Prøv igjen.",
            username=username,
            after=_safe_next(after) or "",
            status=403,
        )
    address = client_address(request)
    settings = portal.settings
    window = timedelta(minutes=settings.login_window_minutes)

    def attempt() -> tuple[str, accounts.NewSession | None, bool]:
        at = now()
        with portal.db.read() as session:
            if accounts.throttled(session, username, address, at, settings.login_attempts, window):
                return "throttled", None, False
            user = accounts.authenticate(session, username, password)
            user_id = user.id if user is not None else None
        with portal.db.write() as session:
            accounts.record_attempt(session, username, address, at, user_id is not None)
            accounts.forget_old_attempts(session, at - 2 * window)
            if user_id is None:
                return "failed", None, False
            user = session.get(User, user_id)
            if user is None:  # deleted in between
                return "failed", None, False
            started = accounts.start_session(session, user, at, portal.session_lifetime)
            return "ok", started, accounts.principal(session, user).is_staff

    outcome, started, is_staff = await run_in_threadpool(attempt)
    if outcome == "throttled":
        return _login_page(
            request,
            portal,
            message=(
                "For mange mislykkede innlogginger. Vent "
                f"{settings.login_window_minutes} minutter og prøv igjen, eller kontakt SSB."
            ),
            username=username,
            status=429,
        )
    if started is None:
        return _login_page(
            request,
            portal,
            message="Feil brukernavn eller passord.",
            username=username,
            after=_safe_next(after) or "",
            status=401,
        )
    response = RedirectResponse(_safe_next(after) or home_of(is_staff), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        started.cookie,
        httponly=True,
        samesite="lax",
        secure=cookie_secure(portal, request),
        path="/",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/innlogging")
    return response


@router.post("/utlogging")
async def logout(request: Request, portal: PortalDep, _: VisitorDep) -> RedirectResponse:
    """Log out: the session ends on the server, and the cookie goes."""
    cookie = request.cookies.get(SESSION_COOKIE, "")

    def end() -> None:
        with portal.db.write() as session:
            accounts.end_session(session, cookie)

    await run_in_threadpool(end)
    response = RedirectResponse("/innlogging", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
