"""The error list (feilliste) as a reporter works through it: a view of a `Report` for rendering.

Findings about the whole file come first, then one section per case worker (saksbehandler), each
holding that worker's cases by journal number (a web form's answers have neither: their findings
are about the whole form and point at questions instead of lines). Within a case the most
serious finding comes first, then the controls' run order, then the line. Findings that differ
only in their line numbers merge into one row with all the lines, as SSB's own error list does.
The text and HTML renderings (`text_report`, `html_report`) draw this same view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from kostra import text
from kostra.catalog import UnknownForm, UnknownYear, load
from kostra.controls import wording
from kostra.controls.finding import Finding
from kostra.controls.report import Report
from kostra.controls.severity import Severity
from kostra.controls.statistics import StatTable


@dataclass(frozen=True)
class Heading:
    """What the report is about, for the top of the list (names come from the caller's registers)."""

    form: str
    form_title: str
    year: int
    municipality: str
    municipality_name: str
    district: str | None
    district_name: str | None
    file_name: str | None
    checked_at: datetime


@dataclass(frozen=True)
class Row:
    """One line of the list: a finding, or several that differ only in their line numbers."""

    severity: Severity
    rule: str
    title: str
    lines: tuple[int, ...]
    message: str
    merged: int  # how many findings the row stands for
    fields: tuple[str, ...] = ()  # a web form's questions the finding is about


@dataclass(frozen=True)
class Case:
    """The rows about one journal number (None: the records have none) of a section."""

    journal: str | None
    rows: tuple[Row, ...]

    @property
    def heading(self) -> str:
        """`Journalnummer J0000017`, or that the records have no journal number."""
        return f"{wording.JOURNAL} {self.journal}" if self.journal else wording.NO_JOURNAL


@dataclass(frozen=True)
class Section:
    """The findings about the whole file, or those of one case worker."""

    whole_file: bool
    caseworker: str | None
    cases: tuple[Case, ...]
    web: bool = False  # the findings are about a web form's answers

    @property
    def heading(self) -> str:
        """`Hele filen` (`Hele skjemaet`), `Saksbehandler: Kari`, or that no case worker is given."""
        if self.whole_file:
            return wording.WHOLE_FORM if self.web else wording.WHOLE_FILE
        if self.caseworker:
            return f"{wording.CASEWORKER}: {self.caseworker}"
        return wording.NO_CASEWORKER

    @property
    def findings(self) -> int:
        """Number of findings in the section (before merging)."""
        return sum(row.merged for case in self.cases for row in case.rows)

    @property
    def worst(self) -> Severity:
        """The most serious severity in the section."""
        return max((r.severity for c in self.cases for r in c.rows), key=lambda s: s.rank)


@dataclass(frozen=True)
class RuleCount:
    """One line of the summary: a control (as titled), its severity and its number of findings."""

    rule: str
    title: str
    severity: Severity
    count: int


@dataclass(frozen=True)
class Verdict:
    """Whether the file may be submitted, in the words a reporter reads."""

    outcome: Severity
    may_submit: bool
    headline: str
    detail: str


@dataclass(frozen=True)
class ErrorList:
    """Everything the renderings show, in the order they show it."""

    heading: Heading
    facts: tuple[tuple[str, str], ...]
    verdict: Verdict
    severity_counts: tuple[tuple[Severity, int], ...]
    total: int
    rule_counts: tuple[RuleCount, ...]
    sections: tuple[Section, ...]
    stats: tuple[StatTable, ...]
    stats_note: str | None
    # A web form's questions by field name, as the reporter reads them ("3a Plasser til …");
    # empty for an extract.
    questions: Mapping[str, str] = field(default_factory=dict)
    # Where a question is on the portal: this and the field's name (`…/skjema#sporsmal-`); None
    # in a list that stands alone (saved, printed, e-mailed).
    question_link: str | None = None

    @property
    def web(self) -> bool:
        """Whether the list is about a web form's answers (questions, not lines)."""
        return bool(self.questions)

    def questions_of(self, row: Row) -> tuple[tuple[str, str], ...]:
        """A web form row's questions: (field name, the question as the reporter reads it)."""
        return tuple((name, self.questions.get(name, name)) for name in row.fields)

    def where(self, row: Row) -> str:
        """Where a row's findings are: its lines (`1, 4, 7–9`), or a web form's questions."""
        if self.web:
            return questions_named(self.questions, row.fields)
        return wording.line_numbers(row.lines)


def error_list(report: Report, heading: Heading) -> ErrorList:
    """The error list for `report`, headed by `heading`."""
    questions = form_questions(report.form, report.year)
    web = bool(questions)
    return ErrorList(
        heading=heading,
        facts=_facts(report, heading, web=web),
        verdict=verdict(report),
        severity_counts=_severity_counts(report),
        total=len(report.findings),
        rule_counts=_rule_counts(report),
        sections=sections(report.findings, web=web),
        stats=() if web else report.stats,
        stats_note=None if web else _stats_note(report),
        questions=questions,
    )


def questions_named(questions: Mapping[str, str], fields: tuple[str, ...]) -> str:
    """The questions `fields` as the reporter reads them, `; ` between."""
    return "; ".join(questions.get(name, name) for name in fields)


def form_questions(form: str, year: int) -> dict[str, str]:
    """A web form's questions by field name, numbered as on the form; empty for an extract's
    form (or one the catalog does not know)."""
    try:
        definition = load(form, year)
    except (UnknownForm, UnknownYear):
        return {}
    if not definition.is_web:
        return {}
    return {f.name: f"{f.number} {f.label}" if f.number else f.label for f in definition.fields}


@dataclass(frozen=True)
class Selection:
    """Which findings of a list to show: by severity, case worker and journal number (None:
    all). A case worker or journal of "" selects the findings without one."""

    severities: frozenset[Severity] | None = None
    caseworker: str | None = None
    journal: str | None = None

    @property
    def is_all(self) -> bool:
        """Whether nothing is filtered out."""
        return self.severities is None and self.caseworker is None and self.journal is None

    def keeps(self, finding: Finding) -> bool:
        """Whether `finding` is selected."""
        if self.severities is not None and finding.severity not in self.severities:
            return False
        if self.caseworker is not None and (_key(finding.caseworker) or "") != self.caseworker:
            return False
        return self.journal is None or (_key(finding.journal) or "") == self.journal


def filtered(report: Report, selection: Selection) -> Report:
    """`report` with only the findings `selection` keeps. Its outcome is the selection's: take
    whether the file may be submitted from the whole report."""
    if selection.is_all:
        return report
    return replace(report, findings=tuple(f for f in report.findings if selection.keeps(f)))


def caseworkers(report: Report) -> tuple[str, ...]:
    """The case workers named in the findings, in Norwegian alphabetical order."""
    named = {_key(f.caseworker) for f in report.findings} - {None}
    return tuple(sorted((name for name in named if name), key=_text_order))


def verdict(report: Report) -> Verdict:
    """Whether `report`'s file may be submitted, and what the reporter has to do."""
    outcome = report.outcome
    web = bool(form_questions(report.form, report.year))
    detail = (wording.WEB_VERDICT_DETAIL if web else wording.VERDICT_DETAIL)[outcome]
    if outcome is Severity.ERROR and report.count(Severity.WARNING):
        detail = f"{detail} {wording.ALSO_WARNINGS}"
    if web:
        headline = wording.WEB_MAY_SUBMIT if report.may_submit else wording.WEB_MAY_NOT_SUBMIT
    else:
        headline = wording.MAY_SUBMIT if report.may_submit else wording.MAY_NOT_SUBMIT
    return Verdict(outcome, report.may_submit, headline, detail)


def sections(findings: tuple[Finding, ...], *, web: bool = False) -> tuple[Section, ...]:
    """Findings grouped: the whole file first, then by case worker and by journal number. `web`:
    they are about a web form's answers."""
    run_order: dict[str, int] = {}
    for finding in findings:
        run_order.setdefault(finding.rule, len(run_order))
    by_worker: dict[tuple[bool, str | None], dict[str | None, list[tuple[int, Finding]]]] = {}
    for index, finding in enumerate(findings):
        caseworker, journal = _key(finding.caseworker), _key(finding.journal)
        whole_file = caseworker is None and journal is None
        cases = by_worker.setdefault((whole_file, caseworker), {})
        cases.setdefault(journal, []).append((index, finding))

    def worker_order(key: tuple[bool, str | None]) -> tuple[bool, bool, str, str]:
        whole_file, caseworker = key
        return (not whole_file, caseworker is None, *_text_order(caseworker))

    result = []
    for key in sorted(by_worker, key=worker_order):
        cases = by_worker[key]
        journals = sorted(cases, key=lambda j: (j is None, *_text_order(j)))
        result.append(
            Section(
                whole_file=key[0],
                caseworker=key[1],
                cases=tuple(Case(j, _rows(cases[j], run_order)) for j in journals),
                web=web,
            )
        )
    return tuple(result)


def _rows(findings: list[tuple[int, Finding]], run_order: dict[str, int]) -> tuple[Row, ...]:
    """A case's findings merged on everything but line numbers, most serious first."""
    merged: dict[tuple[Severity, str, str, str, tuple[str, ...]], list[tuple[int, Finding]]] = {}
    for index, finding in findings:
        same = (finding.severity, finding.rule, finding.title, finding.message, finding.fields)
        merged.setdefault(same, []).append((index, finding))

    def order(group: list[tuple[int, Finding]]) -> tuple[int, int, int, int]:
        first_index, first = group[0]
        lines = [line for _, f in group for line in f.lines]
        return (-first.severity.rank, run_order[first.rule], min(lines, default=0), first_index)

    rows = []
    for group in sorted(merged.values(), key=order):
        first = group[0][1]
        lines = tuple(sorted({line for _, f in group for line in f.lines}))
        rows.append(
            Row(
                severity=first.severity,
                rule=first.rule,
                title=first.title,
                lines=lines,
                message=first.message,
                merged=len(group),
                fields=first.fields,
            )
        )
    return tuple(rows)


def _key(value: str | None) -> str | None:
    """A case key, None when missing or blank."""
    if value is None:
        return None
    return value.strip() or None


_NORWEGIAN_LETTERS = str.maketrans({"æ": "z\u0001", "ø": "z\u0002", "å": "z\u0003"})


def _text_order(text: str | None) -> tuple[str, str]:
    """Sort key in Norwegian alphabetical order (æ, ø, å after z), ignoring case."""
    if text is None:
        return ("", "")
    return (text.casefold().translate(_NORWEGIAN_LETTERS), text)


def _severity_counts(report: Report) -> tuple[tuple[Severity, int], ...]:
    """Counts from most serious down; info and ok only when there are any (11F/11CF use neither)."""
    shown = (Severity.FATAL, Severity.ERROR, Severity.WARNING, Severity.INFO, Severity.OK)
    counts = [(s, report.count(s)) for s in shown]
    return tuple((s, n) for s, n in counts if n or s.rank >= Severity.WARNING.rank)


def _rule_counts(report: Report) -> tuple[RuleCount, ...]:
    """Findings per control, sorted by rule id as SSB's summary is."""
    counts = Counter((f.rule, f.title, f.severity) for f in report.findings)
    ordered = sorted(counts.items(), key=lambda item: (item[0][0], item[0][1], -item[0][2].rank))
    return tuple(RuleCount(rule, title, sev, n) for (rule, title, sev), n in ordered)


def file_name(form: str, year: int, unit: str, checked_at: datetime | None, suffix: str) -> str:
    """The name an error list is downloaded or sent under, stamped on Oslo's clock:
    `feilliste_11F_2025_030101_20260312-0030.html`."""
    stamp = text.file_stamp(checked_at) if checked_at else "ukontrollert"
    return f"feilliste_{form}_{year}_{unit}_{stamp}.{suffix}"


def _facts(report: Report, heading: Heading, *, web: bool) -> tuple[tuple[str, str], ...]:
    """The labelled facts at the top of the list (a web form's answers have no records to count
    and no encoding)."""
    facts = [
        (wording.FORM, f"{heading.form} {heading.form_title}"),
        (wording.YEAR, str(heading.year)),
        (wording.MUNICIPALITY, f"{heading.municipality} {heading.municipality_name}"),
    ]
    if heading.district:
        facts.append(
            (wording.DISTRICT, f"{heading.district} {heading.district_name or ''}".strip())
        )
    if heading.file_name:
        facts.append((wording.ANSWERS if web else wording.FILE, heading.file_name))
    facts.append((wording.CHECKED_AT, text.short_time(heading.checked_at)))
    if not web:
        facts += [
            (wording.RECORDS, text.number(report.records)),
            (wording.ENCODING, wording.encoding_name(report.encoding)),
        ]
    facts.append((wording.CONTROLS, text.number(report.controls_performed)))
    return tuple(facts)


def _stats_note(report: Report) -> str | None:
    """What a reader must know about the figures: that they include errors, or why there are none."""
    if not report.stats:
        if report.outcome is Severity.FATAL:
            return wording.NO_STATS_UNREADABLE
        return wording.NO_STATS_EMPTY
    if report.outcome.blocks_submission:
        return wording.STATS_INCLUDE_ERRORS
    return None
