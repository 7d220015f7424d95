"""The same arguments give the same bytes; the seed, and only the seed, changes the people."""

from __future__ import annotations

from kostra.synth import generate


def test_same_seed_same_bytes_and_expectations() -> None:
    first = generate("11F", 2024, "4601", 80, seed=42, errors=8)
    again = generate("11F", 2024, "4601", 80, seed=42, errors=8)
    assert first.data == again.data
    assert first.expected == again.expected
    assert first.injections == again.injections


def test_another_seed_other_people() -> None:
    assert (
        generate("11CF", 2025, "0301", 30, seed=1).data
        != generate("11CF", 2025, "0301", 30, seed=2).data
    )


def test_errors_leave_the_other_records_as_they_were() -> None:
    clean = generate("11F", 2025, "0301", 50, seed=5).data.splitlines()
    damaged = generate("11F", 2025, "0301", 50, seed=5, errors=5)
    touched = {line for injection in damaged.injections for line in injection.lines}
    changed = {
        number
        for number, (a, b) in enumerate(zip(clean, damaged.data.splitlines(), strict=True), start=1)
        if a != b
    }
    assert changed <= touched
    assert len(changed) >= 4
