"""A synthetic year's answers to the web forms: one file per unit and form, some with a mistake.

Written under the year's folder as `answers/<form>/<unit>.json`, named by the unit's region code
(`4601`; `030101` for an Oslo district; `0301` for Oslo as a whole), in canonical bytes
(`records.answers.to_bytes`): exactly what the unit delivers. With an error rate r, each answered
question is wrong with probability r, and a unit's form holds at most one mistake (drawn from
`answer_errors`): 20 answers at r = 0.003 are wrong about one time in 17. The clean answers are
the same whatever the error rate, so a year made without errors holds the corrected answers.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

from kostra.catalog import available, load
from kostra.records.answers import to_bytes
from kostra.registry import ReportingUnit
from kostra.synth import answer_errors
from kostra.synth.answers import WEB_FORMS, answers, units

FOLDER = "answers"
MAX_ERROR_SHARE = 0.25  # at most this share of the units' forms hold a mistake


@dataclass(frozen=True)
class WrittenAnswers:
    """What was written for one unit, web form and year."""

    unit: ReportingUnit
    year: int
    form: str
    file: str  # relative to the year's folder
    questions: int  # questions answered
    mistake: str | None = None  # the mistake placed, if any
    fires: tuple[str, ...] = ()  # the rules it makes fire (besides comparisons with last year)

    @property
    def errors(self) -> int:
        """Mistakes placed (0 or 1)."""
        return 0 if self.mistake is None else 1

    def to_dict(self, vendor: str) -> dict[str, Any]:
        """The manifest's entry (`vendor`: the municipality's case-handling system)."""
        return {
            "form": self.form,
            "unit": self.unit.code,
            "municipality": self.unit.municipality,
            "district": self.unit.district,
            "name": self.unit.name(self.year),
            "vendor": vendor,
            "file": self.file,
            "questions": self.questions,
            "errors_placed": self.errors,
            "mistake": self.mistake,
            "expected": list(self.fires),
        }


def path_of(form: str, unit: ReportingUnit) -> str:
    """Where a unit's answers to `form` are written, relative to the year's folder."""
    return f"{FOLDER}/{form}/{unit.code}.json"


def write_answers(
    folder: Path,
    year: int,
    *,
    seed: int = 0,
    error_rate: float = 0.0,
    wanted: Collection[str] | None = None,
) -> tuple[WrittenAnswers, ...]:
    """Write every unit's answers to every web form defined for `year` into `folder` (the year's
    folder); `wanted` limits the units to these municipality numbers (all of Oslo for 0301)."""
    written = []
    for form in WEB_FORMS:
        if year not in available().get(form, ()):
            continue
        definition = load(form, year)
        (folder / FOLDER / form).mkdir(parents=True, exist_ok=True)
        for unit in units(form, year):
            if wanted is not None and unit.municipality not in wanted:
                continue
            made = answers(form, year, unit, seed)
            rng = Random(f"kostra-synth:{seed}:{year}:{unit.code}:{form}:mistake")
            share = min(MAX_ERROR_SHARE, 1 - (1 - error_rate) ** len(made))
            placed = answer_errors.place(made, definition, rng) if rng.random() < share else None
            name = path_of(form, unit)
            if placed is None:
                (folder / name).write_bytes(to_bytes(made))
                written.append(WrittenAnswers(unit, year, form, name, len(made)))
                continue
            wrong, mistake = placed
            (folder / name).write_bytes(to_bytes(wrong))
            fires = tuple(sorted(mistake.fires))
            written.append(WrittenAnswers(unit, year, form, name, len(wrong), mistake.id, fires))
    return tuple(written)
