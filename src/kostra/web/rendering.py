"""Server-rendered pages: one Jinja2 environment for the portal's templates and the error list's
partials (`_findings.html`, `_stats.html` from the control program), so both draw the same list.

Every value is escaped. A page gets the request, the visitor (or None) and its CSRF token in its
context; an htmx request for a page with a `block` renders that block only (but not htmx's
request to restore a page from history: that gets the whole page).
"""

from __future__ import annotations

from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from kostra.controls import wording
from kostra.intake.dates import long_date, moment_seconds, moment_text


class Pages:
    """Renders the portal's pages."""

    def __init__(self) -> None:
        self.environment = jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [
                    jinja2.PackageLoader("kostra.web", "templates"),
                    jinja2.PackageLoader("kostra.controls", "templates"),
                ]
            ),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.environment.filters["number"] = lambda n: wording.number(n, "\u00a0")
        self.environment.filters["lines"] = wording.line_numbers
        self.environment.filters["moment"] = lambda m: moment_text(m) if m else ""
        self.environment.filters["moment_seconds"] = lambda m: moment_seconds(m) if m else ""
        self.environment.filters["long_date"] = long_date
        self.environment.globals["words"] = wording

    def render(
        self,
        request: Request,
        template: str,
        context: dict[str, Any],
        *,
        status: int = 200,
        block: str | None = None,
    ) -> HTMLResponse:
        """The page `template` with `context`; only `block` when htmx asks for it."""
        values = {
            "request": request,
            "visitor": getattr(request.state, "visitor", None),
            "csrf_token": getattr(request.state, "csrf_token", ""),
            **context,
        }
        page = self.environment.get_template(template)
        # htmx restoring a page its history cache lost asks with HX-Request too, and puts the
        # answer in place of the whole body: that needs the whole page.
        restoring = request.headers.get("hx-history-restore-request") == "true"
        if block is not None and request.headers.get("hx-request") == "true" and not restoring:
            body = "".join(page.blocks[block](page.new_context(values)))
        else:
            body = page.render(values)
        return HTMLResponse(body, status_code=status)
