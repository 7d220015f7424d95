"""The words and number formats of the error list (feilliste), in bokmål, shared by its renderings.

Both the text and the HTML rendering take every phrase a reporter reads from here, so the two say
the same thing in the same words; the portal's pages read them too (as `words`), and the words
for a form's persons from its program.
"""

from __future__ import annotations

from collections.abc import Iterable

from kostra import text
from kostra.controls.programs import program
from kostra.controls.severity import Severity

DOCUMENT_TITLE = "Feilliste"
WHOLE_FILE = "Hele filen"
WHOLE_FORM = "Hele skjemaet"
NO_CASEWORKER = "Saksbehandler ikke oppgitt"
NO_JOURNAL = "Uten journalnummer"

MAY_SUBMIT = "Filen kan sendes inn"
MAY_NOT_SUBMIT = "Filen kan ikke sendes inn før feilene er rettet"

VERDICT_DETAIL = {
    Severity.FATAL: (
        "Filen har kritiske feil, og postene i den kunne ikke kontrolleres. "
        "Rett feilene og kontroller filen på nytt."
    ),
    Severity.ERROR: "Rett feilene og kontroller filen på nytt før den sendes inn.",
    Severity.WARNING: (
        "Filen har advarsler. Hver advarsel må ses gjennom og bekreftes før filen sendes inn; "
        "er opplysningene feil, skal de rettes."
    ),
    Severity.INFO: "Kontrollen fant ingen feil eller advarsler, bare merknader til informasjon.",
    Severity.OK: "Kontrollen fant ingen feil eller advarsler.",
}
ALSO_WARNINGS = "Se også gjennom advarslene."

# The same verdicts of a web form's answers (there is no file to correct: the answers are).
WEB_MAY_SUBMIT = "Svarene kan sendes inn"
WEB_MAY_NOT_SUBMIT = "Svarene kan ikke sendes inn før feilene er rettet"
WEB_VERDICT_DETAIL = {
    Severity.FATAL: "Svarene kunne ikke leses. Fyll ut skjemaet på nytt.",
    Severity.ERROR: "Rett svarene i skjemaet og kontroller dem på nytt før de sendes inn.",
    Severity.WARNING: (
        "Svarene har advarsler. Hver advarsel må ses gjennom og bekreftes før svarene sendes "
        "inn; er opplysningene feil, skal de rettes i skjemaet."
    ),
    Severity.INFO: VERDICT_DETAIL[Severity.INFO],
    Severity.OK: VERDICT_DETAIL[Severity.OK],
}

STATS_INCLUDE_ERRORS = (
    "Filen har feil. Tallene omfatter også postene med feil og kan endre seg når feilene er rettet."
)
NO_STATS_UNREADABLE = "Ingen statistikk: postene i filen kunne ikke leses."
NO_STATS_EMPTY = "Ingen statistikk: filen har ingen poster."

# Labels of the facts at the top of the list, in the order they are shown.
FORM = "Skjema"
YEAR = "Rapporteringsår"
MUNICIPALITY = "Kommune"
DISTRICT = "Bydel"
FILE = "Fil"
ANSWERS = "Svar"
CHECKED_AT = "Kontrollert"
RECORDS = "Poster lest"
ENCODING = "Tegnsett"
CONTROLS = "Kontroller utført"

# Headings and column names.
RESULT = "Resultat"
SUMMARY = "Sammendrag"
BY_SEVERITY = "Funn etter alvorlighet"
BY_RULE = "Funn per kontroll"
FINDINGS = "Feil og advarsler"
NO_FINDINGS = "Ingen funn."
STATISTICS = "Statistikk"
CONTENTS = "Innhold"
TOTAL = "I alt"
SEVERITY = "Alvorlighet"
COUNT = "Antall"
RULE = "Kontroll"
TITLE = "Tittel"
LINES = "Linje"
QUESTIONS = "Spørsmål"
MESSAGE = "Melding"
JOURNAL = "Journalnummer"
CASEWORKER = "Saksbehandler"
FIELDS = "Felt"
POSITION = "posisjon"
FIX = "Slik retter du det"
CORRECT_IN_SYSTEM = (
    "Opplysningene rettes på saken i fagsystemet. Lag deretter et nytt uttrekk og last det opp."
)
SORT_BY = "Sorter etter"
GROUP_BY = "Grupper etter"
NO_GROUPING = "Ingen gruppering"

_ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 med byte order mark (BOM)",
    "windows-1252": "Windows-1252 (ANSI)",
    "iso-8859-1": "ISO-8859-1 (Latin-1)",
}


def persons(form: str) -> str:
    """Who an extract form's records are about: `mottakere` (11F), `deltakere` (11CF)."""
    return program(form).persons.many


def persons_described(form: str) -> str:
    """The same, said in full: `mottakere av økonomisk sosialhjelp`."""
    return program(form).persons.described


def encoding_name(encoding: str | None) -> str:
    """The detected encoding as a reporter knows it; "ukjent" when the file was not read."""
    if encoding is None:
        return "ukjent"
    return _ENCODINGS.get(encoding.lower(), encoding)


def line_numbers(lines: Iterable[int]) -> str:
    """Line numbers, runs of three or more as a range: `1, 4, 7–9`; empty when there are none."""
    ordered = sorted(set(lines))
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{ordered[start]}–{ordered[end]}")
        else:
            parts.extend(str(n) for n in ordered[start : end + 1])
        start = end + 1
    return ", ".join(parts)


def lines_phrase(lines: Iterable[int]) -> str:
    """`linje 3` or `linjer 1, 4, 7–9`; empty when there are no line numbers."""
    ordered = sorted(set(lines))
    if not ordered:
        return ""
    word = "linje" if len(ordered) == 1 else "linjer"
    return f"{word} {line_numbers(ordered)}"


def finding_count(count: int) -> str:
    """`1 funn`, `12 funn` (the noun does not change)."""
    return f"{text.number(count)} funn"
