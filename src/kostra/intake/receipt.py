"""The receipt (kvittering) of a submission: what was delivered, when, by whom, and its checksum.

A receipt names one immutable version. Its number says what it is about
(`11F-2025-030101-v3`: form, year, unit, version), and the file's SHA-256 lets the municipality
prove which bytes it delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kostra import text
from kostra.text import time_with_seconds


def receipt_number(form: str, year: int, unit: str, version: int) -> str:
    """`11F-2025-030101-v3`."""
    return f"{form}-{year}-{unit}-v{version}"


@dataclass(frozen=True)
class Receipt:
    """Everything a receipt shows."""

    form: str
    form_title: str
    year: int
    unit: str
    unit_name: str
    version: int
    submitted_at: datetime
    submitted_by: str
    file_name: str | None  # None: a "nothing to report" declaration has no file
    sha256: str | None
    size: int
    records: int
    warnings: int  # warnings the reporter acknowledged
    late: bool
    answers: bool = False  # a web form's answers, not an extract
    answered: str | None = None  # a web form's: `15 av 17 spørsmål besvart`

    @property
    def number(self) -> str:
        """The receipt number."""
        return receipt_number(self.form, self.year, self.unit, self.version)

    def facts(self) -> tuple[tuple[str, str], ...]:
        """The labelled lines of the receipt, in the order shown."""
        lines = [
            ("Kvitteringsnummer", self.number),
            ("Skjema", f"{self.form} {self.form_title}"),
            ("Rapporteringsår", str(self.year)),
            ("Enhet", f"{self.unit} {self.unit_name}"),
            ("Versjon", str(self.version)),
            ("Sendt inn", time_with_seconds(self.submitted_at)),
            ("Sendt inn av", self.submitted_by),
        ]
        if self.file_name is not None and self.answers:
            # The answers are no file to the reporter: no file name, size or records.
            lines.append(("Svar", f"Svar på skjema {self.form} for {self.year}"))
            if self.answered:
                lines.append(("Besvarte spørsmål", self.answered))
            lines += [
                ("SHA-256", self.sha256 or ""),
                ("Advarsler bekreftet", text.number(self.warnings)),
            ]
        elif self.file_name is not None:
            lines += [
                ("Fil", self.file_name),
                ("Størrelse", f"{text.number(self.size)} byte"),
                ("SHA-256", self.sha256 or ""),
                ("Poster", text.number(self.records)),
                ("Advarsler bekreftet", text.number(self.warnings)),
            ]
        lines.append(("Levert etter fristen", "Ja" if self.late else "Nei"))
        return tuple(lines)

    def to_dict(self) -> dict[str, Any]:
        """The receipt for the API."""
        return {
            "number": self.number,
            "form": self.form,
            "year": self.year,
            "unit": self.unit,
            "unit_name": self.unit_name,
            "version": self.version,
            "submitted_at": self.submitted_at.isoformat(),
            "submitted_by": self.submitted_by,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "size": self.size,
            "records": self.records,
            "warnings_acknowledged": self.warnings,
            "late": self.late,
        }
