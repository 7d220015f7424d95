"""Synthetic answers to the web forms: deterministic, passing every control, stable over the years."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from random import Random

import pytest

from kostra.catalog import load
from kostra.controls import Severity, webform
from kostra.intake.totals import predecessors
from kostra.records.answers import Answers, from_bytes
from kostra.registry import OSLO, ReportingUnit, population_in
from kostra.synth import answer_errors
from kostra.synth.answer_files import write_answers
from kostra.synth.answers import EDUCATION, WEB_FORMS, answers, state_rates, units

SEED = 4
BERGEN, HALDEN_2023, HALDEN = ReportingUnit("4601"), ReportingUnit("3001"), ReportingUnit("3101")
GAMLE_OSLO, OSLO_WHOLE = ReportingUnit(OSLO, "01"), ReportingUnit(OSLO)


@cache
def _year(form: str, year: int) -> dict[str, Answers]:
    return {unit.code: answers(form, year, unit, SEED) for unit in units(form, year)}


def _last_year(form: str, year: int, unit: ReportingUnit) -> Answers | None:
    """What the store compares with: the single predecessor's answers of the year before."""
    parts = predecessors(unit, year)
    return _year(form, year - 1).get(parts[0][0].code) if len(parts) == 1 else None


def test_same_seed_same_answers_another_seed_others() -> None:
    assert answers("7", 2025, BERGEN, seed=1) == answers("7", 2025, BERGEN, seed=1)
    assert answers("12", 2025, BERGEN, seed=1) != answers("12", 2025, BERGEN, seed=2)


@pytest.mark.parametrize("form", WEB_FORMS)
@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_every_unit_passes_the_controls_and_seldom_warns(form: str, year: int) -> None:
    """No answer set gives an error, with last year's answers to compare with (across the 2024
    renumbering too); fewer than one unit in twenty gets a warning."""
    definition = load(form, year)
    warned = []
    for unit in units(form, year):
        report = webform.check(
            _year(form, year)[unit.code], definition, unit, _last_year(form, year, unit)
        ).report
        errors = [f.rule for f in report.findings if f.severity.blocks_submission]
        assert not errors, (unit.code, errors)
        if report.findings:
            warned.append(unit.code)
    assert len(warned) < 0.05 * len(units(form, year)), warned


@pytest.mark.parametrize(
    ("form", "year", "present", "absent"),
    [
        ("7", 2022, {"OKRAD_SAKER"}, {"OKRAD_UTEN_SOSHJ", "ARSVERK_242"}),
        ("7", 2025, {"OKRAD_UTEN_SOSHJ"}, {"ARSVERK_242", "TELEFON"}),
        ("7B", 2022, {"PLAN"}, {"PLAN_UTLOPER"}),
        ("12", 2023, {"UTENFOR_GRUNNSTONAD"}, {"REGULERING"}),
        ("12", 2024, {"REGULERING"}, {"UTENFOR_GRUNNSTONAD"}),
    ],
    ids=["7-2022", "7-2025", "7B-2022", "12-2023", "12-2024"],
)
def test_questions_follow_the_years_definition(
    form: str, year: int, present: set[str], absent: set[str]
) -> None:
    made = answers(form, year, BERGEN, SEED)
    assert present <= set(made)
    assert not absent & set(made)
    assert set(made) <= {f.name for f in load(form, year).fields if not f.sum_of}


def test_conditional_questions_are_answered_only_when_asked() -> None:
    for made in _year("7B", 2025).values():
        assert ("PLAN_UTLOPER" in made) is made["PLAN"]
        assert ("SAMARBEID_ANTALL" in made) is made["SAMARBEID"]
    for made in _year("7", 2025).values():
        assert ("UTEKONTAKT_ARSVERK" in made) is made["UTEKONTAKT"]
    for made in _year("12", 2025).values():
        assert ("BOUTGIFT_ENSLIG" in made) is made["BOUTGIFT_GRENSE"]


def test_each_form_has_its_own_units() -> None:
    assert {GAMLE_OSLO.code, OSLO_WHOLE.code} <= set(_year("7", 2025))
    assert OSLO_WHOLE.code in _year("7B", 2025) and GAMLE_OSLO.code not in _year("7B", 2025)
    oslo = _year("7", 2025)[OSLO]  # what is run centrally; the districts report the rest
    assert oslo["OKRAD_ARSVERK"] == 0 and oslo["ARSVERK_I_NAV"] == 0 and oslo["ARSVERK_243"] > 0


