"""Mistakes in 11CF extracts (kvalifiseringsstønad), each with the controls it makes fire.

Several 11CF controls leave Oslo's records alone (K005A, K005B, K014–K016), so the mistakes they
catch are made only in other municipalities' files.
"""

from __future__ import annotations

from collections.abc import Sequence

from kostra.controls.readings import MONTH_FIELDS
from kostra.controls.rules.f11cf import OTHER_SUPPORT_FIELDS, SITUATION_FIELDS
from kostra.synth.errors_common import BROKEN_LINES, COMMON
from kostra.synth.injector import (
    ErrorInjector,
    Mutation,
    Where,
    Workshop,
    both,
    clear,
    copy_first,
    field_is,
    new_identity,
    put,
)
from kostra.synth.layout import Record

_IN_PROGRAMME = field_is("STATUS", "1")
_ENDED = field_is("STATUS", "3", "4", "5", "7")


def _dated(name: str, day: int, month: int, years_after: int) -> Mutation:
    """Set a date field to day.month of the reporting year plus `years_after`."""

    def mutate(records: Sequence[Record], shop: Workshop) -> None:
        for record in records:
            record[name] = shop.date(name, day, month, shop.year + years_after)

    return mutate


def _april_31(records: Sequence[Record], shop: Workshop) -> None:
    pattern = shop.form.field("AVSL_DATO").pattern or "ddMMyy"
    year = f"{shop.year:04d}" if pattern == "ddMMyyyy" else f"{shop.year % 100:02d}"
    for record in records:
        record["AVSL_DATO"] = "3104" + year


