"""Mistakes in 11F extracts (økonomisk sosialhjelp), each with the controls it makes fire."""

from __future__ import annotations

from collections.abc import Sequence

from kostra.controls.readings import MONTH_FIELDS
from kostra.controls.rules.f11f import CONDITION_FIELDS
from kostra.synth.errors_common import BROKEN_LINES, COMMON
from kostra.synth.injector import (
    ErrorInjector,
    Mutation,
    Workshop,
    age_below,
    both,
    clear,
    copy_first,
    field_is,
    field_is_not,
    new_identity,
    put,
)
from kostra.synth.layout import Record

_NO_OLD_AGE_PENSION = field_is_not("TRYGDESIT", "07")
_NO_PENSION = field_is_not("TRYGDESIT", "04", "07")
_HAS_CONDITIONS = field_is("VILKARSOSLOV", "1")


def _ticked(record: Record) -> list[int]:
    return [m for m, name in enumerate(MONTH_FIELDS, start=1) if record.get(name, "").strip()]


def _amounts_blank(records: Sequence[Record], shop: Workshop) -> None:
    clear("BIDRAG", "LAAN", *shop.form.monthly_fields("BIDRAG"), *shop.form.monthly_fields("LAAN"))(
        records, shop
    )


def _grant_of(total: int) -> Mutation:
    """The year's grant becomes `total` kr, spread over the ticked months (loans untouched)."""

    def mutate(records: Sequence[Record], shop: Workshop) -> None:
        names = shop.form.monthly_fields("BIDRAG")
        for record in records:
            months = _ticked(record)
            share, rest = divmod(total, len(months))
            for name in names:
                record[name] = ""
            for index, month in enumerate(months):
                record[names[month - 1]] = f"{share + (rest if index == 0 else 0):>7}"
            record["BIDRAG"] = f"{total:>7}"

    return mutate


def _no_loans(records: Sequence[Record], shop: Workshop) -> None:
    clear(*shop.form.monthly_fields("LAAN"))(records, shop)
    put(LAAN="      0")(records, shop)


def _add_to(name: str, amount: int) -> Mutation:
    """The year's total in `name` is raised by `amount` kr; the months are left as they were."""

    def mutate(records: Sequence[Record], shop: Workshop) -> None:
        for record in records:
            record[name] = f"{int(record[name]) + amount:>7}"

    return mutate


def _grant_with_thousands_separator(records: Sequence[Record], shop: Workshop) -> None:
    for record in records:
        record["BIDRAG"] = f"{int(record['BIDRAG']):,}".replace(",", " ").rjust(7)


def _grant_only(record: Record, shop: Workshop) -> bool:
    return int(record["LAAN"]) == 0 and 1000 <= int(record["BIDRAG"]) < 1_000_000


def _duf_typo(records: Sequence[Record], shop: Workshop) -> None:
    for record in records:
        duf = record.get("PERSON_DUF", "").strip() or shop.identities.duf()
        record["PERSON_DUF"] = duf[:11] + str((int(duf[11]) + 1) % 10)
        record["PERSON_FODSELSNR"] = ""


def _month_13(name: str) -> Mutation:
    def mutate(records: Sequence[Record], shop: Workshop) -> None:
        valid = shop.date(name, 31, 12, shop.year)
        for record in records:
            record[name] = valid[:2] + "13" + valid[4:]

    return mutate


