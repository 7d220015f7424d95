"""The error list (feilliste) as CSV, for a spreadsheet: one line per finding, in list order.

Semicolon-separated with a byte-order mark, as Norwegian Excel opens without questions; line
numbers of a merged row are listed in one cell ("1, 4, 7–9"); the fields a row is about (name and
position) and how to correct it have a column each. A web form's list names the questions
instead, and has no case workers or journal numbers.
"""

from __future__ import annotations

import csv
import io

from kostra.controls import wording
from kostra.controls.errorlist import Order, rows, terms
from kostra.controls.report import Report

HEADER = (
    wording.SEVERITY,
    wording.RULE,
    wording.TITLE,
    "Linjer",
    wording.CASEWORKER,
    wording.JOURNAL,
    wording.MESSAGE,
    wording.FIELDS,
    wording.FIX,
)
WEB_HEADER = (wording.SEVERITY, wording.RULE, wording.TITLE, wording.QUESTIONS, wording.MESSAGE)


def render_csv(report: Report, order: Order = Order.CASEWORKER) -> str:
    """The findings of `report` as CSV text (with a leading byte-order mark), sorted by `order`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    view = terms(report.form, report.year)
    if view.web:
        writer.writerow(WEB_HEADER)
        for row in rows(report.findings):
            writer.writerow((row.severity.label, row.rule, row.title, view.where(row), row.message))
        return "\ufeff" + out.getvalue()
    writer.writerow(HEADER)
    for row in rows(report.findings, order):
        writer.writerow(
            (
                row.severity.label,
                row.rule,
                row.title,
                view.where(row),
                row.caseworker or "",
                row.journal or "",
                row.message,
                "; ".join(ref.detail for ref in view.fields_of(row)),
                view.fix(row.rule, row.title),
            )
        )
    return "\ufeff" + out.getvalue()
