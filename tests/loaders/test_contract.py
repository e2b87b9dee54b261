"""One contract for ``data/``: what ``validate`` accepts, every reader reads; what a reader
would fail on, ``validate`` refuses clearly.

Hypothesis corrupts each shipped file in many ways (a cell replaced by ``Infinity``, ``NaN``,
a 5 000-digit number or a NUL; a line dropped or doubled; semicolons; Latin-1; a truncated
file; a JSON value replaced by a string, ``NaN``, an empty list or a deep nesting; a region
listed twice). Each corrupted folder is then either refused by :func:`validate_data_dir` with
problems that name a file in French, every reader of that file raising :class:`DataError` or
reading fine; or accepted, and then read by every reader of the product without any
exception (:mod:`tests.loaders.readers`).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.loaders.readers import READ, read_indicators, readers_of
from widgets.cli import app
from widgets.errors import DataError
from widgets.loaders import validate_data_dir

DATA = Path(__file__).resolve().parents[2] / "data"
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
"""Few, reproducible examples per file: the whole module stays well under a minute."""

NASTY_CELLS = [
    "", "Infinity", "-inf", "+inf", "1e999", "-1e999", "NaN", "nan", "1e15", "1e16", "-0",
    "9" * 30, "9" * 5000, "0x10", "7,3", "a", "é", "\x00", "\x07", "true", "2030", "1899",
    "FM", "99", '"', "'", "=1+1", " 7.3 ", "1_000", "١٢",
]  # fmt: skip
NASTY_JSON: list[Any] = [
    None, "x", "", [], {}, [["a", "b"]], [[]], -1, 10**30, True, 1.5, float("nan"),
    float("inf"), [[[0, 0], [1, 1], [0, 0]]], "\x00", {"code": "11"}, [0, 0],
]  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One copy of ``data/`` for all examples; each example restores what it broke."""
    copy = tmp_path_factory.mktemp("contract") / "data"
    shutil.copytree(DATA, copy)
    yield copy


def replace_file(path: Path, content: bytes) -> None:
    """Write through a new inode, as an editor does: no reader may see the old version."""
    partial = path.with_name(path.name + ".tmp")
    partial.write_bytes(content)
    os.replace(partial, path)


def check_contract(folder: Path, name: str) -> None:
    report = validate_data_dir(folder, use_cache=True)
    for problem in report.problems:
        assert problem.file and problem.message_fr().startswith("fichier "), problem
        problem.message_fr().encode("utf-8")
    for reader in readers_of(name):
        try:
            if reader == "indicators":
                read_indicators(folder, every_indicator=False)
            else:
                READ[reader](folder)
        except DataError as exc:
            assert not report.valid, f"{reader}: validate accepted, reader refused: {exc}"
            assert exc.message_fr().startswith(("fichier ", "2 ", "3 ")) or "fichier " in str(exc)


def corrupt_and_check(folder: Path, name: str, content: bytes) -> None:
    path = folder / name
    original = path.read_bytes()
    try:
        replace_file(path, content)
        check_contract(folder, name)
    finally:
        replace_file(path, original)


# -- CSV ------------------------------------------------------------------------------------

CSV_FILES = ["indicators.csv", "regions_indicators.csv", "seed_figures.csv", "cases.csv"]


@st.composite
def csv_corruption(draw: st.DrawFn, text: str) -> bytes:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    how = draw(st.sampled_from(["cell", "cell", "cell", "drop", "double", "semicolon", "latin1",
                                "truncate", "nul", "header", "extra"]))  # fmt: skip
    if how == "semicolon":
        return text.replace(",", ";").encode()
    if how == "latin1":
        return text.encode("latin-1", "replace")
    if how == "truncate":
        return text.encode()[: draw(st.integers(0, len(text.encode())))]
    if how == "nul":
        at = draw(st.integers(0, len(text)))
        return (text[:at] + "\x00" + text[at:]).encode()
    line = draw(st.integers(1, len(rows) - 1))
    if how == "drop":
        del rows[line]
    elif how == "double":
        rows.insert(line, list(rows[line]))
    elif how == "header":
        rows[0][draw(st.integers(0, len(rows[0]) - 1))] = draw(st.sampled_from(["", "x", "value"]))
    elif how == "extra":
        rows[line].append("en trop")
    else:
        column = draw(st.integers(0, len(rows[line]) - 1))
        rows[line][column] = draw(st.sampled_from(NASTY_CELLS) | st.text(max_size=6))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("name", CSV_FILES)
@SETTINGS
@given(data=st.data())
def test_a_corrupted_table_is_refused_or_read(folder: Path, name: str, data: st.DataObject) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    corrupt_and_check(folder, name, data.draw(csv_corruption(text)))


# -- JSON -----------------------------------------------------------------------------------


