"""Every setting is documented in docs/portal.md or docs/production.md (as datasette's test_docs
does for its settings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kostra.settings import Settings

DOCS = [
    Path(__file__).resolve().parent.parent / "docs" / name
    for name in ("portal.md", "production.md")
]


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_setting_is_documented(name: str) -> None:
    assert any(f"`KOSTRA_{name.upper()}`" in path.read_text("utf-8") for path in DOCS)


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_setting_has_help(name: str) -> None:
    assert Settings.model_fields[name].description


ROOT = Path(__file__).resolve().parent.parent


def _places() -> list[str]:
    """The paths the concept table of ARCHITECTURE.md names (`controls/registry.py`, …)."""
    text = (ROOT / "ARCHITECTURE.md").read_text("utf-8")
    table = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    found = []
    for line in table:
        place = line.rsplit("|", 2)[-2]
        for quoted in place.split("`")[1::2]:
            if "/" in quoted and not quoted.startswith("KOSTRA"):
                found.append(quoted)
    return found


@pytest.mark.parametrize("place", _places())
def test_architecture_names_places_that_exist(place: str) -> None:
    """ARCHITECTURE.md is kept true: every file and folder its table names exists."""
    path = place.replace("<form>/<year>.yaml", "").replace("*.yaml", "")
    assert (ROOT / "src" / "kostra" / path).exists(), place
