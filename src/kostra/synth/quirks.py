"""Findings the control program gives on records that are right: known quirks, expected.

A recipient known only by a DUF number (no fødselsnummer) gets SSB's K006 warning, since an
unknown age counts as −1 (control catalogue 11.2). Where a mandatory field is blank the
file-description check (K002) fires besides the rule the mistake was made for. A synthetic
extract reports these among its expected findings, so tests compare against the whole truth.
"""

from __future__ import annotations

from functools import cache

from kostra.catalog import FormDefinition, load
from kostra.controls import rules_for
from kostra.controls.rules.layout import mandatory_in
from kostra.records.values import is_blank
from kostra.synth.layout import Record

LAYOUT_CHECK = "K002"


def layout_check_runs(form: FormDefinition) -> bool:
    """Whether the file-description check (K002) runs on this form's year."""
    return _layout_check_runs(form.form, form.year)


@cache
def _layout_check_runs(form: str, year: int) -> bool:
    return any(rule.id == LAYOUT_CHECK for rule in rules_for(load(form, year)))


@cache
def _mandatory(form: str, year: int) -> tuple[str, ...]:
    return tuple(f.name for f in load(form, year).fields if f.mandatory)


def blank_mandatory(record: Record, form: FormDefinition) -> bool:
    """Whether the record leaves a field blank that the year's layout makes mandatory."""
    municipality = record.get("KOMMUNE_NR", "")
    for name in _mandatory(form.form, form.year):
        if not mandatory_in(name, municipality):
            continue
        value = record.get(name, "")
        if not value or (value.isspace() and is_blank(value)):
            return True
    return False


def duf_only_findings(form: FormDefinition) -> frozenset[str]:
    """What a record with a DUF number but no fødselsnummer gets (only 11F has a DUF field)."""
    return frozenset({"K006"}) if form.has("PERSON_DUF") else frozenset({"K005"})