def json_paths(value: Any, limit: int = 6) -> list[tuple[Any, ...]]:
    """Paths to values of ``value`` down to ``limit`` levels (first items of long lists)."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        found.append(path)
        if len(path) >= limit:
            continue
        if isinstance(item, dict):
            stack.extend((inner, (*path, key)) for key, inner in item.items())
        elif isinstance(item, list):
            stack.extend((inner, (*path, i)) for i, inner in enumerate(item[:3]))
    return found


@st.composite
def json_corruption(draw: st.DrawFn, text: str) -> bytes:
    how = draw(st.sampled_from(["value", "value", "value", "truncate", "latin1", "deep", "twice"]))
    if how == "truncate":
        return text.encode()[: draw(st.integers(0, len(text.encode())))]
    if how == "latin1":
        return text.encode("latin-1", "replace")
    if how == "deep":
        depth = draw(st.sampled_from([40, 3000, 100_000]))
        return ("[" * depth + "]" * depth).encode()
    document = json.loads(text)
    if how == "twice" and isinstance(document.get("features"), list):
        document["features"].append(document["features"][draw(st.integers(0, 12))])
        return json.dumps(document).encode()
    paths = [p for p in json_paths(document) if p]
    path = draw(st.sampled_from(paths))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = draw(st.sampled_from(NASTY_JSON))
    return json.dumps(document, allow_nan=True).encode()


@pytest.mark.parametrize("name", ["regions.geojson", "datapackage.json"])
@SETTINGS
@given(data=st.data())
def test_a_corrupted_json_file_is_refused_or_read(
    folder: Path, name: str, data: st.DataObject
) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    corrupt_and_check(folder, name, data.draw(json_corruption(text)))


# -- text: sources and banks -----------------------------------------------------------------

TEXT_FILES = ["sources/000_3d8b2b73c40b1d15.txt", "banks/quiz_module_0.yaml"]


@st.composite
def text_corruption(draw: st.DrawFn, text: str) -> bytes:
    how = draw(st.sampled_from(["latin1", "nul", "truncate", "line", "deep", "digits"]))
    if how == "latin1":
        return text.encode("latin-1", "replace")
    if how == "deep":
        return (text + "\nprofond: " + "[" * 50_000 + "]" * 50_000 + "\n").encode()
    if how == "digits":
        return text.replace("version: ", "version: " + "9" * 5000 + "#", 1).encode()
    lines = text.splitlines(keepends=True)
    at = draw(st.integers(0, len(lines) - 1))
    if how == "nul":
        lines[at] = "\x00" + lines[at]
    elif how == "truncate":
        lines = lines[:at]
    else:
        lines[at] = draw(st.sampled_from(["- [", ": :", "  - ", "\t", "id: autre\n"]))
    return "".join(lines).encode()


@pytest.mark.parametrize("name", TEXT_FILES)
@settings(SETTINGS, max_examples=6)
@given(data=st.data())
def test_a_corrupted_text_file_is_refused_or_read(
    folder: Path, name: str, data: st.DataObject
) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    corrupt_and_check(folder, name, data.draw(text_corruption(text)))


# -- the command line: French, exit 1, no traceback ------------------------------------------


ISSUE_CASES: dict[str, tuple[str, bytes | None]] = {
    "semicolons": ("regions_indicators.csv", None),
    "latin-1 source": ("sources/000_3d8b2b73c40b1d15.txt", None),
    "NaN maximum": ("datapackage.json", None),
    "properties a string": ("regions.geojson", None),
    "deep geojson": ("regions.geojson", b"[" * 100_000 + b"]" * 100_000),
    "region twice": ("regions.geojson", None),
    "NUL in a name": ("regions_indicators.csv", None),
    "deep bank": ("banks/quiz_module_0.yaml", b"id: x\nitems: " + b"[" * 50_000 + b"]" * 50_000),
    "5000 digits in a bank": ("banks/quiz_module_0.yaml", b"id: " + b"9" * 5000 + b"\n"),
}


def issue_case(folder: Path, case: str) -> str:
    """Break ``folder`` as the issue did; the file broken."""
    name, content = ISSUE_CASES[case]
    path = folder / name
    text = path.read_text(encoding="utf-8")
    if content is None:
        if case == "semicolons":
            content = text.replace(",", ";").encode()
        elif case == "latin-1 source":
            content = text.encode("latin-1", "replace")
        elif case == "NaN maximum":
            content = text.replace('"maximum": 2030', '"maximum": NaN', 1).encode()
        elif case == "NUL in a name":
            content = text.replace("Île-de-France", "Île\x00-de-France", 1).encode()
        else:
            document = json.loads(text)
            if case == "region twice":
                document["features"].append(document["features"][0])
            else:
                document["features"][3]["properties"] = "Bretagne"
            content = json.dumps(document).encode()
    path.write_bytes(content)
    return name


@pytest.mark.parametrize("case", sorted(ISSUE_CASES))
def test_validate_refuses_in_french_without_a_traceback(data_copy: Path, case: str) -> None:
    name = issue_case(data_copy, case)
    result = CliRunner().invoke(app, ["validate", str(data_copy)])
    assert result.exit_code == 1
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "Traceback" not in output and f"ERREUR fichier {name}" in output, output


def test_a_folder_for_datapackage_json_is_refused(data_copy: Path) -> None:
    (data_copy / "datapackage.json").unlink()
    (data_copy / "datapackage.json").mkdir()
    result = CliRunner().invoke(app, ["validate", str(data_copy)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "datapackage.json" in result.output and "dossier" in result.output


def test_the_shipped_data_is_read_by_every_reader() -> None:
    assert validate_data_dir(DATA).valid
    for reader in READ.values():
        reader(DATA)
