"""Controls of form 11F, økonomisk sosialhjelp (social assistance), in the order SSB runs them."""

from __future__ import annotations

import polars as pl

from kostra.controls.readings import (
    FNR,
    age,
    age_text,
    any_ticked,
    code_label,
    has_months,
    summed,
)
from kostra.controls.rule import Context, Rule
from kostra.controls.rules import common, prevalidation
from kostra.controls.rules.common import ACCEPT, code_rule
from kostra.controls.rules.duplicates import duplicate_journals, duplicate_persons
from kostra.controls.rules.layout import K002
from kostra.controls.severity import Severity
from kostra.linkage.identity import duf_valid_expr, mod11_valid_expr
from kostra.records.values import blank, date_year, int0, is_lenient_date

K005A = duplicate_persons(
    "Fødselsnummer, dubletter",
    participates=lambda ctx: mod11_valid_expr(FNR),
    key=lambda ctx: pl.col(FNR),
)
K005B = duplicate_journals("Journalnummer, dubletter", participates=lambda ctx: pl.lit(True))


def _by_duf(ctx: Context) -> pl.Expr:
    """True where the record names its person by a valid DUF number instead of a fødselsnummer."""
    if not ctx.form.has("PERSON_DUF"):
        return pl.lit(False)
    return blank(FNR) & duf_valid_expr("PERSON_DUF")


def _birth_date_age(ctx: Context) -> pl.Expr:
    """`Alderen tas da fra fødselsdatoen: 34 år.`, or why the birth date gives none."""
    if not ctx.form.has("FODSELSDATO"):
        return pl.lit(f"Skjemaet har ikke fødselsdato i {ctx.year}, så alderen kan ikke beregnes.")
    born = date_year("FODSELSDATO", ctx.form.field("FODSELSDATO").pattern or "")
    return (
        pl.when(born.is_null())
        .then(pl.lit("Alderen tas da fra fødselsdatoen, men den mangler eller er ugyldig."))
        .otherwise(
            pl.lit("Alderen tas da fra fødselsdatoen: ")
            + (ctx.year - born).cast(pl.String)
            + pl.lit(" år.")
        )
    )


def _k006_text(ctx: Context) -> pl.Expr:
    """K006's message for the record: a DUF-identified person's age is not wrong, only unknown
    to the fødselsnummer; anyone else's fødselsnummer is worth checking."""
    by_fnr = (
        pl.lit("Mottakerens alder er ")
        + age_text(ctx)
        + pl.lit(
            ". Mottakeren er under 18 år, eller alderen kan ikke beregnes; kontroller "
            "fødselsnummeret."
        )
    )
    by_duf = (
        pl.lit(
            "Mottakeren er identifisert med DUF-nummer og har ikke fødselsnummer, så alderen kan "
            "ikke beregnes fra fødselsnummeret. "
        )
        + _birth_date_age(ctx)
        + pl.lit(" Er DUF-nummeret riktig, trenger du ikke rette noe.")
    )
    return pl.when(_by_duf(ctx)).then(by_duf).otherwise(by_fnr)


K006 = Rule(
    id="K006",
    fix=(
        "Sjekk fødselsnummeret mot folkeregisteret. Er mottakeren under 18 år, eller "
        "identifisert med et riktig DUF-nummer, er alt i orden: bekreft advarselen når du "
        "sender inn."
    ),
    severity=Severity.WARNING,
    title="Alder under 18 år",
    fields=(FNR,),
    passes=lambda ctx: age(ctx).fill_null(-1) >= 18,
    values={"text": _k006_text},
    message="{text}",
    description=(
        "Mottakerens alder (fra fødselsnummeret) er under 18 år, eller den kan ikke beregnes. "
        "Er personen identifisert med DUF-nummer, sier meldingen det, og alderen etter "
        "fødselsdatoen."
    ),
)

