"""Controls of form 11CF, kvalifiseringsstønad (qualification programme), in SSB's run order.

11CF has no file-description check (K002). Several controls leave Oslo's records alone (their
KOMMUNE_NR is 0301): Oslo's districts move participants between themselves, so the same person
and journal may appear twice, and Oslo's own system dates differently.
"""

from __future__ import annotations

import polars as pl

from kostra.controls.readings import (
    FNR,
    age,
    age_text,
    any_ticked,
    has_months,
    is_oslo,
    version_year,
)
from kostra.controls.rule import Context, Rule
from kostra.controls.rules import common, prevalidation
from kostra.controls.rules.common import ACCEPT, code_rule
from kostra.controls.rules.duplicates import duplicate_journals, duplicate_persons
from kostra.controls.severity import Severity
from kostra.linkage.identity import fnr_or_dnr_valid_expr
from kostra.records.values import blank, date_year, int0, is_strict_date

K005A = duplicate_persons(
    "Fødselsnummer, dubletter",
    participates=lambda ctx: ~is_oslo() & fnr_or_dnr_valid_expr(FNR, ctx.year),
    key=lambda ctx: pl.col(FNR) + pl.col("STATUS"),
)
K005B = duplicate_journals("Journalnummer, dubletter", participates=lambda ctx: ~is_oslo())

K006 = Rule(
    id="K006",
    fix=(
        "Sjekk fødselsnummeret mot folkeregisteret. Kvalifiseringsprogrammet er for personer "
        "over 18 år: er deltakeren under 18, skal hen ikke være med i filen."
    ),
    severity=Severity.ERROR,
    title="Alder under 18 år",
    fields=(FNR,),
    passes=lambda ctx: ~(age(ctx) < 18).fill_null(False),
    values={"age": age_text},
    message="Deltakeren er {age}, altså under 18 år. Kontroller fødselsnummeret.",
)

K007 = Rule(
    id="K007",
    fix=f"Sjekk fødselsnummeret mot folkeregisteret. {ACCEPT}",
    severity=Severity.WARNING,
    title="Alder over 68 år",
    fields=(FNR,),
    passes=lambda ctx: age(ctx).fill_null(0) <= 68,
    values={"age": age_text},
    message="Deltakeren er {age}, altså over 68 år. Kontroller fødselsnummeret.",
)

_DATE_TEXT = {
    "REG_DATO": "datoen søknaden ble registrert ved NAV-kontoret",
    "VEDTAK_DATO": "datoen for vedtak om program (søknad innvilget)",
    "BEGYNT_DATO": "datoen deltakeren begynte i program",
}


def _date_year(ctx: Context, name: str) -> pl.Expr:
    return date_year(name, ctx.form.field(name).pattern or "")


def _programme_date(rule_id: str, name: str, against_version: bool) -> Rule:
    """A programme date must exist and lie at most four years before the reporting year.

    REG_DATO and VEDTAK_DATO are measured against the record's own VERSION (as SSB does);
    BEGYNT_DATO against the reporting year, and may not lie after it.
    """

    def passes(ctx: Context) -> pl.Expr:
        year = _date_year(ctx, name)
        if against_version:
            bad = year.is_null() | (version_year() - year > 4)
        else:
            bad = year.is_null() | (ctx.year - year > 4) | (year > ctx.year)
        return is_oslo() | ~bad

    what = _DATE_TEXT[name]
    later = "" if against_version else ", ligger etter rapporteringsåret"
    return Rule(
        id=rule_id,
        severity=Severity.ERROR,
        title=f"{what[0].upper()}{what[1:]}",
        fields=("KOMMUNE_NR", name),
        passes=passes,
        values={"format": lambda ctx: ctx.form.field(name).date_format},
        message=(
            f"{what[0].upper()}{what[1:]} mangler, er ugyldig{later} eller er mer enn fire år "
            f"eldre enn rapporteringsåret {{year}}: {{{name}}}. Oppgi datoen på formen {{format}}. "
            "Feltet er obligatorisk."
        ),
        fix=(
            f"Registrer {what} på saken. Er datoen eldre enn fire år før rapporteringsåret, "
            "sjekk om den er riktig."
        ),
    )


