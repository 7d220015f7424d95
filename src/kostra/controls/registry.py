"""Which controls run for which form: each form's program lists them, in SSB's run order.

A control holds from its `since` year on (to its `until` year where SSB retired it), so a new
reporting year's definition gets every control in force without touching a rule. A control in
force whose fields the year's layout lacks does not run, and `skipped` says so and why.
"""

from __future__ import annotations

from functools import cache

from kostra.catalog import FormDefinition, UnknownForm, UnknownYear, load
from kostra.controls.programs import find, program
from kostra.controls.rule import AnyRule, NotApplicable, Rule


def has_rules(form_id: str) -> bool:
    """Whether kostra has a control program for `form_id`."""
    return find(form_id) is not None


def declared(form_id: str) -> tuple[AnyRule, ...]:
    """The controls declared for a form, as written (a family such as K002 is one entry)."""
    return program(form_id).rules


def in_force(form_id: str, year: int) -> tuple[AnyRule, ...]:
    """The controls of a form that hold in reporting year `year`, as declared."""
    return tuple(entry for entry in declared(form_id) if entry.in_force(year))


def skipped(form: FormDefinition) -> tuple[NotApplicable, ...]:
    """The declared controls that do not run on `form`, each with the reason: not in force in its
    year (introduced later, retired earlier), or fields missing from its layout."""
    return tuple(
        NotApplicable(entry, reason)
        for entry in declared(form.form)
        if (reason := entry.not_run_because(form)) is not None
    )


def rules_for(form: FormDefinition) -> tuple[Rule, ...]:
    """The rules that run on `form` in its year, in run order, families expanded per field."""
    try:
        catalogued = load(form.form, form.year) is form
    except (UnknownForm, UnknownYear):
        catalogued = False
    return _catalogued_rules(form.form, form.year) if catalogued else _expanded(form)


@cache
def _catalogued_rules(form_id: str, year: int) -> tuple[Rule, ...]:
    """Expanded once per form and year of the catalog (a file per unit needs them each time)."""
    return _expanded(load(form_id, year))


def _expanded(form: FormDefinition) -> tuple[Rule, ...]:
    return tuple(rule for entry in declared(form.form) for rule in entry.expand(form))
