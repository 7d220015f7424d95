"""A whole synthetic reporting year: every unit, every injected error found, totals as published."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl
import pytest

from kostra.catalog import load
from kostra.controls import Context, Severity, check, webform
from kostra.records import read_lines, split_fields
from kostra.records.answers import from_bytes
from kostra.registry import OSLO, municipalities, oslo_districts, reporting_units
from kostra.synth import calibration, tally
from kostra.synth.answers import WEB_FORMS, units
from kostra.synth.country import MANIFEST, SyntheticYear, synthesize
from kostra.synth.manifest import read_manifest

ERROR_YEAR, CLEAN_YEAR = 2025, 2024


@pytest.fixture(scope="module")
def with_errors(tmp_path_factory: pytest.TempPathFactory) -> SyntheticYear:
    out = tmp_path_factory.mktemp("synth-errors")
    return synthesize(out, [ERROR_YEAR], seed=11, error_rate=0.01, jobs=2)[0]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> SyntheticYear:
    out = tmp_path_factory.mktemp("synth-clean")
    return synthesize(out, [CLEAN_YEAR], seed=3, jobs=2)[0]


def _control(year: SyntheticYear, form: str, region: str) -> set[tuple[int, str, Severity]]:
    municipality, district = region[:4], region[4:]
    context = Context(
        form=load(form, year.year),
        municipality=municipality,
        district=district if municipality == OSLO else None,
    )
    report = check((year.folder / form / f"{region}.dat").read_bytes(), context)
    return {(line, f.rule, f.severity) for f in report.findings for line in f.lines}


def _truth(year: SyntheticYear, form: str, region: str) -> set[tuple[int, str]]:
    data = json.loads((year.folder / form / f"{region}.expected.json").read_text("utf-8"))
    return {(item["line"], item["rule"]) for item in data["expected"]}


def test_every_unit_is_in_the_manifest(with_errors: SyntheticYear) -> None:
    manifest = json.loads((with_errors.folder / MANIFEST).read_text("utf-8"))
    regions = [unit["region"] for unit in manifest["units"]]
    expected = sorted(
        [n + "00" for n in municipalities(ERROR_YEAR) if n != OSLO]
        + [OSLO + d for d in oslo_districts()]
    )
    assert regions == expected == [u.region for u in reporting_units(ERROR_YEAR)]
    assert len(regions) == 356 - 1 + 15 + 1  # 357 municipalities from 2024, Oslo as 15 districts
    for unit in manifest["units"]:
        for form, entry in unit["forms"].items():
            path = with_errors.folder / form / f"{unit['region']}.dat"
            assert path.is_file() is not entry["nothing_to_report"]


def test_manifest_lists_every_units_answers_to_the_web_forms(with_errors: SyntheticYear) -> None:
    """Each web form's own units (form 7: Oslo's districts and Oslo as a whole), every file
    read back as answers; `read_manifest` gives them when asked, after the extracts."""
    manifest = json.loads((with_errors.folder / MANIFEST).read_text("utf-8"))
    for form in WEB_FORMS:
        listed = [a["unit"] for a in manifest["answers"] if a["form"] == form]
        assert listed == [u.code for u in units(form, ERROR_YEAR)]
    assert {"030101", OSLO} <= {a["unit"] for a in manifest["answers"] if a["form"] == "7"}
    year, extracts = read_manifest(with_errors.folder)
    _, everything = read_manifest(with_errors.folder, answers=True)
    assert year == ERROR_YEAR and not any(e.answers for e in extracts)
    filled_in = everything[len(extracts) :]
    assert everything[: len(extracts)] == extracts
    assert len(filled_in) == len(manifest["answers"]) and all(e.answers for e in filled_in)
    for entry in filled_in:
        assert entry.file is not None
        assert from_bytes(entry.file.read_bytes())["ANSVARLIG"]


def test_answers_hold_exactly_the_mistakes_the_manifest_names(with_errors: SyntheticYear) -> None:
    """Every web form's answers with a mistake give exactly the rules listed; at 0.01 per
    answered question some answers hold one, both errors and warnings."""
    placed = [a for a in with_errors.answers if a.mistake is not None]
    assert 0.1 < len(placed) / len(with_errors.answers) < 0.25
    severities = set()
    for written in placed:
        sent = from_bytes((with_errors.folder / written.file).read_bytes())
        report = webform.check(sent, load(written.form, ERROR_YEAR), written.unit).report
        assert {f.rule for f in report.findings} == set(written.fires), written
        severities |= {f.severity for f in report.findings}
    assert severities == {Severity.ERROR, Severity.WARNING}


def test_control_program_finds_exactly_every_injected_error(with_errors: SyntheticYear) -> None:
    """Every unit's files: the findings are exactly the truth written beside them; a file where
    no error was placed has no finding that blocks submission (DUF-only recipients get SSB's
    K006 age warning, which the truth lists)."""
    placed = clean_files = 0
    for form in ("11F", "11CF"):
        for written in with_errors.files(form):
            region = written.unit.region
            found = _control(with_errors, form, region)
            assert {(line, rule) for line, rule, _ in found} == _truth(with_errors, form, region)
            placed += written.errors
            if written.errors == 0:
                clean_files += 1
                assert not any(severity.blocks_submission for _, _, severity in found), region
    assert placed > 1000  # about one error per hundred records
    assert clean_files > 100


def test_some_units_have_nobody_to_report(clean: SyntheticYear) -> None:
    nobody = [w for w in clean.written if w.file is None]
    assert nobody
    assert all(w.records == 0 for w in nobody)


@pytest.mark.parametrize("fixture", ["clean", "with_errors"])
def test_national_totals_are_within_ten_percent_of_the_published(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    year: SyntheticYear = request.getfixturevalue(fixture)
    f11 = year.totals("11F")
    cases = f11[tally.CASES]
    for name in (tally.CASES, tally.PAID):
        goal = calibration.target(year.year, name).value
        assert f11[name] == pytest.approx(goal, rel=0.10), name
    participants = year.totals("11CF")[tally.PARTICIPANTS]
    goal = calibration.target(year.year, tally.PARTICIPANTS).value
    assert participants == pytest.approx(goal, rel=0.10)
    for name, share in calibration.SHARES.items():
        assert f11[name] / cases == pytest.approx(share.value, rel=0.10), name


def test_totals_are_what_the_files_hold(clean: SyntheticYear) -> None:
    """Read back with the project's reader, the files add up to the manifest's totals."""
    form = load("11F", CLEAN_YEAR)
    frames = [
        split_fields(read_lines((clean.folder / w.file).read_bytes()).lines, form)
        for w in clean.files("11F")
        if w.file is not None
    ]
    records = pl.concat(frames)
    paid = records.select(
        (
            pl.col("BIDRAG").str.strip_chars().cast(pl.Int64)
            + pl.col("LAAN").str.strip_chars().cast(pl.Int64)
        ).sum()
    ).item()
    totals = clean.totals("11F")
    assert records.height == totals[tally.CASES]
    assert paid == totals[tally.PAID]


def test_units_differ_like_real_municipalities(clean: SyntheticYear) -> None:
    """Oslo's eastern districts and the towns have more cases per inhabitant than the west."""
    from kostra.registry import population_in

    rate = {
        w.unit.region: w.records / population_in(w.unit.code, CLEAN_YEAR, 18, 66)
        for w in clean.written
        if w.form == "11F"
    }
    assert rate["030111"] > 2 * rate["030107"]  # Stovner against Vestre Aker
    rates = sorted(rate.values())
    assert rates[len(rates) // 10] < 0.7 * rates[len(rates) * 9 // 10]


def test_vendors_write_their_own_encodings_and_line_endings(clean: SyntheticYear) -> None:
    seen = {(w.encoding, w.line_ending) for w in clean.files("11F")}
    assert ("iso-8859-1", "\r\n") in seen and ("utf-8", "\n") in seen
    crlf = next(w for w in clean.files("11F") if w.line_ending == "\r\n")
    assert crlf.file is not None
    assert b"\r\n" in (clean.folder / crlf.file).read_bytes()


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def test_same_seed_same_bytes_alone_or_with_the_country(
    with_errors: SyntheticYear, tmp_path: Path
) -> None:
    alone = synthesize(tmp_path, [ERROR_YEAR], seed=11, error_rate=0.01, only=["4601", "5501"])[0]
    mine = _digests(alone.folder)
    assert set(mine) == {
        f"{form}/{region}.{kind}"
        for form in ("11F", "11CF")
        for region in ("460100", "550100")
        for kind in ("dat", "expected.json")
        if (with_errors.folder / form / f"{region}.dat").exists()
    } | {f"answers/{form}/{code}.json" for form in WEB_FORMS for code in ("4601", "5501")}
    country = _digests(with_errors.folder)
    assert all(country[name] == digest for name, digest in mine.items())


def test_consecutive_years_share_people_across_the_renumbering(tmp_path: Path) -> None:
    years = synthesize(tmp_path, [2023, 2024], seed=5, only=["1507", "3001"])
    people = {}
    for year in years:
        form = load("11F", year.year)
        people[year.year] = {
            w.unit.municipality: set(
                split_fields(read_lines((year.folder / w.file).read_bytes()).lines, form)[
                    "PERSON_FODSELSNR"
                ].str.strip_chars()
            )
            - {""}
            for w in year.files("11F")
            if w.file is not None
        }
    assert set(people[2024]) == {"1508", "1580", "3101"}  # Ålesund split, Halden renumbered
    halden = people[2023]["3001"] & people[2024]["3101"]
    assert 0.3 < len(halden) / len(people[2023]["3001"]) < 0.6
    assert people[2023]["1507"] & people[2024]["1580"]  # Haram's people came from Ålesund


def test_refuses_a_folder_that_is_not_a_synthetic_year(tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "important.txt").write_text("keep me")
    with pytest.raises(ValueError, match="ikke en syntetisk årgang"):
        synthesize(tmp_path, [2024], only=["5501"])
    assert (tmp_path / "2024" / "important.txt").read_text() == "keep me"


@pytest.mark.parametrize(
    ("years", "message"),
    [([2019], "finnes for 2022–2026"), ([2022, 2024], "følge etter"), ([], "ingen årganger")],
)
def test_refuses_years_it_cannot_make(tmp_path: Path, years: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        synthesize(tmp_path, years)