def test_figures_scale_with_the_units_inhabitants() -> None:
    staff = {
        code: sum(made[name] for name, _ in EDUCATION) for code, made in _year("7", 2025).items()
    }
    per_1000 = [
        staff[u.code] * 1000 / population_in(u.code, 2026, low=18)
        for u in units("7", 2025)
        if u != OSLO_WHOLE and population_in(u.code, 2026) > 5_000
    ]
    assert min(per_1000) >= 0.3 and max(per_1000) <= 1.5
    assert staff[BERGEN.code] > 20 * staff["1151"]  # Bergen against Utsira
    costs = [
        made["KOSTNADER"] / population_in(code, 2026) for code, made in _year("7B", 2025).items()
    ]
    assert min(costs) >= 40 and max(costs) <= 140  # 40–120 kr in 2022, prices up 3 % a year


def test_rates_are_near_the_states_and_most_follow_them() -> None:
    state = state_rates(2025)
    made = _year("12", 2025).values()
    following = [m for m in made if m["FOLGER_STATEN"] == "1"]
    assert 0.5 < len(following) / len(made) < 0.7
    for rates in following:
        assert {k: rates[k] for k in state} == state
        assert all(rates[k] for k in rates if k.startswith("DEKKER_"))
    # About 10 % off the state's, or off last year's where regulated every other year.
    assert all(0.85 * state[k] <= m[k] <= 1.13 * state[k] for m in made for k in state)


def test_a_renumbered_municipality_keeps_its_profile() -> None:
    before, after = answers("12", 2023, HALDEN_2023, SEED), answers("12", 2024, HALDEN, SEED)
    assert before["ANSVARLIG"] == after["ANSVARLIG"]
    assert before["FOLGER_STATEN"] == after["FOLGER_STATEN"]


def _applicable(mistake: answer_errors.AnswerMistake) -> tuple[ReportingUnit, Answers]:
    definition = load(mistake.form, 2025)
    for unit in units(mistake.form, 2025):
        changed = mistake.change(_year(mistake.form, 2025)[unit.code], definition)
        if changed is not None:
            return unit, changed
    raise AssertionError(f"{mistake.id} fits no unit")


@pytest.mark.parametrize("mistake", answer_errors.MISTAKES, ids=lambda m: m.id)
def test_each_mistake_makes_exactly_its_rules_fire(mistake: answer_errors.AnswerMistake) -> None:
    unit, changed = _applicable(mistake)
    report = webform.check(changed, load(mistake.form, 2025), unit).report
    assert {f.rule for f in report.findings} == mistake.fires
    assert max(f.severity.rank for f in report.findings) == mistake.severity.rank


def test_written_answers_hold_the_mistakes_the_manifest_names(tmp_path: Path) -> None:
    clean = write_answers(tmp_path / "clean", 2025, seed=SEED, wanted={"0301", "4601", "1103"})
    wrong = write_answers(
        tmp_path / "wrong", 2025, seed=SEED, error_rate=0.02, wanted={"0301", "4601", "1103"}
    )
    assert [(w.unit, w.form) for w in wrong] == [(c.unit, c.form) for c in clean]
    assert len(clean) == (15 + 1 + 2) + 3 + 3  # 7: the districts, Oslo and two more; 7B; 12
    placed = [w for w in wrong if w.mistake is not None]
    assert placed and all(c.mistake is None for c in clean)
    for before, after in zip(clean, wrong, strict=True):
        data = (tmp_path / "wrong" / after.file).read_bytes()
        if after.mistake is None:
            assert data == (tmp_path / "clean" / before.file).read_bytes()
            continue
        report = webform.check(from_bytes(data), load(after.form, 2025), after.unit).report
        assert {f.rule for f in report.findings} == set(after.fires)
        assert json.loads(data) != json.loads((tmp_path / "clean" / before.file).read_bytes())


def test_placing_a_mistake_is_none_when_none_fits() -> None:
    made = {"ANSVARLIG": "Kari Hansen"}
    assert answer_errors.place(made, load("12", 2025), Random(1)) is None
    assert answer_errors.find("satser-byttet").severity is Severity.ERROR
