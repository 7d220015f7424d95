"""The error list (feilliste) as a reporter works through it: a view of a `Report` for rendering.

One compact list of rows, each with its severity, control, lines, case worker (saksbehandler),
journal number and message. By default the findings about the whole file come first, then the
case workers' in Norwegian order, case by case; the list can instead be sorted by journal number,
severity, control or line (`Order`), and gathered under headings per case worker or journal
(`Grouping`). A web form's answers have neither case worker nor journal: their findings are
about the whole form and point at questions instead of lines. Within a case the most serious
finding comes first, then the controls' run order, then the line. Findings of one case that
differ only in their line numbers merge into one row with all the lines, as SSB's own error list
does. An extract's row names the fields it is about as the form asks them, with the field's
name and position as detail, and each control says how to correct its findings (`Rule.fix`).
The text, HTML and CSV renderings draw this same view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

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
    """One line of the list: a finding, or several of one case that differ only in their line
    numbers."""

    severity: Severity
    rule: str
    title: str
    lines: tuple[int, ...]
    message: str
    merged: int  # how many findings the row stands for
    fields: tuple[str, ...] = ()  # the fields (a web form's questions) the finding is about
    caseworker: str | None = None
    journal: str | None = None

    @property
    def whole_file(self) -> bool:
        """Whether the row is about the file as a whole (no case worker, no journal number)."""
        return self.caseworker is None and self.journal is None


class Order(StrEnum):
    """How the rows of the list are sorted; the values are the portal's query words."""

    CASEWORKER = "saksbehandler"  # the whole file first, then case worker, journal, severity
    JOURNAL = "journal"
    SEVERITY = "alvorlighet"
    RULE = "kontroll"
    LINE = "linje"

    @property
    def label(self) -> str:
        """The order as a reporter reads it in a choice."""
        return _ORDER_LABELS[self]


_ORDER_LABELS = {
    Order.CASEWORKER: wording.CASEWORKER,
    Order.JOURNAL: wording.JOURNAL,
    Order.SEVERITY: wording.SEVERITY,
    Order.RULE: wording.RULE,
    Order.LINE: wording.LINES,
}


class Grouping(StrEnum):
    """Whether the rows are gathered under headings; the values are the portal's query words."""

    NONE = "ingen"
    CASEWORKER = "saksbehandler"
    JOURNAL = "journal"

    @property
    def label(self) -> str:
        """The grouping as a reporter reads it in a choice."""
        return _GROUPING_LABELS[self]


_GROUPING_LABELS = {
    Grouping.NONE: wording.NO_GROUPING,
    Grouping.CASEWORKER: wording.CASEWORKER,
    Grouping.JOURNAL: wording.JOURNAL,
}


@dataclass(frozen=True)
class Group:
    """Rows under one heading of the list (heading None: the list is not grouped)."""

    heading: str | None
    rows: tuple[Row, ...]

    @property
    def findings(self) -> int:
        """Number of findings in the group (before merging)."""
        return sum(row.merged for row in self.rows)


@dataclass(frozen=True)
class FieldRef:
    """A field of an extract as the error list names it: the question the form asks, and where
    the field is in the record (the secondary detail)."""

    name: str
    label: str
    start: int | None
    width: int | None

    @property
    def detail(self) -> str:
        """`GITT_OKONOMIRAD, posisjon 264` (`posisjon 5–6` for a wider field)."""
        if self.start is None:
            return self.name
        end = self.start + (self.width or 1) - 1
        where = f"{self.start}" if end == self.start else f"{self.start}–{end}"
        return f"{self.name}, {wording.POSITION} {where}"


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
class Terms:
    """What a form's rows are named with: a web form's questions, an extract's fields, and
    each control's advice."""

    # A web form's questions by field name, as the reporter reads them ("3a Plasser til …");
    # empty for an extract.
    questions: Mapping[str, str] = field(default_factory=dict)
    # An extract's fields by name: the question each asks, and where it is in the record.
    field_refs: Mapping[str, FieldRef] = field(default_factory=dict)
    # What to do about a control's findings ("Slik retter du det"), by (rule, title).
    fixes: Mapping[tuple[str, str], str] = field(default_factory=dict)

    @property
    def web(self) -> bool:
        """Whether the rows are about a web form's answers (questions, not lines)."""
        return bool(self.questions)

    def questions_of(self, row: Row) -> tuple[tuple[str, str], ...]:
        """A web form row's questions: (field name, the question as the reporter reads it)."""
        return tuple((name, self.questions.get(name, name)) for name in row.fields)

    def fields_of(self, row: Row) -> tuple[FieldRef, ...]:
        """An extract row's fields, as the form asks them and where they are in the record."""
        if self.web:
            return ()
        return tuple(self.field_refs[name] for name in row.fields if name in self.field_refs)

    def fix(self, rule: str, title: str) -> str:
        """What to do about a control's findings: that variant's advice (by title), else the
        control's; empty when it has none."""
        if (rule, title) in self.fixes:
            return self.fixes[(rule, title)]
        return next((text for (rid, _), text in self.fixes.items() if rid == rule), "")

    def where(self, row: Row) -> str:
        """Where a row's findings are: its lines (`1, 4, 7–9`), or a web form's questions."""
        if self.web:
            return questions_named(self.questions, row.fields)
        return wording.line_numbers(row.lines)


