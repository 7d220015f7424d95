"""An error injector: one typical mistake in an extract, and exactly what the controls answer.

Each injector is a small declarative object, like a control rule: an id, a description, the
years and municipalities it applies to, which records it can damage, a mutation, and the rule
ids that must then fire on each damaged line. Injectors are listed per form in
`errors_11f.py` and `errors_11cf.py`; `extract.generate` applies them.

Expectations are exact. Two things are derived instead of declared, because they follow from the
year's definition rather than from the mistake: 11F's file-description check (K002) also fires
on a blank mandatory field (the extract computes that for every record) and on each field listed
in `malformed` (a value of the wrong type or outside its code list).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from random import Random

from kostra.catalog import FormDefinition
from kostra.linkage.identity import age
from kostra.records.values import format_date
from kostra.registry import OSLO
from kostra.synth.layout import Record
from kostra.synth.people import IdentityFactory

ALL_YEARS = range(2022, 2027)


class Where(StrEnum):
    """Which municipalities' files an injector applies to."""

    ANYWHERE = "anywhere"
    OSLO = "oslo"
    ELSEWHERE = "elsewhere"  # e.g. 11CF exempts Oslo's records from K005A, K005B, K014–K016


@dataclass(frozen=True)
class Workshop:
    """What a mutation may use: the form's definition, the randomness, new identities."""

    form: FormDefinition
    municipality: str
    rng: Random
    identities: IdentityFactory

    @property
    def year(self) -> int:
        """The reporting year."""
        return self.form.year

    def date(self, name: str, day: int, month: int, year: int) -> str:
        """A date written in field `name`'s pattern for this year."""
        return format_date(date(year, month, day), self.form.field(name).pattern or "ddMMyy")


Mutation = Callable[[Sequence[Record], Workshop], None]
LineDamage = Callable[[str, Random], str]
Suits = Callable[[Record, Workshop], bool]


def _always(record: Record, shop: Workshop) -> bool:
    return True


@dataclass(frozen=True)
class ErrorInjector:
    """One kind of mistake a reporter's extract can hold."""

    id: str
    description: str
    fires: frozenset[str]  # rule ids that fire on every damaged line (besides derived K002)
    mutate: Mutation | None = None  # changes the values of `records` records
    damage: LineDamage | None = None  # or changes the written line itself (pre-validation)
    malformed: tuple[str, ...] = ()  # fields left with a value the layout refuses (K002 in 11F)
    suits: Suits = _always  # whether a record can take this mistake without side effects
    records: int = 1  # records damaged together (2 for duplicates)
    same: tuple[str, ...] = ()  # fields the damaged records must share
    years: range = ALL_YEARS
    where: Where = Where.ANYWHERE

    @property
    def fatal(self) -> bool:
        """Whether the mistake stops the control run before the record controls (K000/K001)."""
        return self.damage is not None

    def applies(self, form: FormDefinition, municipality: str) -> bool:
        """Whether the mistake can be made in this form's year and municipality."""
        if form.year not in self.years:
            return False
        if self.where is Where.OSLO:
            return municipality == OSLO
        if self.where is Where.ELSEWHERE:
            return municipality != OSLO
        return True


# -- building blocks for mutations ----------------------------------------------------------


def put(**values: str) -> Mutation:
    """Set fields to fixed values in every damaged record."""

    def mutate(records: Sequence[Record], shop: Workshop) -> None:
        for record in records:
            record.update(values)

    return mutate


def clear(*names: str) -> Mutation:
    """Blank fields in every damaged record (only those the year's layout has)."""

    def mutate(records: Sequence[Record], shop: Workshop) -> None:
        for record in records:
            for name in names:
                if shop.form.has(name):
                    record[name] = ""

    return mutate


def both(*mutations: Mutation) -> Mutation:
    """Apply mutations one after the other."""

    def mutate(records: Sequence[Record], shop: Workshop) -> None:
        for mutation in mutations:
            mutation(records, shop)

    return mutate


def copy_first(*names: str) -> Mutation:
    """The second damaged record takes the first one's values of `names` (a duplicate)."""

    def mutate(records: Sequence[Record], shop: Workshop) -> None:
        records[1].update({name: records[0][name] for name in names if name in records[0]})

    return mutate


def field_is(name: str, *values: str) -> Suits:
    """The record's `name` holds one of `values`."""
    return lambda record, shop: record.get(name, "") in values


def field_is_not(name: str, *values: str) -> Suits:
    """The record's `name` holds none of `values`."""
    return lambda record, shop: record.get(name, "") not in values


def age_below(limit: int) -> Suits:
    """The person's age (from the identity number) is known and below `limit`."""

    def suits(record: Record, shop: Workshop) -> bool:
        years = age(record.get("PERSON_FODSELSNR", ""), shop.year)
        return years is not None and years < limit

    return suits


def new_identity(age_reached: int) -> Mutation:
    """Give the person a new identity number (and birth date) of someone of another age."""

    def mutate(records: Sequence[Record], shop: Workshop) -> None:
        for record in records:
            sex = record.get("KJONN", "1")
            person = shop.identities.person(age_reached, sex if sex in {"1", "2"} else "1")
            record["PERSON_FODSELSNR"] = person.fnr
            if shop.form.has("FODSELSDATO"):
                pattern = shop.form.field("FODSELSDATO").pattern or "ddMMyyyy"
                record["FODSELSDATO"] = format_date(person.born, pattern)

    return mutate
