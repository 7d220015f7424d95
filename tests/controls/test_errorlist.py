"""The error list (feilliste): grouping, order, merging, verdict, and its text and HTML renderings."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime
from html.parser import HTMLParser

import jinja2
import pytest

from kostra.catalog import load
from kostra.controls import Finding, Report, Severity, webform
from kostra.controls import wording as words
from kostra.controls.csv_report import WEB_HEADER, render_csv
from kostra.controls.errorlist import ErrorList, Grouping, Heading, Order, error_list
from kostra.controls.html_report import render_html
from kostra.controls.text_report import render_text
from kostra.registry import ReportingUnit
from kostra.text import OSLO
from tests.builders import clean_values, fnr, line, run
from tests.webforms.answers import FORM_12

F11 = load("11F", 2025)
HEADING = Heading(
    form="11F",
    form_title="Økonomisk sosialhjelp",
    year=2025,
    municipality="0301",
    municipality_name="Oslo",
    district="01",
    district_name="Gamle Oslo",
    file_name="sosialhjelp.dat",
    checked_at=datetime(2026, 3, 12, 14, 5, tzinfo=OSLO),
)
ERROR, WARNING, FATAL = Severity.ERROR, Severity.WARNING, Severity.FATAL


def finding(
    rule: str,
    severity: Severity,
    lines: tuple[int, ...],
    caseworker: str | None = None,
    journal: str | None = None,
    message: str = "",
) -> Finding:
    return Finding(
        rule, severity, lines, message or f"melding {rule}", caseworker, journal, f"tittel {rule}"
    )


def report(*findings: Finding, stats: bool = False) -> Report:
    base = run([line(F11)]) if stats else None
    return Report(
        form="11F",
        year=2025,
        municipality="0301",
        district="01",
        records=8,
        findings=findings,
        stats=base.stats if base else (),
        encoding="windows-1252",
        controls_performed=8 * 48,
    )


def flat(view: ErrorList) -> list[tuple[str | None, str | None, str, tuple[int, ...]]]:
    """Groups and rows in the order shown: (group heading, journal, rule, lines)."""
    return [
        (group.heading, row.journal, row.rule, row.lines)
        for group in view.groups
        for row in group.rows
    ]


def by_caseworker(result: Report) -> ErrorList:
    return error_list(result, HEADING, grouping=Grouping.CASEWORKER)


# --- grouping and order ------------------------------------------------------------------------


def test_whole_file_first_then_caseworkers_in_norwegian_order_then_journals() -> None:
    result = report(
        finding("K002", ERROR, (7,)),
        finding("K005A", ERROR, (3,), "Ola", "J0000002"),
        finding("K008", ERROR, (6,), "Åse", "J0000006"),
        finding("K008", ERROR, (5,), "Øystein", "J0000005"),
        finding("K008", ERROR, (4,), "kari", "J0000009"),
        finding("K008", ERROR, (2,), "kari", "J0000001"),
        finding("K009", ERROR, (8,), None, "J0000008"),
        finding("K009", ERROR, (1,), "Kari", None),
    )
    plain = error_list(result, HEADING)
    assert [g.heading for g in plain.groups] == [None]
    assert [(r.caseworker, r.journal, r.lines) for r in plain.rows][:3] == [
        (None, None, (7,)),
        ("Kari", None, (1,)),
        ("kari", "J0000001", (2,)),
    ]
    view = error_list(
        report(
            finding("K002", ERROR, (7,)),
            finding("K005A", ERROR, (3,), "Ola", "J0000002"),
            finding("K008", ERROR, (6,), "Åse", "J0000006"),
            finding("K008", ERROR, (5,), "Øystein", "J0000005"),
            finding("K008", ERROR, (4,), "kari", "J0000009"),
            finding("K008", ERROR, (2,), "kari", "J0000001"),
            finding("K009", ERROR, (8,), None, "J0000008"),
            finding("K009", ERROR, (1,), "Kari", None),
        ),
        HEADING,
        grouping=Grouping.CASEWORKER,
    )
    assert flat(view) == [
        ("Hele filen", None, "K002", (7,)),
        ("Saksbehandler: Kari", None, "K009", (1,)),
        ("Saksbehandler: kari", "J0000001", "K008", (2,)),
        ("Saksbehandler: kari", "J0000009", "K008", (4,)),
        ("Saksbehandler: Ola", "J0000002", "K005A", (3,)),
        ("Saksbehandler: Øystein", "J0000005", "K008", (5,)),
        ("Saksbehandler: Åse", "J0000006", "K008", (6,)),
        ("Saksbehandler ikke oppgitt", "J0000008", "K009", (8,)),
    ]


def test_sorted_by_journal_severity_rule_or_line_and_grouped_by_journal() -> None:
    result = report(
        finding("K002", ERROR, (7,)),
        finding("K031", WARNING, (2,), "Kari", "J2"),
        finding("K008", ERROR, (5,), "Kari", "J1"),
        finding("K001", FATAL, (9,)),
        finding("K009", ERROR, (3,), "Ola", "J3"),
    )

    def order(by: Order) -> list[tuple[str, tuple[int, ...]]]:
        return [(r.rule, r.lines) for r in error_list(result, HEADING, by).rows]

    assert order(Order.JOURNAL) == [
        ("K001", (9,)),
        ("K002", (7,)),
        ("K008", (5,)),
        ("K031", (2,)),
        ("K009", (3,)),
    ]
    assert order(Order.SEVERITY) == [
        ("K001", (9,)),
        ("K002", (7,)),
        ("K008", (5,)),
        ("K009", (3,)),
        ("K031", (2,)),
    ]
    assert order(Order.RULE) == [
        ("K002", (7,)),
        ("K031", (2,)),
        ("K008", (5,)),
        ("K001", (9,)),
        ("K009", (3,)),
    ]
    assert order(Order.LINE) == [
        ("K031", (2,)),
        ("K009", (3,)),
        ("K008", (5,)),
        ("K002", (7,)),
        ("K001", (9,)),
    ]
    grouped = error_list(result, HEADING, Order.LINE, Grouping.JOURNAL)
    assert [(g.heading, g.findings) for g in grouped.groups] == [
        ("Hele filen", 2),
        ("Journalnummer J1", 1),
        ("Journalnummer J2", 1),
        ("Journalnummer J3", 1),
    ]
    assert [r.rule for r in grouped.groups[0].rows] == ["K002", "K001"]


def test_within_a_case_most_serious_first_then_run_order_then_line() -> None:
    view = error_list(
        report(
            finding("K010", WARNING, (2,), "Kari", "J1"),
            finding("K020", ERROR, (3,), "Kari", "J1", message="b"),
            finding("K020", ERROR, (2,), "Kari", "J1", message="a"),
            finding("K030", ERROR, (2,), "Kari", "J1"),
            finding("K040", FATAL, (9,), "Kari", "J1"),
        ),
        HEADING,
    )
    assert [(row.rule, row.lines) for row in view.rows] == [
        ("K040", (9,)),
        ("K020", (2,)),
        ("K020", (3,)),
        ("K030", (2,)),
        ("K010", (2,)),
    ]


def test_blank_case_keys_count_as_missing() -> None:
    view = error_list(report(finding("K001", FATAL, (1,), "  ", "")), HEADING)
    assert view.rows[0].whole_file


def test_findings_differing_only_in_lines_merge_within_a_case() -> None:
    view = error_list(
        report(
            finding("K008", ERROR, (9,), "Kari", "J1", message="Kjønn «3»"),
            finding("K008", ERROR, (2,), "Kari", "J1", message="Kjønn «3»"),
            finding("K008", ERROR, (4,), "Kari", "J1", message="Kjønn «9»"),
            finding("K008", ERROR, (5,), "Kari", "J2", message="Kjønn «3»"),
            finding("K002", ERROR, (3,), message="BIDRAG"),
            finding("K002", ERROR, (1,), message="BIDRAG"),
        ),
        HEADING,
        grouping=Grouping.CASEWORKER,
    )
    assert flat(view) == [
        ("Hele filen", None, "K002", (1, 3)),
        ("Saksbehandler: Kari", "J1", "K008", (2, 9)),
        ("Saksbehandler: Kari", "J1", "K008", (4,)),
        ("Saksbehandler: Kari", "J2", "K008", (5,)),
    ]
    assert [g.findings for g in view.groups] == [2, 4]


def test_same_journal_twice_merges_the_records_findings() -> None:
    journal = clean_values(F11)["PERSON_JOURNALNR"]
    view = error_list(run([line(F11, KJONN="3"), line(F11, KJONN="3")]), HEADING)
    rows = [row for row in view.rows if row.rule == "K008"]
    assert [(row.lines, row.merged) for row in rows] == [((1, 2), 2)]
    assert view.rows[-1].journal == journal


def test_unreadable_file_is_listed_under_the_whole_file() -> None:
    result = run([line(F11), "for kort"])
    view = by_caseworker(result)
    assert [(r.whole_file, r.severity) for r in view.rows] == [(True, FATAL)]
    assert flat(view) == [("Hele filen", None, "K001", (2,))]


def test_summary_counts_per_severity_and_per_rule_sorted_by_rule_id() -> None:
    view = error_list(
        report(
            finding("K036", WARNING, (1,), "Kari", "J1"),
            finding("K002", ERROR, (1,)),
            finding("K002", ERROR, (2,)),
        ),
        HEADING,
    )
    assert view.severity_counts == ((FATAL, 0), (ERROR, 2), (WARNING, 1))
    assert view.total == 3
    assert [(r.rule, r.severity, r.count) for r in view.rule_counts] == [
        ("K002", ERROR, 2),
        ("K036", WARNING, 1),
    ]


# --- verdict ----------------------------------------------------------------------------------

VERDICTS = [
    ((), True, words.MAY_SUBMIT, "ingen feil eller advarsler"),
    ((finding("K000", Severity.OK, ()),), True, words.MAY_SUBMIT, "ingen feil eller advarsler"),
    ((finding("K031", WARNING, (1,), "Kari", "J1"),), True, words.MAY_SUBMIT, "bekreftes"),
    ((finding("K008", ERROR, (1,), "Kari", "J1"),), False, words.MAY_NOT_SUBMIT, "Rett feilene"),
    ((finding("K001", FATAL, (1,)),), False, words.MAY_NOT_SUBMIT, "kritiske feil"),
]


@pytest.mark.parametrize(
    ("findings", "may_submit", "headline", "detail"),
    VERDICTS,
    ids=["ok", "nothing-to-report", "warning", "error", "fatal"],
)
def test_verdict(
    findings: tuple[Finding, ...], may_submit: bool, headline: str, detail: str
) -> None:
    result = report(*findings)
    verdict = error_list(result, HEADING).verdict
    assert (verdict.may_submit, verdict.headline) == (may_submit, headline)
    assert detail in verdict.detail
    assert f"{headline.upper()}." in render_text(result, HEADING)
    assert f"Resultat: {headline}</h2>" in render_html(result, HEADING)


def test_error_verdict_also_points_to_the_warnings() -> None:
    result = report(
        finding("K008", ERROR, (1,), "K", "J"), finding("K031", WARNING, (1,), "K", "J")
    )
    assert words.ALSO_WARNINGS in error_list(result, HEADING).verdict.detail


# --- HTML ----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Checks that tags nest, and collects the rows of each table by its class."""

    VOID = frozenset({"meta", "link", "br", "hr", "img", "input", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.VOID:
            return
        self.open.append(tag)
        if tag == "table":
            self._table = dict(attrs).get("class") or ""
            self.tables.setdefault(self._table, [])
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()
        if tag in ("th", "td") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    return parser


def test_html_is_well_formed_self_contained_and_has_the_summary_counts() -> None:
    result = run([line(F11), line(F11, KJONN="3", PERSON_JOURNALNR="J0000002")])
    page = render_html(result, HEADING)
    parsed = parse(page)
    assert ("html", {"lang": "nb"}) in parsed.tags
    assert not [t for t, a in parsed.tags if t in ("script", "link", "img", "iframe")]
    assert "http" not in page
    assert "@media print" in page
    counts = {row[0]: row[1] for row in parsed.tables["counts"][1:]}
    assert counts == {
        "Kritisk feil": "0",
        "Feil": str(result.count(ERROR)),
        "Advarsel": str(result.count(WARNING)),
        "I alt": str(len(result.findings)),
    }
    rules = parsed.tables["rules"][1:]
    assert [(r[0], r[3]) for r in rules] == [
        (k, str(n)) for k, n in sorted(result.rule_counts().items())
    ]
    assert [t for t, a in parsed.tags if t == "th" and a.get("scope") in ("col", "row", "rowgroup")]


def test_html_escapes_caseworker_names_and_messages() -> None:
    result = run([line(F11, SAKSBEHANDLER="<script>", KJONN="3")])
    hostile = report(
        finding("K008", ERROR, (1,), "<b>x</b>", "J&1", message='«<img src=x onerror="alert(1)">»')
    )
    for page in (render_html(result, HEADING), render_html(hostile, HEADING)):
        parsed = parse(page)
        assert not [t for t, _ in parsed.tags if t in ("script", "img", "b")]
    page = render_html(result, HEADING)
    assert "<script>" not in page
    assert 'data-label="Saksbehandler">&lt;script&gt;</td>' in page
    assert "<script>" in "".join(parse(page).text)
    assert "«&lt;img src=x onerror=&#34;alert(1)&#34;&gt;»" in render_html(hostile, HEADING)


def test_html_statistics_as_tables_with_a_note_when_there_are_errors() -> None:
    other = {"PERSON_JOURNALNR": "J0000002", "PERSON_FODSELSNR": fnr("150585", "200")}
    clean = parse(render_html(run([line(F11), line(F11, **other)]), HEADING))
    stat_tables = clean.tables["stat"]
    assert ["Stønad", "Sum"] in stat_tables
    assert ["I alt", "20\u00a0000"] in stat_tables
    faulty = render_html(run([line(F11, KJONN="3")]), HEADING)
    assert words.STATS_INCLUDE_ERRORS in faulty
    assert words.STATS_INCLUDE_ERRORS not in "".join(clean.text)


def test_template_is_found_in_the_package() -> None:
    loader = jinja2.PackageLoader("kostra.controls", "templates")
    assert {"errorlist.html", "_findings.html", "_stats.html"} <= set(loader.list_templates())


# --- text ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 100])
def test_text_wraps_within_width_with_hanging_indent(width: int) -> None:
    long = " ".join(["Summen av bidrag per måned stemmer ikke med årsbeløpet."] * 4)
    result = report(
        finding("K036", WARNING, (3, 4, 5, 9), "Kari", "J1", message=long),
        finding("K002", ERROR, tuple(range(1, 40)), message="Feltet BIDRAG " + "x" * 120),
        stats=True,
    )
    heading = replace(HEADING, file_name="sosialhjelp_2025_oslo_gamle_oslo_uttrekk_nr_2.dat")
    text = render_text(result, heading, width=width)
    assert all(len(row) <= width for row in text.splitlines())
    assert "\nFil                sosialhjelp_" in text
    assert "\x1b" not in text
    rows = text.splitlines()
    first = next(i for i, row in enumerate(rows) if row.startswith("  [Advarsel] K036"))
    message = next(i for i, row in enumerate(rows) if row.startswith("      Summen"))
    assert all(row.startswith("    ") for row in rows[first + 1 : message])
    assert rows[message + 1].startswith("      ") and rows[message + 1].strip()
    assert "[Feil] K002 tittel K002 (linjer 1–39)" in text.replace("\n    ", " ")


def test_text_refuses_a_width_too_narrow_to_read() -> None:
    with pytest.raises(ValueError, match="at least 40"):
        render_text(report(), HEADING, width=20)


def test_text_has_top_summary_findings_and_statistics() -> None:
    result = run([line(F11), line(F11, KJONN="3", PERSON_JOURNALNR="J0000002")])
    text = render_text(result, HEADING)
    for expected in (
        "Feilliste: 11F Økonomisk sosialhjelp 2025",
        "Kommune            0301 Oslo",
        "Bydel              01 Gamle Oslo",
        "Fil                sosialhjelp.dat",
        "Kontrollert        12.03.2026 kl. 14:05",
        "Poster lest        2",
        "Tegnsett           UTF-8",
        f"Kontroller utført  {result.controls_performed}",
        "Saksbehandler: Kari",
        "Journalnummer J0000002",
        "[Feil] K008 Kjønn (linje 2)",
        "Statistikk",
        "Stønadsvarighet",
        "  I alt   20 000",
        words.STATS_INCLUDE_ERRORS,
    ):
        assert expected in text, expected
    assert text.index("Sammendrag") < text.index("Feil og advarsler") < text.index("Statistikk")


def test_no_statistics_when_the_records_could_not_be_read() -> None:
    text = render_text(run(["for kort"]), HEADING)
    assert words.NO_STATS_UNREADABLE in text


def test_identity_numbers_never_appear() -> None:
    number = clean_values(F11)["PERSON_FODSELSNR"]
    result = run([line(F11), line(F11, KJONN="3")])
    assert number not in render_text(result, HEADING)
    assert number not in render_html(result, HEADING)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ((), ""),
        ((4,), "4"),
        ((1, 2), "1, 2"),
        ((3, 1, 2), "1–3"),
        ((1, 3, 4, 5, 9, 9), "1, 3–5, 9"),
    ],
    ids=["none", "one", "pair", "run", "mixed"],
)
def test_line_numbers(lines: tuple[int, ...], expected: str) -> None:
    assert words.line_numbers(lines) == expected