def terms(form: str, year: int) -> Terms:
    """The terms of `form`'s error list in `year`."""
    questions = form_questions(form, year)
    return Terms(
        questions=questions,
        field_refs={} if questions else extract_fields(form, year),
        fixes=fixes(form, year),
    )


@dataclass(frozen=True)
class ErrorList:
    """Everything the renderings show, in the order they show it."""

    heading: Heading
    facts: tuple[tuple[str, str], ...]
    verdict: Verdict
    severity_counts: tuple[tuple[Severity, int], ...]
    total: int
    rule_counts: tuple[RuleCount, ...]
    groups: tuple[Group, ...]
    stats: tuple[StatTable, ...]
    stats_note: str | None
    terms: Terms = field(default_factory=Terms)
    # Where a question is on the portal: this and the field's name (`…/skjema#sporsmal-`); None
    # in a list that stands alone (saved, printed, e-mailed).
    question_link: str | None = None
    order: Order = Order.CASEWORKER
    grouping: Grouping = Grouping.NONE

    @property
    def web(self) -> bool:
        """Whether the list is about a web form's answers (questions, not lines)."""
        return self.terms.web

    @property
    def questions(self) -> Mapping[str, str]:
        """A web form's questions by field name; empty for an extract."""
        return self.terms.questions

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every row of the list, in the order shown."""
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def advice(self) -> tuple[tuple[RuleCount, str], ...]:
        """How to correct each control's findings, control by control as summed up."""
        return tuple(
            (item, fix) for item in self.rule_counts if (fix := self.fix(item.rule, item.title))
        )

    def questions_of(self, row: Row) -> tuple[tuple[str, str], ...]:
        """A web form row's questions: (field name, the question as the reporter reads it)."""
        return self.terms.questions_of(row)

    def fields_of(self, row: Row) -> tuple[FieldRef, ...]:
        """An extract row's fields, as the form asks them and where they are in the record."""
        return self.terms.fields_of(row)

    def fix(self, rule: str, title: str) -> str:
        """What to do about a control's findings; empty when the control has no advice."""
        return self.terms.fix(rule, title)

    def where(self, row: Row) -> str:
        """Where a row's findings are: its lines, or a web form's questions."""
        return self.terms.where(row)


def error_list(
    report: Report,
    heading: Heading,
    order: Order = Order.CASEWORKER,
    grouping: Grouping = Grouping.NONE,
) -> ErrorList:
    """The error list for `report`, headed by `heading`, its rows sorted by `order` and gathered
    by `grouping`."""
    named = terms(report.form, report.year)
    web = named.web
    return ErrorList(
        heading=heading,
        facts=_facts(report, heading, web=web),
        verdict=verdict(report),
        severity_counts=_severity_counts(report),
        total=len(report.findings),
        rule_counts=_rule_counts(report),
        groups=groups(rows(report.findings, order), grouping, web=web),
        stats=() if web else report.stats,
        stats_note=None if web else _stats_note(report),
        terms=named,
        order=order,
        grouping=grouping,
    )


def extract_fields(form: str, year: int) -> dict[str, FieldRef]:
    """An extract form's fields by name, as the error list names them; empty for a web form
    (or one the catalog does not know)."""
    try:
        definition = load(form, year)
    except (UnknownForm, UnknownYear):
        return {}
    if definition.is_web:
        return {}
    return {f.name: FieldRef(f.name, f.label, f.start, f.width) for f in definition.fields}


