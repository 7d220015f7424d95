"""File names given by browsers and vendor systems are made harmless."""

from __future__ import annotations

import pytest

from kostra.intake.files import UNNAMED, safe_file_name


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("soshjelp.txt", "soshjelp.txt"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Uttrekk\\Sosialhjelp 2025.txt", "Sosialhjelp 2025.txt"),
        ("rapport\x00\x1b[31m.txt", "rapport[31m.txt"),
        ("bidrag\u202eexe.txt", "bidragexe.txt"),  # right-to-left override
        ("", UNNAMED),
        (None, UNNAMED),
        ("..", UNNAMED),
        ("a" * 500, "a" * 200),
        ("Tromsø – Romsa.dat", "Tromsø – Romsa.dat"),
    ],
)
def test_safe_file_name(given: str | None, kept: str) -> None:
    assert safe_file_name(given) == kept
