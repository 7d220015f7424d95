"""The error list (feilliste) as CSV, for a spreadsheet: one line per finding, in list order.

Semicolon-separated with a byte-order mark, as Norwegian Excel opens without questions; line
numbers of a merged row are listed in one cell ("1, 4, 7–9").
"""

from __future__ import annotations

import csv
import io

from kostra.controls import wording
from kostra.controls.errorlist import sections
from kostra.controls.report import Report

HEADER = (
    wording.SEVERITY,
    wording.RULE,
    wording.TITLE,
    "Linjer",
    wording.CASEWORKER,
    wording.JOURNAL,
    wording.MESSAGE,
)


def render_csv(report: Report) -> str:
    """The findings of `report` as CSV text (with a leading byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for section in sections(report.findings):
        for case in section.cases:
            for row in case.rows:
                writer.writerow(
                    (
                        row.severity.label,
                        row.rule,
                        row.title,
                        wording.line_numbers(row.lines),
                        section.caseworker or "",
                        case.journal or "",
                        row.message,
                    )
                )
    return "\ufeff" + out.getvalue()
