"""A synthetic extract: a municipality's file for a form and year, with known injected errors.

`generate` makes the records, places the requested mistakes on distinct records, writes the
file as a case-handling system would, and lists every finding the control program must give, as
(line, rule id) pairs: those of the injected mistakes and those of SSB's known quirks
(`quirks.py`). The same arguments always give the same bytes.
"""

from __future__ import annotations

import codecs
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from random import Random
from typing import Any

from kostra.catalog import FormDefinition, load
from kostra.registry import OSLO, district_name, municipality_name
from kostra.synth.errors import applicable, injector
from kostra.synth.forms import SynthForm, synth_form
from kostra.synth.injector import ErrorInjector, Workshop
from kostra.synth.layout import Record, RecordWriter
from kostra.synth.offices import OSLO_DISTRICT_WEIGHTS, caseworkers, journal_numbers, office_size
from kostra.synth.people import IdentityFactory, Person
from kostra.synth.placement import Placer, Plan
from kostra.synth.quirks import (
    LAYOUT_CHECK,
    blank_mandatory,
    duf_only_findings,
    layout_check_runs,
)

LINE_ENDINGS = ("\n", "\r\n")
MAX_RECORDS = 1_000_000


@dataclass(frozen=True)
class Injection:
    """One mistake placed in the file: which injector, on which lines."""

    injector: str
    lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Case:
    """Who a record is about, and whether they are likely to be met again next year."""

    person: Person
    continues: bool  # 11F: support in December; 11CF: in the programme or on leave at 31.12


@dataclass(frozen=True)
class SyntheticExtract:
    """The bytes of a generated extract and the findings the control program must give."""

    form: str
    year: int
    municipality: str
    district: str | None
    seed: int
    encoding: str
    data: bytes
    records: int
    expected: tuple[tuple[int, str], ...]  # (line, rule id), sorted
    injections: tuple[Injection, ...] = field(default=())
    cases: tuple[Case, ...] = field(default=(), repr=False)  # in file order
    counts: dict[str, int] = field(default_factory=dict, repr=False)  # see `tally.py`

    def to_dict(self) -> dict[str, Any]:
        """What was generated and what must be found, as JSON-ready data (no record values)."""
        return {
            "form": self.form,
            "year": self.year,
            "municipality": self.municipality,
            "district": self.district,
            "seed": self.seed,
            "encoding": self.encoding,
            "records": self.records,
            "expected": [{"line": line, "rule": rule} for line, rule in self.expected],
            "injections": [
                {"injector": i.injector, "lines": list(i.lines)} for i in self.injections
            ],
        }


def generate(
    form: str,
    year: int,
    municipality: str,
    records: int,
    *,
    seed: int = 0,
    errors: int | Sequence[str] = 0,
    encoding: str = "windows-1252",
    line_ending: str = "\n",
    district: str | None = None,
    duf_only: float = 0.0,
    returning: Sequence[Person] = (),
) -> SyntheticExtract:
    """A synthetic extract of `records` records for `municipality` (and Oslo `district`).

    `errors` is a number of mistakes drawn from the form's catalogue (never those that stop the
    run at K001, which would hide every other finding), or a list of injector ids, one mistake
    each. `duf_only` is the share of 11F recipients known only by a DUF number (they get SSB's
    K006 age warning; see `quirks.py`). Unknown forms, years, municipalities and districts
    raise the catalogue's and registry's errors; impossible requests raise ValueError.
    `returning` are people from an earlier year's file who are in this one too (at most
    `records`; the caller sees to it that they are of an age the form allows).
    """
    definition = load(form, year)
    made_as = synth_form(definition.form)
    municipality_name(municipality, year)  # UnknownRegion if it did not exist that year
    if district is not None:
        district_name(municipality, district)
    _check_request(definition, records, encoding, line_ending, duf_only)
    rng = Random(f"kostra-synth:{seed}:records")
    identities = IdentityFactory(rng, year)
    if len(returning) > records:
        raise ValueError(f"{len(returning)} returning people do not fit in {records} records")
    for person in returning:
        identities.reserve(person)
    values, people = _records(
        definition, made_as, municipality, district, records, rng, identities, duf_only, returning
    )
    duf_only_lines = {index for index, person in enumerate(people) if not person.fnr}
    shop = Workshop(definition, municipality, Random(f"kostra-synth:{seed}:errors"), identities)
    plan = _plan(definition, errors, values, duf_only_lines, shop)
    found: defaultdict[int, set[str]] = defaultdict(set)  # record index → rule ids
    for index in duf_only_lines:
        found[index] |= duf_only_findings(definition)
    for chosen, indices in plan:
        if chosen.mutate is not None:
            chosen.mutate([values[i] for i in indices], shop)
        for index in indices:
            found[index] |= _fires(chosen, definition)
    writer = RecordWriter(definition)
    lines = [writer.line(record) for record in values]
    damaged: set[int] = set()
    for chosen, indices in plan:
        if chosen.damage is not None:
            for index in indices:
                lines[index] = chosen.damage(lines[index], shop.rng)
                damaged.add(index)
    expected = _expected(definition, values, found, damaged)
    text = line_ending.join(lines) + line_ending
    return SyntheticExtract(
        form=definition.form,
        year=year,
        municipality=municipality,
        district=district,
        seed=seed,
        encoding=encoding,
        data=text.encode(encoding),
        records=records,
        expected=tuple(expected),
        injections=tuple(Injection(c.id, tuple(i + 1 for i in ix)) for c, ix in plan),
        cases=tuple(
            Case(person, made_as.continues(record))
            for person, record in zip(people, values, strict=True)
        ),
        counts=dict(made_as.count(year, values, people)),
    )


