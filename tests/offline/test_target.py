"""Where an export goes, with a small stand-in site: what it touches and what it leaves.

The pages themselves are tested elsewhere (``test_cli.py`` builds the real site); here the site
is two files, so that each case of ``OUT`` (missing, empty, a symbolic link, an earlier export
with the user's files beside it, a failure in the middle) runs in a moment.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from widgets.cli import app
from widgets.offline import MARKER, build, is_export
from widgets.offline import install as install

runner = CliRunner()


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: file bytes, ``"->target"`` for a link, ``"/"`` a folder."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = "->" + str(path.readlink())
        elif path.is_dir():
            found[key] = "/"
        else:
            found[key] = path.read_bytes()
    return found


@pytest.fixture
def small_site(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replace the site by two pages; ``state["fail"]`` makes the build stop half-way."""
    state: dict[str, Any] = {"fail": False, "version": "1"}

    def write_site(folder: Path, *_args: Any) -> tuple[list[str], dict[str, str]]:
        (folder / "index.html").write_text(f"accueil {state['version']}", encoding="utf-8")
        (folder / "assets").mkdir()
        (folder / "assets" / "parcours.js").write_text("// js", encoding="utf-8")
        if state["fail"]:
            raise OSError(28, "No space left on device")
        if state["version"] == "1":
            (folder / "ancienne.html").write_text("retirée ensuite", encoding="utf-8")
        return ["index.html"], {}

    monkeypatch.setattr(build, "_write_site", write_site)
    return state


def export(*args: str) -> Any:
    return runner.invoke(app, ["export", *args])


def test_a_missing_folder_is_created_with_its_zip(tmp_path: Path, small_site: Any) -> None:
    out = tmp_path / "sortie"
    result = export(str(out))
    assert result.exit_code == 0, result.output
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert marker["written"] == ["ancienne.html", "assets/parcours.js", "index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sortie", "sortie.zip"]


def test_a_symlink_to_an_empty_folder_is_followed_never_replaced(
    tmp_path: Path, small_site: Any
) -> None:
    real = tmp_path / "cle-usb"
    real.mkdir()
    link = tmp_path / "lien"
    link.symlink_to(real)
    result = export(str(link), "--no-zip")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.readlink() == real
    assert is_export(real)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cle-usb", "lien"]
    assert not list(real.glob(".*"))


def test_a_dangling_symlink_is_refused(tmp_path: Path, small_site: Any) -> None:
    (tmp_path / "lien").symlink_to(tmp_path / "nulle-part")
    result = export(str(tmp_path / "lien"))
    assert result.exit_code == 1 and "lien symbolique" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["lien"]


def test_reexport_removes_only_what_the_earlier_export_wrote(
    tmp_path: Path, small_site: Any
) -> None:
    out = tmp_path / "sortie"
    assert export(str(out)).exit_code == 0
    (out / "mes-notes.txt").write_text("à garder", encoding="utf-8")
    (out / "assets" / "mon-style.css").write_text("/* à moi */", encoding="utf-8")
    (out / "vide").mkdir()
    before = tree(tmp_path)
    refused = export(str(out))
    assert refused.exit_code == 1
    for name in ("mes-notes.txt", "assets/mon-style.css", "vide"):
        assert name in refused.output
    assert tree(tmp_path) == before

    small_site["version"] = "2"
    forced = export(str(out), "--force")
    assert forced.exit_code == 0, forced.output
    after = tree(out)
    assert after["mes-notes.txt"] == b"\xc3\xa0 garder" and after["vide"] == "/"
    assert after["assets/mon-style.css"] == b"/* \xc3\xa0 moi */"
    assert after["index.html"] == b"accueil 2" and "ancienne.html" not in after
    assert not [name for name in after if name.startswith(".")]
    with zipfile.ZipFile(tmp_path / "sortie.zip") as archive:
        names = archive.namelist()
    assert "sortie/mes-notes.txt" not in names and names[-1] == f"sortie/{MARKER}"


def test_a_users_file_under_an_export_files_name_is_refused_even_with_force(
    tmp_path: Path, small_site: Any
) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    (out / "index.html").write_text("ma page", encoding="utf-8")
    before = tree(tmp_path)
    result = export(str(out), "--force", "--no-zip")
    assert result.exit_code == 1 and "index.html" in result.output
    assert tree(tmp_path) == before


def test_a_symlink_inside_out_is_never_written_through(tmp_path: Path, small_site: Any) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    out = tmp_path / "sortie"
    out.mkdir()
    (out / "assets").symlink_to(elsewhere)
    before = tree(tmp_path)
    result = export(str(out), "--force", "--no-zip")
    assert result.exit_code == 1 and "assets" in result.output
    assert tree(tmp_path) == before


def test_a_marker_cannot_make_the_export_delete_outside_out(
    tmp_path: Path, small_site: Any
) -> None:
    out = tmp_path / "sortie"
    assert export(str(out), "--no-zip").exit_code == 0
    (tmp_path / "precieux.txt").write_text("x", encoding="utf-8")
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    marker["written"] += ["../precieux.txt", str(tmp_path / "precieux.txt")]
    (out / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    assert export(str(out), "--no-zip").exit_code == 0
    assert (tmp_path / "precieux.txt").exists()


def test_a_failure_mid_build_leaves_everything_as_it_was(tmp_path: Path, small_site: Any) -> None:
    out = tmp_path / "sortie"
    assert export(str(out)).exit_code == 0
    (out / "mes-notes.txt").write_text("à garder", encoding="utf-8")
    before = tree(tmp_path)
    small_site["fail"] = True
    result = export(str(out), "--force")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert tree(tmp_path) == before
    fresh = tmp_path / "neuf"
    assert export(str(fresh)).exit_code == 1
    assert tree(tmp_path) == before  # no ``.neuf.partiel-…`` left


def test_a_failure_mid_install_puts_the_earlier_export_back(
    tmp_path: Path, small_site: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "sortie"
    assert export(str(out), "--no-zip").exit_code == 0
    (out / "mes-notes.txt").write_text("à garder", encoding="utf-8")
    before = tree(tmp_path)
    moved: list[Path] = []
    real_move = install._move

    def failing_move(source: Path, destination: Path, created: list[Path]) -> None:
        if ".parcours-partiel-" in str(source) and moved:
            raise OSError(28, "No space left on device")
        if ".parcours-partiel-" in str(source):
            moved.append(source)
        real_move(source, destination, created)

    monkeypatch.setattr(install, "_move", failing_move)
    small_site["version"] = "2"
    result = export(str(out), "--force", "--no-zip")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert moved  # it did fail half-way through the new files
    assert tree(tmp_path) == before