K007 = Rule(
    id="K007",
    fix=f"Sjekk fødselsnummeret mot folkeregisteret. {ACCEPT}",
    severity=Severity.WARNING,
    title="Alder 96 år eller over",
    fields=(FNR,),
    passes=lambda ctx: age(ctx).fill_null(0) < 96,
    values={"age": age_text},
    message="Mottakerens alder er {age}, altså 96 år eller mer. Kontroller fødselsnummeret.",
)


K014 = code_rule(
    "K014",
    "VKLO",
    "Viktigste kilde til livsopphold, gyldige koder",
    "Viktigste kilde til livsopphold ved siste kontakt",
)


# The work situations (ARBSIT) a main income source (VKLO) allows; other sources allow any.
WORK_FOR_SOURCE: dict[str, tuple[str, ...]] = {
    "1": ("01", "02"),
    "2": ("03", "05", "06"),
    "4": ("03",),
    "5": ("02", "03", "04", "05", "06", "07", "08"),
    "6": ("09",),
    "8": ("10",),
}


def _vklo_vs_arbsit(rule_id: str, vklo: str, severity: Severity) -> Rule:
    allowed = WORK_FOR_SOURCE[vklo]
    return Rule(
        id=rule_id,
        severity=severity,
        title=f"Viktigste kilde til livsopphold {vklo} og arbeidssituasjon",
        fields=("VKLO", "ARBSIT"),
        passes=lambda ctx: ~((pl.col("VKLO") == vklo) & ~pl.col("ARBSIT").is_in(list(allowed))),
        values={
            "source": lambda ctx: f"{vklo}={ctx.form.field('VKLO').label_of(vklo)}",
            "allowed": lambda ctx: ctx.form.field("ARBSIT").render_codes(allowed),
        },
        message=(
            "Viktigste kilde til livsopphold er {source}, men arbeidssituasjonen er {ARBSIT}. "
            "Med denne kilden til livsopphold skal arbeidssituasjonen være en av {allowed}."
        ),
        fix=(
            "Sjekk viktigste kilde til livsopphold og arbeidssituasjonen på saken, og rett den "
            "som er feil." + (f" {ACCEPT}" if severity is Severity.WARNING else "")
        ),
    )


K015 = _vklo_vs_arbsit("K015", "1", Severity.ERROR)
K016 = _vklo_vs_arbsit("K016", "2", Severity.ERROR)
K017 = _vklo_vs_arbsit("K017", "4", Severity.ERROR)
K018 = _vklo_vs_arbsit("K018", "6", Severity.ERROR)
K019 = _vklo_vs_arbsit("K019", "8", Severity.ERROR)


def _some_trygd(ctx: Context) -> tuple[str, ...]:
    """Every TRYGDESIT code of the year except 12, "har ingen trygd/pensjon"."""
    return tuple(code for code in ctx.codes("TRYGDESIT") if code != "12")


K020B = Rule(
    id="K020B",
    fix=(
        "Registrer hvilken trygd eller pensjon mottakeren har, eller rett viktigste kilde til "
        "livsopphold hvis det ikke er trygd."
    ),
    severity=Severity.ERROR,
    title="Viktigste kilde til livsopphold er trygd, men trygdesituasjon mangler",
    fields=("VKLO", "TRYGDESIT"),
    passes=lambda ctx: (
        ~((pl.col("VKLO") == "3") & ~pl.col("TRYGDESIT").is_in(list(_some_trygd(ctx))))
    ),
    values={
        "source": lambda ctx: f"3={ctx.form.field('VKLO').label_of('3')}",
        "allowed": lambda ctx: ctx.form.field("TRYGDESIT").render_codes(_some_trygd(ctx)),
    },
    message=(
        "Viktigste kilde til livsopphold er {source}, men trygdesituasjonen er {TRYGDESIT}. "
        "Oppgi hvilken trygd eller pensjon mottakeren har: en av {allowed}."
    ),
)

K021 = _vklo_vs_arbsit("K021", "5", Severity.WARNING)

K022 = code_rule(
    "K022", "TRYGDESIT", "Trygdesituasjon, gyldige koder", "Trygdesituasjon ved siste kontakt"
)

