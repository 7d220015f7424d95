"""A release's manifest: exactly what it was made from, so it can be rebuilt byte for byte.

It names every unit's standing delivery of every year held (the submission version and its
SHA-256, or the declaration, or that the unit was missing), the corrections applied, the units
whose negative amounts (loans paid back) were set to zero, the
registry's and the indicator definitions' digests, the method (estimates, suppression
threshold) and kostra's version, the release time, and every file's SHA-256.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from importlib import resources
from typing import Any

from kostra import __version__
from kostra.production.estimates import METHOD
from kostra.production.year import Delivery, Standing

FORMAT = 1


def _digest_of(package: str, folder: str) -> str:
    digest = hashlib.sha256()
    root = resources.files(package).joinpath(folder)
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()


def registry_digest() -> str:
    """SHA-256 over the registry's data files (regions, groups, population, reforms)."""
    return _digest_of("kostra.registry", "data")


def definitions_digest() -> str:
    """SHA-256 over the indicator definitions (basic and key figures)."""
    return _digest_of("kostra.indicators", "definitions")


def _delivery(d: Delivery) -> dict[str, Any]:
    entry: dict[str, Any] = {"unit": d.unit, "form": d.form, "standing": d.standing.value}
    if d.standing is Standing.DELIVERED:
        entry |= {"submission": d.submission, "version": d.version, "sha256": d.sha256,
                  "corrections": [number for number, _ in d.corrections]}  # fmt: skip
    return entry


def manifest(
    *,
    year: int,
    stage: str,
    created_at: datetime,
    deliveries: Mapping[int, Sequence[Delivery]],
    max_n: int,
    files: Mapping[str, str],
    negative_amounts: Mapping[int, Mapping[str, int]] | None = None,
) -> dict[str, Any]:
    """The manifest of a release of `year` (deliveries per year held; files: name → SHA-256;
    per year, the units whose negative amounts were set to zero, and how many)."""
    return {
        "format": FORMAT,
        "year": year,
        "stage": stage,
        "created_at": created_at.isoformat(timespec="seconds"),
        "kostra": __version__,
        "method": {"estimates": METHOD, "suppression_max_n": max_n},
        "registry_sha256": registry_digest(),
        "definitions_sha256": definitions_digest(),
        "years": {str(y): [_delivery(d) for d in deliveries[y]] for y in sorted(deliveries)},
        "negative_amounts": {
            str(y): dict(sorted(units.items()))
            for y, units in sorted((negative_amounts or {}).items())
        },
        "files": dict(sorted(files.items())),
    }


def to_json(document: Mapping[str, Any]) -> bytes:
    """The manifest as the release stores it."""
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