# A web form's answers: the list speaks of the form and its questions, not of a file's lines.
WEB_HEADING = replace(HEADING, form="12", form_title="Stønadssatser", file_name="skjema-12.json")


def web_report() -> Report:
    answers = FORM_12 | {"SATS_PAR": 7_000, "SATS_BOFELLESSKAP": 8_000}
    return webform.check(answers, load("12", 2025), ReportingUnit("1103")).report


def test_a_web_forms_list_names_the_questions_and_has_no_lines_or_statistics() -> None:
    view = error_list(web_report(), WEB_HEADING)
    assert view.web
    assert [g.heading for g in view.groups] == [words.WHOLE_FORM]
    wheres = [view.where(row) for row in view.rows]
    assert wheres == [
        "2.2 Ektepar og samboere; 2.1 Enslig",
        "2.3 Person i bofellesskap; 2.1 Enslig",
    ]
    labels = [label for label, _ in view.facts]
    assert words.ANSWERS in labels and words.RECORDS not in labels and words.ENCODING not in labels
    assert view.stats == () and view.stats_note is None

    text = render_text(web_report(), WEB_HEADING)
    assert words.STATISTICS not in text and "linje" not in text
    assert "Ektepar og samboere" in text
    html = render_html(web_report(), WEB_HEADING)
    assert f">{words.QUESTIONS}<" in html and f">{words.LINES}<" not in html
    assert 'id="statistikk"' not in html


def test_a_web_forms_csv_names_the_questions() -> None:
    text = render_csv(web_report()).removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert tuple(rows[0]) == WEB_HEADER
    assert {r[1] for r in rows[1:]} == {"12-K04", "12-K05B"}
    assert [r[3] for r in rows[1:]] == [
        "2.2 Ektepar og samboere; 2.1 Enslig",
        "2.3 Person i bofellesskap; 2.1 Enslig",
    ]


def test_an_extracts_list_keeps_its_lines_and_statistics() -> None:
    view = error_list(report(finding("K1", ERROR, (3, 4, 5)), stats=True), HEADING)
    assert not view.web
    assert view.where(view.rows[0]) == "3–5"
    assert view.stats
