"""Each data file corrupted in turn gives one clear problem: file, line, column and code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from widgets.errors import DataError
from widgets.french import NBSP
from widgets.loaders import (
    load_indicator_data,
    load_regions_geojson,
    load_seed_figures,
    validate_data_dir,
)


def where(data_dir: Path) -> list[tuple[str, int | None, str | None, str]]:
    report = validate_data_dir(data_dir)
    return [(p.file, p.row, p.column, p.code) for p in report.problems]


def replace_line(path: Path, line: int, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` on the given 1-based line only."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def test_shipped_data_is_valid() -> None:
    report = validate_data_dir(Path(__file__).resolve().parents[2] / "data")
    assert report.problems == []
    assert "Données valides" in report.summary_fr()


def test_wrong_type_names_file_line_and_column(data_copy: Path) -> None:
    replace_line(data_copy / "regions_indicators.csv", 4, "7.0", "sept")
    assert where(data_copy) == [("regions_indicators.csv", 4, "value", "type-error")]


def test_french_decimal_comma_is_a_type_error(data_copy: Path) -> None:
    replace_line(data_copy / "regions_indicators.csv", 2, "7.3", '"7,3"')
    assert where(data_copy) == [("regions_indicators.csv", 2, "value", "type-error")]


def test_unknown_region_code_is_a_constraint_error(data_copy: Path) -> None:
    replace_line(data_copy / "regions_indicators.csv", 2, "84,", "99,")
    assert where(data_copy) == [("regions_indicators.csv", 2, "region_code", "constraint-error")]


def test_bad_direction(data_copy: Path) -> None:
    path = data_copy / "indicators.csv"
    text = path.read_text(encoding="utf-8").replace(",%,2019,true,", ",%,2019,peut-être,", 1)
    path.write_text(text, encoding="utf-8")
    assert where(data_copy) == [("indicators.csv", 2, "higher_is_more_fragile", "type-error")]


def test_missing_source(data_copy: Path) -> None:
    path = data_copy / "indicators.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # Blank the source title of the second indicator (line 3) using the csv module.
    import csv
    import io

    parsed = list(csv.reader(io.StringIO("".join(rows))))
    parsed[2][6] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(parsed)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert where(data_copy) == [("indicators.csv", 3, "source_title", "constraint-error")]


def test_value_out_of_its_constraint(data_copy: Path) -> None:
    replace_line(data_copy / "regions_indicators.csv", 3, ",2019", ",1899")
    assert where(data_copy) == [("regions_indicators.csv", 3, "year", "constraint-error")]


def test_duplicate_key(data_copy: Path) -> None:
    path = data_copy / "regions_indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    problems = where(data_copy)
    assert problems == [
        ("regions_indicators.csv", len(lines) + 1, "region_code, indicator_id", "primary-key")
    ]


def test_missing_column(data_copy: Path) -> None:
    path = data_copy / "regions_indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(",".join(line.split(",")[:-1]) for line in lines) + "\n", encoding="utf-8"
    )
    problems = where(data_copy)
    assert ("regions_indicators.csv", 1, "year", "missing-label") in problems
    assert {p[0] for p in problems} == {"regions_indicators.csv"}


def test_empty_file(data_copy: Path) -> None:
    (data_copy / "indicators.csv").write_text("", encoding="utf-8")
    assert ("indicators.csv", None, None, "file-empty") in where(data_copy)


def test_bad_encoding(data_copy: Path) -> None:
    path = data_copy / "regions_indicators.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    assert where(data_copy) == [("regions_indicators.csv", 2, "caractère 15", "encoding-error")]


def test_file_missing(data_copy: Path) -> None:
    (data_copy / "seed_figures.csv").unlink()
    assert where(data_copy) == [("seed_figures.csv", None, None, "file-missing")]


def test_quote_must_stand_in_its_source(data_copy: Path) -> None:
    path = data_copy / "seed_figures.csv"
    text = path.read_text(encoding="utf-8").replace("1,2 million", "1,3 million", 1)
    path.write_text(text, encoding="utf-8")
    problems = where(data_copy)
    assert problems and all(p[1:] == (p[1], "quote", "quote-not-found") for p in problems)


def test_geojson_with_unknown_region(data_copy: Path) -> None:
    path = data_copy / "regions.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["code"] = "00"
    path.write_text(json.dumps(data), encoding="utf-8")
    codes = [p.code for p in validate_data_dir(data_copy).problems]
    assert codes == ["unknown-region", "geometry-error"]


def test_broken_json_descriptor(data_copy: Path) -> None:
    (data_copy / "datapackage.json").write_text("{", encoding="utf-8")
    assert [p[0] + ":" + p[3] for p in where(data_copy)] == ["datapackage.json:json-error"]


def test_loader_raises_one_error_type_with_french_message(data_copy: Path) -> None:
    replace_line(data_copy / "regions_indicators.csv", 4, "7.0", "sept")
    with pytest.raises(DataError) as caught:
        load_indicator_data(data_copy)
    message = str(caught.value)
    assert "regions_indicators.csv" in message and "ligne 4" in message
    assert f"«{NBSP}value{NBSP}»" in message and "sept" in message and "nombre" in message


def test_a_broken_file_does_not_block_other_datasets(data_copy: Path) -> None:
    replace_line(data_copy / "regions_indicators.csv", 4, "7.0", "sept")
    figures = load_seed_figures(data_copy)
    assert figures.loc["partenariats_total", "value"] == 1_200_000
    assert len(load_regions_geojson(data_copy)["features"]) == 13


def test_indicator_data_shapes() -> None:
    data = load_indicator_data()
    assert len(data.values) == 182
    assert data.values["value"].isna().sum() == 2
    directions = data.indicators["higher_is_more_fragile"]
    assert directions["pib_par_habitant"] is False or directions["pib_par_habitant"] == False  # noqa: E712
    assert directions["taux_chomage"] == True  # noqa: E712
    assert directions.dtype == bool
    names = list(data.region_names())
    assert names[-1] == "FM" and names.index("11") < names.index("28")  # Île-de-France before N


def test_validation_is_remembered_for_unchanged_files(data_copy: Path, monkeypatch) -> None:
    import widgets.loaders.validation as validation

    assert validate_data_dir(data_copy, use_cache=True).valid
    monkeypatch.setattr(validation, "frictionless_problems", lambda *a, **k: 1 / 0)
    assert validate_data_dir(data_copy, use_cache=True).valid  # served from the cache
    replace_line(data_copy / "regions_indicators.csv", 4, "7.0", "7.1")
    with pytest.raises(ZeroDivisionError):  # changed bytes are validated again
        validate_data_dir(data_copy, use_cache=True)


@pytest.mark.parametrize("corrupt", [False, True])
def test_official_frictionless_validate(data_copy: Path, corrupt: bool) -> None:
    if corrupt:
        replace_line(data_copy / "regions_indicators.csv", 4, "7.0", "sept")
    exe = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(
        [str(exe), "validate", str(data_copy / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode != 0) is corrupt, result.stdout[-2000:]


def test_a_reader_validates_only_what_it_reads(data_copy: Path, monkeypatch) -> None:
    """Reading the quoted figures neither checks the banks nor reads the indicators."""
    import widgets.banks.loader as banks
    import widgets.loaders.validation as validation

    monkeypatch.setattr(banks, "bank_problems", lambda *a, **k: 1 / 0)
    hashed: list[str] = []
    real = validation._fingerprint

    def recording(data_dir: Path, names):
        names = list(names)
        hashed.extend(names)
        return real(data_dir, names)

    monkeypatch.setattr(validation, "_fingerprint", recording)
    replace_line(data_copy / "regions_indicators.csv", 4, "7.0", "sept")  # broken elsewhere
    figures = load_seed_figures(data_copy)
    assert figures.loc["partenariats_total", "value"] == 1_200_000
    assert set(hashed) <= {"seed_figures.csv", "datapackage.json"} | {
        f"sources/{p.name}" for p in (data_copy / "sources").iterdir()
    }
    assert "regions_indicators.csv" not in hashed and not any(
        n.startswith("banks/") for n in hashed
    )
    with pytest.raises(ZeroDivisionError):  # ``parcours validate`` still checks every bank
        validate_data_dir(data_copy)


@pytest.mark.parametrize(
    ("constraints", "refused"),
    [
        ({"minimum": float("nan")}, ["minimum"]),
        ({"maximum": "x", "maxLength": True}, ["maximum", "maxLength"]),
        ({"minLength": 10**16, "maximum": float("inf")}, ["maximum", "minLength"]),
        ({"minimum": None}, ["minimum"]),
        ({"pattern": "("}, ["pattern"]),
        ({"pattern": 5, "minimum": 1}, ["pattern"]),
        ({"pattern": None}, []),
        ({"minimum": 0, "maximum": 2030.5, "maxLength": 10, "pattern": "^[0-9]+$"}, []),
    ],
)
def test_each_constraint_of_a_field_is_checked(
    constraints: dict[str, object], refused: list[str]
) -> None:
    """Bounds must be finite numbers (within ±10¹⁵), a pattern must compile: what
    Frictionless and the loaders would otherwise fail on, named with the constraint."""
    from widgets.loaders.strict import descriptor_problems

    field = {"name": "value", "type": "number", "constraints": constraints}
    descriptor = {"resources": [{"name": "r", "path": "r.csv", "schema": {"fields": [field]}}]}
    problems = descriptor_problems(descriptor, "datapackage.json")
    where = "resources[0].schema.fields[0].constraints."
    assert [(p.code, p.item) for p in problems] == [
        ("package-error", where + key) for key in refused
    ]