def _expected(
    form: FormDefinition,
    values: list[Record],
    found: dict[int, set[str]],
    damaged: set[int],
) -> list[tuple[int, str]]:
    """Every (line, rule) the control program must report."""
    if damaged:  # K001 stops the run: nothing else is reported
        return sorted((i + 1, "K001") for i in damaged)
    if layout_check_runs(form):
        for index, record in enumerate(values):
            if blank_mandatory(record, form):
                found.setdefault(index, set()).add(LAYOUT_CHECK)
    return sorted((i + 1, rule) for i, rules in found.items() for rule in rules)


def _check_request(
    form: FormDefinition, records: int, encoding: str, line_ending: str, duf_only: float
) -> None:
    if not 1 <= records <= MAX_RECORDS:
        raise ValueError(f"records must be between 1 and {MAX_RECORDS}, not {records}")
    if line_ending not in LINE_ENDINGS:
        raise ValueError(f"line_ending must be LF or CRLF, not {line_ending!r}")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    if not 0.0 <= duf_only <= 1.0:
        raise ValueError(f"duf_only is a share between 0 and 1, not {duf_only}")
    if duf_only and not form.has("PERSON_DUF"):
        raise ValueError(f"{form.key} has no DUF number; duf_only applies to 11F only")


def _records(
    form: FormDefinition,
    made_as: SynthForm,
    municipality: str,
    district: str | None,
    count: int,
    rng: Random,
    identities: IdentityFactory,
    duf_only: float,
    returning: Sequence[Person],
) -> tuple[list[Record], list[Person]]:
    """The records in file order, and the person of each."""
    maker = made_as.maker(form, identities, rng, municipality, duf_only)
    if municipality == OSLO:
        districts = [district or OSLO_DISTRICT_WEIGHTS.draw(rng) for _ in range(count)]
    else:
        districts = [""] * count
    districts.sort()  # systems export office by office, each in journal-number order
    offices = {d: caseworkers(rng, office_size(districts.count(d))) for d in sorted(set(districts))}
    journals = sorted(journal_numbers(rng, count))
    version = f"{form.year % 100:02d}"
    records: list[Record] = []
    people: list[Person] = []
    for index, (office, journal) in enumerate(zip(districts, journals, strict=True)):
        values, person = maker.record(returning[index] if index < len(returning) else None)
        values["KOMMUNE_NR"] = municipality
        values["VERSION"] = version
        values["BYDELSNR"] = office
        values["PERSON_JOURNALNR"] = journal
        values["SAKSBEHANDLER"] = rng.choice(offices[office])
        records.append(values)
        people.append(person)
    return records, people


def _fires(chosen: ErrorInjector, form: FormDefinition) -> frozenset[str]:
    malformed = any(form.has(name) for name in chosen.malformed)
    if malformed and layout_check_runs(form):
        return chosen.fires | {LAYOUT_CHECK}
    return chosen.fires


def _plan(
    form: FormDefinition,
    errors: int | Sequence[str],
    values: list[Record],
    excluded: set[int],
    shop: Workshop,
) -> Plan:
    """Which mistake goes on which records (each record takes at most one)."""
    placer = Placer(values, excluded, shop)
    if isinstance(errors, int):
        if errors < 0:
            raise ValueError(f"errors must not be negative, not {errors}")
        return placer.draw(applicable(form, shop.municipality), errors)
    return placer.place([_usable(injector(form.form, i), form, shop.municipality) for i in errors])


def _usable(chosen: ErrorInjector, form: FormDefinition, municipality: str) -> ErrorInjector:
    if not chosen.applies(form, municipality):
        raise ValueError(
            f"feiltypen «{chosen.id}» kan ikke brukes i {form.key} for kommune {municipality}"
        )
    return chosen
