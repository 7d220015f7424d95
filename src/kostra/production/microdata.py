"""A unit's accepted extract as statistical microdata: one row per case, identity replaced by a
keyed pseudonym, corrections applied, amounts read as numbers.

What changes on the way from the submitted file (which itself is never changed):
- corrections recorded by the statistics office replace field values, line by line;
- the identity number (fødselsnummer, d-nummer, or DUF number when there is none) becomes a
  pseudonym: keyed BLAKE2b (a MAC, as HMAC but faster) under a key only production holds, so
  the same person has the same
  pseudonym in every municipality and year (national person counts de-duplicate on it), while
  the number itself cannot be recovered from it. The identity, journal and case-worker fields
  (as the form's definition marks them) are dropped, and so is the birth date;
- the amounts paid are integers, and a negative amount (a loan paid back) is set to zero; how
  many were is counted, per record, so it can be reported;
- derived readings: age in the reporting year, number of months with support (`months`).
Every other field stays as trimmed text, so definitions can select on any code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import polars as pl

from kostra.catalog import FormDefinition
from kostra.controls.programs import find
from kostra.controls.readings import FNR, MONTH_FIELDS, month_count
from kostra.controls.rule import Context
from kostra.linkage.identity import age_expr
from kostra.records import LINE, read_lines, split_fields
from kostra.records.values import int0, trimmed
from kostra.registry import ReportingUnit

DUF = "PERSON_DUF"
# Leaves with the file too, though it is neither an identity field nor about the case (so the
# definition does not mark it): the microdata keep the age in the reporting year (`AGE`) instead.
BIRTH_DATE = "FODSELSDATO"
UNIT, MUNICIPALITY, DISTRICT, PSEUDONYM = "unit", "municipality", "district", "pseudonym"
AGE, MONTHS, ZEROED = "age", "months", "negative_amounts"


def dropped(form: FormDefinition) -> tuple[str, ...]:
    """The fields that leave with the file: who the person is (the definition's identity
    fields), the case's journal number and caseworker, and the birth date."""
    case = (form.journal_field, form.caseworker_field)
    return (*form.identity_fields, *(name for name in case if name is not None), BIRTH_DATE)


def amounts(form: FormDefinition) -> tuple[str, ...]:
    """The amounts paid, as the form's program names them: read as integers, a negative
    amount set to zero (none for a form without a program)."""
    program = find(form.form)
    return program.amount_fields if program is not None else ()


@dataclass(frozen=True)
class Correction:
    """A field of one record changed by the statistics office (the audit trail is in the store)."""

    line: int
    field: str
    value: str  # the new raw value, as the field would hold it in the file


def _mac_key(key: bytes) -> bytes:
    # BLAKE2b takes keys of up to 64 bytes; a longer one is hashed down to 32.
    return key if len(key) <= 64 else hashlib.sha256(key).digest()


def pseudonym(identity: str, key: bytes) -> str:
    """The keyed pseudonym of an identity number (blank: no pseudonym)."""
    text = identity.strip()
    if not text:
        return ""
    return hashlib.blake2b(text.encode("utf-8"), key=_mac_key(key), digest_size=10).hexdigest()


def _pseudonyms(frame: pl.DataFrame, key: bytes) -> pl.Series:
    """One pseudonym per record: of the fødselsnummer, or of the DUF number when that is blank.

    Written as a Python loop over the distinct numbers: a keyed hash has no polars expression,
    and a file holds at most some ten thousand people.
    """
    identities = frame.select(
        pl.when(trimmed(FNR) != "")
        .then(pl.lit("F") + trimmed(FNR))
        .otherwise(pl.lit("D") + (trimmed(DUF) if DUF in frame.columns else pl.lit("")))
        .alias("identity")
    ).to_series()
    mapping = {value: pseudonym(value[1:], key) for value in identities.unique().to_list()}
    return identities.replace_strict(mapping, return_dtype=pl.String).alias(PSEUDONYM)


def apply_corrections(records: pl.DataFrame, corrections: Sequence[Correction]) -> pl.DataFrame:
    """`records` with each correction's field replaced on its line (later corrections win)."""
    if not corrections:
        return records
    changes: dict[str, list[tuple[int, str]]] = {}
    for correction in corrections:
        if correction.field not in records.columns:
            raise ValueError(f"feltet {correction.field} finnes ikke i skjemaet")
        changes.setdefault(correction.field, []).append((correction.line, correction.value))
    expressions = []
    for name, edits in changes.items():
        latest = dict(edits)  # a later correction of the same line replaces an earlier one
        expressions.append(
            pl.col(LINE)
            .replace_strict(latest, default=None, return_dtype=pl.String)
            .fill_null(pl.col(name))
            .alias(name)
        )
    return records.with_columns(expressions)


def microdata(
    data: bytes,
    form: FormDefinition,
    unit: ReportingUnit,
    key: bytes,
    corrections: Sequence[Correction] = (),
    keep: Collection[str] | None = None,
) -> pl.DataFrame:
    """The microdata of one accepted extract (see the module's text); of the form's own fields
    only those in `keep`, when given (the amounts, age and months are always there)."""
    needed = None
    if keep is not None:
        needed = {*keep, FNR, DUF, *MONTH_FIELDS, *amounts(form)}
        needed |= {c.field for c in corrections}
    records = split_fields(read_lines(data).lines, form, needed)
    records = apply_corrections(records, corrections)
    ctx = Context(form=form, municipality=unit.municipality, district=unit.district)
    paid = [name for name in amounts(form) if name in records.columns]
    raw_amounts = [int0(name).alias(f"_raw_{name}") for name in paid]
    derived = [
        pl.lit(unit.code).alias(UNIT),
        pl.lit(unit.municipality).alias(MUNICIPALITY),
        pl.lit(unit.district, dtype=pl.String).alias(DISTRICT),
        age_expr(FNR, form.year).alias(AGE),
        (month_count(ctx) if any(n in records.columns for n in MONTH_FIELDS) else pl.lit(0))
        .cast(pl.Int32)
        .alias(MONTHS),
    ]
    frame = records.with_columns(*raw_amounts, *derived)
    frame = frame.with_columns(_pseudonyms(frame, key))
    leaving = {LINE, *dropped(form), *paid}
    text_fields = [
        name for name in records.columns if name not in leaving and (keep is None or name in keep)
    ]
    return frame.select(
        UNIT,
        MUNICIPALITY,
        DISTRICT,
        LINE,
        PSEUDONYM,
        AGE,
        MONTHS,
        *(pl.col(f"_raw_{n}").clip(lower_bound=0).cast(pl.Int64).alias(n) for n in paid),
        pl.sum_horizontal([(pl.col(f"_raw_{n}") < 0).cast(pl.Int32) for n in paid])
        .cast(pl.Int32)
        .alias(ZEROED)
        if paid
        else pl.lit(0, dtype=pl.Int32).alias(ZEROED),
        *(trimmed(name).alias(name) for name in text_fields),
    )
