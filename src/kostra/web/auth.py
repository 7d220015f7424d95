"""Who is asking: a logged-in person (session cookie, with CSRF protection) or a system (API token).

Pages use the session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS, holding a random value
whose SHA-256 names the session row. Every request that changes something must carry the
session's CSRF token (a hidden `csrf_token` field, or the `X-CSRF-Token` header for scripts);
the login form, before there is a session, uses a double-submit cookie. The API takes only
`Authorization: Bearer <token>`, never cookies, so a page on another site cannot use it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from kostra.errors import Forbidden, KostraError, Reason
from kostra.intake.access import Principal
from kostra.services import inbox
from kostra.store import accounts
from kostra.text import now
from kostra.web.deps import Portal, PortalDep

SESSION_COOKIE = "kostra_session"
LOGIN_CSRF_COOKIE = "kostra_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class LoginRequired(Exception):
    """The page needs a logged-in visitor (answered with a redirect to the login page)."""


class BadCsrf(KostraError):
    """A change was asked without the right CSRF token."""

    reason = Reason.FORBIDDEN
    default_message = (
        "Skjemaet er utløpt eller kom ikke fra portalen. Last siden på nytt og prøv igjen."
    )


class NotAuthenticated(KostraError):
    """An API request without a valid token."""

    reason = Reason.UNAUTHENTICATED
    default_message = "Mangler eller ugyldig API-nøkkel. Send «Authorization: Bearer <nøkkel>»."


@dataclass(frozen=True)
class Visitor:
    """A logged-in person on a page request."""

    principal: Principal
    session_id: str
    csrf_token: str
    unread: int = 0  # messages from SSB to the visitor's units nobody there has read


def client_address(request: Request) -> str:
    """The client's address (as the server, or a proxy with --proxy-headers, saw it)."""
    return request.client.host if request.client else "ukjent"


def cookie_secure(portal: Portal, request: Request) -> bool:
    """Whether cookies for this request should be marked Secure."""
    setting = portal.settings.cookie_secure
    return request.url.scheme == "https" if setting is None else setting


def _lookup_session(portal: Portal, cookie: str) -> Visitor | None:
    at = now()
    with portal.db.read() as session:
        found = accounts.find_session(session, cookie, at)
        if found is None:
            return None
        row, user = found
        principal = accounts.principal(session, user)
        unread = inbox.unread(session, principal)
        visitor = Visitor(principal, row.id, row.csrf_token, unread)
        stale = accounts.session_is_stale(row, at)
    if stale:
        with portal.db.write() as session:
            accounts.touch_session(session, visitor.session_id, at, portal.session_lifetime)
    return visitor


async def optional_visitor(request: Request, portal: PortalDep) -> Visitor | None:
    """The logged-in visitor, or None."""
    cookie = request.cookies.get(SESSION_COOKIE)
    visitor = await run_in_threadpool(_lookup_session, portal, cookie) if cookie else None
    request.state.visitor = visitor
    request.state.csrf_token = visitor.csrf_token if visitor else ""
    return visitor


async def submitted_csrf(request: Request) -> str:
    """The CSRF token a request carries: the header, or the form field."""
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    return ""


async def require_visitor(
    request: Request, visitor: Annotated[Visitor | None, Depends(optional_visitor)]
) -> Visitor:
    """The logged-in visitor; a change must carry the session's CSRF token."""
    if visitor is None:
        raise LoginRequired
    if request.method in UNSAFE:
        token = await submitted_csrf(request)
        if not token or not secrets.compare_digest(token, visitor.csrf_token):
            raise BadCsrf
    return visitor


VisitorDep = Annotated[Visitor, Depends(require_visitor)]
OptionalVisitorDep = Annotated[Visitor | None, Depends(optional_visitor)]


async def require_staff(visitor: VisitorDep) -> Visitor:
    """A logged-in member of the statistics office's staff."""
    if not visitor.principal.is_staff:
        raise Forbidden("Denne siden er for SSB.")
    return visitor


StaffDep = Annotated[Visitor, Depends(require_staff)]


def _lookup_token(portal: Portal, token: str) -> Principal | None:
    at = now()
    with portal.db.read() as session:
        found = accounts.find_token(session, token)
        if found is None:
            return None
        row, user = found
        principal = accounts.principal(session, user)
        token_id, stale = row.id, accounts.token_is_stale(row, at)
    if stale:
        with portal.db.write() as session:
            accounts.touch_token(session, token_id, at)
    return principal


# Declares the scheme in the OpenAPI document (Swagger UI's "Authorize"); the answer to a
# missing or wrong token is ours (401 in Norwegian), not the library's.
_BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="API-nøkkel",
    description="API-nøkkelen fra `kostra users add --role vendor` eller `kostra users token`.",
)


async def api_principal(
    portal: PortalDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> Principal:
    """The account behind an API request's bearer token."""
    token = credentials.credentials.strip() if credentials is not None else ""
    if not token:
        raise NotAuthenticated
    principal = await run_in_threadpool(_lookup_token, portal, token)
    if principal is None:
        raise NotAuthenticated
    return principal


ApiPrincipalDep = Annotated[Principal, Depends(api_principal)]


async def api_staff(principal: ApiPrincipalDep) -> Principal:
    """An API request from staff of the statistics office."""
    if not principal.is_staff:
        raise Forbidden("Bare SSB har tilgang til dette.")
    return principal


ApiStaffDep = Annotated[Principal, Depends(api_staff)]
