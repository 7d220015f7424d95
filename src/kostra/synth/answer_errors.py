"""Mistakes in a web form's answers (7, 7B, 12), each with the controls it makes fire.

The web forms' counterpart of the extracts' error injectors (`injector.py`): an id, a
description, the rule ids that must fire, and a change to a unit's clean answers, which returns
None where the mistake cannot be made (a question the year does not ask, or answers it cannot
make wrong this way). The comparison with last year (`-FJOR`) may warn besides: that depends on
last year's answers, not on the mistake. Errors stop a submission; warnings are acknowledged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from random import Random

from kostra.catalog import FormDefinition
from kostra.controls.severity import Severity
from kostra.records.answers import Answers

Change = Callable[[Answers, FormDefinition], Answers | None]


@dataclass(frozen=True)
class AnswerMistake:
    """One kind of mistake a reporter makes on a web form."""

    id: str
    form: str
    description: str
    fires: frozenset[str]  # rule ids that fire (besides comparisons with last year)
    severity: Severity  # the most serious finding it gives
    change: Change


def _has(*names: str) -> Callable[[Answers], bool]:
    return lambda answers: all(name in answers for name in names)


def _set(name: str, value: Callable[[Answers, FormDefinition], object]) -> Change:
    def change(answers: Answers, form: FormDefinition) -> Answers | None:
        return {**answers, name: value(answers, form)} if name in answers else None

    return change


def _drop(name: str) -> Change:
    def change(answers: Answers, form: FormDefinition) -> Answers | None:
        return {k: v for k, v in answers.items() if k != name} if name in answers else None

    return change


def _swap(first: str, second: str) -> Change:
    def change(answers: Answers, form: FormDefinition) -> Answers | None:
        if not _has(first, second)(answers) or answers[first] == answers[second]:
            return None
        return {**answers, first: answers[second], second: answers[first]}

    return change


def _more_in_nav(answers: Answers, form: FormDefinition) -> Answers | None:
    parts = form.field("ARSVERK_242").sum_of if form.has("ARSVERK_242") else ()
    if "ARSVERK_I_NAV" not in answers or not parts:
        return None
    total = sum(answers.get(name, 0.0) for name in parts)
    return {**answers, "ARSVERK_I_NAV": round(total + 1.0, 1)}


def _advice_without_cases(answers: Answers, form: FormDefinition) -> Answers | None:
    if not answers.get("OKRAD_ARSVERK"):
        return None
    changed = {k: v for k, v in answers.items() if k != "OKRAD_UTEN_SOSHJ"}  # no longer asked
    return {**changed, "OKRAD_SAKER": 0}


def _only_state_rates(answers: Answers, form: FormDefinition) -> Answers | None:
    if answers.get("FOLGER_STATEN") != "1" or "DEKKER_MEDIER" not in answers:
        return None
    return {**answers, "DEKKER_MEDIER": False}


# fmt: off
MISTAKES = (
    AnswerMistake("arsverk-i-nav-over-i-alt", "7", "Flere årsverk i NAV-kontoret enn i alt.",
                  frozenset({"7-K07"}), Severity.ERROR, _more_in_nav),
    AnswerMistake("arsverk-ikke-halve", "7", "Årsverk på tvers av stat og kommune er ikke "
                  "oppgitt til nærmeste halve.", frozenset({"7-STEG"}), Severity.ERROR,
                  _set("KOMMUNAL_STATLIG", lambda a, f: a["KOMMUNAL_STATLIG"] + 0.3)),
    AnswerMistake("rusarsverk-mangler", "7", "Årsverk i funksjon 243 er ikke besvart.",
                  frozenset({"7-OBL"}), Severity.ERROR, _drop("ARSVERK_243")),
    AnswerMistake("saker-uten-sosialhjelp-for-mange", "7", "Flere saker uten sosialhjelp enn "
                  "saker i alt.", frozenset({"7-K06"}), Severity.ERROR,
                  _set("OKRAD_UTEN_SOSHJ", lambda a, f: a["OKRAD_SAKER"] + 10)),
    AnswerMistake("radgivning-uten-saker", "7", "Årsverk til økonomisk rådgivning, men ingen "
                  "saker.", frozenset({"7-K05"}), Severity.WARNING, _advice_without_cases),
    AnswerMistake("plasser-over-grensen", "7B", "Plasser for kvinner over det tillatte.",
                  frozenset({"7B-OMR"}), Severity.ERROR, _set("PLASSER_KVINNER", lambda a, f: 900)),
    AnswerMistake("kostnader-mangler", "7B", "Kostnadene er ikke besvart.",
                  frozenset({"7B-OBL"}), Severity.ERROR, _drop("KOSTNADER")),
    AnswerMistake("kostnader-i-tusen", "7B", "Kostnadene er oppgitt i tusen kroner.",
                  frozenset({"7B-K06"}), Severity.WARNING,
                  _set("KOSTNADER", lambda a, f: max(1, round(a["KOSTNADER"] / 1000)))),
    AnswerMistake("plan-utlopt", "7B", "Planperioden utløp før rapporteringsåret.",
                  frozenset({"7B-K03"}), Severity.WARNING,
                  _set("PLAN_UTLOPER", lambda a, f: date(f.year - 1, 12, 31).isoformat())),
    AnswerMistake("satser-byttet", "12", "Satsene for enslige og par står i hverandres felt.",
                  frozenset({"12-K04"}), Severity.ERROR, _swap("SATS_ENSLIG", "SATS_PAR")),
    AnswerMistake("vedtak-etter-aaret", "12", "Vedtaksdatoen ligger etter rapporteringsåret.",
                  frozenset({"12-K02"}), Severity.ERROR,
                  _set("VEDTAK_DATO", lambda a, f: date(f.year + 1, 1, 15).isoformat())),
    AnswerMistake("barnetillegg-byttet", "12", "Tilleggene for de yngste og eldste barna står i "
                  "hverandres felt.", frozenset({"12-K06"}), Severity.WARNING,
                  _swap("SATS_BARN_0_5", "SATS_BARN_11_17")),
    AnswerMistake("statens-satser-dekker-ikke-alt", "12", "Samme beløp som staten, men satsen "
                  "dekker ikke TV-lisens, avis og telefon.", frozenset({"12-K07"}),
                  Severity.WARNING, _only_state_rates),
)
# fmt: on


def mistakes(form: str) -> tuple[AnswerMistake, ...]:
    """The mistakes that can be placed in a web form's answers, in catalogue order."""
    return tuple(m for m in MISTAKES if m.form == form)


def find(mistake_id: str) -> AnswerMistake:
    """The mistake called `mistake_id`; KeyError if there is none."""
    for mistake in MISTAKES:
        if mistake.id == mistake_id:
            return mistake
    raise KeyError(mistake_id)


def place(
    answers: Answers, form: FormDefinition, rng: Random
) -> tuple[Answers, AnswerMistake] | None:
    """`answers` with one mistake drawn from those that can be made in them; None if none can."""
    possible = [
        (mistake, changed)
        for mistake in mistakes(form.form)
        if (changed := mistake.change(answers, form)) is not None
    ]
    if not possible:
        return None
    mistake, changed = rng.choice(possible)
    return changed, mistake
