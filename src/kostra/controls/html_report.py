"""The error list (feilliste) as one self-contained HTML page, for the screen and for print.

Everything the page needs is inside it (styles inline, no scripts, nothing fetched), so it can be
saved, e-mailed and opened offline. Every value is escaped: messages quote the file's contents
and case workers' names are whatever the reporting system holds.
"""

from __future__ import annotations

from functools import cache

import jinja2

from kostra import text
from kostra.controls import wording
from kostra.controls.errorlist import Heading, error_list
from kostra.controls.report import Report


def render_html(report: Report, heading: Heading) -> str:
    """The error list for `report` as an HTML document (lang="nb")."""
    template = _environment().get_template("errorlist.html")
    return template.render(view=error_list(report, heading), words=wording)


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("kostra.controls", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # A no-break space keeps "21 000" on one line in narrow columns.
    environment.filters["number"] = lambda n: text.number(n, space=text.NO_BREAK_SPACE)
    environment.filters["lines"] = wording.line_numbers
    return environment
