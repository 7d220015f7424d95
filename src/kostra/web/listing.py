"""The error list on a portal page: filtered as the reporter asks, a page of rows at a time.

A broken file can give hundreds of thousands of findings; the page shows `PAGE_ROWS` rows of the
list (in list order: whole file, then case worker by case worker) and says how to get the rest
(the next page, or the whole list as CSV or HTML).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kostra.controls import Report, Severity
from kostra.controls.errorlist import (
    Case,
    ErrorList,
    Heading,
    Section,
    Selection,
    caseworkers,
    error_list,
    filtered,
    verdict,
)

PAGE_ROWS = 500
SEVERITY_CHOICES = (Severity.FATAL, Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class Listing:
    """What the page shows of an error list."""

    view: ErrorList  # sections cut to the page; verdict and counts of the whole file
    selection: Selection
    caseworkers: tuple[str, ...]
    shown_findings: int  # findings the selection keeps
    page: int
    pages: int
    rows_on_page: int


def selection_from(severities: list[str], caseworker: str | None, journal: str | None) -> Selection:
    """The selection a request's query asks for (unknown severities are ignored)."""
    chosen = frozenset(Severity(s) for s in severities if s in {v.value for v in Severity})
    return Selection(
        severities=chosen or None,
        caseworker=caseworker if caseworker is not None and caseworker != "*" else None,
        journal=journal.strip() if journal and journal.strip() else None,
    )


def listing(
    report: Report,
    head: Heading,
    selection: Selection,
    page: int,
    question_link: str | None = None,
) -> Listing:
    """The page `page` (from 1) of `report`'s list as `selection` filters it; a web form's
    questions link to `question_link` + the field's name."""
    chosen = filtered(report, selection)
    whole = error_list(report, head)
    shown = error_list(chosen, head)
    total_rows = sum(len(case.rows) for s in shown.sections for case in s.cases)
    pages = max(1, -(-total_rows // PAGE_ROWS))
    page = min(max(page, 1), pages)
    cut = _cut(shown.sections, (page - 1) * PAGE_ROWS, PAGE_ROWS)
    view = replace(
        shown,
        verdict=verdict(report),
        severity_counts=whole.severity_counts,
        total=whole.total,
        rule_counts=whole.rule_counts,
        sections=cut,
        question_link=question_link if shown.web else None,
    )
    return Listing(
        view=view,
        selection=selection,
        caseworkers=caseworkers(report),
        shown_findings=len(chosen.findings),
        page=page,
        pages=pages,
        rows_on_page=sum(len(case.rows) for s in cut for case in s.cases),
    )


def _cut(sections: tuple[Section, ...], skip: int, take: int) -> tuple[Section, ...]:
    """The rows from `skip` to `skip + take` of the list, keeping their sections and cases."""
    kept: list[Section] = []
    position = 0
    for section in sections:
        cases: list[Case] = []
        for case in section.cases:
            start, end = position, position + len(case.rows)
            position = end
            if end <= skip or start >= skip + take:
                continue
            low, high = max(skip - start, 0), min(skip + take - start, len(case.rows))
            cases.append(Case(case.journal, case.rows[low:high]))
        if cases:
            kept.append(replace(section, cases=tuple(cases)))
    return tuple(kept)