K023A = Rule(
    id="K023A",
    fix=(
        "Sjekk trygdesituasjonen og fødselsnummeret: alderspensjon gis normalt fra 62 år. Rett "
        "den opplysningen som er feil."
    ),
    severity=Severity.ERROR,
    title="Alderspensjon og alder",
    fields=("TRYGDESIT", FNR),
    passes=lambda ctx: ~((pl.col("TRYGDESIT") == "07") & (age(ctx).fill_null(-1) < 62)),
    values={"age": age_text},
    message=(
        "Mottakeren har alderspensjon (trygdesituasjon 07), men alderen er {age}, altså under "
        "62 år eller ukjent. Kontroller trygdesituasjonen og fødselsnummeret."
    ),
)


def _benefit_needs_children(rule_id: str, code: str, benefit: str) -> Rule:
    return Rule(
        id=rule_id,
        severity=Severity.ERROR,
        title=f"{benefit.capitalize()} uten barn under 18 år",
        fields=("TRYGDESIT", "BU18", "ANTBU18"),
        passes=lambda ctx: (
            ~((pl.col("TRYGDESIT") == code) & ~((pl.col("BU18") == "1") & (int0("ANTBU18") > 0)))
        ),
        message=(
            f"Mottakeren har {benefit} (trygdesituasjon {code}), men det er ikke oppgitt barn "
            "under 18 år i husholdningen (barn under 18: {BU18}, antall: {ANTBU18}). "
            "Rett trygdesituasjonen eller opplysningene om barn."
        ),
        fix=(
            "Registrer barna under 18 år i husholdningen, eller rett trygdesituasjonen hvis "
            f"mottakeren ikke har {benefit}."
        ),
    )


K023B = _benefit_needs_children("K023B", "05", "overgangsstønad")
K023C = _benefit_needs_children("K023C", "13", "barnetrygd")

# The work situations that go with uføretrygd (04) or alderspensjon (07).
PENSION_WORK = ("02", "03", "04", "05", "06", "07")

K024 = Rule(
    id="K024",
    fix=f"Sjekk arbeidssituasjonen på saken. {ACCEPT}",
    severity=Severity.WARNING,
    title="Uføretrygd eller alderspensjon og arbeidssituasjon",
    fields=("TRYGDESIT", "ARBSIT"),
    passes=lambda ctx: (
        ~(pl.col("TRYGDESIT").is_in(["04", "07"]) & ~pl.col("ARBSIT").is_in(list(PENSION_WORK)))
    ),
    values={
        "benefit": lambda ctx: code_label(ctx, "TRYGDESIT"),
        "situation": lambda ctx: code_label(ctx, "ARBSIT"),
        "allowed": lambda ctx: ctx.form.field("ARBSIT").render_codes(PENSION_WORK),
    },
    message=(
        "Mottakeren har {benefit}, men arbeidssituasjonen er {situation}. Forventet "
        "arbeidssituasjon er en av {allowed}."
    ),
)

K024B = Rule(
    id="K024B",
    fix=("Endre arbeidssituasjonen: den som får arbeidsavklaringspenger, er registrert hos NAV."),
    severity=Severity.ERROR,
    title="Arbeidsavklaringspenger og arbeidssituasjon",
    fields=("VKLO", "TRYGDESIT", "ARBSIT"),
    passes=lambda ctx: (
        ~((pl.col("VKLO") == "3") & (pl.col("TRYGDESIT") == "11") & (pl.col("ARBSIT") == "08"))
    ),
    values={
        "benefit": lambda ctx: code_label(ctx, "TRYGDESIT"),
        "situation": lambda ctx: code_label(ctx, "ARBSIT"),
    },
    message=(
        "Mottakeren har {benefit}, men arbeidssituasjonen er {situation}. Den som får "
        "arbeidsavklaringspenger er registrert hos NAV; rett arbeidssituasjonen."
    ),
)

K025 = code_rule("K025", "ARBSIT", "Arbeidssituasjon, gyldige koder", "Arbeidssituasjon")

