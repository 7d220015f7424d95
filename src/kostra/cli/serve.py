"""`kostra serve`: run the portal."""

from __future__ import annotations

from typing import Annotated

import typer

from kostra.cli.db import open_database
from kostra.cli.options import fail


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(help="Web server processes (each with its own control workers).")
    ] = 1,
    proxy_headers: Annotated[
        bool,
        typer.Option(help="Trust X-Forwarded-* from a proxy in front (HTTPS, client address)."),
    ] = False,
) -> None:
    """Run the web portal (upload, error list, submission, receipts; staff intake follow-up; the
    REST API under /api/v1, documented at /api/docs). Stop it with Ctrl-C."""
    import uvicorn

    database = open_database()
    try:
        current = database.is_current()
    except Exception as error:
        fail(f"kan ikke lese databasen: {type(error).__name__}. Sjekk KOSTRA_DATABASE_URL.")
    finally:
        database.dispose()
    if not current:
        fail("databasen er ikke oppdatert; kjør «kostra db upgrade» først")
    typer.echo(f"KOSTRA-portalen: http://{host}:{port}/  (API: http://{host}:{port}/api/docs)")
    uvicorn.run(
        "kostra.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        forwarded_allow_ips="*" if proxy_headers else None,
        log_level="info",
        access_log=True,
    )
