"""Basic figures and key figures declared as data (`definitions/basic.yaml`, `key.yaml`).

A definition is read once, validated (ids unique, every name a formula reads is a basic figure,
every condition and formula parses as polars SQL), and turned into polars expressions by
`compute.py`. Adding a key figure is a change to the YAML, not to code.

A figure from an extract (11F, 11CF) counts or sums records about persons; a figure from a web
form (7, 7B, 12: one row of answers per unit, about the municipality itself) counts or sums the
units' answers. Which forms are web forms the catalog says (`controls.programs.web_forms`): their
figures hold no personal data, so disclosure control leaves them alone (`personal`).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import polars as pl
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kostra.controls.programs import web_forms

_NAME = re.compile(r"\b[a-z][a-z0-9_]*\b")


class InvalidDefinitions(ValueError):
    """The indicator definitions are malformed (a fault in the program's own data)."""


class Kind(StrEnum):
    """How a basic figure is made."""

    COUNT = "count"
    SUM = "sum"
    PERSONS = "persons"
    POPULATION = "population"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BasicFigure(_Frozen):
    """A count or sum over the microdata of one form, or a population figure."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Kind
    name: str
    description: str
    unit: str
    form: str | None = None
    where: str | None = None
    sum: str | None = None
    basis: str | None = None  # the count of persons behind a sum (suppressed with it)
    ages: tuple[int, int] | None = None
    publish: bool = True
    decimals: int = Field(default=0, ge=0, le=3)  # a sum of decimals (årsverk) keeps them
    # False: over the units that answered only (the mean of rates, a share of municipalities);
    # never estimated for the units that have not, and never flagged as an estimate.
    estimate: bool = True

    @model_validator(mode="after")
    def _complete(self) -> BasicFigure:
        if self.kind is Kind.POPULATION:
            if self.ages is None or self.form is not None:
                raise ValueError(f"{self.id}: a population figure has `ages` and no form")
        elif self.form is None:
            raise ValueError(f"{self.id}: needs the form it counts in")
        if (self.kind is Kind.SUM) != (self.sum is not None):
            raise ValueError(f"{self.id}: `sum` goes with kind sum, and only there")
        if self.decimals and self.kind is not Kind.SUM:
            raise ValueError(f"{self.id}: only a sum has decimals")
        if not self.estimate and self.kind not in (Kind.COUNT, Kind.SUM):
            raise ValueError(f"{self.id}: only counts and sums are estimated or not")
        return self

    @property
    def is_count(self) -> bool:
        """Whether the figure counts records or persons (what primary suppression looks at, when
        the records are persons: `Definitions.is_personal`)."""
        return self.kind in (Kind.COUNT, Kind.PERSONS)


class KeyFigure(_Frozen):
    """A published indicator: a formula over basic figures."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    description: str
    formula: str
    unit: str
    decimals: int = Field(ge=0, le=3)
    population: str | None = None  # the population the figure is relative to, if any

    @property
    def reads(self) -> tuple[str, ...]:
        """The basic figures the formula reads, in order of first use."""
        return tuple(dict.fromkeys(_NAME.findall(self.formula)))


class Definitions(_Frozen):
    """Every basic and key figure, and which forms are web forms (answers, no persons)."""

    basic: tuple[BasicFigure, ...]
    key: tuple[KeyFigure, ...]
    web_forms: frozenset[str] = frozenset()

    def basic_figure(self, figure_id: str) -> BasicFigure:
        """The basic figure `figure_id`."""
        for figure in self.basic:
            if figure.id == figure_id:
                return figure
        raise KeyError(figure_id)

    def columns(self, form: str) -> tuple[str, ...]:
        """The microdata columns the basic figures of `form` read (what production must keep)."""
        found: list[str] = []
        for figure in self.basic:
            if figure.form != form:
                continue
            for text in (figure.where, figure.sum):
                if text is not None:
                    found += pl.sql_expr(text).meta.root_names()
        return tuple(sorted(set(found)))

    def is_personal(self, figure: BasicFigure) -> bool:
        """Whether `figure` is made from records about persons (an extract's), which disclosure
        control protects; population is public and a web form's answers are about the unit."""
        return figure.form is not None and figure.form not in self.web_forms

    def counts_behind(self, key: KeyFigure) -> tuple[str, ...]:
        """The counts whose suppression suppresses `key`: those it reads, and the basis of each
        sum it reads (population figures are public, web forms' figures are not personal)."""
        found: list[str] = []
        for name in key.reads:
            figure = self.basic_figure(name)
            if not self.is_personal(figure):
                continue
            if figure.is_count:
                found.append(name)
            elif figure.kind is Kind.SUM and figure.basis is not None:
                found += [name, figure.basis]
        return tuple(dict.fromkeys(found))

    def forms_of(self, item: BasicFigure | KeyFigure) -> frozenset[str]:
        """The forms a figure comes from (none for population)."""
        if isinstance(item, BasicFigure):
            return frozenset({item.form} if item.form else ())
        return frozenset(f for name in item.reads if (f := self.basic_figure(name).form))

    def estimated_forms(self, item: BasicFigure | KeyFigure) -> frozenset[str]:
        """The forms whose estimates a figure includes where units have not delivered: those of
        the counts and sums it reads that are estimated (not those over respondents only)."""
        names = (item.id,) if isinstance(item, BasicFigure) else item.reads
        return frozenset(
            figure.form
            for name in names
            if (figure := self.basic_figure(name)).form and figure.estimate
        )

    def decimals(self, figure_id: str) -> int:
        """The decimals a basic figure is kept with (0: a whole number)."""
        return self.basic_figure(figure_id).decimals


def _read(name: str) -> Any:
    text = resources.files("kostra.indicators").joinpath("definitions", name).read_text("utf-8")
    return yaml.safe_load(text)


def _check(definitions: Definitions) -> None:
    basic_ids = [f.id for f in definitions.basic]
    key_ids = [f.id for f in definitions.key]
    for kind, ids in (("grunnlagstall", basic_ids), ("nøkkeltall", key_ids)):
        if len(ids) != len(set(ids)):
            duplicate = next(i for i in ids if ids.count(i) > 1)
            raise InvalidDefinitions(f"{kind} {duplicate} er definert to ganger")
    known = set(basic_ids)
    for figure in definitions.basic:
        for text in (figure.where, figure.sum):
            if text is not None:
                _parses(figure.id, text)
        if figure.basis is not None and figure.basis not in known:
            raise InvalidDefinitions(f"{figure.id}: ukjent basis {figure.basis}")
        personal = definitions.is_personal(figure)
        if figure.kind is Kind.SUM and personal and figure.basis is None:
            raise InvalidDefinitions(f"{figure.id}: en sum trenger `basis` (tellingen bak den)")
        if figure.kind is Kind.PERSONS and not personal:
            raise InvalidDefinitions(f"{figure.id}: et webskjema har ingen personer å telle")
    for key in definitions.key:
        _parses(key.id, key.formula)
        unknown = [name for name in key.reads if name not in known]
        if unknown:
            raise InvalidDefinitions(f"{key.id}: ukjente grunnlagstall {', '.join(unknown)}")
        if key.population is not None and key.population not in known:
            raise InvalidDefinitions(f"{key.id}: ukjent befolkning {key.population}")


def _parses(figure_id: str, text: str) -> None:
    try:
        pl.sql_expr(text)
    except Exception as error:  # polars raises several kinds for SQL it cannot read
        raise InvalidDefinitions(f"{figure_id}: kan ikke lese «{text}»: {error}") from error


@cache
def definitions() -> Definitions:
    """The indicator definitions (read and validated once)."""
    try:
        loaded = Definitions(
            basic=tuple(_read("basic.yaml")),
            key=tuple(_read("key.yaml")),
            web_forms=frozenset(web_forms()),
        )
    except ValidationError as error:
        raise InvalidDefinitions(str(error)) from error
    _check(loaded)
    return loaded
