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
