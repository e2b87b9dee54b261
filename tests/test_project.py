"""Project-level checks: every data file is described, notebooks are clean, code is lint-free."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*ROOT.glob("course/*.ipynb"), *ROOT.glob("dashboards/*.ipynb")])
UNDESCRIBED_OK = {"datapackage.json", "DATA_NOTES.md"}


def test_every_data_file_is_described_with_provenance() -> None:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in package["resources"]}
    on_disk = {
        str(p.relative_to(ROOT / "data"))
        for p in (ROOT / "data").rglob("*")
        if p.is_file() and p.name not in UNDESCRIBED_OK
    }
    assert on_disk == described
    for resource in package["resources"]:
        assert resource.get("sources"), resource["name"]
        assert resource.get("licenses") or package.get("licenses"), resource["name"]


def test_there_are_notebooks() -> None:
    assert any(p.parent.name == "dashboards" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff, "ruff is installed with the test extra"
    result = subprocess.run(
        [ruff, "check", "widgets", "tests", "benchmarks", "dev.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
