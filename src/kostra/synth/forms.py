"""How synth makes each extract form's files: one row per form, the one place synth tells the
extract forms apart.

A row says who makes the form's records, the oldest person its files hold, the share of persons
known only by a DUF number, who is likely met again next year and who then comes back, what is
counted in a file (`tally.py`), which mistakes can be placed (`errors_11f.py`, `errors_11cf.py`)
and which counts `kostra synth` shows against their targets. Every extract form with a program
(`controls.programs.extract_forms`) has a row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from random import Random
from typing import Protocol

from kostra.catalog import FormDefinition
from kostra.synth import errors_11cf, errors_11f, qualification, social_assistance, tally
from kostra.synth.injector import ErrorInjector
from kostra.synth.layout import Record
from kostra.synth.people import IdentityFactory, Person


class RecordMaker(Protocol):
    """Makes a form's records one by one (`SocialAssistance`, `Qualification`)."""

    def record(self, person: Person | None = None) -> tuple[Record, Person]:
        """One record's values (envelope fields left to the caller) and who it is about."""
        ...


# (the year's definition, identities, random source, municipality, DUF-only share) → the maker
MakerFactory = Callable[[FormDefinition, IdentityFactory, Random, str, float], RecordMaker]
Shown = tuple[tuple[str, str | None], ...]  # (count, divided by) shown against its target


@dataclass(frozen=True)
class SynthForm:
    """How synth makes one extract form's files."""

    form: str
    maker: MakerFactory
    oldest: int  # the oldest person a file holds: someone older does not come back next year
    duf_only: float  # share of persons known only by a DUF number in a whole synthetic year
    continues: Callable[[Record], bool]  # likely to be met again next year
    comes_back: Callable[[Random, bool], bool]  # whether a case comes back, given `continues`
    count: Callable[[int, Sequence[Record], Sequence[Person]], Counter[str]]  # a file's counts
    injectors: tuple[ErrorInjector, ...]  # the mistakes that can be placed, in catalogue order
    shown: Shown  # the counts `kostra synth` shows against their targets


def _social_assistance(
    form: FormDefinition, identities: IdentityFactory, rng: Random, municipality: str, duf: float
) -> RecordMaker:
    return social_assistance.SocialAssistance(form, identities, rng, duf_only=duf)


def _qualification(
    form: FormDefinition, identities: IdentityFactory, rng: Random, municipality: str, duf: float
) -> RecordMaker:
    return qualification.Qualification(form, identities, rng, municipality)


SOCIAL_ASSISTANCE = SynthForm(
    form="11F",
    maker=_social_assistance,
    oldest=social_assistance.OLDEST,
    duf_only=0.004,  # a few foreign nationals
    continues=lambda record: bool(record.get("STMND_12", "").strip()),  # support in December
    comes_back=lambda rng, continues: rng.random() < (0.62 if continues else 0.3),
    count=tally.social_assistance,
    injectors=errors_11f.INJECTORS,
    shown=(
        (tally.CASES, None),
        (tally.PAID, None),
        (tally.MONTHS, tally.CASES),
        (tally.LONG_TERM, tally.CASES),
        (tally.AGED_18_24, tally.CASES),
        (tally.MAIN_INCOME_ASSISTANCE, tally.CASES),
        (tally.MAIN_INCOME_WORK, tally.CASES),
        (tally.WITH_CHILDREN, tally.CASES),
    ),
)
QUALIFICATION = SynthForm(
    form="11CF",
    maker=_qualification,
    oldest=qualification.OLDEST,
    duf_only=0.0,  # 11CF has no DUF number
    continues=lambda record: record.get("STATUS") in {"1", "2"},  # in the programme, or on leave
    comes_back=lambda rng, continues: continues,  # everyone still in the programme, no one else
    count=tally.qualification,
    injectors=errors_11cf.INJECTORS,
    shown=((tally.PARTICIPANTS, None), (tally.KVP_PAID, None), (tally.COMPLETED, None)),
)

FORMS: dict[str, SynthForm] = {row.form: row for row in (SOCIAL_ASSISTANCE, QUALIFICATION)}


def synth_form(form: str) -> SynthForm:
    """How synth makes `form`'s files; ValueError for a form it makes no extracts of."""
    try:
        return FORMS[form]
    except KeyError:
        known = " og ".join(FORMS)
        raise ValueError(f"syntetiske uttrekk lages for {known}, ikke for skjema {form}") from None
