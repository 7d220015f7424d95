"""K002, the file-description check: every field read as its definition says.

One rule per field and kind of finding: a blank mandatory field; an integer field that holds no
integer; a date field that holds no date; a coded field whose value is not in its code list.
A blank optional field is always fine. Which fields are mandatory, and their types and codes,
come from the year's definition, so the check follows the form from year to year by itself.

One deliberate deviation from SSB (docs/control-program.md): 11F's definition makes BYDELSNR
mandatory from 2025, while K003B wants it blank for every municipality but Oslo, so SSB's program
gives every record from any other municipality an error no reporter can correct. Here the district
number is mandatory where K003B wants it filled: in records of Oslo.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from kostra.catalog import FieldDefinition, FieldType, FormDefinition
from kostra.controls.readings import is_oslo
from kostra.controls.rule import Rule, RuleFamily
from kostra.controls.rules import common
from kostra.controls.severity import Severity
from kostra.records.values import blank, int_or_null, is_lenient_date
from kostra.registry import OSLO

_TITLE = "Filbeskrivelse"
# Fields the definition makes mandatory that only Oslo's records can fill (see the module text).
OSLO_ONLY_MANDATORY = frozenset({"BYDELSNR"})


def mandatory_in(field: str, municipality: str) -> bool:
    """Whether a mandatory field must be filled in a record of `municipality` (its KOMMUNE_NR)."""
    return field not in OSLO_ONLY_MANDATORY or municipality == OSLO


# What a case worker does about each kind of finding ("Slik retter du det").
_MANY = (
    " Gjelder det mange poster, er det trolig uttrekket som er feil: kontakt leverandøren av "
    "fagsystemet."
)
FIX_MANDATORY = "Fyll ut opplysningen på saken." + _MANY
FIX_INTEGER = "Rett verdien til et helt tall, uten mellomrom, punktum eller bokstaver." + _MANY
FIX_DATE = "Rett datoen til en gyldig dato." + _MANY
FIX_CODE = common.FIX_CODE + _MANY


def subject(field: FieldDefinition) -> str:
    """The field as a message names it, by what the form asks: `Spørsmålet «Har mottakeren …?»`,
    `Feltet «Kommunenummer»` (escaped for a message template)."""
    label = field.label.strip().replace("{", "{{").replace("}", "}}")
    return f"Spørsmålet «{label}»" if "?" in label else f"Feltet «{label}»"


def _field_rules(field: FieldDefinition) -> Iterator[Rule]:
    name = field.name
    where = subject(field)

    def rule(variant: str, passes: pl.Expr, message: str, fix: str) -> Rule:
        return Rule(
            id="K002",
            severity=Severity.ERROR,
            title=f"{_TITLE}, {variant}",
            variant=variant,
            fields=(name,),
            passes=lambda ctx: passes,
            message=where + message,
            fix=fix,
            # As SSB's K002: the finding is about the file's layout, not a case, so it carries no
            # case worker or journal number (catalogue 3.5).
            record_level=False,
        )

    if field.mandatory:
        filled = ~blank(name)
        if name in OSLO_ONLY_MANDATORY:
            filled = filled | ~is_oslo()
        yield rule(
            "mangler obligatorisk verdi",
            filled,
            " mangler svar. Det er obligatorisk og må fylles ut.",
            FIX_MANDATORY,
        )
    if field.type is FieldType.INTEGER:
        yield rule(
            "feil i heltallsfelt",
            blank(name) | int_or_null(name).is_not_null(),
            f" skal ha et heltall (bare sifre, eventuelt med minustegn foran), men har {{{name}}}.",
            FIX_INTEGER,
        )
    elif field.type is FieldType.DATE:
        yield rule(
            "feil i datofelt",
            blank(name) | is_lenient_date(name, field.pattern or ""),
            f" skal ha en dato på formen {field.date_format}, men har {{{name}}}.",
            FIX_DATE,
        )
    elif field.codes:
        yield rule(
            "feil kode",
            blank(name) | pl.col(name).is_in(list(field.code_values())),
            f" har ugyldig kode {{{name}}}. Gyldige koder: {{codes[{name}]}}.",
            FIX_CODE,
        )


def _expand(form: FormDefinition) -> Iterator[Rule]:
    for field in form.fields:
        yield from _field_rules(field)


K002 = RuleFamily(
    id="K002",
    severity=Severity.ERROR,
    title=_TITLE,
    description=(
        "Hvert felt kontrolleres mot filbeskrivelsen for årgangen: obligatoriske felt må være "
        "utfylt, heltallsfelt må inneholde heltall, datofelt gyldige datoer og kodefelt en gyldig kode."
    ),
    expand_fn=_expand,
)
