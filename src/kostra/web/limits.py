"""A limit on the size of request bodies, enforced before the body is read into memory.

Starlette has no such limit for files (its `max_part_size` covers form fields only), so this small
ASGI middleware does it by hand: a request that declares a larger Content-Length is answered 413
at once; one that streams more than it declared, or more than the limit without declaring, is cut
off with 413 when it passes the limit.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from kostra.services.delivery import too_large_message

Scope = MutableMapping[str, Any]
ASGIMessage = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[ASGIMessage]]
Send = Callable[[ASGIMessage], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOO_LARGE = "kostra.too_large"
MARGIN = 64 * 1024  # room for the multipart envelope around a file of exactly the limit


class TooLarge(Exception):
    """The body passed the limit while it was being read."""


class BodySizeLimit:
    """Refuse request bodies over `limit` bytes (plus a margin for the form around a file)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.allowed = limit + MARGIN

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.allowed:
            await self._refuse(scope, send)
            return
        seen = 0
        started = False

        async def limited_receive() -> ASGIMessage:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.allowed:
                    scope[TOO_LARGE] = True  # for the error handlers: the body parser rewraps this
                    raise TooLarge
            return message

        async def tracking_send(message: ASGIMessage) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except TooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        text = too_large_message(self.limit)
        if str(scope.get("path", "")).startswith("/api/"):
            body = json.dumps({"detail": text}, ensure_ascii=False).encode()
            kind = b"application/json"
        else:
            body = _page(text).encode()
            kind = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")],
            }
        )  # fmt: skip
        await send({"type": "http.response.body", "body": body})


def _page(text: str) -> str:
    return (
        '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>For stor fil</title>'
        '<link rel="stylesheet" href="/static/kostra.css"></head><body><main class="page">'
        f'<h1>For stor fil</h1><p>{text}</p><p><a href="/">Til forsiden</a></p>'
        "</main></body></html>"
    )