K014 = _programme_date("K014", "REG_DATO", against_version=True)
K015 = _programme_date("K015", "VEDTAK_DATO", against_version=True)
K016 = _programme_date("K016", "BEGYNT_DATO", against_version=False)

K019 = code_rule(
    "K019",
    "KVP_KOMM",
    "Kvalifiseringsprogram i annen kommune",
    "Svaret på om deltakeren kommer fra kvalifiseringsprogram i en annen kommune",
    mandatory=False,
)

K020 = Rule(
    id="K020",
    fix=(
        "Registrer kommunenummeret til kommunen deltakeren kom fra, eller 9999 hvis den er ukjent."
    ),
    severity=Severity.ERROR,
    title="Kvalifiseringsprogram i annen kommune, kommunenummer",
    fields=("KVP_KOMM", "KOMMNR_KVP_KOMM"),
    passes=lambda ctx: (
        ~(
            (pl.col("KVP_KOMM") == "1")
            & ~pl.col("KOMMNR_KVP_KOMM").is_in(list(ctx.codes("KOMMNR_KVP_KOMM")))
        )
    ),
    message=(
        "Det er svart at deltakeren kommer fra kvalifiseringsprogram i en annen kommune, men "
        "kommunenummeret mangler eller er ugyldig: {KOMMNR_KVP_KOMM}. Oppgi et kommunenummer "
        "som gjelder i {year}, eller 9999 hvis kommunen er ukjent."
    ),
)

K021 = Rule(
    id="K021",
    fix=("Registrer hvilken type sosialhjelp deltakeren hadde de to siste månedene før søknaden."),
    severity=Severity.ERROR,
    title="Ytelser de to siste månedene før søknad",
    fields=("YTELSE_SOSHJELP", "YTELSE_TYPE_SOSHJ"),
    passes=lambda ctx: (
        ~(
            (pl.col("YTELSE_SOSHJELP") == "1")
            & ~pl.col("YTELSE_TYPE_SOSHJ").is_in(list(ctx.codes("YTELSE_TYPE_SOSHJ")))
        )
    ),
    message=(
        "Det er krysset av for at deltakeren hadde sosialhjelp de to siste månedene før søknaden "
        "ble registrert, men ikke hvilken type: {YTELSE_TYPE_SOSHJ}. Gyldige koder: "
        "{codes[YTELSE_TYPE_SOSHJ]}."
    ),
)

K026 = code_rule(
    "K026",
    "KVP_MED_ASTONAD",
    "Mottatt økonomisk sosialhjelp eller bostøtte i perioden",
    "Svaret på om deltakeren i {year} også fikk økonomisk sosialhjelp eller bostøtte i perioden "
    "med kvalifiseringsstønad",
    mandatory=False,
)

OTHER_SUPPORT_FIELDS = (
    "KVP_MED_KOMMBOS",
    "KVP_MED_HUSBANKBOS",
    "KVP_MED_SOSHJ_ENGANG",
    "KVP_MED_SOSHJ_PGM",
    "KVP_MED_SOSHJ_SUP",
)


def _ticked_list(ctx: Context) -> pl.Expr:
    return pl.concat_str(
        [pl.lit(f"{n}=«") + pl.col(n) + pl.lit("»") for n in OTHER_SUPPORT_FIELDS],
        separator=", ",
    )


