"""`make demo`: a synthetic reporting year, and what a municipality does before it submits.

Makes a synthetic reporting year for the whole country with `kostra synth` (an 11F and an 11CF
extract for every municipality, Oslo per district, about one mistake per hundred records) and
shows how it adds up against the published national figures; then runs the control program with
the `kostra` command, as a reporter would, on Gamle Oslo's 11F extract (prints the error list and
writes the printable HTML version) and on a municipality's 11CF extract without mistakes.

Usage: python scripts/demo.py OUTPUT_FOLDER
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

YEAR = 2025
console = Console(highlight=False)


def _kostra() -> str:
    here = Path(sys.executable).parent / "kostra"
    return str(here) if here.exists() else "kostra"


def _control(path: Path, form: str, html: Path, municipality: str, district: str | None) -> int:
    command = [_kostra(), "control", str(path), "--form", form, "--year", str(YEAR)]
    command += ["--municipality", municipality, "--html", str(html)]
    if district:
        command += ["--district", district]
    console.rule(f"[bold]$ kostra {' '.join(command[1:])}")
    return subprocess.run(command, check=False).returncode


def _synthesize(folder: Path) -> dict[str, Any]:
    command = [_kostra(), "synth", "--year", str(YEAR), "--out", str(folder), "--seed", "2025"]
    command += ["--error-rate", "0.01"]
    console.rule(f"[bold]$ kostra {' '.join(command[1:])}")
    if subprocess.run(command, check=False).returncode != 0:
        raise SystemExit("kostra synth failed")
    manifest: dict[str, Any] = json.loads((folder / str(YEAR) / "manifest.json").read_text("utf-8"))
    return manifest


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    console.print(
        f"Lager en syntetisk rapporteringsårgang {YEAR} for hele landet: ett 11F- og ett "
        "11CF-uttrekk per kommune (Oslo per bydel), med om lag én feil per hundre poster."
    )
    manifest = _synthesize(folder)
    year_folder = folder / str(YEAR)
    oslo = next(u for u in manifest["units"] if u["region"] == "030101")
    social_file = year_folder / oslo["forms"]["11F"]["file"]
    console.print(
        f"\nKontrollerer uttrekket til {oslo['name']} (Oslo), skjema 11F: "
        f"{oslo['forms']['11F']['records']} mottakere, "
        f"{oslo['forms']['11F']['errors_placed']} innlagte feil → {social_file}"
    )
    social_html = folder / f"feilliste_11F_{YEAR}_030101.html"
    status = _control(social_file, "11F", social_html, "0301", "01")
    console.print(f"\nExit status {status} (1: filen kan ikke sendes inn før feilene er rettet).")

    clean = next(
        u
        for u in manifest["units"]
        if u["forms"]["11CF"]["records"] >= 20 and u["forms"]["11CF"]["errors_placed"] == 0
    )
    qualification_file = year_folder / clean["forms"]["11CF"]["file"]
    qualification_html = folder / f"feilliste_11CF_{YEAR}_{clean['region']}.html"
    console.print(
        f"\nOg uttrekket til {clean['name']}, skjema 11CF, uten innlagte feil: "
        f"{clean['forms']['11CF']['records']} deltakere → {qualification_file}"
    )
    status = _control(
        qualification_file, "11CF", qualification_html, clean["municipality"], clean["district"]
    )
    console.print(f"\nExit status {status} (0: filen kan sendes inn).")

    console.rule("[bold]Ferdig")
    console.print(
        f"Hele årgangen ligger i {year_folder} (manifest.json lister enhetene, og ved hvert "
        "uttrekk ligger fasiten: linje og kontroll for hver innlagte feil).\n"
        f"Feillistene som utskriftsvennlige sider: {social_html} og {qualification_html}\n"
        f"Prøv selv: .venv/bin/kostra control {social_file} --form 11F --year {YEAR} "
        "--municipality 0301 --district 01 --json\n"
        "Flere kommandoer: .venv/bin/kostra --help"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python scripts/demo.py OUTPUT_FOLDER")
    main(Path(sys.argv[1]))
