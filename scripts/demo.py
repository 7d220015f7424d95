"""`make demo`: what a municipality does before it submits, on synthetic data.

Generates an example 11F extract for Oslo, district Gamle Oslo (as a case-handling system would
export it: Windows-1252, CRLF), with a dozen typical mistakes in it; runs the control program on
it with the `kostra` command, as a reporter would; prints the error list and writes the
printable HTML version next to the extract. Then does the same for a clean 11CF file.

Usage: python scripts/demo.py OUTPUT_FOLDER
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rich.console import Console

from kostra.synth import generate

YEAR = 2025
console = Console(highlight=False)


def _kostra() -> str:
    here = Path(sys.executable).parent / "kostra"
    return str(here) if here.exists() else "kostra"


def _control(path: Path, form: str, html: Path) -> int:
    command = [
        _kostra(),
        "control",
        str(path),
        "--form",
        form,
        "--year",
        str(YEAR),
        "--municipality",
        "0301",
        "--district",
        "01",
        "--html",
        str(html),
    ]
    console.rule(f"[bold]$ kostra {' '.join(command[1:])}")
    return subprocess.run(command, check=False).returncode


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)

    social = generate(
        "11F", YEAR, "0301", 400, district="01", seed=2025, errors=12, line_ending="\r\n"
    )
    social_file = folder / f"11F_{YEAR}_030101.txt"
    social_file.write_bytes(social.data)
    console.print(
        f"Laget et eksempel på filuttrekk for skjema 11F {YEAR}, Oslo bydel Gamle Oslo: "
        f"{social.records} mottakere, {len(social.injections)} innlagte feil → {social_file}"
    )
    social_html = folder / f"feilliste_11F_{YEAR}_030101.html"
    status = _control(social_file, "11F", social_html)
    console.print(f"\nExit status {status} (1: filen kan ikke sendes inn før feilene er rettet).")

    qualification = generate("11CF", YEAR, "0301", 60, district="01", seed=2025)
    qualification_file = folder / f"11CF_{YEAR}_030101.txt"
    qualification_file.write_bytes(qualification.data)
    qualification_html = folder / f"feilliste_11CF_{YEAR}_030101.html"
    console.print(
        f"\nOg et filuttrekk for skjema 11CF {YEAR} uten feil: {qualification.records} deltakere "
        f"→ {qualification_file}"
    )
    status = _control(qualification_file, "11CF", qualification_html)
    console.print(f"\nExit status {status} (0: filen kan sendes inn).")

    console.rule("[bold]Ferdig")
    console.print(
        f"Feillistene som utskriftsvennlige sider: {social_html} og {qualification_html}\n"
        f"Prøv selv: .venv/bin/kostra control {social_file} --form 11F --year {YEAR} "
        "--municipality 0301 --district 01 --json\n"
        "Flere kommandoer: .venv/bin/kostra --help"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python scripts/demo.py OUTPUT_FOLDER")
    main(Path(sys.argv[1]))