K027 = Rule(
    id="K027",
    fix=(
        "Rett svaret om sosialhjelp eller bostøtte i perioden, og kryss av for type støtte bare "
        "når svaret er ja."
    ),
    severity=Severity.ERROR,
    title="Mottatt økonomisk sosialhjelp eller bostøtte, type",
    fields=("KVP_MED_ASTONAD",),
    passes=lambda ctx: (
        ~(
            ((pl.col("KVP_MED_ASTONAD") == "1") & ~any_ticked(ctx, OTHER_SUPPORT_FIELDS))
            | ((pl.col("KVP_MED_ASTONAD") == "2") & any_ticked(ctx, OTHER_SUPPORT_FIELDS))
        )
    ),
    values={
        "problem": lambda ctx: (
            pl.when(pl.col("KVP_MED_ASTONAD") == "1")
            .then(pl.lit("det er svart ja, men ikke krysset av for hvilken type støtte"))
            .otherwise(pl.lit("det er svart nei, men likevel krysset av for type støtte"))
        ),
        "answers": _ticked_list,
    },
    message=(
        "Om deltakeren også fikk økonomisk sosialhjelp eller bostøtte i perioden: {problem}. "
        "Rett svaret eller avkrysningene ({answers})."
    ),
)


def _not_on_leave() -> pl.Expr:
    return pl.col("STATUS") != "2"


def _in_programme() -> pl.Expr:
    return pl.col("STATUS") == "1"


K028 = Rule(
    id="K028",
    fix=f"Kryss av for hver måned deltakeren fikk kvalifiseringsstønad. {ACCEPT}",
    severity=Severity.WARNING,
    title="Måneder med kvalifiseringsstønad",
    fields=("STATUS", "KVP_STONAD"),
    passes=lambda ctx: ~(_not_on_leave() & ~has_months(ctx)),
    message=(
        "Det er ikke krysset av for hvilke måneder deltakeren fikk kvalifiseringsstønad "
        "(stønad {KVP_STONAD}). Kryss av for hver måned med utbetaling."
    ),
)

K029 = Rule(
    id="K029",
    fix=f"Registrer årets utbetalte kvalifiseringsstønad i hele kroner, eller rett status. {ACCEPT}",
    severity=Severity.WARNING,
    title="Kvalifiseringsstønad mangler",
    fields=("STATUS", "KVP_STONAD"),
    passes=lambda ctx: ~(_in_programme() & (int0("KVP_STONAD") <= 0)),
    message=(
        "Deltakeren er fortsatt i program, men utbetalt kvalifiseringsstønad mangler eller "
        "inneholder annet enn sifre: {KVP_STONAD}. Oppgi årets utbetaling i hele kroner."
    ),
)

K030 = Rule(
    id="K030",
    fix=(
        "Registrer årets utbetalte kvalifiseringsstønad i hele kroner, eller fjern "
        f"avkrysningene for måneder uten utbetaling. {ACCEPT}"
    ),
    severity=Severity.WARNING,
    title="Måneder med stønad, men stønadsbeløp mangler",
    fields=("STATUS", "KVP_STONAD"),
    passes=lambda ctx: ~(_not_on_leave() & has_months(ctx) & blank("KVP_STONAD")),
    message=(
        "Det er krysset av for måneder med kvalifiseringsstønad, men beløpet mangler: "
        "{KVP_STONAD}. Oppgi årets utbetaling i hele kroner."
    ),
)

K031 = Rule(
    id="K031",
    fix=f"Kryss av for månedene med utbetaling. {ACCEPT}",
    severity=Severity.WARNING,
    title="Stønadsbeløp, men måneder mangler",
    fields=("STATUS", "KVP_STONAD"),
    passes=lambda ctx: ~(_in_programme() & (int0("KVP_STONAD") > 0) & ~has_months(ctx)),
    message=(
        "Det er utbetalt {KVP_STONAD} kr i kvalifiseringsstønad, men ikke krysset av for hvilke "
        "måneder. Kryss av for hver måned med utbetaling."
    ),
)

K032 = Rule(
    id="K032",
    fix=f"Sjekk beløpet, for eksempel om øre er lagt inn som kroner. {ACCEPT}",
    severity=Severity.WARNING,
    title="Kvalifiseringsstønad over kontrollgrensen",
    fields=("KVP_STONAD",),
    passes=lambda ctx: int0("KVP_STONAD") <= 600_000,
    message=(
        "Utbetalt kvalifiseringsstønad er {KVP_STONAD} kr, som er over SSBs kontrollgrense på "
        "600 000 kr. Kontroller beløpet."
    ),
)

