"""The error list (feilliste) as CSV, for a spreadsheet: one line per finding, in list order.

Semicolon-separated with a byte-order mark, as Norwegian Excel opens without questions; line
numbers of a merged row are listed in one cell ("1, 4, 7–9"). A web form's list names the
questions instead, and has no case workers or journal numbers.
"""

from __future__ import annotations

import csv
import io

from kostra.controls import wording
from kostra.controls.errorlist import form_questions, questions_named, sections
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
WEB_HEADER = (wording.SEVERITY, wording.RULE, wording.TITLE, wording.QUESTIONS, wording.MESSAGE)


def render_csv(report: Report) -> str:
    """The findings of `report` as CSV text (with a leading byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    questions = form_questions(report.form, report.year)
    if questions:
        writer.writerow(WEB_HEADER)
        for section in sections(report.findings, web=True):
            for case in section.cases:
                for row in case.rows:
                    where = questions_named(questions, row.fields)
                    writer.writerow((row.severity.label, row.rule, row.title, where, row.message))
        return "\ufeff" + out.getvalue()
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
