"""The learner's folder: copied once, updated where the learner left it alone, never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets.learner_folder import MANIFEST, content_hash, sync_learner_folder


def notebook(*sources: str, outputs: list[object] | None = None) -> str:
    cells = [
        {
            "cell_type": "code",
            "source": source,
            "metadata": {},
            "execution_count": None,
            "outputs": outputs or [],
        }
        for source in sources
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "paquet"
    (root / "course" / ".ipynb_checkpoints").mkdir(parents=True)
    (root / "dashboards").mkdir()
    (root / "course" / "accueil.ipynb").write_text(notebook("accueil()"), encoding="utf-8")
    (root / "course" / "m1.ipynb").write_text(notebook("quiz(1)"), encoding="utf-8")
    (root / "course" / ".ipynb_checkpoints" / "m1-checkpoint.ipynb").write_text("{}")
    (root / "dashboards" / "radar.ipynb").write_text(notebook("radar()"), encoding="utf-8")
    return root


def test_first_run_copies_the_course_without_checkpoints(course: Path, tmp_path: Path) -> None:
    report = sync_learner_folder(course, tmp_path / "moi", version="0.1.0")
    assert report.copied == ["course/accueil.ipynb", "course/m1.ipynb", "dashboards/radar.ipynb"]
    assert report.updated == report.kept == []
    assert not (tmp_path / "moi" / "course" / ".ipynb_checkpoints").exists()
    manifest = json.loads((tmp_path / "moi" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["version"] == "0.1.0"
    assert set(manifest["files"]) == set(report.copied)


def test_a_new_version_updates_only_what_the_learner_left_alone(
    course: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "moi"
    sync_learner_folder(course, mine)
    # The learner ran m1 (outputs saved: not an edit) and rewrote accueil.
    (mine / "course" / "m1.ipynb").write_text(
        notebook("quiz(1)", outputs=[{"output_type": "stream", "name": "stdout", "text": "ok"}]),
        encoding="utf-8",
    )
    edited = notebook("accueil()", "# mes notes")
    (mine / "course" / "accueil.ipynb").write_text(edited, encoding="utf-8")
    # A new version of the course changes both, and the dashboard.
    (course / "course" / "m1.ipynb").write_text(notebook("quiz(1, v=2)"), encoding="utf-8")
    (course / "course" / "accueil.ipynb").write_text(notebook("accueil(v=2)"), encoding="utf-8")
    (course / "dashboards" / "radar.ipynb").write_text(notebook("radar(v=2)"), encoding="utf-8")

    report = sync_learner_folder(course, mine)

    assert report.updated == ["course/m1.ipynb", "dashboards/radar.ipynb"]
    assert report.kept == ["course/accueil.ipynb"]
    assert (mine / "course" / "accueil.ipynb").read_text(encoding="utf-8") == edited
    assert "v=2" in (mine / "course" / "m1.ipynb").read_text(encoding="utf-8")
    lines = "\n".join(report.lines_fr())
    assert "laissé(s) tel(s) quel(s)" in lines and "course/accueil.ipynb" in lines
    assert "\u00a0:" in lines
    # Asked again, the learner's notebook is still theirs and still named.
    again = sync_learner_folder(course, mine)
    assert again.kept == ["course/accueil.ipynb"] and again.updated == again.copied == []
    assert (mine / "course" / "accueil.ipynb").read_text(encoding="utf-8") == edited


def test_edits_are_not_reported_while_the_course_is_unchanged(course: Path, tmp_path: Path) -> None:
    mine = tmp_path / "moi"
    sync_learner_folder(course, mine)
    (mine / "course" / "m1.ipynb").write_text(notebook("mon code"), encoding="utf-8")
    report = sync_learner_folder(course, mine)
    assert report.copied == report.updated == report.kept == []
    assert "mon code" in (mine / "course" / "m1.ipynb").read_text(encoding="utf-8")


def test_a_deleted_notebook_comes_back_and_a_foreign_file_is_kept(
    course: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "moi"
    (mine / "course").mkdir(parents=True)
    (mine / "course" / "m1.ipynb").write_text(notebook("le mien"), encoding="utf-8")
    report = sync_learner_folder(course, mine)
    assert report.kept == ["course/m1.ipynb"]
    assert "le mien" in (mine / "course" / "m1.ipynb").read_text(encoding="utf-8")
    (mine / "course" / "accueil.ipynb").unlink()
    assert sync_learner_folder(course, mine).copied == ["course/accueil.ipynb"]


def test_content_hash_ignores_outputs_not_sources(tmp_path: Path) -> None:
    first, second, third = (tmp_path / f"{n}.ipynb" for n in "abc")
    first.write_text(notebook("x = 1"), encoding="utf-8")
    second.write_text(notebook("x = 1", outputs=[{"output_type": "error"}]), encoding="utf-8")
    third.write_text(notebook("x = 2"), encoding="utf-8")
    assert content_hash(first) == content_hash(second) != content_hash(third)
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    assert len(content_hash(broken)) == 64