K026 = Rule(
    id="K026",
    fix="Kryss av for hver måned mottakeren fikk utbetalt stønad.",
    severity=Severity.ERROR,
    title="Stønadsmåneder",
    fields=("BIDRAG", "LAAN"),
    passes=has_months,
    message=(
        "Det er ikke krysset av for hvilke måneder mottakeren fikk økonomisk stønad (bidrag "
        "{BIDRAG}, lån {LAAN}). Kryss av for hver måned med utbetaling; minst én er obligatorisk."
    ),
)

K027 = Rule(
    id="K027",
    fix="Registrer årets utbetalte bidrag og lån i hele kroner.",
    severity=Severity.ERROR,
    title="Stønadssum mangler",
    fields=("BIDRAG", "LAAN"),
    passes=lambda ctx: (int0("BIDRAG") > 0) | (int0("LAAN") > 0),
    message=(
        "Utbetalt stønad mangler eller inneholder annet enn sifre (bidrag {BIDRAG}, lån {LAAN}). "
        "Oppgi årets utbetalte bidrag og/eller lån i hele kroner."
    ),
)

_TOTAL = {"total": lambda ctx: int0("BIDRAG") + int0("LAAN")}

K030 = Rule(
    id="K030",
    fix=f"Sjekk beløpene, for eksempel om øre er lagt inn som kroner. {ACCEPT}",
    severity=Severity.WARNING,
    title="Stønadssum over kontrollgrensen",
    fields=("BIDRAG", "LAAN"),
    passes=lambda ctx: int0("BIDRAG") + int0("LAAN") <= 1_000_000,
    values=_TOTAL,
    message=(
        "Samlet stønad er {total} kr (bidrag {BIDRAG}, lån {LAAN}), som er over SSBs "
        "kontrollgrense på 1 000 000 kr. Kontroller beløpene."
    ),
)

K031 = Rule(
    id="K031",
    fix=f"Sjekk beløpene, for eksempel om utbetalinger mangler. {ACCEPT}",
    severity=Severity.WARNING,
    title="Stønadssum på 200 kr eller lavere",
    fields=("BIDRAG", "LAAN"),
    passes=lambda ctx: int0("BIDRAG") + int0("LAAN") > 200,
    values=_TOTAL,
    message=(
        "Samlet stønad er {total} kr (bidrag {BIDRAG}, lån {LAAN}), som er 200 kr eller lavere. "
        "Kontroller beløpene."
    ),
)

K032 = code_rule(
    "K032",
    "GITT_OKONOMIRAD",
    "Økonomisk rådgivning, gyldige koder",
    "Svaret på om mottakeren har fått økonomisk rådgivning",
)
K033 = code_rule(
    "K033",
    "FAAT_INDIVIDUELL_PLAN",
    "Individuell plan, gyldige koder",
    "Svaret på om mottakeren har fått utarbeidet individuell plan",
)
K035 = code_rule(
    "K035", "BOSIT", "Boligsituasjon, gyldige koder", "Boligsituasjon ved siste kontakt"
)


def _months_match_year(rule_id: str, name: str, what: str) -> Rule:
    return Rule(
        id=rule_id,
        severity=Severity.WARNING,
        title=f"{what.capitalize()} per måned og for året",
        fields=(name,),
        passes=lambda ctx: int0(name) == summed(ctx.form.monthly_fields(name)),
        values={"monthly": lambda ctx: summed(ctx.form.monthly_fields(name))},
        message=(
            f"Summen av {what} per måned er {{monthly}} kr, men {what} for året er {{{name}}}. "
            f"Fyll ut {what} for hver måned slik at summen blir lik årsbeløpet."
        ),
        fix=f"Fyll ut eller rett {what} per måned, slik at summen blir lik årsbeløpet. {ACCEPT}",
    )


K036 = _months_match_year("K036", "BIDRAG", "bidrag")
K037 = _months_match_year("K037", "LAAN", "lån")

