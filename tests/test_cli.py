"""The ``parcours`` command line as a facilitator runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
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


def test_validate_refuses_activities_the_form_could_not_read(data_copy: Path) -> None:
    """activities.yaml is read by the activities' form: what it would refuse, validate refuses."""
    path = data_copy / "activities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "titre:", 1), "utf-8")
    result = runner.invoke(app, ["validate", str(data_copy)])
    assert result.exit_code == 1
    assert "activities.yaml" in result.output and "Traceback" not in result.output


def test_validate_missing_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "datapackage.json" in result.output and "introuvable" in result.output


def test_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "serve" in result.output and "validate" in result.output


def test_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"parcours {version('parcours')}"


def test_serve_from_a_checkout_serves_the_checkout_unless_given_a_folder(tmp_path: Path) -> None:
    from widgets import config
    from widgets.host.server import served_folder

    root, copied = served_folder(None)
    assert root == config.content_root().resolve() and copied is None
    mine, report = served_folder(tmp_path / "moi")
    assert mine == (tmp_path / "moi").resolve() and report is not None
    assert "course/accueil.ipynb" in report.copied
    assert (mine / "course" / "accueil.ipynb").read_bytes() == (
        config.content_root() / "course" / "accueil.ipynb"
    ).read_bytes()


def test_serve_refuses_a_folder_it_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("pas un dossier", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--no-browser", "--dir", str(tmp_path / "fichier" / "x")])
    assert result.exit_code == 1
    assert "ne peut pas recevoir les carnets du cours" in result.output
    assert "Traceback" not in result.output


def test_installed_serve_defaults_to_the_documents_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed (a packaged copy exists), ``serve`` never serves the package's own files."""
    import platformdirs

    from widgets import config
    from widgets.host.server import served_folder

    packaged = tmp_path / "site-packages" / "widgets" / "_content"
    shutil.copytree(config.content_root() / "course", packaged / "course")
    shutil.copytree(config.content_root() / "dashboards", packaged / "dashboards")
    monkeypatch.setattr(config, "packaged_content", lambda: packaged)
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "Documents"))
    assert config.content_root() == packaged and not config.running_from_checkout()
    root, report = served_folder(None)
    assert root == (tmp_path / "Documents" / "parcours").resolve()
    assert report is not None and "course/accueil.ipynb" in report.copied


HELP_SCREENS = [["--help"], ["serve", "--help"], ["export", "--help"], ["validate", "--help"]]
MISTAKES = [
    (["export"], f"Il manque l'argument «{NBSP}DOSSIER{NBSP}»."),
    (["serve", "--port", "abc"], f"Valeur invalide pour «{NBSP}--port{NBSP}»"),
    (["serve", "--prot", "3"], f"Option inconnue{NBSP}: --prot"),
    (["exprot"], f"Commande inconnue{NBSP}: «{NBSP}exprot{NBSP}»"),
    (["validate", "a", "b"], f"Argument en trop{NBSP}: «{NBSP}b{NBSP}»"),
]


@pytest.mark.parametrize("args", HELP_SCREENS, ids=" ".join)
def test_every_help_screen_is_french(args: list[str]) -> None:
    from tests.english import english_in

    result = runner.invoke(app, args, prog_name="parcours", terminal_width=100)
    assert result.exit_code == 0, result.output
    assert "Afficher cette aide et quitter." in result.output
    assert f"Utilisation{NBSP}: parcours" in result.output
    assert english_in(result.output) == []


@pytest.mark.parametrize(
    ("args", "french"), MISTAKES, ids=lambda a: " ".join(a) if isinstance(a, list) else ""
)
def test_a_mistyped_command_is_answered_in_french(args: list[str], french: str) -> None:
    from tests.english import english_in

    result = runner.invoke(app, args, prog_name="parcours", terminal_width=200)
    assert result.exit_code == 2
    assert french in result.output
    assert "Erreur" in result.output and "Traceback" not in result.output
    assert english_in(result.output) == []


def test_the_export_summary_writes_french_numbers() -> None:
    from types import SimpleNamespace

    from widgets.cli import export_summary_fr

    summary = SimpleNamespace(
        out=Path("/tmp/hors-ligne"), pages=["a"] * 14, files=61, bytes=2_812_345, seconds=12.4
    )
    assert export_summary_fr(summary) == (
        f"Édition hors ligne prête{NBSP}: /tmp/hors-ligne (14 pages, 61{NBSP}fichiers, "
        f"2,8{NBSP}Mo, 12{NBSP}s)."
    )
