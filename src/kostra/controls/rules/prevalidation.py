"""Pre-validation, common to every extract: is there a file to check, and are its records whole?

A finding here is FATAL (or, for a delivered "nothing to report" declaration, OK) and ends the run:
the other controls cannot read records that are missing or cut wrongly.
"""

from __future__ import annotations

import polars as pl

from kostra.catalog import available, load
from kostra.controls.rule import Context, Rule, Stage
from kostra.controls.severity import Severity
from kostra.records import RECORD

# Columns of the one-row frame the FILE stage runs on (built by the program).
CONTENT_LENGTH = "content_length"
RECORDS = "records"
HAS_ATTACHMENT = "has_attachment"
BINARY = "binary"


def _who(ctx: Context) -> str:
    """The persons the form's records are about, as its program names them: `mottakere`."""
    # Imported here: the programs list the rules of this module.
    from kostra.controls.programs import program

    return program(ctx.form.form).persons.many


_K000_TITLE = "Skal levere filuttrekk"
NOTHING_TO_REPORT = (
    "Har enheten ingen å rapportere for året, velg «Ingen å rapportere» på skjemasiden i stedet "
    "for å laste opp en fil."
)

K000_ONLY_ONE_CHARACTER = Rule(
    id="K000",
    fix=f"Lag uttrekket på nytt i fagsystemet og last opp hele filen. {NOTHING_TO_REPORT}",
    severity=Severity.FATAL,
    title=_K000_TITLE,
    variant="fil med ett tegn",
    stage=Stage.FILE,
    record_level=False,
    passes=lambda ctx: ~(pl.col(HAS_ATTACHMENT) & (pl.col(CONTENT_LENGTH) == 1)),
    values={"who": _who},
    message=(
        "Det er oppgitt at det finnes {who} å rapportere, men filen inneholder bare ett tegn. "
        "Last opp filuttrekket fra fagsystemet, eller oppgi at det ikke finnes {who} i {year}."
    ),
)

# SSB's program gives an empty file the outcome "error" without saying why; kostra says why.
K000_EMPTY = Rule(
    id="K000",
    fix=f"Lag uttrekket på nytt i fagsystemet og last opp hele filen. {NOTHING_TO_REPORT}",
    severity=Severity.FATAL,
    title=_K000_TITLE,
    variant="tom fil",
    stage=Stage.FILE,
    record_level=False,
    passes=lambda ctx: (
        ~(pl.col(HAS_ATTACHMENT) & (pl.col(CONTENT_LENGTH) != 1) & (pl.col(RECORDS) == 0))
    ),
    values={"who": _who},
    message=(
        "Filen er tom: den har ingen poster. Last opp filuttrekket fra fagsystemet, "
        "eller oppgi at det ikke finnes {who} i {year}."
    ),
)

K000_CONTENT_BUT_NOTHING_TO_REPORT = Rule(
    id="K000",
    fix=(
        "Skal enheten rapportere, last opp uttrekket fra fagsystemet som vanlig. "
        + NOTHING_TO_REPORT
    ),
    severity=Severity.FATAL,
    title=_K000_TITLE,
    variant="ingen å rapportere, men fil med innhold",
    stage=Stage.FILE,
    record_level=False,
    passes=lambda ctx: pl.col(HAS_ATTACHMENT) | (pl.col(CONTENT_LENGTH) == 1),
    values={"who": _who},
    message=(
        "Det er oppgitt at det ikke finnes {who} i {year}, men filen har innhold. Lever enten "
        "filuttrekket og fjern avkrysningen for «ingen {who}», eller lever en fil som bare "
        "inneholder ett mellomrom (en slik tom fil kan lastes ned fra SSBs nettsider)."
    ),
)

K000_NOTHING_TO_REPORT = Rule(
    id="K000",
    severity=Severity.OK,
    title=_K000_TITLE,
    variant="ingen å rapportere",
    stage=Stage.FILE,
    record_level=False,
    passes=lambda ctx: pl.col(HAS_ATTACHMENT) | (pl.col(CONTENT_LENGTH) != 1),
    values={"who": _who},
    message=(
        "Det er oppgitt at det ikke finnes {who} i {year}, og en fil med bare ett mellomrom er "
        "levert. Det er alt som trengs."
    ),
)

K001_NOT_TEXT = Rule(
    id="K001",
    fix=(
        "Last opp selve uttrekksfilen slik fagsystemet lager den (en tekstfil), ikke en zip-fil, "
        "et regneark eller en PDF. Åpnet i Notisblokk viser den én linje per person."
    ),
    severity=Severity.FATAL,
    title="Recordlengde",
    variant="ikke en tekstfil",
    stage=Stage.FILE,
    record_level=False,
    passes=lambda ctx: ~pl.col(BINARY),
    values={"form": lambda ctx: ctx.form.form},
    message=(
        "Filen er ikke en tekstfil: den ser ut som et arkiv (zip), et regneark, en PDF eller "
        "andre binære data. Last opp filuttrekket for skjema {form} slik fagsystemet lager det: "
        "en ren tekstfil med én post per linje."
    ),
)


def _length_hint(ctx: Context) -> pl.Expr:
    """Name the form's other years whose record length a line has: the likeliest mistake."""
    hints: dict[int, list[str]] = {}
    for year in available().get(ctx.form.form, ()):
        length = load(ctx.form.form, year).record_length
        if year != ctx.year and length is not None and length != ctx.form.record_length:
            hints.setdefault(length, []).append(str(year))
    line_length = pl.col(RECORD).str.len_chars()
    hint = pl.lit("")
    for size, years in hints.items():
        listed = " og ".join([", ".join(years[:-1]), years[-1]] if len(years) > 1 else years)
        text = f" Lengden {size} passer med filbeskrivelsen for {listed}: er årgangen riktig?"
        hint = pl.when(line_length == size).then(pl.lit(text)).otherwise(hint)
    return hint


K001 = Rule(
    id="K001",
    fix=(
        "Lag uttrekket på nytt for riktig årgang, og last det opp uten å åpne og lagre det i "
        "Excel eller Word først: de endrer lengden på linjene. Kommer feilen igjen, kontakt "
        "leverandøren av fagsystemet."
    ),
    severity=Severity.FATAL,
    title="Recordlengde",
    variant="feil lengde",
    stage=Stage.LINES,
    record_level=False,
    passes=lambda ctx: (
        (pl.col(RECORD).str.len_chars() == ctx.form.record_length)
        & ~pl.col(RECORD).str.contains("\t", literal=True)
    ),
    values={
        "length": lambda ctx: pl.col(RECORD).str.len_chars(),
        "record_length": lambda ctx: ctx.form.record_length or 0,
        "form": lambda ctx: ctx.form.form,
        "tab": lambda ctx: (
            pl.when(pl.col(RECORD).str.contains("\t", literal=True))
            .then(pl.lit(" Linjen inneholder tabulatortegn; bruk mellomrom i tomme felt."))
            .otherwise(pl.lit(""))
        ),
        "hint": _length_hint,
    },
    message=(
        "Linjen har {length} tegn, men hver post i skjema {form} for {year} skal ha nøyaktig "
        "{record_length} tegn.{tab}{hint} Blanke felt fylles med mellomrom, og hver post avsluttes "
        "med linjeskift. Rett filen: denne feilen hindrer de andre kontrollene i å kjøre."
    ),
)

RULES = (
    K000_ONLY_ONE_CHARACTER,
    K000_EMPTY,
    K000_CONTENT_BUT_NOTHING_TO_REPORT,
    K000_NOTHING_TO_REPORT,
    K001_NOT_TEXT,
    K001,
)
