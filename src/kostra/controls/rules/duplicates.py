"""Duplicate persons and duplicate journal numbers within one file (K005A, K005B).

Both forms run these two controls with their own idea of who takes part and what makes two
records the same; this module holds the shape they share. Findings come group by group (in the
order each group first appears), one per record of the group, each on its own line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from kostra.controls.rule import Context, ExprFactory, Rule
from kostra.controls.severity import Severity
from kostra.records import LINE

JOURNAL = "PERSON_JOURNALNR"


def _taking_part(participates: pl.Expr) -> pl.Expr:
    # Tied to a column, so that "everyone" (a literal True) is counted once per record, not
    # once per group, when summed over a window.
    return participates & pl.col(LINE).is_not_null()


def _group_size(participates: pl.Expr, key: pl.Expr) -> pl.Expr:
    return _taking_part(participates).cast(pl.Int32).sum().over(key)


def _in_group(participates: pl.Expr, key: pl.Expr) -> pl.Expr:
    return _taking_part(participates) & (_group_size(participates, key) > 1)


def _first_line(participates: pl.Expr, key: pl.Expr) -> pl.Expr:
    return pl.col(LINE).filter(_taking_part(participates)).min().over(key)


def _person_message(values: Mapping[str, Any]) -> str:
    own = values[JOURNAL]
    others = [j.strip() for j in values["journals"] if j != own]
    if others:
        return (
            f"Personen i journal {own.strip()} har samme fødselsnummer som personen i journal "
            f"{', '.join(others)}. Hver person skal bare ha én post i filen; slå sammen postene "
            "eller rett fødselsnummeret."
        )
    return (
        f"Fødselsnummeret i journal {own.strip()} finnes i flere poster med samme journalnummer. "
        "Hver person skal bare ha én post i filen."
    )


def duplicate_persons(title: str, participates: ExprFactory, key: ExprFactory) -> Rule:
    """K005A: records of the same person (same `key`) among those that `participates`."""
    return Rule(
        id="K005A",
        severity=Severity.ERROR,
        title=title,
        fields=(JOURNAL,),
        passes=lambda ctx: ~_in_group(participates(ctx), key(ctx)),
        order=lambda ctx: _first_line(participates(ctx), key(ctx)),
        cross_record=True,
        values={
            "journals": lambda ctx: (
                pl.col(JOURNAL).filter(participates(ctx)).over(key(ctx), mapping_strategy="join")
            )
        },
        message=_person_message,
        fix=(
            "Finn sakene med samme fødselsnummer. Gjelder de samme person, slå dem sammen til "
            "én; gjelder de to personer, rett fødselsnummeret som er feil."
        ),
        description=(
            "Samme person (samme gyldige fødselsnummer) finnes i flere poster. Meldingen viser "
            "journalnumrene til de andre postene."
        ),
    )


def duplicate_journals(title: str, participates: ExprFactory) -> Rule:
    """K005B: journal numbers used by more than one record among those that `participates`."""

    def key(ctx: Context) -> pl.Expr:
        return pl.col(JOURNAL)

    return Rule(
        id="K005B",
        severity=Severity.ERROR,
        title=title,
        fields=(JOURNAL,),
        passes=lambda ctx: ~_in_group(participates(ctx), key(ctx)),
        order=lambda ctx: _first_line(participates(ctx), key(ctx)),
        cross_record=True,
        values={"count": lambda ctx: _group_size(participates(ctx), key(ctx))},
        message=(
            "Journalnummeret {PERSON_JOURNALNR} finnes i {count} poster. Hver post skal ha sitt "
            "eget journalnummer; rett journalnummeret eller slå sammen postene."
        ),
        fix=(
            "Gi hver sak sitt eget journalnummer, eller slå sammen sakene hvis de gjelder samme "
            "person."
        ),
    )
