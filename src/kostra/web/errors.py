"""One handler renders every error: a page in Norwegian for the portal, JSON for the API.

Nothing internal reaches the user: no traceback, no exception text, no SQL. An unexpected fault is
logged with its traceback (which holds no record values: findings never carry them) and the user
reads that something went wrong on our side, with a reference to quote to support.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from kostra.errors import KostraError, Reason, Refused
from kostra.services.delivery import too_large_message
from kostra.web.auth import LoginRequired
from kostra.web.deps import Portal
from kostra.web.limits import TOO_LARGE

log = logging.getLogger("kostra.web")

# The one place a kind of problem becomes an HTTP status.
STATUS = {
    Reason.INVALID: 400,
    Reason.UNAUTHENTICATED: 401,
    Reason.FORBIDDEN: 403,
    Reason.CLOSED: 403,
    Reason.NOT_FOUND: 404,
    Reason.CONFLICT: 409,
    Reason.TOO_LARGE: 413,
    Reason.UNSUPPORTED: 415,
    Reason.UNPROCESSABLE: 422,
    Reason.TOO_MANY: 429,
}


@contextmanager
def answered_on_page(title: str, back: str) -> Iterator[None]:
    """A refusal raised inside is shown under `title`, with a link `back` to where it can be
    put right (the API answers the same refusal as JSON, without either). Other problems (no
    access, not found) keep their own page."""
    try:
        yield
    except Refused as error:
        error.title = error.title or title
        error.back = error.back or back
        raise


_TITLES = {
    400: "Ugyldig forespørsel",
    401: "Ikke innlogget",
    403: "Ingen tilgang",
    404: "Finnes ikke",
    405: "Ikke tillatt",
    409: "Kan ikke gjennomføres",
    413: "For stor fil",
    415: "Ukjent innholdstype",
    422: "Kan ikke gjennomføres",
    429: "For mange forsøk",
    500: "Noe gikk galt",
    503: "Ikke tilgjengelig",
}
_HTTP_MESSAGES = {
    404: "Siden finnes ikke. Kontroller adressen, eller gå til forsiden.",
    405: "Denne adressen kan ikke brukes slik.",
    400: "Forespørselen kunne ikke leses. Prøv igjen fra skjemaet i portalen.",
    415: "Innholdstypen støttes ikke. Send filen som multipart/form-data.",
}
_FIELD_NAMES = {
    "file": "fil",
    "fil": "fil",
    "unit": "enhet",
    "form": "skjema",
    "year": "rapporteringsår",
    "acknowledge_warnings": "bekreftelse av advarsler",
}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(
    request: Request,
    status: int,
    message: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    title: str | None = None,
    back: str | None = None,
) -> Response:
    """The error as JSON (API) or as a page (portal)."""
    if _is_api(request):
        body: dict[str, Any] = {"detail": message}
        if errors:
            body["errors"] = errors
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(body, status_code=status, headers=headers)
    portal: Portal | None = getattr(request.app.state, "portal", None)
    if portal is None:  # pragma: no cover - the app always has its portal
        return JSONResponse({"detail": message}, status_code=status)
    return portal.pages.render(
        request,
        "error.html",
        {
            "title": title or _TITLES.get(status, "Feil"),
            "message": message,
            "status": status,
            "back": back,
        },
        status=status,
    )


def _validation_message(error: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    problems = []
    for item in error.errors():
        where = [str(part) for part in item.get("loc", ()) if part not in ("body", "query", "path")]
        name = _FIELD_NAMES.get(where[-1], where[-1]) if where else "forespørselen"
        kind = str(item.get("type", ""))
        text = f"«{name}» mangler" if kind == "missing" else f"«{name}» har ugyldig verdi"
        problems.append({"field": ".".join(where), "problem": text})
    summary = "; ".join(dict.fromkeys(p["problem"] for p in problems)) or "ugyldige verdier"
    return f"Ugyldig forespørsel: {summary}.", problems


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/innlogging?{urlencode({'neste': target})}", status_code=303)

    @app.exception_handler(KostraError)
    async def kostra_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, KostraError)
        return error_response(
            request, STATUS[error.reason], error.message, title=error.title, back=error.back
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if request.scope.get(TOO_LARGE):
            return error_response(request, 413, too_large_message(_limit(request)))
        message, problems = _validation_message(error)
        return error_response(request, 422, message, errors=problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if request.scope.get(TOO_LARGE):
            return error_response(request, 413, too_large_message(_limit(request)))
        status = error.status_code
        message = _HTTP_MESSAGES.get(status) or _TITLES.get(status, "Feil") + "."
        return error_response(request, status, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        if request.scope.get(TOO_LARGE):
            return error_response(request, 413, too_large_message(_limit(request)))
        reference = secrets.token_hex(4)
        log.exception("internal error %s on %s %s", reference, request.method, request.url.path)
        return error_response(
            request,
            500,
            "Noe gikk galt hos oss. Prøv igjen om litt. "
            f"Vedvarer feilen, kontakt SSB og oppgi referanse {reference}.",
        )


def _limit(request: Request) -> int:
    limit: int = request.app.state.portal.upload_limit
    return limit
