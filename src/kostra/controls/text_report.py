"""The error list (feilliste) as plain text, to read in a terminal, print or send by e-mail.

No colours or control codes: severity is a word in brackets. Every line fits in `width`
characters; a long message wraps with a hanging indent under its finding.
"""

from __future__ import annotations

import textwrap

from kostra import text
from kostra.controls import wording
from kostra.controls.errorlist import ErrorList, Grouping, Heading, Row, error_list
from kostra.controls.report import Report
from kostra.controls.statistics import StatTable

MIN_WIDTH = 40


def render_text(report: Report, heading: Heading, *, width: int = 100) -> str:
    """The error list for `report` as plain text with lines of at most `width` characters."""
    if width < MIN_WIDTH:
        raise ValueError(f"width must be at least {MIN_WIDTH} characters, not {width}")
    view = error_list(report, heading, grouping=Grouping.CASEWORKER)
    out = _Writer(width)
    _top(out, view)
    _summary(out, view)
    _findings(out, view)
    _advice(out, view)
    if not view.web:  # a web form's answers have no records to count
        _statistics(out, view)
    return out.text()


class _Writer:
    """Collects lines, wrapping each paragraph to the width."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def wrap(self, text: str, indent: int = 0, hanging: int = 0) -> None:
        """`text` wrapped; continuation lines indented `hanging` more than the first."""
        self.lines += textwrap.wrap(
            text,
            self.width,
            initial_indent=" " * indent,
            subsequent_indent=" " * (indent + hanging),
            break_on_hyphens=False,
        ) or [""]

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def title(self, text: str, underline: str) -> None:
        """A heading with a line of `underline` characters under it."""
        self.blank()
        wrapped = textwrap.wrap(text, self.width, break_on_hyphens=False)
        self.lines += [*wrapped, underline * max(len(line) for line in wrapped), ""]

    def labelled(self, label: str, value: str, column: int) -> None:
        """`label` then `value` from `column` on, continuation lines under the value."""
        parts = textwrap.wrap(value, self.width - column, break_on_hyphens=False) or [""]
        self.lines += [label.ljust(column) + parts[0], *(" " * column + p for p in parts[1:])]

    def text(self) -> str:
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(line.rstrip() for line in self.lines) + "\n"


def _top(out: _Writer, view: ErrorList) -> None:
    heading = view.heading
    out.title(f"{wording.DOCUMENT_TITLE}: {heading.form} {heading.form_title} {heading.year}", "=")
    column = max(len(label) for label, _ in view.facts) + 2
    for label, value in view.facts:
        out.labelled(label, value, column)
    out.blank()
    verdict = view.verdict
    out.wrap(f"{wording.RESULT.upper()}: {verdict.headline.upper()}.", hanging=2)
    out.wrap(verdict.detail, indent=2)


def _summary(out: _Writer, view: ErrorList) -> None:
    out.title(wording.SUMMARY, "=")
    counts = [(s.label, n) for s, n in view.severity_counts] + [(wording.TOTAL, view.total)]
    label_width = max(len(label) for label, _ in counts)
    number_width = max(len(text.number(n)) for _, n in counts)
    for label, n in counts:
        out.lines.append(f"{label.ljust(label_width)}  {text.number(n).rjust(number_width)}")
    if not view.rule_counts:
        return
    out.blank()
    rule_width = max([len(wording.RULE), *(len(r.rule) for r in view.rule_counts)])
    severity_width = max(
        [len(wording.SEVERITY), *(len(r.severity.label) for r in view.rule_counts)]
    )
    count_width = max([len(wording.COUNT), *(len(text.number(r.count)) for r in view.rule_counts)])
    column = rule_width + severity_width + count_width + 6

    def row(rule: str, severity: str, count: str, title: str) -> None:
        start = f"{rule.ljust(rule_width)}  {severity.ljust(severity_width)}  {count.rjust(count_width)}"
        out.wrap(f"{start}  {title}", hanging=column)

    row(wording.RULE, wording.SEVERITY, wording.COUNT, wording.TITLE)
    for r in view.rule_counts:
        row(r.rule, r.severity.label, text.number(r.count), r.title)


def _findings(out: _Writer, view: ErrorList) -> None:
    out.title(wording.FINDINGS, "=")
    if not view.groups:
        out.wrap(wording.NO_FINDINGS)
    for group in view.groups:
        if group.heading:
            out.title(f"{group.heading} ({wording.finding_count(group.findings)})", "-")
        for row in group.rows:
            _row(out, row, view)


def _row(out: _Writer, row: Row, view: ErrorList) -> None:
    where = view.where(row) if view.web else wording.lines_phrase(row.lines)
    first = f"[{row.severity.label}] {row.rule} {row.title}" + (f" ({where})" if where else "")
    indent = 0 if row.whole_file or view.web else 2
    if not row.whole_file and not view.web and row.journal:
        first += f" – {wording.JOURNAL} {row.journal}"
    out.wrap(first, indent=indent, hanging=2)
    out.wrap(row.message, indent=indent + 4)
    refs = view.fields_of(row)
    if refs:
        out.wrap(f"{wording.FIELDS}: " + "; ".join(ref.detail for ref in refs), indent=indent + 4)


def _advice(out: _Writer, view: ErrorList) -> None:
    if not view.advice:
        return
    out.title(wording.FIX, "=")
    for item, fix in view.advice:
        out.wrap(f"{item.rule} {item.title}", hanging=2)
        out.wrap(fix, indent=4)


def _statistics(out: _Writer, view: ErrorList) -> None:
    out.title(wording.STATISTICS, "=")
    if view.stats_note:
        out.wrap(view.stats_note)
    for table in view.stats:
        _table(out, table)


def _table(out: _Writer, table: StatTable) -> None:
    out.blank()
    out.wrap(table.title)
    numbers = [text.number(n) for _, n in table.rows]
    label_width = max([len(table.heading[0]), *(len(label) for label, _ in table.rows)])
    number_width = max([len(table.heading[1]), *(len(n) for n in numbers)])
    # Headings are short and fixed (SSB's); a narrow width still fits them.
    out.lines.append(
        f"  {table.heading[0].ljust(label_width)}  {table.heading[1].rjust(number_width)}"
    )
    for (label, _), n in zip(table.rows, numbers, strict=True):
        out.lines.append(f"  {label.ljust(label_width)}  {n.rjust(number_width)}")