SOCIAL_ASSISTANCE = (
    ErrorInjector(
        id="fnr-missing",
        description="Fødselsnummer og DUF-nummer mangler.",
        fires=frozenset({"K005", "K006", "K038"}),
        mutate=clear("PERSON_FODSELSNR", "PERSON_DUF"),
        suits=_NO_OLD_AGE_PENSION,
    ),
    ErrorInjector(
        id="duf-check-digit",
        description="Fødselsnummer mangler, og DUF-nummeret har feil kontrollsiffer.",
        fires=frozenset({"K005", "K006", "K038"}),
        mutate=_duf_typo,
        suits=_NO_OLD_AGE_PENSION,
    ),
    ErrorInjector(
        id="fnr-duplicate",
        description="To poster har samme fødselsnummer.",
        fires=frozenset({"K005A"}),
        mutate=copy_first("PERSON_FODSELSNR", "FODSELSDATO", "KJONN"),
        suits=_NO_OLD_AGE_PENSION,
        records=2,
    ),
    ErrorInjector(
        id="journal-duplicate",
        description="To poster har samme journalnummer.",
        fires=frozenset({"K005B"}),
        mutate=copy_first("PERSON_JOURNALNR"),
        records=2,
    ),
    ErrorInjector(
        id="age-97",
        description="Mottakeren fyller 97 år i rapporteringsåret.",
        fires=frozenset({"K007"}),
        mutate=new_identity(97),
    ),
    ErrorInjector(
        id="income-source-invalid",
        description="Viktigste kilde til livsopphold har en kode som ikke finnes (0).",
        fires=frozenset({"K014"}),
        mutate=put(VKLO="0"),
        malformed=("VKLO",),
    ),
    ErrorInjector(
        id="work-income-but-unemployed",
        description="Arbeidsinntekt som viktigste kilde, men registrert arbeidsledig.",
        fires=frozenset({"K015"}),
        mutate=put(VKLO="1", ARBSIT="07"),
    ),
    ErrorInjector(
        id="course-allowance-but-unemployed",
        description="Kursstønad som viktigste kilde, men registrert arbeidsledig.",
        fires=frozenset({"K016"}),
        mutate=put(VKLO="2", ARBSIT="07"),
    ),
    ErrorInjector(
        id="student-loan-but-not-studying",
        description="Stipend/lån som viktigste kilde, men registrert arbeidsledig.",
        fires=frozenset({"K017"}),
        mutate=put(VKLO="4", ARBSIT="07"),
    ),
    ErrorInjector(
        id="introduction-benefit-outside-programme",
        description="Introduksjonsstøtte som viktigste kilde, men ikke i introduksjonsordning.",
        fires=frozenset({"K018"}),
        mutate=put(VKLO="6", ARBSIT="07"),
    ),
    ErrorInjector(
        id="qualification-benefit-outside-programme",
        description="Kvalifiseringsstønad som viktigste kilde, men ikke i kvalifiseringsprogram.",
        fires=frozenset({"K019"}),
        mutate=put(VKLO="8", ARBSIT="07"),
    ),
    ErrorInjector(
        id="trygd-source-without-trygd",
        description="Trygd som viktigste kilde, men trygdesituasjon «har ingen trygd».",
        fires=frozenset({"K020B"}),
        mutate=put(VKLO="3", TRYGDESIT="12"),
    ),
    ErrorInjector(
        id="assistance-while-working-full-time",
        description="Sosialhjelp som viktigste kilde, men i heltidsarbeid.",
        fires=frozenset({"K021"}),
        mutate=put(VKLO="5", ARBSIT="01"),
        suits=_NO_PENSION,
    ),
    ErrorInjector(
        id="trygd-invalid",
        description="Trygdesituasjon har en kode som ikke finnes (03).",
        fires=frozenset({"K022"}),
        mutate=put(TRYGDESIT="03"),
        malformed=("TRYGDESIT",),
        suits=field_is_not("VKLO", "3"),
    ),
    ErrorInjector(
        id="old-age-pension-under-62",
        description="Alderspensjon til en mottaker under 62 år.",
        fires=frozenset({"K023A"}),
        mutate=put(VKLO="3", TRYGDESIT="07", ARBSIT="04"),
        suits=age_below(62),
    ),
    ErrorInjector(
        id="transitional-benefit-without-children",
        description="Overgangsstønad uten barn under 18 år i husholdningen.",
        fires=frozenset({"K023B"}),
        mutate=both(put(TRYGDESIT="05", BU18="2"), clear("ANTBU18")),
    ),
    ErrorInjector(
        id="child-benefit-without-children",
        description="Barnetrygd uten barn under 18 år i husholdningen.",
        fires=frozenset({"K023C"}),
        mutate=both(put(TRYGDESIT="13", BU18="2"), clear("ANTBU18")),
        years=range(2024, 2027),
    ),
    ErrorInjector(
        id="disability-pension-full-time-work",
        description="Uføretrygd og heltidsarbeid.",
        fires=frozenset({"K024"}),
        mutate=put(VKLO="3", TRYGDESIT="04", ARBSIT="01"),
    ),
    ErrorInjector(
        id="aap-not-registered",
        description="Arbeidsavklaringspenger, men arbeidsledig uten å være registrert hos NAV.",
        fires=frozenset({"K024B"}),
        mutate=put(VKLO="3", TRYGDESIT="11", ARBSIT="08"),
    ),
    ErrorInjector(
        id="work-situation-invalid",
        description="Arbeidssituasjon har en kode som ikke finnes (11).",
        fires=frozenset({"K025"}),
        mutate=put(VKLO="3", TRYGDESIT="10", ARBSIT="11"),
        malformed=("ARBSIT",),
    ),
    ErrorInjector(
        id="months-missing",
        description="Ingen stønadsmåneder er krysset av.",
        fires=frozenset({"K026"}),
        mutate=clear(*MONTH_FIELDS),
    ),
    ErrorInjector(
        id="amounts-missing",
        description="Bidrag og lån står blanke, for året og for hver måned.",
        fires=frozenset({"K027", "K031"}),
        mutate=_amounts_blank,
    ),
    ErrorInjector(
        id="amount-over-limit",
        description="Bidrag på 1 200 000 kr i året.",
        fires=frozenset({"K030"}),
        mutate=_grant_of(1_200_000),
    ),
    ErrorInjector(
        id="amount-tiny",
        description="Bare 150 kr i bidrag for året, og ikke lån.",
        fires=frozenset({"K031"}),
        mutate=both(_grant_of(150), _no_loans),
    ),
    ErrorInjector(
        id="grant-months-disagree",
        description="Årets bidrag er 100 kr høyere enn summen av månedene.",
        fires=frozenset({"K036"}),
        mutate=_add_to("BIDRAG", 100),
    ),
    ErrorInjector(
        id="loan-months-disagree",
        description="Årets lån er 500 kr høyere enn summen av månedene.",
        fires=frozenset({"K037"}),
        mutate=_add_to("LAAN", 500),
    ),
    ErrorInjector(
        id="grant-with-thousands-separator",
        description="Årets bidrag er skrevet med mellomrom som tusenskille (12 000).",
        fires=frozenset({"K027", "K031", "K036"}),
        mutate=_grant_with_thousands_separator,
        malformed=("BIDRAG",),
        suits=_grant_only,
    ),
    ErrorInjector(
        id="financial-advice-missing",
        description="Ikke svart på om økonomisk rådgivning er gitt.",
        fires=frozenset({"K032"}),
        mutate=clear("GITT_OKONOMIRAD"),
    ),
    ErrorInjector(
        id="individual-plan-invalid",
        description="Individuell plan har en kode som ikke finnes (0).",
        fires=frozenset({"K033"}),
        mutate=put(FAAT_INDIVIDUELL_PLAN="0"),
        malformed=("FAAT_INDIVIDUELL_PLAN",),
    ),
    ErrorInjector(
        id="housing-code-retired",
        description="Bosituasjon 7 «Annet», en kode som bare gjaldt i 2020.",
        fires=frozenset({"K035"}),
        mutate=put(BOSIT="7"),
        malformed=("BOSIT",),
    ),
    ErrorInjector(
        id="conditions-answer-missing",
        description="Ikke svart på om det stilles vilkår.",
        fires=frozenset({"K039"}),
        mutate=clear("VILKARSOSLOV"),
    ),
    ErrorInjector(
        id="partner-conditions-invalid",
        description="Vilkår til ektefelle/samboer har en kode som ikke finnes (3).",
        fires=frozenset({"K040"}),
        mutate=put(VILKARSAMEKT="3"),
        malformed=("VILKARSAMEKT",),
    ),
    ErrorInjector(
        id="conditions-decision-date-missing",
        description="Det stilles vilkår, men datoen for utbetalingsvedtaket mangler.",
        fires=frozenset({"K041"}),
        mutate=clear("UTBETDATO"),
        suits=_HAS_CONDITIONS,
    ),
    ErrorInjector(
        id="conditions-end-date-invalid",
        description="Det stilles vilkår, men til og med-datoen har måned 13.",
        fires=frozenset({"K042"}),
        mutate=_month_13("UTBETTOMDATO"),
        malformed=("UTBETTOMDATO",),
        suits=_HAS_CONDITIONS,
    ),
    ErrorInjector(
        id="conditions-unspecified",
        description="Det stilles vilkår, men ikke oppgitt hvilke.",
        fires=frozenset({"K043"}),
        mutate=clear(*CONDITION_FIELDS),
        suits=_HAS_CONDITIONS,
    ),
)

INJECTORS = (*COMMON, *SOCIAL_ASSISTANCE, *BROKEN_LINES)
