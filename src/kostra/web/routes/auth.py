"""Logging in and out, and the front door that sends each visitor to their own start page."""

from __future__ import annotations

import secrets
from datetime import timedelta
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kostra.errors import KostraError, Reason
from kostra.services import login
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
async def submit_login(
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
    settings = portal.settings
    try:
        started = await run_in_threadpool(
            partial(
                login.log_in, portal.db, username, password, client_address(request),
                attempts=settings.login_attempts,
                window=timedelta(minutes=settings.login_window_minutes),
                lifetime=portal.session_lifetime,
            )
        )  # fmt: skip
    except KostraError as error:  # shown on the login page, the name kept
        wrong = error.reason is Reason.UNAUTHENTICATED  # else throttled: no going on from here
        going_on = (_safe_next(after) or "") if wrong else ""
        return _login_page(
            request, portal, message=error.message, username=username, after=going_on,
            status=401 if wrong else 429,
        )  # fmt: skip
    response = RedirectResponse(_safe_next(after) or home_of(started.is_staff), status_code=303)
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
    await run_in_threadpool(login.log_out, portal.db, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/innlogging", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
