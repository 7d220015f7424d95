"""Benchmark: a whole country's extracts, read and controlled, timed (figures, not a test).

Run with `make bench`. It generates, in a temporary folder, a national-scale 11F extract and an
11CF extract with about 1 % realistic errors, then times, best of three runs each:

* read: `kostra.records.read_lines` + `split_fields` (bytes to one column per field);
* control, CLI: `kostra control FILE --form … --json > /dev/null`, as a user runs it;
* control, in-process: `kostra.controls.check`;
* synth, whole country: `kostra synth --year` for every unit, as a user runs it, with one
  process and with one per core (wall-clock time; peak memory not measured);
* control, every unit: the control program on each of that year's files, one after the other
  (the per-file cost on top of the per-record cost above), findings compared with the truth.

Peak memory is the maximum resident set size (ru_maxrss) of the process that did the work: the
CLI's own process, and for the in-process figures a fresh Python process that does only that
step. This script's own process stays small (it imports no kostra module), because on Linux a
child inherits its parent's high-water mark at fork.

The single large file is Oslo's made as large as the country's (a file belongs to one
municipality: K003A compares every record's KOMMUNE_NR with it), to measure the cost per record;
the whole-country year measures what many small files cost besides.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

RUNS = 3
ERROR_RATE = 0.01
YEAR = 2025
MUNICIPALITY = "0301"
EXTRACTS = (("11F", 120_000), ("11CF", 10_000))
# ru_maxrss is in kibibytes on Linux, in bytes on macOS.
MAXRSS_BYTES = 1 if sys.platform == "darwin" else 1024


@dataclass(frozen=True)
class Measure:
    """The best of several timed runs of one step, and the peak memory of its process."""

    step: str
    form: str
    records: int
    seconds: float | None  # None: the step could not run
    peak_bytes: int | None = None
    note: str = ""


def _kostra_command() -> list[str]:
    script = Path(sys.executable).with_name("kostra")
    if script.exists():
        return [str(script)]
    found = shutil.which("kostra")
    return [found] if found else [sys.executable, "-m", "kostra.cli"]


def _best(runs: int, step: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def _peak_of_this_process() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * MAXRSS_BYTES


def _generate(form: str, records: int, path: str) -> dict[str, Any]:
    """In a fresh process: generate the extract, write it, return what must be found."""
    from kostra.synth import generate

    start = time.perf_counter()
    made = generate(form, YEAR, MUNICIPALITY, records, seed=2025, errors=int(records * ERROR_RATE))
    seconds = time.perf_counter() - start
    Path(path).write_bytes(made.data)
    return {
        "seconds": seconds,
        "peak": _peak_of_this_process(),
        "size": len(made.data),
        "errors": len(made.injections),
        "expected": list(made.expected),
    }


def _read(form: str, path: str) -> dict[str, Any]:
    """In a fresh process: time reading the file into one column per field."""
    from kostra.catalog import load
    from kostra.records import read_lines, split_fields

    data = Path(path).read_bytes()
    definition = load(form, YEAR)
    seconds = _best(RUNS, lambda: split_fields(read_lines(data).lines, definition))
    return {"seconds": seconds, "peak": _peak_of_this_process()}


def _check(form: str, path: str, expected: list[tuple[int, str]]) -> dict[str, Any]:
    """In a fresh process: time the control program, and compare its findings with `expected`."""
    from kostra.catalog import load
    from kostra.controls import Context, Report, check

    data = Path(path).read_bytes()
    context = Context(form=load(form, YEAR), municipality=MUNICIPALITY)
    reports: list[Report] = []
    seconds = _best(RUNS, lambda: reports.append(check(data, context)))
    found = {(line, f.rule) for f in reports[-1].findings for line in f.lines}
    return {
        "seconds": seconds,
        "peak": _peak_of_this_process(),
        "exact": found == {tuple(pair) for pair in expected},
    }


def _country(folder: Path, jobs: int) -> dict[str, Any]:
    """`kostra synth --year` for the whole country, as a user runs it (wall-clock time)."""
    import json

    command = [*_kostra_command(), "synth", "--year", str(YEAR), "--out", str(folder)]
    command += ["--seed", "2025", "--error-rate", str(ERROR_RATE), "--jobs", str(jobs)]
    start = time.perf_counter()
    process = subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(process.stderr.decode("utf-8", "replace"))
    manifest = json.loads((folder / str(YEAR) / "manifest.json").read_text("utf-8"))
    entries = [e for unit in manifest["units"] for e in unit["forms"].values() if e["file"]]
    return {
        "seconds": seconds,
        "records": sum(e["records"] for e in entries),
        "files": len(entries),
        "units": len(manifest["units"]),
    }


def _check_country(folder: str) -> dict[str, Any]:
    """In a fresh process: the control program on every file of the year, one after the other,
    as the statistics office would on deadline day; findings compared with the truth."""
    import json

    from kostra.catalog import load
    from kostra.controls import Context, check

    jobs = []
    for manifest_unit in json.loads((Path(folder) / str(YEAR) / "manifest.json").read_text())[
        "units"
    ]:
        for form, entry in manifest_unit["forms"].items():
            if entry["file"]:
                context = Context(
                    form=load(form, YEAR),
                    municipality=manifest_unit["municipality"],
                    district=manifest_unit["district"],
                )
                base = Path(folder) / str(YEAR)
                truth = json.loads((base / entry["expected"]).read_text())["expected"]
                jobs.append(
                    (
                        (base / entry["file"]).read_bytes(),
                        context,
                        {(t["line"], t["rule"]) for t in truth},
                    )
                )
    exact = True
    start = time.perf_counter()
    for data, context, truth in jobs:
        report = check(data, context)
        exact &= {(line, f.rule) for f in report.findings for line in f.lines} == truth
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak": _peak_of_this_process(), "files": len(jobs), "exact": exact}


def _in_child(task: Callable[..., dict[str, Any]], *arguments: Any) -> dict[str, Any]:
    """Run `task` in a fresh Python process (spawned, so it starts small) and return its result."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(task, arguments)