def fixes(form: str, year: int) -> dict[tuple[str, str], str]:
    """What to do about each control's findings on `form` in `year`, by (rule, title); empty
    for a form without a control program."""
    # Imported here: the registry reads the programs, which list rules that read this module's
    # neighbours.
    from kostra.controls.registry import has_rules, rules_for

    if not has_rules(form):
        return {}
    try:
        definition = load(form, year)
    except (UnknownForm, UnknownYear):
        return {}
    return {(rule.id, rule.title): rule.fix for rule in rules_for(definition) if rule.fix}


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


def rows(findings: tuple[Finding, ...], order: Order = Order.CASEWORKER) -> tuple[Row, ...]:
    """The findings as rows of the list: those of one case (case worker and journal number) that
    differ only in their line numbers merged into one row, sorted by `order`. Ties go to the most
    serious first, then the controls' run order, then the line."""
    run_order: dict[str, int] = {}
    for finding in findings:
        run_order.setdefault(finding.rule, len(run_order))
    merged: dict[tuple[object, ...], list[tuple[int, Finding]]] = {}
    for index, finding in enumerate(findings):
        caseworker, journal = _key(finding.caseworker), _key(finding.journal)
        same = (
            caseworker,
            journal,
            finding.severity,
            finding.rule,
            finding.title,
            finding.message,
            finding.fields,
        )
        merged.setdefault(same, []).append((index, finding))
    made: list[tuple[tuple[object, ...], Row]] = []
    for group in merged.values():
        first_index, first = group[0]
        lines = tuple(sorted({line for _, f in group for line in f.lines}))
        row = Row(
            severity=first.severity,
            rule=first.rule,
            title=first.title,
            lines=lines,
            message=first.message,
            merged=len(group),
            fields=first.fields,
            caseworker=_key(first.caseworker),
            journal=_key(first.journal),
        )
        tail = (-row.severity.rank, run_order[row.rule], min(lines, default=0), first_index)
        made.append((_sort_key(row, order, tail), row))
    made.sort(key=lambda item: item[0])
    return tuple(row for _, row in made)


def _sort_key(row: Row, order: Order, tail: tuple[int, int, int, int]) -> tuple[object, ...]:
    severity, rule_order, line, index = tail
    if order is Order.CASEWORKER:
        return (
            not row.whole_file,
            row.caseworker is None,
            *_text_order(row.caseworker),
            row.journal is None,
            *_text_order(row.journal),
            *tail,
        )
    if order is Order.JOURNAL:
        return (not row.whole_file, row.journal is None, *_text_order(row.journal), *tail)
    if order is Order.RULE:
        return (rule_order, severity, line, index)
    if order is Order.LINE:
        return (line, severity, rule_order, index)
    return tail


def groups(
    listed: tuple[Row, ...], grouping: Grouping = Grouping.NONE, *, web: bool = False
) -> tuple[Group, ...]:
    """`listed` gathered under headings by `grouping`, keeping their order within each: the
    whole file first, then by name in Norwegian order, those without one last. Not grouped:
    one group without a heading. `web`: the rows are about a web form's answers."""
    if not listed:
        return ()
    if grouping is Grouping.NONE or web:
        return (Group(wording.WHOLE_FORM if web else None, listed),)
    gathered: dict[tuple[bool, str | None], list[Row]] = {}
    for row in listed:
        name = row.caseworker if grouping is Grouping.CASEWORKER else row.journal
        gathered.setdefault((row.whole_file, name), []).append(row)

    def group_order(key: tuple[bool, str | None]) -> tuple[bool, bool, str, str]:
        whole_file, name = key
        return (not whole_file, name is None, *_text_order(name))

    return tuple(
        Group(_group_heading(grouping, *key), tuple(gathered[key]))
        for key in sorted(gathered, key=group_order)
    )


def _group_heading(grouping: Grouping, whole_file: bool, name: str | None) -> str:
    """`Hele filen`, `Saksbehandler: Kari`, `Journalnummer J0000017`, or that there is none."""
    if whole_file:
        return wording.WHOLE_FILE
    if grouping is Grouping.CASEWORKER:
        return f"{wording.CASEWORKER}: {name}" if name else wording.NO_CASEWORKER
    return f"{wording.JOURNAL} {name}" if name else wording.NO_JOURNAL


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
