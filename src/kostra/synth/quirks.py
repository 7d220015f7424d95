"""Findings SSB's control program gives on records that are right: known quirks, expected.

Two of SSB's rules fire on realistic records (control catalogue, section 11): 11F's
file-description check (K002) wants BYDELSNR filled from 2025 while K003B wants it blank outside
Oslo, so every 11F record outside Oslo gets a K002 finding; and a recipient known only by a DUF
number (no fødselsnummer) gets K005 and, in 11F, K006 (age unknown counts as −1). A synthetic
extract reports these among its expected findings, so tests compare against the whole truth.
"""

from __future__ import annotations

from functools import cache

from kostra.catalog import FormDefinition, load
from kostra.controls import rules_for
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
    for name in _mandatory(form.form, form.year):
        value = record.get(name, "")
        if not value or (value.isspace() and is_blank(value)):
            return True
    return False


def duf_only_findings(form: FormDefinition) -> frozenset[str]:
    """What a record with a DUF number but no fødselsnummer gets (only 11F has a DUF field)."""
    return frozenset({"K005", "K006"}) if form.form == "11F" else frozenset({"K005"})