def _cli_run(path: Path, form: str) -> tuple[float, int, int, str]:
    """One `kostra control … --json > /dev/null`: seconds, exit status, peak memory, stderr."""
    command = [*_kostra_command(), "control", str(path), "--form", form, "--year", str(YEAR),
               "--municipality", MUNICIPALITY, "--json"]  # fmt: skip
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace").strip()
    return seconds, process.returncode, usage.ru_maxrss * MAXRSS_BYTES, message


def _cli(path: Path, form: str, records: int) -> Measure:
    best: float | None = None
    peak = 0
    for _ in range(RUNS):
        seconds, status, rss, message = _cli_run(path, form)
        if status not in (0, 1):  # 1 only says the file may not be submitted, as expected here
            last = message.splitlines()[-1] if message else ""
            return Measure("control, CLI", form, records, None, note=f"exit {status}: {last}")
        best = seconds if best is None else min(best, seconds)
        peak = max(peak, rss)
    return Measure("control, CLI", form, records, best, peak, "--json > /dev/null")


def _startup() -> Measure:
    """How long the CLI takes to start and stop: part of every CLI figure."""
    command = [*_kostra_command(), "--version"]
    best = _best(RUNS, lambda: subprocess.run(command, capture_output=True, check=False))
    return Measure("CLI start-up", "", 0, best, note="kostra --version")


def measure(folder: Path) -> list[Measure]:
    """Generate both extracts in `folder` and time every step."""
    measures: list[Measure] = []
    for form, records in EXTRACTS:
        path = folder / f"{form}_{YEAR}_{MUNICIPALITY}.dat"
        made = _in_child(_generate, form, records, str(path))
        note = (
            f"{made['size'] / 1e6:.1f} MB, {made['errors']} errors, "
            f"{len(made['expected'])} findings expected"
        )
        measures.append(Measure("generate", form, records, made["seconds"], made["peak"], note))
        read = _in_child(_read, form, str(path))
        measures.append(
            Measure(
                "read", form, records, read["seconds"], read["peak"], "read_lines + split_fields"
            )
        )
        measures.append(_cli(path, form, records))
        checked = _in_child(_check, form, str(path), made["expected"])
        agreement = "findings = expected" if checked["exact"] else "FINDINGS DIFFER FROM EXPECTED"
        measures.append(
            Measure(
                "control, in-process", form, records, checked["seconds"], checked["peak"], agreement
            )
        )
    measures.append(_startup())
    for jobs in sorted({1, os.cpu_count() or 1}):
        country = _country(folder / f"country-{jobs}", jobs)
        note = f"{country['units']} units, {country['files']} files, {jobs} process(es)"
        measures.append(
            Measure("synth, whole country", "both", country["records"], country["seconds"],
                    note=note)
        )  # fmt: skip
    checked = _in_child(_check_country, str(folder / "country-1"))
    agreement = "findings = truth" if checked["exact"] else "FINDINGS DIFFER FROM TRUTH"
    measures.append(
        Measure("control, every unit", "both", country["records"], checked["seconds"],
                checked["peak"], f"{checked['files']} files one by one; {agreement}")
    )  # fmt: skip
    return measures


def render(measures: list[Measure]) -> Table:
    """The figures as a table; 'vs read' is the step's time over the same form's read time."""
    reads = {m.form: m.seconds for m in measures if m.step == "read"}
    table = Table(
        title=f"kostra benchmark, reporting year {YEAR} (best of {RUNS} runs; generate: one)"
    )
    for heading in (
        "step",
        "form",
        "records",
        "seconds",
        "records/s",
        "vs read",
        "peak memory",
        "note",
    ):
        table.add_column(
            heading, justify="left" if heading in {"step", "form", "note"} else "right"
        )
    for m in measures:
        read = reads.get(m.form)
        table.add_row(
            m.step,
            m.form,
            f"{m.records:,}".replace(",", " ") if m.records else "",
            f"{m.seconds:.3f}" if m.seconds is not None else "n/a",
            f"{m.records / m.seconds:,.0f}".replace(",", " ") if m.seconds and m.records else "",
            f"{m.seconds / read:.1f}×"
            if m.seconds and read and m.step.startswith("control")
            else "",
            f"{m.peak_bytes / 2**20:,.0f} MiB" if m.peak_bytes else "",
            m.note,
        )
    return table


def main() -> None:
    """Generate, time and print."""
    console = Console(width=max(Console().width, 130))
    with tempfile.TemporaryDirectory(prefix="kostra-bench-") as folder:
        console.print(f"Generating and timing in {folder} …")
        measures = measure(Path(folder))
    console.print(render(measures))


if __name__ == "__main__":
    main()
