"""Controls that 11F and 11CF share: region, year, identity, sex, marital status, children."""

from __future__ import annotations

import polars as pl

from kostra.controls.readings import FNR, identified, is_oslo, run_municipality, version_year
from kostra.controls.rule import Context, Rule
from kostra.controls.severity import Severity
from kostra.linkage.identity import duf_valid_expr
from kostra.records.values import blank, int0, is_lenient_date
from kostra.registry import oslo_districts

# Said after a warning's advice ("Slik retter du det"): a warning may be right as it stands.
ACCEPT = "Er opplysningene riktige, bekreft advarselen når du sender inn."
FIX_CODE = "Velg et av de gyldige svarene på saken i fagsystemet."


def code_rule(
    rule_id: str, name: str, title: str, what: str, hint: str = "", mandatory: bool = True
) -> Rule:
    """A coded field must hold one of the year's codes (blank fires too)."""
    required = " Feltet er obligatorisk." if mandatory else ""
    return Rule(
        id=rule_id,
        severity=Severity.ERROR,
        title=title,
        fields=(name,),
        passes=lambda ctx: pl.col(name).is_in(list(ctx.codes(name))),
        message=what + " mangler eller har ugyldig kode: {" + name + "}. "
        "Gyldige koder: {codes[" + name + "]}." + required + hint,
        fix=FIX_CODE,
    )


K003A = Rule(
    id="K003A",
    fix=(
        "Sjekk at filen lastes opp for riktig kommune. Gjelder det alle postene, er uttrekket "
        "laget for feil kommune: lag det på nytt. Gjelder det én post, rett kommunenummeret på saken."
    ),
    severity=Severity.ERROR,
    title="Kommunenummer",
    fields=("KOMMUNE_NR",),
    passes=lambda ctx: pl.col("KOMMUNE_NR") == run_municipality(),
    message=(
        "Kommunenummeret i posten er {KOMMUNE_NR}, men filen leveres for kommune {municipality}. "
        "Rett kommunenummeret til {municipality}."
    ),
)

K003B = Rule(
    id="K003B",
    fix=(
        "Oslo: registrer riktig bydel på saken. Andre kommuner: bydelsnummeret skal være blankt; "
        "fyller uttrekket det ut, kontakt leverandøren av fagsystemet."
    ),
    severity=Severity.ERROR,
    title="Bydelsnummer",
    fields=("KOMMUNE_NR", "BYDELSNR"),
    passes=lambda ctx: (
        pl.when(is_oslo())
        .then(pl.col("BYDELSNR").is_in(list(oslo_districts())))
        .otherwise(blank("BYDELSNR"))
    ),
    values={
        "expected": lambda ctx: (
            pl.when(is_oslo())
            .then(pl.lit("et av bydelsnumrene 01–15"))
            .otherwise(pl.lit("blankt (bare Oslo rapporterer per bydel)"))
        )
    },
    message="Bydelsnummeret er {BYDELSNR}, men skal for kommune {KOMMUNE_NR} være {expected}.",
)

K004 = Rule(
    id="K004",
    fix=(
        "Lag uttrekket på nytt for riktig rapporteringsår. Årgangen settes av uttrekket, "
        "ikke av saksbehandleren."
    ),
    severity=Severity.ERROR,
    title="Oppgaveår",
    fields=("VERSION",),
    passes=lambda ctx: version_year() == ctx.year,
    values={"expected": lambda ctx: f"{ctx.year % 100:02d}"},
    message=(
        "Årgangen i posten er {VERSION}, men skal være «{expected}» for rapporteringsåret {year}."
    ),
)

K004A = Rule(
    id="K004A",
    fix="Registrer riktig fødselsdato på personen.",
    severity=Severity.ERROR,
    title="Fødselsdato",
    fields=("FODSELSDATO",),
    passes=lambda ctx: is_lenient_date("FODSELSDATO", ctx.form.field("FODSELSDATO").pattern or ""),
    message="Fødselsdatoen mangler eller er ugyldig: {FODSELSDATO}. Oppgi den på formen DDMMÅÅÅÅ.",
)


def _identified(ctx: Context) -> pl.Expr:
    """A valid fødselsnummer or d-nummer; in 11F also no number but a valid DUF number.

    SSB's K005 fires on every blank fødselsnummer, also for the foreign nationals its own message
    says may go without, and blocks the file (catalogue 11.2). Here a record with a valid DUF
    number and no fødselsnummer passes K005; K038 still warns when neither is usable.
    """
    valid = identified(ctx)
    if ctx.form.has("PERSON_DUF"):
        valid = valid | (blank(FNR) & duf_valid_expr("PERSON_DUF"))
    return valid


K005 = Rule(
    id="K005",
    fix=(
        "Registrer personens fødselsnummer eller d-nummer (sjekk det mot folkeregisteret). "
        "Bare utenlandske statsborgere uten slike nummer kan stå uten."
    ),
    severity=Severity.ERROR,
    title="Fødselsnummer",
    fields=(FNR,),
    passes=lambda ctx: _identified(ctx),
    message=(
        "Fødselsnummeret mangler eller er ugyldig. Oppgi personens 11-sifrede fødselsnummer eller "
        "d-nummer; bare utenlandske statsborgere som verken har fødselsnummer eller d-nummer kan "
        "stå uten."
    ),
)

K008 = code_rule("K008", "KJONN", "Kjønn", "Kjønn")
K009 = code_rule("K009", "EKTSTAT", "Sivilstand", "Sivilstand ved siste kontakt")
K010 = code_rule(
    "K010",
    "BU18",
    "Forsørgerplikt for barn under 18 år",
    "Svaret på om personen har forsørgerplikt for barn under 18 år som bor i husholdningen",
)

K011 = Rule(
    id="K011",
    fix=(
        "Registrer hvor mange barn under 18 år som bor i husholdningen, eller svar nei hvis det "
        "ikke bor barn der."
    ),
    severity=Severity.ERROR,
    title="Barn under 18 år, antall mangler",
    fields=("BU18", "ANTBU18"),
    passes=lambda ctx: ~((pl.col("BU18") == "1") & (int0("ANTBU18") <= 0)),
    message=(
        "Det er svart ja på at personen har barn under 18 år i husholdningen, men antall barn "
        "mangler: {ANTBU18}. Oppgi antallet; det er obligatorisk når svaret er ja."
    ),
)

K012 = Rule(
    id="K012",
    fix=("Bor det barn under 18 år i husholdningen, svar ja; bor det ingen, fjern antallet."),
    severity=Severity.ERROR,
    title="Antall barn under 18 år uten at det er svart ja",
    fields=("BU18", "ANTBU18"),
    passes=lambda ctx: ~((int0("ANTBU18") > 0) & (pl.col("BU18") != "1")),
    message=(
        "Det er oppgitt {ANTBU18} barn under 18 år, men ikke svart ja (1) på om personen har barn "
        "under 18 år i husholdningen (svaret er {BU18}). Rett svaret eller antallet."
    ),
)

K013 = Rule(
    id="K013",
    fix="Sjekk antall barn under 18 år på saken; det er trolig en tastefeil.",
    severity=Severity.ERROR,
    title="Mange barn under 18 år",
    fields=("ANTBU18",),
    passes=lambda ctx: int0("ANTBU18") < 14,
    message=(
        "Det er oppgitt {ANTBU18} barn under 18 år i husholdningen, altså 14 eller flere. "
        "Kontroller antallet og rett det i fagsystemet."
    ),
)
