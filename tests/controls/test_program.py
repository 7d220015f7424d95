"""The control program builds its record controls once per form and year: that is only right if
no control's expression depends on who delivers the file."""

from __future__ import annotations

import pytest

from kostra.catalog import available, load
from kostra.controls import Context, Stage, rules_for
from kostra.controls.engine import failure_masks
from kostra.controls.programs import extract_forms
from tests.builders import line, run

FORMS_AND_YEARS = [(form, year) for form in extract_forms() for year in available()[form]]


@pytest.mark.parametrize(("form", "year"), FORMS_AND_YEARS)
def test_record_controls_do_not_depend_on_the_delivering_unit(form: str, year: int) -> None:
    definition = load(form, year)
    rules = [r for r in rules_for(definition) if r.stage is Stage.RECORDS]
    oslo = failure_masks(rules, Context(form=definition, municipality="0301", district="01"))
    bergen = failure_masks(rules, Context(form=definition, municipality="4601"))
    assert [str(e) for e in oslo] == [str(e) for e in bergen]


def test_the_municipality_check_uses_the_delivering_municipality() -> None:
    # The same clean Oslo record, checked as delivered by Oslo and then by Bergen.
    record = line(load("11CF", 2025))
    assert "K003A" not in {f.rule for f in run([record], "11CF", municipality="0301").findings}
    assert "K003A" in {f.rule for f in run([record], "11CF", municipality="4601").findings}
