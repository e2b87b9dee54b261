"""``parcours export`` as a facilitator runs it: what it refuses, and what it never leaves behind.

Every refusal must leave the disk as it was: no ``OUT``, no ``OUT.zip``, no hidden staging
folder, and an earlier export untouched.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from widgets.cli import app
from widgets.offline import MARKER, is_export

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def listing(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_a_folder_that_is_not_an_export_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "mes-documents"
    out.mkdir()
    (out / "notes.txt").write_text("à garder", encoding="utf-8")
    before = listing(tmp_path)
    result = runner.invoke(app, ["export", str(out)])
    assert result.exit_code == 1
    assert "qu'aucun export n'a écrits" in result.output and "notes.txt" in result.output
    assert MARKER in result.output and "Traceback" not in result.output
    assert listing(tmp_path) == before


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sortie").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["export", str(tmp_path / "sortie")])
    assert result.exit_code == 1 and "n'est pas un dossier" in result.output
    assert listing(tmp_path) == ["sortie"]


def test_a_zip_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sortie.zip").write_bytes(b"pas un zip")
    result = runner.invoke(app, ["export", str(tmp_path / "sortie")])
    assert result.exit_code == 1 and "--no-zip" in result.output
    assert listing(tmp_path) == ["sortie.zip"]


def broken_course(tmp_path: Path) -> Path:
    course = tmp_path / "cours"
    shutil.copytree(ROOT / "course", course)
    path = course / "m4_innovations_territoriales.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].insert(
        3,
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "id": "panne",
            "source": "from widgets.course import figure_text\nfigure_text('chiffre_inconnu')",
        },
    )
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return course


def test_a_module_that_fails_stops_the_export_and_leaves_nothing(tmp_path: Path) -> None:
    course = broken_course(tmp_path)
    result = runner.invoke(app, ["export", str(tmp_path / "sortie"), "--course-dir", str(course)])
    assert result.exit_code == 1, result.output
    assert "m4_innovations_territoriales.ipynb" in result.output
    assert "cellule 4" in result.output and "chiffre_inconnu" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "sortie").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["cours"]  # no staging folder, no zip


def test_an_invalid_bank_stops_the_export(tmp_path: Path, data_copy: Path) -> None:
    bank = data_copy / "banks" / "profil_catalyseur.yaml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("axis: dialogue_territorial", "axis: dialogue", 1), "utf-8")
    out = tmp_path / "sortie"
    result = runner.invoke(app, ["export", str(out)], env={"PARCOURS_DATA_DIR": str(data_copy)})
    assert result.exit_code == 1, result.output
    assert "Banque de questions invalide" in result.output
    assert "banks/profil_catalyseur.yaml" in result.output and "axe inconnu" in result.output
    assert not out.exists() and not (tmp_path / "sortie.zip").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_an_invalid_replay_is_named(tmp_path: Path) -> None:
    replay = tmp_path / "salle.json"
    replay.write_text('{"format": "parcours-replay", "version": 1, "bank_id": "x"}', "utf-8")
    result = runner.invoke(app, ["export", str(tmp_path / "sortie"), "--replay", str(replay)])
    assert result.exit_code == 1
    assert "salle.json" in result.output and "bank_id" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["salle.json"]


@pytest.fixture(scope="module")
def first_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "hors-ligne"
    result = runner.invoke(app, ["export", str(out)])
    assert result.exit_code == 0, result.output
    assert "Édition hors ligne prête" in result.output and "index.html" in result.output
    return out


def test_export_writes_the_folder_the_zip_and_the_marker_last(first_export: Path) -> None:
    assert is_export(first_export)
    marker = json.loads((first_export / MARKER).read_text(encoding="utf-8"))
    assert marker["format"] == "parcours-export" and "index.html" in marker["pages"]
    assert marker["files"] == len([p for p in first_export.rglob("*") if p.is_file()]) - 1
    with zipfile.ZipFile(first_export.with_name("hors-ligne.zip")) as archive:
        names = archive.namelist()
    assert names[-1] == f"hors-ligne/{MARKER}"
    assert "hors-ligne/index.html" in names and "hors-ligne/assets/plotly.min.js" in names
    siblings = [p.name for p in first_export.parent.iterdir()]
    assert sorted(siblings) == ["hors-ligne", "hors-ligne.zip"]


def test_an_earlier_export_survives_a_failed_one_and_is_replaced_by_a_good_one(
    first_export: Path, tmp_path: Path
) -> None:
    course = broken_course(tmp_path)
    before = {p: p.read_bytes() for p in first_export.rglob("*") if p.is_file()}
    failed = runner.invoke(app, ["export", str(first_export), "--course-dir", str(course)])
    assert failed.exit_code == 1
    assert {p: p.read_bytes() for p in first_export.rglob("*") if p.is_file()} == before

    (first_export / "index.html").write_text("ancienne page", encoding="utf-8")
    again = runner.invoke(app, ["export", str(first_export), "--no-zip"])
    assert again.exit_code == 0, again.output
    assert is_export(first_export) and "ancienne page" not in (
        first_export / "index.html"
    ).read_text(encoding="utf-8")
    assert "Archive" not in again.output
    assert sorted(p.name for p in first_export.parent.iterdir()) == ["hors-ligne", "hors-ligne.zip"]
    assert not [p for p in first_export.rglob(".*")]  # no hidden staging or trash folder


def test_the_users_files_in_an_earlier_export_are_never_deleted(first_export: Path) -> None:
    """An export copied to a USB stick, the user's notes added beside it, exported again."""
    (first_export / "mes-notes.txt").write_text("à garder", encoding="utf-8")
    (first_export / "mon-travail").mkdir()
    (first_export / "mon-travail" / "rapport.docx").write_bytes(b"PK\x03\x04rapport")
    before = {p: p.read_bytes() for p in first_export.rglob("*") if p.is_file()}
    refused = runner.invoke(app, ["export", str(first_export), "--no-zip"])
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert "mes-notes.txt" in refused.output and "mon-travail/rapport.docx" in refused.output
    assert "--force" in refused.output
    assert {p: p.read_bytes() for p in first_export.rglob("*") if p.is_file()} == before

    forced = runner.invoke(app, ["export", str(first_export), "--no-zip", "--force"])
    assert forced.exit_code == 0, forced.output
    assert (first_export / "mes-notes.txt").read_text(encoding="utf-8") == "à garder"
    assert (first_export / "mon-travail" / "rapport.docx").read_bytes() == b"PK\x03\x04rapport"
    marker = json.loads((first_export / MARKER).read_text(encoding="utf-8"))
    assert "mes-notes.txt" not in marker["written"] and "index.html" in marker["written"]
    assert not [p for p in first_export.rglob(".*")]
    (first_export / "mes-notes.txt").unlink()
    shutil.rmtree(first_export / "mon-travail")


def test_an_empty_folder_is_used(tmp_path: Path, first_export: Path) -> None:
    out = tmp_path / "vide"
    out.mkdir()
    result = runner.invoke(app, ["export", str(out), "--no-zip"])
    assert result.exit_code == 0, result.output
    assert is_export(out) and sorted(p.name for p in tmp_path.iterdir()) == ["vide"]


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("regions_indicators.csv", ",7.0,", ",1e999,"),
        ("regions.geojson", '"code":"53"', '"code":"11"'),
    ],
)
def test_broken_data_stops_the_export_in_french(
    tmp_path: Path, data_copy: Path, name: str, old: str, new: str
) -> None:
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "sortie"
    result = runner.invoke(app, ["export", str(out)], env={"PARCOURS_DATA_DIR": str(data_copy)})
    assert result.exit_code == 1, result.output
    assert f"fichier {name}" in result.output and "Traceback" not in result.output
    assert "inattendue" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
