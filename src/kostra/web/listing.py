"""The error list on a portal page: filtered as the reporter asks, a page of rows at a time.

A broken file can give hundreds of thousands of findings; the page shows `PAGE_ROWS` rows of the
list (in the order asked for, gathered as asked for) and says how to get the rest (the next page,
or the whole list as CSV or HTML).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kostra.controls import Report, Severity
from kostra.controls.errorlist import (
    ErrorList,
    Group,
    Grouping,
    Heading,
    Order,
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

    view: ErrorList  # groups cut to the page; verdict and counts of the whole file
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


def order_from(value: str | None) -> Order:
    """The order a request's query asks for (`sorter=`); the list's own order when unknown."""
    return Order(value) if value in {o.value for o in Order} else Order.CASEWORKER


def grouping_from(value: str | None) -> Grouping:
    """The grouping a request's query asks for (`grupper=`); none when unknown."""
    return Grouping(value) if value in {g.value for g in Grouping} else Grouping.NONE


def listing(
    report: Report,
    head: Heading,
    selection: Selection,
    page: int,
    question_link: str | None = None,
    order: Order = Order.CASEWORKER,
    grouping: Grouping = Grouping.NONE,
) -> Listing:
    """The page `page` (from 1) of `report`'s list as `selection` filters it, sorted by `order`
    and gathered by `grouping`; a web form's questions link to `question_link` + the field's
    name."""
    chosen = filtered(report, selection)
    whole = error_list(report, head)
    shown = error_list(chosen, head, order, grouping)
    total_rows = sum(len(group.rows) for group in shown.groups)
    pages = max(1, -(-total_rows // PAGE_ROWS))
    page = min(max(page, 1), pages)
    cut = _cut(shown.groups, (page - 1) * PAGE_ROWS, PAGE_ROWS)
    view = replace(
        shown,
        verdict=verdict(report),
        severity_counts=whole.severity_counts,
        total=whole.total,
        rule_counts=whole.rule_counts,
        groups=cut,
        question_link=question_link if shown.web else None,
    )
    return Listing(
        view=view,
        selection=selection,
        caseworkers=caseworkers(report),
        shown_findings=len(chosen.findings),
        page=page,
        pages=pages,
        rows_on_page=sum(len(group.rows) for group in cut),
    )


def _cut(groups: tuple[Group, ...], skip: int, take: int) -> tuple[Group, ...]:
    """The rows from `skip` to `skip + take` of the list, keeping their group headings."""
    kept: list[Group] = []
    position = 0
    for group in groups:
        start, end = position, position + len(group.rows)
        position = end
        if end <= skip or start >= skip + take:
            continue
        low, high = max(skip - start, 0), min(skip + take - start, len(group.rows))
        kept.append(replace(group, rows=group.rows[low:high]))
    return tuple(kept)