K036 = code_rule(
    "K036",
    "STATUS",
    "Status for deltakelsen",
    "Status for deltakelsen i kvalifiseringsprogrammet per 31.12.{year}",
)

_ENDED = ("3", "4", "5", "7")

K037 = Rule(
    id="K037",
    fix=(
        "Registrer datoen deltakeren avsluttet programmet i rapporteringsåret, eller rett "
        "status hvis deltakeren fortsatt er i program."
    ),
    severity=Severity.ERROR,
    title="Dato for avsluttet program",
    fields=("STATUS", "AVSL_DATO"),
    passes=lambda ctx: (
        ~(
            pl.col("STATUS").is_in(list(_ENDED))
            & ~(
                is_strict_date("AVSL_DATO", ctx.form.field("AVSL_DATO").pattern or "")
                & (_date_year(ctx, "AVSL_DATO") == ctx.year)
            )
        )
    ),
    values={
        "statuses": lambda ctx: ctx.form.field("STATUS").render_codes(_ENDED),
        "format": lambda ctx: ctx.form.field("AVSL_DATO").date_format,
    },
    message=(
        "Status er {STATUS}, så datoen deltakeren avsluttet programmet må oppgis, og den må ligge "
        "i {year} (til og med 31.12.{year}): {AVSL_DATO}. Oppgi en gyldig dato på formen "
        "{format}. Gjelder status {statuses}."
    ),
)

SITUATION_FIELDS = (
    "AVSL_ORDINAERTARB",
    "AVSL_ARBLONNSTILS",
    "AVSL_ARBMARK",
    "AVSL_SKOLE",
    "AVSL_UFORE",
    "AVSL_AAP",
    "AVSL_OK_AVKLAR",
    "AVSL_UTEN_OK_AVKLAR",
    "AVSL_ANNET",
    "AVSL_UKJENT",
)

K038 = Rule(
    id="K038",
    fix="Kryss av for deltakerens situasjon rett etter avsluttet program.",
    severity=Severity.ERROR,
    title="Situasjon etter fullført program",
    fields=("STATUS",),
    passes=lambda ctx: ~(pl.col("STATUS").is_in(["3", "7"]) & ~any_ticked(ctx, SITUATION_FIELDS)),
    message=(
        "Status er {STATUS}, men det er ikke krysset av for deltakerens situasjon umiddelbart "
        "etter avsluttet program. Kryss av for minst én situasjon."
    ),
)

K039 = Rule(
    id="K039",
    fix="Registrer deltakerens viktigste inntektskilde rett etter fullført program.",
    severity=Severity.ERROR,
    title="Viktigste inntektskilde etter fullført program",
    fields=("STATUS", "AVSL_VIKTIGSTE_INNTEKT"),
    passes=lambda ctx: (
        ~(
            (pl.col("STATUS") == "3")
            & ~pl.col("AVSL_VIKTIGSTE_INNTEKT").is_in(list(ctx.codes("AVSL_VIKTIGSTE_INNTEKT")))
        )
    ),
    message=(
        "Programmet er fullført (status 3), men deltakerens viktigste inntektskilde umiddelbart "
        "etter avslutningen mangler eller har ugyldig kode: {AVSL_VIKTIGSTE_INNTEKT}. "
        "Gyldige koder: {codes[AVSL_VIKTIGSTE_INNTEKT]}."
    ),
)

RULES = (
    *prevalidation.RULES,
    common.K003A,
    common.K003B,
    common.K004,
    common.K004A,
    common.K005,
    K005A,
    K005B,
    K006,
    K007,
    common.K008,
    common.K009,
    common.K010,
    common.K011,
    common.K012,
    common.K013,
    K014,
    K015,
    K016,
    K019,
    K020,
    K021,
    K026,
    K027,
    K028,
    K029,
    K030,
    K031,
    K032,
    K036,
    K037,
    K038,
    K039,
)
