"""Synth's table of extract forms: a row for every extract form kostra has a program for."""

from __future__ import annotations

import pytest

from kostra.controls.programs import extract_forms
from kostra.synth import injectors
from kostra.synth.forms import FORMS, synth_form


def test_every_extract_form_has_a_row() -> None:
    assert tuple(FORMS) == extract_forms()


@pytest.mark.parametrize("form", extract_forms())
def test_a_forms_row_names_its_injectors(form: str) -> None:
    assert synth_form(form).injectors == injectors(form)


def test_synth_makes_no_extract_of_a_web_form() -> None:
    with pytest.raises(ValueError, match=r"ikke for skjema 7$"):
        synth_form("7")
    assert injectors("7") == ()
