"""A whole synthetic reporting year: one 11F and one 11CF extract for every reporting unit, and
every unit's answers to the web forms 7, 7B and 12 (`answer_files.py`).

Every municipality is a reporting unit, except Oslo, which reports per district. A unit's number
of cases is drawn around its share of the national target (`calibration.py`), so the country adds
up to the published figures; a unit with nobody to report gets no file, and the manifest says so.
Each municipality's case-handling system has its habits (`VENDORS`): encoding and line endings.

Several consecutive years can be made in one go: about half of a year's recipients (more of
those with support in December) and everyone still in a qualification programme at 31 December
come back the next year with the same identity numbers, a year older, following the 2024
renumbering through the registry's correspondence.

Written under `out/<year>/`: `<form>/<region>.dat` (the extract), `<form>/<region>.expected.json`
(what the control program must find: line and rule id of every injected error),
`answers/<form>/<unit>.json` (a web form's answers, each form's own units: Oslo as a whole too),
and `manifest.json` (every unit, what was written for it, the national totals, and the answers
with the mistake placed in them, if any). A year is built
in a temporary folder and moved into place when complete, so a failed run leaves no half year.
The same seed always gives the same bytes.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

from kostra.catalog import available
from kostra.controls.programs import extract_forms
from kostra.registry import (
    ReportingUnit,
    correspondence,
    county_of,
    kostra_group,
    municipalities,
    population_in,
    reporting_units,
)
from kostra.synth import calibration, tally
from kostra.synth.answer_files import WrittenAnswers, write_answers
from kostra.synth.extract import Case, generate
from kostra.synth.forms import synth_form
from kostra.synth.people import Person

FORMS = extract_forms()  # 11F, 11CF: the order of `expected_sizes`
MANIFEST = "manifest.json"
MAX_ERROR_SHARE = 0.25  # at most this share of a file's records carry an injected error


@dataclass(frozen=True)
class Vendor:
    """How a case-handling system writes its extracts."""

    name: str
    encoding: str
    line_ending: str


# Made-up systems; shares of municipalities as weights. Oslo's districts share one system.
VENDORS = (
    (Vendor("Fagsystem A", "utf-8", "\n"), 30),
    (Vendor("Fagsystem B", "iso-8859-1", "\r\n"), 30),
    (Vendor("Fagsystem C", "windows-1252", "\n"), 25),
    (Vendor("Fagsystem D", "windows-1252", "\r\n"), 15),
)


def vendor_of(municipality: str) -> Vendor:
    """The system a municipality uses: the same whatever the seed or year."""
    rng = Random(f"kostra-synth:vendor:{municipality}")
    return rng.choices([v for v, _ in VENDORS], [w for _, w in VENDORS])[0]


def expected_sizes(year: int, seed: int) -> dict[ReportingUnit, tuple[float, float]]:
    """Each unit's expected number of 11F cases and 11CF participants in `year`."""
    weights: dict[ReportingUnit, float] = {}
    for unit in reporting_units(year):
        adults = population_in(unit.code, year, 18, 66)
        if unit.district is not None:
            factor = calibration.OSLO_FACTOR * calibration.OSLO_DISTRICT_FACTORS[unit.district]
            factor *= calibration.own_level(seed, unit.region, year, spread=0.1)
        else:
            inhabitants = population_in(unit.municipality, year)
            factor = calibration.size_factor(inhabitants)
            factor *= calibration.own_level(seed, unit.municipality, year)
        weights[unit] = adults * factor
    cases = calibration.target(year, tally.CASES).value
    participants = calibration.target(year, tally.PARTICIPANTS).value
    kvp_weights = {
        unit: weight
        * calibration.own_level(seed, f"kvp:{unit.region}", year, calibration.KVP_SPREAD)
        for unit, weight in weights.items()
    }
    total, kvp_total = sum(weights.values()), sum(kvp_weights.values())
    return {
        unit: (cases * weights[unit] / total, participants * kvp_weights[unit] / kvp_total)
        for unit in weights
    }


@dataclass(frozen=True)
class Written:
    """What was written for one unit, form and year (or that it had nobody to report)."""

    unit: ReportingUnit
    year: int
    form: str
    records: int
    file: str | None  # relative to the year's folder; None: nothing to report
    expected: str | None
    findings: int  # findings the control program must give
    errors: int  # errors placed
    encoding: str
    line_ending: str
    counts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        """The manifest's entry (no record values)."""
        return {
            "form": self.form,
            "records": self.records,
            "nothing_to_report": self.file is None,
            "file": self.file,
            "expected": self.expected,
            "expected_findings": self.findings,
            "errors_placed": self.errors,
            "encoding": self.encoding,
            "line_ending": "CRLF" if self.line_ending == "\r\n" else "LF",
        }


@dataclass(frozen=True)
class _Job:
    unit: ReportingUnit
    year: int
    seed: int
    sizes: tuple[float, float]
    error_rate: float
    folder: str
    returning: dict[str, tuple[Person, ...]] = field(default_factory=dict)
    keep_cases: bool = False


