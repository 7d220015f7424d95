"""The rule registry: the same controls, ids, severities and order as SSB's program; messages
that name only what they may; a rule list for staff and vendors that is up to date."""

from __future__ import annotations

import string
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kostra.catalog import FormDefinition, available, load
from kostra.controls import Context, declared, in_force, rules_for, skipped
from kostra.controls.messages import CONTEXT_KEYS, context_values
from kostra.controls.programs import extract_forms
from kostra.controls.rule import Rule, RuleFamily
from kostra.controls.severity import Severity
from tests.ssb_catalogue import ssb_controls

ROOT = Path(__file__).resolve().parents[2]
FORMS = extract_forms()


@pytest.mark.parametrize("form", FORMS)
def test_every_ssb_control_exists_with_its_id_and_severity(form: str) -> None:
    ours = {(e.id, e.severity.value) for e in declared(form)}
    assert ours == set(ssb_controls(form))


@pytest.mark.parametrize("form", FORMS)
def test_controls_run_in_ssbs_order(form: str) -> None:
    ours = list(dict.fromkeys(e.id for e in declared(form)))
    theirs = list(dict.fromkeys(rule for rule, _ in ssb_controls(form)))
    assert ours == theirs


@pytest.mark.parametrize("form", FORMS)
def test_an_id_is_used_twice_only_for_variants_of_one_control(form: str) -> None:
    entries = declared(form)
    for rule_id in {e.id for e in entries}:
        same = [e for e in entries if e.id == rule_id]
        if len(same) > 1:
            assert all(isinstance(e, Rule) and e.variant for e in same), rule_id
            assert len({e.variant for e in same if isinstance(e, Rule)}) == len(same)


def test_11cf_has_no_layout_check() -> None:
    assert not any(isinstance(e, RuleFamily) for e in declared("11CF"))
    assert any(e.id == "K002" for e in declared("11F"))


ALL = [(form, year) for form in FORMS for year in available()[form]]


@pytest.mark.parametrize(("form", "year"), ALL, ids=[f"{f}-{y}" for f, y in ALL])
def test_messages_name_only_their_fields_values_and_context(form: str, year: int) -> None:
    definition = load(form, year)
    identity = set(definition.identity_fields)
    assert identity, f"{definition.key} declares no identity field"
    assert set(context_values(Context(form=definition, municipality="0301"))) == CONTEXT_KEYS
    for rule in rules_for(definition):
        assert not (set(rule.fields) - {f.name for f in definition.fields}), rule.id
        if callable(rule.message):
            assert rule.description, f"{rule.id}: a message function needs a description"
            continue
        names = {
            name.split("[")[0].split(".")[0]
            for _, name, _, _ in string.Formatter().parse(rule.message)
            if name
        }
        allowed = set(rule.fields) | set(rule.values) | CONTEXT_KEYS
        assert names <= allowed, f"{rule.id}: {names - allowed}"
        assert not names & identity, f"{rule.id} would show an identity number"
        assert not set(rule.values) & identity


@pytest.mark.parametrize(("form", "year"), ALL, ids=[f"{f}-{y}" for f, y in ALL])
def test_every_rule_says_how_to_correct_its_findings(form: str, year: int) -> None:
    """ "Slik retter du det": every control that can stop or warn has advice, in bokmål words a
    case worker acts on, without field codes."""
    for rule in rules_for(load(form, year)):
        if rule.severity is Severity.OK:
            continue
        assert rule.fix, f"{rule.id} {rule.title}: no advice"
        assert rule.fix.endswith(".") and len(rule.fix) < 300, rule.id
        assert not any(name in rule.fix for name in rule.fields), rule.id


@pytest.mark.parametrize(("form", "year"), ALL, ids=[f"{f}-{y}" for f, y in ALL])
def test_every_rule_builds_its_expression_for_every_year(form: str, year: int) -> None:
    definition = load(form, year)
    context = Context(form=definition, municipality="0301")
    for rule in rules_for(definition):
        rule.passes(context)
        for factory in rule.values.values():
            factory(context)


def test_the_rule_list_for_staff_and_vendors_is_up_to_date() -> None:
    generated = subprocess.run(
        [sys.executable, "-m", "kostra.cli", "rules", "doc"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    committed = (ROOT / "docs" / "controls.md").read_text("utf-8")
    assert committed == generated, "run `make docs` and commit docs/controls.md"
    for form in FORMS:
        for entry in declared(form):
            assert f"| {entry.id} |" in generated


# What runs per catalogued (form, year): controls as declared, rules once families are expanded per
# field, and the controls that do not run. Pinned, so that a change to a rule's years or a year's
# layout that changes what runs is seen here, and a year with no controls cannot pass.
RULE_SETS = {
    ("11F", 2022): (51, 120, ("K004A",)),
    ("11F", 2023): (51, 120, ("K004A",)),
    ("11F", 2024): (51, 121, ("K004A",)),
    ("11F", 2025): (52, 142, ()),
    ("11F", 2026): (52, 142, ()),
    ("11CF", 2022): (37, 37, ("K004A",)),
    ("11CF", 2023): (37, 37, ("K004A",)),
    ("11CF", 2024): (37, 37, ("K004A",)),
    ("11CF", 2025): (38, 38, ()),
    ("11CF", 2026): (38, 38, ()),
}


def test_every_catalogued_year_is_pinned() -> None:
    assert set(ALL) == set(RULE_SETS)


@pytest.mark.parametrize(("form", "year"), ALL, ids=[f"{f}-{y}" for f, y in ALL])
def test_rule_set_of_every_catalogued_year(form: str, year: int) -> None:
    definition = load(form, year)
    controls, rules, not_run = RULE_SETS[form, year]
    assert controls > 0 and rules > 0
    assert len(declared(form)) - len(skipped(definition)) == controls
    assert len(rules_for(definition)) == rules
    assert tuple(item.rule.id for item in skipped(definition)) == not_run


def test_a_missing_field_is_said_not_dropped_in_silence() -> None:
    (item,) = skipped(load("11F", 2024))
    assert item.rule.id == "K004A"
    assert item.reason == "feltet FODSELSDATO finnes ikke i 11F 2024"


def _next_year(form: str) -> FormDefinition:
    last = load(form, available()[form][-1])
    return last.model_copy(update={"year": last.year + 1})


@pytest.mark.parametrize("form", FORMS)
def test_a_new_year_gets_every_control_in_force(form: str) -> None:
    new = _next_year(form)
    assert not skipped(new)
    assert len(rules_for(new)) == RULE_SETS[form, new.year - 1][1]
    assert {e.id for e in in_force(form, new.year)} == {e.id for e in declared(form)}


def test_a_rules_years_are_open_ended_unless_retired() -> None:
    base = declared("11F")[-1]
    assert isinstance(base, Rule)
    new = _next_year("11F")
    assert replace(base, since=2022).applies_to(new)
    assert not replace(base, since=new.year + 1).applies_to(new)
    retired = replace(base, until=new.year - 1)
    assert not retired.applies_to(new)
    assert retired.years == f"2022–{new.year - 1}"
    assert base.years == "fra 2022"