QUALIFICATION = (
    ErrorInjector(
        id="fnr-missing",
        description="Fødselsnummeret mangler.",
        fires=frozenset({"K005"}),
        mutate=clear("PERSON_FODSELSNR"),
    ),
    ErrorInjector(
        id="fnr-duplicate",
        description="To poster med samme status har samme fødselsnummer.",
        fires=frozenset({"K005A"}),
        mutate=copy_first("PERSON_FODSELSNR", "FODSELSDATO", "KJONN"),
        records=2,
        same=("STATUS",),
        where=Where.ELSEWHERE,
    ),
    ErrorInjector(
        id="journal-duplicate",
        description="To poster har samme journalnummer.",
        fires=frozenset({"K005B"}),
        mutate=copy_first("PERSON_JOURNALNR"),
        records=2,
        where=Where.ELSEWHERE,
    ),
    ErrorInjector(
        id="age-70",
        description="Deltakeren fyller 70 år i rapporteringsåret.",
        fires=frozenset({"K007"}),
        mutate=new_identity(70),
    ),
    ErrorInjector(
        id="registered-long-ago",
        description="Søknaden er registrert seks år før rapporteringsåret.",
        fires=frozenset({"K014"}),
        mutate=_dated("REG_DATO", 15, 3, -6),
        where=Where.ELSEWHERE,
    ),
    ErrorInjector(
        id="decision-date-missing",
        description="Vedtaksdatoen mangler.",
        fires=frozenset({"K015"}),
        mutate=clear("VEDTAK_DATO"),
        where=Where.ELSEWHERE,
    ),
    ErrorInjector(
        id="start-next-year",
        description="Programmet begynner etter rapporteringsåret.",
        fires=frozenset({"K016"}),
        mutate=_dated("BEGYNT_DATO", 2, 1, 1),
        where=Where.ELSEWHERE,
    ),
    ErrorInjector(
        id="other-municipality-answer-missing",
        description="Ikke svart på om deltakeren kommer fra program i en annen kommune.",
        fires=frozenset({"K019"}),
        mutate=clear("KVP_KOMM", "KOMMNR_KVP_KOMM"),
    ),
    ErrorInjector(
        id="other-municipality-number-missing",
        description="Kommer fra program i en annen kommune, men kommunenummeret mangler.",
        fires=frozenset({"K020"}),
        mutate=both(put(KVP_KOMM="1"), clear("KOMMNR_KVP_KOMM")),
    ),
    ErrorInjector(
        id="assistance-type-missing",
        description="Hadde sosialhjelp før søknaden, men typen mangler.",
        fires=frozenset({"K021"}),
        mutate=both(put(YTELSE_SOSHJELP="1"), clear("YTELSE_TYPE_SOSHJ")),
    ),
    ErrorInjector(
        id="other-support-answer-missing",
        description="Ikke svart på om deltakeren også fikk sosialhjelp eller bostøtte.",
        fires=frozenset({"K026"}),
        mutate=clear("KVP_MED_ASTONAD", *OTHER_SUPPORT_FIELDS),
    ),
    ErrorInjector(
        id="other-support-unspecified",
        description="Svart ja på annen støtte, men ikke krysset av for hvilken.",
        fires=frozenset({"K027"}),
        mutate=both(put(KVP_MED_ASTONAD="1"), clear(*OTHER_SUPPORT_FIELDS)),
    ),
    ErrorInjector(
        id="other-support-denied-but-ticked",
        description="Svart nei på annen støtte, men krysset av for Husbankens bostøtte.",
        fires=frozenset({"K027"}),
        mutate=both(clear(*OTHER_SUPPORT_FIELDS), put(KVP_MED_ASTONAD="2", KVP_MED_HUSBANKBOS="5")),
    ),
    ErrorInjector(
        id="months-missing",
        description="Deltakeren er i program, men ingen stønadsmåneder er krysset av.",
        fires=frozenset({"K028", "K031"}),
        mutate=clear(*MONTH_FIELDS),
        suits=_IN_PROGRAMME,
    ),
    ErrorInjector(
        id="benefit-missing",
        description="Deltakeren er i program, men stønadsbeløpet står blankt.",
        fires=frozenset({"K029", "K030"}),
        mutate=clear("KVP_STONAD"),
        suits=_IN_PROGRAMME,
    ),
    ErrorInjector(
        id="benefit-zero",
        description="Deltakeren er i program, men stønadsbeløpet er 0.",
        fires=frozenset({"K029"}),
        mutate=put(KVP_STONAD="      0"),
        suits=_IN_PROGRAMME,
    ),
    ErrorInjector(
        id="benefit-over-limit",
        description="Kvalifiseringsstønad på 650 000 kr i året.",
        fires=frozenset({"K032"}),
        mutate=put(KVP_STONAD=" 650000"),
    ),
    ErrorInjector(
        id="status-invalid",
        description="Status har en kode som ikke finnes (8).",
        fires=frozenset({"K036"}),
        mutate=put(STATUS="8"),
    ),
    ErrorInjector(
        id="end-date-missing",
        description="Programmet er avsluttet, men avslutningsdatoen mangler.",
        fires=frozenset({"K037"}),
        mutate=clear("AVSL_DATO"),
        suits=_ENDED,
    ),
    ErrorInjector(
        id="end-date-impossible",
        description="Programmet er avsluttet 31. april.",
        fires=frozenset({"K037"}),
        mutate=_april_31,
        suits=_ENDED,
    ),
    ErrorInjector(
        id="end-situation-missing",
        description="Programmet er fullført, men situasjonen etterpå er ikke krysset av.",
        fires=frozenset({"K038"}),
        mutate=clear(*SITUATION_FIELDS),
        suits=field_is("STATUS", "3", "7"),
    ),
    ErrorInjector(
        id="end-income-missing",
        description="Programmet er fullført, men viktigste inntektskilde etterpå mangler.",
        fires=frozenset({"K039"}),
        mutate=clear("AVSL_VIKTIGSTE_INNTEKT"),
        suits=field_is("STATUS", "3"),
    ),
)

INJECTORS = (*COMMON, *QUALIFICATION, *BROKEN_LINES)
