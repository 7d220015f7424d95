"""The rule registry: the same controls, ids, severities and order as SSB's program; messages
that name only what they may; a rule list for staff and vendors that is up to date."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

import pytest

from kostra.catalog import available, load
from kostra.controls import Context, declared, rules_for
from kostra.controls.engine import IDENTITY_FIELDS
from kostra.controls.messages import CONTEXT_KEYS, context_values
from kostra.controls.rule import Rule, RuleFamily
from tests.ssb_catalogue import ssb_controls

ROOT = Path(__file__).resolve().parents[2]
FORMS = ("11F", "11CF")


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
        assert not names & IDENTITY_FIELDS, f"{rule.id} would show an identity number"
        assert not set(rule.values) & IDENTITY_FIELDS


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
