"""The ``parcours`` command line as a facilitator runs it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from widgets.cli import app
from widgets.french import NBSP

runner = CliRunner()


def test_validate_default_folder_passes() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().startswith("Données valides")
    assert len(result.output.strip().splitlines()) == 1


def test_validate_a_copy_and_report_problems(data_copy: Path) -> None:
    assert runner.invoke(app, ["validate", str(data_copy)]).exit_code == 0
    path = data_copy / "regions_indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("7.3", "x", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(data_copy)])
    assert result.exit_code == 1
    assert f"regions_indicators.csv, ligne 2, colonne «{NBSP}value{NBSP}»" in result.output
    assert "Traceback" not in result.output


def test_validate_missing_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "datapackage.json" in result.output and "introuvable" in result.output


def test_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "serve" in result.output and "validate" in result.output