@dataclass(frozen=True)
class _Outcome:
    written: tuple[Written, ...]
    cases: dict[str, tuple[Case, ...]]


def _make_unit(job: _Job) -> _Outcome:
    """Both forms' extracts for one unit and year (runs in a worker process)."""
    unit, year = job.unit, job.year
    vendor = vendor_of(unit.municipality)
    written: list[Written] = []
    cases: dict[str, tuple[Case, ...]] = {}
    for form, mean in zip(FORMS, job.sizes, strict=True):
        rng = Random(f"kostra-synth:{job.seed}:{year}:{unit.region}:{form}:size")
        records = calibration.poisson(rng, mean)
        returning = job.returning.get(form, ())[:records]  # the rest are new this year
        if records == 0:
            written.append(
                Written(unit, year, form, 0, None, None, 0, 0, vendor.encoding,
                        vendor.line_ending, {})
            )  # fmt: skip
            continue
        errors = min(
            calibration.poisson(rng, job.error_rate * records), int(records * MAX_ERROR_SHARE)
        )
        made = generate(
            form,
            year,
            unit.municipality,
            records,
            seed=Random(f"kostra-synth:{job.seed}:{year}:{unit.region}:{form}").getrandbits(48),
            errors=errors,
            encoding=vendor.encoding,
            line_ending=vendor.line_ending,
            district=unit.district,
            duf_only=synth_form(form).duf_only,
            returning=returning,
        )
        folder = Path(job.folder) / form
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{form}/{unit.region}.dat"
        truth = f"{form}/{unit.region}.expected.json"
        (Path(job.folder) / name).write_bytes(made.data)
        (Path(job.folder) / truth).write_text(
            json.dumps(made.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        written.append(
            Written(unit, year, form, made.records, name, truth, len(made.expected),
                    len(made.injections), vendor.encoding, vendor.line_ending, made.counts)
        )  # fmt: skip
        if job.keep_cases:
            cases[form] = made.cases
    return _Outcome(tuple(written), cases)


@dataclass(frozen=True)
class SyntheticYear:
    """A written year: where it is, and what is in it."""

    year: int
    seed: int
    folder: Path
    written: tuple[Written, ...]
    answers: tuple[WrittenAnswers, ...] = ()  # the web forms' answers, per unit and form

    def totals(self, form: str) -> dict[str, int]:
        """The national counts of a form (`tally.py`)."""
        return dict(tally.total(w.counts for w in self.written if w.form == form))

    def files(self, form: str) -> list[Written]:
        """The units that got a file of `form`."""
        return [w for w in self.written if w.form == form and w.file is not None]


Progress = Callable[[int, int], None]  # (units done, units in all)


def synthesize(
    out: Path,
    years: Sequence[int],
    *,
    seed: int = 0,
    error_rate: float = 0.0,
    jobs: int = 1,
    only: Collection[str] = (),
    progress: Progress | None = None,
) -> list[SyntheticYear]:
    """Write a synthetic year for every year in `years` (consecutive, oldest first) under `out`.

    `only` limits the units to these municipality numbers (any year's; all of Oslo's districts
    for 0301); a unit's files are the same bytes whether it is made alone or with the country.
    ValueError for a year without forms or targets, a bad error rate or a folder in the way.
    """
    years = list(years)
    _check(out, years, error_rate)
    wanted = _wanted(only, years)
    made: list[SyntheticYear] = []
    previous: dict[ReportingUnit, dict[str, tuple[Case, ...]]] = {}
    units_in_all = sum(
        sum(1 for u in reporting_units(year) if wanted is None or u.municipality in wanted)
        for year in years
    )
    done = 0
    with _workers(jobs) as pool:
        for position, year in enumerate(years):
            keep = position + 1 < len(years)
            sizes = expected_sizes(year, seed)
            returning = _returning(previous, year, seed) if previous else {}
            final = out / str(year)
            building = out / f".{year}.building"
            if building.exists():
                shutil.rmtree(building)
            building.mkdir(parents=True)
            jobs_of_year = [
                _Job(unit, year, seed, sizes[unit], error_rate, str(building),
                     returning.get(unit, {}), keep)
                for unit in sorted(sizes)
                if wanted is None or unit.municipality in wanted
            ]  # fmt: skip
            outcomes: dict[ReportingUnit, _Outcome] = {}
            try:
                for job, outcome in _run(pool, jobs_of_year):
                    outcomes[job.unit] = outcome
                    done += 1
                    if progress is not None:
                        progress(done, units_in_all)
                answered = write_answers(
                    building, year, seed=seed, error_rate=error_rate, wanted=wanted
                )
            except BaseException:
                shutil.rmtree(building, ignore_errors=True)  # no half-built year left behind
                raise
            written = tuple(w for unit in sorted(outcomes) for w in outcomes[unit].written)
            result = SyntheticYear(year, seed, final, written, answered)
            _write_manifest(building, result, error_rate)
            if final.exists():
                shutil.rmtree(final)
            building.rename(final)
            made.append(result)
            previous = {unit: outcome.cases for unit, outcome in outcomes.items()} if keep else {}
    return made


def _check(out: Path, years: list[int], error_rate: float) -> None:
    if not years:
        raise ValueError("ingen årganger å lage")
    if years != list(range(years[0], years[0] + len(years))):
        raise ValueError("årgangene må følge etter hverandre")
    usable = set(calibration.years()).intersection(*(available()[form] for form in FORMS))
    if missing := [year for year in years if year not in usable]:
        span = f"{min(usable)}–{max(usable)}"
        raise ValueError(
            f"kan ikke lage årgang {missing[0]}: syntetiske årganger finnes for {span}"
        )
    if not 0.0 <= error_rate <= MAX_ERROR_SHARE:
        raise ValueError(f"feilandelen må være mellom 0 og {MAX_ERROR_SHARE}, ikke {error_rate}")
    for year in years:
        folder = out / str(year)
        if folder.exists() and not (folder / MANIFEST).is_file():
            raise ValueError(
                f"{folder} finnes og er ikke en syntetisk årgang; velg en annen mappe med --out"
            )


def _wanted(only: Collection[str], years: list[int]) -> set[str] | None:
    """The municipality numbers asked for, followed through renumberings to every year."""
    if not only:
        return None
    known = {number for year in years for number in municipalities(year)}
    if unknown := sorted(set(only) - known):
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        raise ValueError(f"kommunenummer {', '.join(unknown)} finnes ikke i {span}")
    wanted = set(only)
    for year in years[1:]:
        wanted |= {link.new for link in correspondence(year - 1, year) if link.old in wanted}
    for year in reversed(years[1:]):
        wanted |= {link.old for link in correspondence(year - 1, year) if link.new in wanted}
    return wanted


@contextmanager
def _workers(jobs: int) -> Iterator[Executor | None]:
    if jobs <= 1:
        yield None
        return
    # Spawned, not forked: a fork of a process that has run polars can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield pool


def _run(pool: Executor | None, jobs: list[_Job]) -> Iterator[tuple[_Job, _Outcome]]:
    if pool is None:
        for job in jobs:
            yield job, _make_unit(job)
        return
    futures = {pool.submit(_make_unit, job): job for job in jobs}
    for future in as_completed(futures):
        yield futures[future], future.result()


def _returning(
    previous: dict[ReportingUnit, dict[str, tuple[Case, ...]]], year: int, seed: int
) -> dict[ReportingUnit, dict[str, tuple[Person, ...]]]:
    """Who of last year's people are back this year, in which unit."""
    # Last year's municipality → this year's, with shares (the 2024 renumbering and Ålesund).
    links: dict[str, list[tuple[str, float]]] = {}
    for link in correspondence(year - 1, year):
        links.setdefault(link.old, []).append((link.new, link.share))
    chosen: dict[ReportingUnit, dict[str, list[Person]]] = {}
    for unit in sorted(previous):
        rng = Random(f"kostra-synth:{seed}:{year}:{unit.region}:returning")
        numbers, shares = zip(
            *links.get(unit.municipality, [(unit.municipality, 1.0)]), strict=True
        )
        for form, cases in previous[unit].items():
            made_as = synth_form(form)
            for case in cases:
                comes_back = made_as.comes_back(rng, case.continues)
                if not comes_back or case.person.age(year) > made_as.oldest:
                    continue
                number = rng.choices(numbers, shares)[0] if len(numbers) > 1 else numbers[0]
                new_unit = ReportingUnit(number, unit.district)
                chosen.setdefault(new_unit, {}).setdefault(form, []).append(case.person)
    return {u: {f: tuple(p) for f, p in forms.items()} for u, forms in chosen.items()}


def _write_manifest(folder: Path, year: SyntheticYear, error_rate: float) -> None:
    units: dict[ReportingUnit, dict[str, Any]] = {}
    for w in year.written:
        entry = units.setdefault(
            w.unit,
            {
                "region": w.unit.region,
                "municipality": w.unit.municipality,
                "district": w.unit.district,
                "name": w.unit.name(year.year),
                "county": county_of(w.unit.municipality, year.year),
                "kostra_group": kostra_group(w.unit.municipality, year.year),
                "vendor": vendor_of(w.unit.municipality).name,
                "forms": {},
            },
        )
        entry["forms"][w.form] = w.to_dict()
    manifest = {
        "year": year.year,
        "seed": year.seed,
        "error_rate": error_rate,
        "totals": {form: year.totals(form) for form in FORMS},
        "units": [units[unit] for unit in sorted(units)],
        "answers": [a.to_dict(vendor_of(a.unit.municipality).name) for a in year.answers],
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")
