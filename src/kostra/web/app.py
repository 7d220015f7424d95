"""The web application: built by `create_app` from settings, for the server, the CLI and the tests.

On start it checks that the database is at the newest migration (`kostra db upgrade` makes it
so), starts the control runner, and checks any upload that was saved but not checked when the
portal last stopped.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles

from kostra import __version__
from kostra.catalog import add_folder
from kostra.services.delivery import recheck_unchecked
from kostra.services.mail import Mailer
from kostra.services.runner import ControlRunner
from kostra.settings import Settings, get_settings
from kostra.store import Database
from kostra.web import errors
from kostra.web.deps import Portal
from kostra.web.limits import BodySizeLimit
from kostra.web.rendering import Pages
from kostra.web.routes import api, auth, inbox, portal, production, public, staff, webforms

log = logging.getLogger("kostra.web")

# Everything the pages load comes from the portal itself; no inline script, no other origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class DatabaseNotReady(RuntimeError):
    """The database is not at the newest migration."""


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    runner: ControlRunner | None = None,
) -> FastAPI:
    """The portal application. `database` and `runner` may be shared (tests share them)."""
    settings = settings or get_settings()
    folders: tuple[str, ...] = ()
    if settings.forms_dir is not None:
        add_folder(settings.forms_dir)
        folders = (str(settings.forms_dir),)
    owns_database, owns_runner = database is None, runner is None
    database = database or Database(settings.database_url)
    runner = runner or ControlRunner(settings.control_workers or _cores(), folders)
    state = Portal(settings, database, runner, Mailer(settings), Pages())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if not await asyncio.to_thread(state.db.is_current):
            raise DatabaseNotReady("databasen er ikke oppdatert; kjør «kostra db upgrade» først")
        state.runner.start()
        recovery = asyncio.create_task(_recover(state))
        try:
            yield
        finally:
            recovery.cancel()
            if owns_runner:
                await asyncio.to_thread(state.runner.stop)
            if owns_database:
                state.db.dispose()

    app = FastAPI(
        title="KOSTRA-portalen",
        version=__version__,
        description=(
            "Innrapportering av KOSTRA-skjema for sosialtjenesten (11F, 11CF): last opp "
            "filuttrekk, les feillisten, send inn, og hent kvittering. Autentisering med "
            "API-nøkkel: `Authorization: Bearer <nøkkel>` (lages med `kostra users add`)."
        ),
        lifespan=lifespan,
        docs_url=None,  # served below from the portal's own copy of Swagger UI, not a CDN
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.portal = state
    errors.install(app)
    app.add_middleware(BodySizeLimit, limit=state.upload_limit)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: object) -> Response:
        response: Response = await call_next(request)  # type: ignore[operator]
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    # The error list's own styles (inlined in its downloadable page) are the portal's base
    # stylesheet, so the list looks the same on screen, on paper and as a saved file.
    errorlist_css = (
        resources.files("kostra.controls")
        .joinpath("templates", "_errorlist.css")
        .read_text("utf-8")
    )

    @app.get("/static/feilliste.css", include_in_schema=False)
    async def errorlist_stylesheet() -> PlainTextResponse:
        return PlainTextResponse(errorlist_css, media_type="text/css")

    @app.get("/api/docs", include_in_schema=False)
    async def api_docs(request: Request) -> Response:
        response = state.pages.render(request, "api_docs.html", {})
        # Swagger UI sets style attributes as it draws; scripts stay the portal's own.
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
            "style-src 'self'", "style-src 'self' 'unsafe-inline'"
        )
        return response

    static = resources.files("kostra.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    app.include_router(auth.router)
    app.include_router(portal.router)
    app.include_router(inbox.router)
    app.include_router(webforms.router)
    app.include_router(staff.router)
    app.include_router(production.router)
    app.include_router(public.router)
    app.include_router(api.router)
    return app


def _cores() -> int:
    return max(1, os.cpu_count() or 1)


async def _recover(state: Portal) -> None:
    try:
        done = await asyncio.to_thread(recheck_unchecked, state.db, state.runner.check)
    except asyncio.CancelledError:
        raise
    except Exception:  # logged; the uploads stay "received" and are tried at the next start
        log.exception("checking uploads left unchecked failed")
        return
    if done:
        log.info("checked %d uploads left unchecked when the portal last stopped", done)