K038 = Rule(
    id="K038",
    fix=(
        "Registrer fødselsnummer eller d-nummer. Har personen ingen av dem, registrer det "
        "12-sifrede DUF-nummeret fra UDI."
    ),
    severity=Severity.WARNING,
    title="DUF-nummer",
    fields=(FNR, "PERSON_DUF"),
    passes=lambda ctx: ~(blank(FNR) & ~duf_valid_expr("PERSON_DUF")),
    message=(
        "Fødselsnummer mangler, og DUF-nummeret mangler eller er ugyldig. Oppgi fødselsnummer "
        "eller d-nummer, eller for utenlandske statsborgere uten slike et gyldig 12-sifret "
        "DUF-nummer."
    ),
)

K039 = code_rule(
    "K039",
    "VILKARSOSLOV",
    "Vilkår etter sosialtjenesteloven, gyldige koder",
    "Svaret på om det stilles vilkår til mottakeren etter sosialtjenesteloven",
    hint=" Svaret gjelder det første vilkåret som ble stilt i kalenderåret.",
)
K040 = code_rule(
    "K040",
    "VILKARSAMEKT",
    "Vilkår til ektefelle/samboer, gyldige koder",
    "Svaret på om det stilles vilkår til mottakerens ektefelle eller samboer etter "
    "sosialtjenesteloven",
)


def _conditions_need_date(rule_id: str, name: str, what: str) -> Rule:
    return Rule(
        id=rule_id,
        severity=Severity.ERROR,
        title=f"Vilkår: {what} mangler",
        fields=("VILKARSOSLOV", name),
        passes=lambda ctx: (
            ~(
                (pl.col("VILKARSOSLOV") == "1")
                & ~is_lenient_date(name, ctx.form.field(name).pattern or "")
            )
        ),
        values={"format": lambda ctx: ctx.form.field(name).date_format},
        message=(
            f"Det stilles vilkår til mottakeren, men {what} mangler eller er ugyldig: "
            f"{{{name}}}. Oppgi datoen på formen {{format}}."
        ),
        fix=(
            f"Registrer {what}, eller svar nei på om det stilles vilkår hvis det ikke ble stilt "
            "vilkår."
        ),
    )


K041 = _conditions_need_date("K041", "UTBETDATO", "datoen for utbetalingsvedtaket")
K042 = _conditions_need_date("K042", "UTBETTOMDATO", "til og med-datoen for utbetalingsvedtaket")

CONDITION_FIELDS = (
    "VILKARARBEID",
    "VILKARKURS",
    "VILKARUTD",
    "VILKARJOBBLOG",
    "VILKARJOBBTILB",
    "VILKARSAMT",
    "VILKAROKRETT",
    "VILKARLIVSH",
    "VILKARHELSE",
    "VILKARANNET",
    "VILKARDIGPLAN",
    "VILKARNORSKSAMISKOPPL",  # from 2024
)

K043 = Rule(
    id="K043",
    fix=(
        "Kryss av for hvert vilkår som ble stilt, eller svar nei på om det stilles vilkår hvis "
        "det ikke ble stilt noen."
    ),
    severity=Severity.ERROR,
    title="Vilkår: type vilkår mangler",
    fields=("VILKARSOSLOV",),
    passes=lambda ctx: ~((pl.col("VILKARSOSLOV") == "1") & ~any_ticked(ctx, CONDITION_FIELDS)),
    message=(
        "Det stilles vilkår til mottakeren, men det er ikke oppgitt hvilke. Kryss av for hvert "
        "vilkår som stilles; minst ett er obligatorisk."
    ),
)

RULES = (
    *prevalidation.RULES,
    K002,
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
    K017,
    K018,
    K019,
    K020B,
    K021,
    K022,
    K023A,
    K023B,
    K023C,
    K024,
    K024B,
    K025,
    K026,
    K027,
    K030,
    K031,
    K032,
    K033,
    K035,
    K036,
    K037,
    K038,
    K039,
    K040,
    K041,
    K042,
    K043,
)
