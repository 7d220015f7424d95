"""Random small tables: JSON-stat round-trips exactly and passes the official schema, PX gives
every figure and symbol back to pyaxis, and every writer's bytes depend only on the table."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings

from kostra.publish.csv import to_csv
from kostra.publish.dataset import Dataset
from kostra.publish.jsonstat import from_jsonstat, to_jsonstat
from kostra.publish.px import to_px
from tests.publish.samples import SOCIAL_ASSISTANCE, datasets
from tests.publish.test_jsonstat import VALIDATOR
from tests.publish.test_px import expected_cells, read_cells, read_px


def shuffled(dataset: Dataset) -> Dataset:
    """The same table, its statuses inserted in the opposite order."""
    return Dataset(**{**dataset.__dict__, "status": dict(reversed(dataset.status.items()))})


@settings(max_examples=80, deadline=None)
@given(datasets())
def test_jsonstat_round_trips_exactly(dataset: Dataset) -> None:
    data = to_jsonstat(dataset)
    assert from_jsonstat(data) == dataset
    assert to_jsonstat(from_jsonstat(data)) == data
    assert to_jsonstat(shuffled(dataset)) == data
    assert [error.message for error in VALIDATOR.iter_errors(json.loads(data))] == []


@settings(max_examples=40, deadline=None)
@given(datasets())
def test_px_gives_every_figure_and_symbol_back(dataset: Dataset) -> None:
    data = to_px(dataset, matrix="X")
    assert to_px(shuffled(dataset), matrix="X") == data
    with tempfile.TemporaryDirectory() as folder:
        parsed = read_px(data, Path(folder))
    assert read_cells(parsed, dataset) == expected_cells(dataset, dataset.values)


@settings(max_examples=40, deadline=None)
@given(datasets())
def test_csv_depends_only_on_the_table(dataset: Dataset) -> None:
    assert to_csv(shuffled(dataset)) == to_csv(dataset)


DIGESTS = """
import hashlib
from kostra.publish.csv import to_csv
from kostra.publish.jsonstat import to_jsonstat
from kostra.publish.px import to_px
from tests.publish.samples import SOCIAL_ASSISTANCE as table
for data in (to_jsonstat(table), to_csv(table), to_px(table, matrix="S")):
    print(hashlib.sha256(data).hexdigest())
"""


def test_the_bytes_do_not_depend_on_the_process() -> None:
    """Another interpreter, with another string hash seed, writes the same bytes."""
    root = Path(__file__).parents[2]
    environment = {**os.environ, "PYTHONHASHSEED": "4711", "PYTHONPATH": str(root)}
    run = subprocess.run(
        [sys.executable, "-c", DIGESTS], capture_output=True, text=True, env=environment, check=True
    )
    here = [
        hashlib.sha256(data).hexdigest()
        for data in (
            to_jsonstat(SOCIAL_ASSISTANCE),
            to_csv(SOCIAL_ASSISTANCE),
            to_px(SOCIAL_ASSISTANCE, matrix="S"),
        )
    ]
    assert run.stdout.split() == here
