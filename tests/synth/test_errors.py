"""Injected errors are found exactly: the control program's findings equal the expected ones."""

from __future__ import annotations

import pytest

from kostra.catalog import load
from kostra.controls import declared
from kostra.synth import generate, injectors
from kostra.synth.errors import applicable

from .conftest import control, found

CASES = [
    (form, year, municipality)
    for form in ("11F", "11CF")
    for year in range(2022, 2027)
    for municipality in ("0301", "4601")
]
IDS = [f"{f}-{y}-{m}" for f, y, m in CASES]


@pytest.mark.parametrize(("form", "year", "municipality"), CASES, ids=IDS)
@pytest.mark.parametrize("seed", [1, 2])
def test_random_errors_are_found_exactly(
    form: str, year: int, municipality: str, seed: int
) -> None:
    made = generate(form, year, municipality, 160, seed=seed, errors=25)
    assert len(made.injections) == 25
    assert found(control(made)) == set(made.expected)


@pytest.mark.parametrize(("form", "year", "municipality"), CASES, ids=IDS)
def test_every_kind_of_error_is_found_exactly(form: str, year: int, municipality: str) -> None:
    kinds = [i.id for i in applicable(load(form, year), municipality) if not i.fatal]
    made = generate(form, year, municipality, 300, seed=7, errors=kinds)
    assert [i.injector for i in made.injections] == kinds
    report = control(made)
    assert found(report) == set(made.expected)
    for injection in made.injections:  # each mistake is seen on its own line(s)
        assert any(line in injection.lines for line, _ in made.expected), injection


@pytest.mark.parametrize("form", ["11F", "11CF"])
@pytest.mark.parametrize("year", [2024, 2026])
def test_broken_lines_stop_the_run_at_k001(form: str, year: int) -> None:
    kinds = ["line-cut-short", "line-too-long", "line-with-tab", "sex-invalid"]
    made = generate(form, year, "0301", 40, seed=3, errors=kinds)
    broken = {line for i in made.injections[:3] for line in i.lines}
    assert set(made.expected) == {(line, "K001") for line in broken}
    assert found(control(made)) == set(made.expected)


def test_a_moderate_file_with_errors() -> None:
    made = generate("11F", 2025, "0301", 4000, seed=11, errors=60, line_ending="\r\n")
    assert found(control(made)) == set(made.expected)


@pytest.mark.parametrize("form", ["11F", "11CF"])
def test_catalogue_is_sound(form: str) -> None:
    ids = [i.id for i in injectors(form)]
    assert len(ids) == len(set(ids))
    rule_ids = {entry.id for entry in declared(form)}
    for injector in injectors(form):
        assert injector.description.endswith(".")
        assert injector.fires and injector.fires <= rule_ids, injector.id
        assert (injector.mutate is None) != (injector.damage is None), injector.id
    covered = {rule for i in injectors(form) for rule in i.fires}
    covered |= {"K002"} if any(i.malformed for i in injectors(form)) and form == "11F" else set()
    assert rule_ids - covered == {"K000"}  # every control except the attachment flag is exercised


def test_impossible_requests_are_refused() -> None:
    with pytest.raises(ValueError, match="fikk plass"):
        generate("11F", 2025, "0301", 3, errors=10)
    with pytest.raises(ValueError, match="kan ikke brukes"):
        generate("11CF", 2025, "0301", 10, errors=["journal-duplicate"])  # Oslo is exempt
    with pytest.raises(LookupError, match="ukjent feiltype"):
        generate("11F", 2025, "0301", 10, errors=["no-such-error"])
