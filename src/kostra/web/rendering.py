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

from kostra import text
from kostra.controls import wording


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
        space = text.NO_BREAK_SPACE
        filters = self.environment.filters
        filters["number"] = lambda n, decimals=0: text.number(n, decimals, space=space)
        filters["plural"] = lambda n, one, many: text.plural(n, one, many, space=space)
        filters["lines"] = wording.line_numbers
        filters["moment"] = lambda m: text.long_time(m) if m else ""
        filters["moment_seconds"] = lambda m: text.time_with_seconds(m) if m else ""
        filters["long_date"] = text.long_date
        filters["oslo_date"] = lambda m: text.local(m).date().isoformat()  # a date input's value
        filters["oslo_clock"] = lambda m: f"{text.local(m):%H:%M}"  # a time input's value
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
