"""``parcours serve`` starts whatever the data: broken files are named in its log, the pages
that need them say so in French, the course and the live room still answer.

One server for a folder where every data file is broken in its own way, one for a folder whose
``datapackage.json`` is a folder (every table is then unusable). Each real server takes a few
seconds to start; what a page shows for broken data is checked without a server, on the
notebook edition's facade that the pages call.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, Server, fetch, start_server, stop_server
from widgets.storage.live import LiveStore

BROKEN = {
    "regions_indicators.csv": "séparateur de colonnes inattendu",
    "regions.geojson": "champ invalide",
    "sources/000_3d8b2b73c40b1d15.txt": "encodage illisible",
    "banks/quiz_module_0.yaml": "imbrication trop profonde",
    "seed_figures.csv": "nombre non fini",
}


def break_files(data: Path) -> None:
    table = data / "regions_indicators.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    geo = data / "regions.geojson"
    document = json.loads(geo.read_text(encoding="utf-8"))
    document["features"][2]["properties"] = "Bretagne"
    geo.write_text(json.dumps(document), encoding="utf-8")
    source = data / "sources" / "000_3d8b2b73c40b1d15.txt"
    source.write_bytes(source.read_text(encoding="utf-8").encode("latin-1", "replace"))
    bank = data / "banks" / "quiz_module_0.yaml"
    bank.write_text("id: x\nitems: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    figures = data / "seed_figures.csv"
    text = figures.read_text(encoding="utf-8").replace(",1200000,", ",NaN,", 1)
    figures.write_text(text, encoding="utf-8")


def running(tmp: Path, data: Path) -> tuple[Server, str]:
    url = f"sqlite:///{tmp / 'live.sqlite3'}"
    session = LiveStore(url).create_session("sondage_ouverture", "1.0")
    env = {"PARCOURS_DATA_DIR": str(data), "PARCOURS_LIVE_DATABASE_URL": url}
    return start_server(tmp, env), session.code


def assert_course_and_room_answer(server: Server, code: str) -> None:
    status, _ = fetch(server.url("/lab/tree/course/accueil.ipynb"))
    assert status == 200
    status, body = fetch(server.url(f"/parcours/live/j/{code}", token=False))
    assert status == 200 and "<html" in body.lower()
    status, _ = fetch(server.url(f"/parcours/live/api/{code}/state", token=False))
    assert status == 200


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    tmp = tmp_path_factory.mktemp("broken")
    data = tmp / "data"
    shutil.copytree(DATA, data)
    break_files(data)
    server, code = running(tmp, data)
    yield server, code
    stop_server(server)


def test_serve_names_every_broken_file_and_keeps_serving(
    broken_server: tuple[Server, str],
) -> None:
    server, code = broken_server
    assert_course_and_room_answer(server, code)
    log = server.log()
    assert "des fichiers de données sont invalides" in log
    for name, words in BROKEN.items():
        assert f"fichier {name}" in log and words in log, name
    assert "Traceback" not in log


def test_a_package_description_that_is_a_folder_does_not_stop_the_server(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "datapackage.json").unlink()
    (data / "datapackage.json").mkdir()
    server, code = running(tmp_path, data)
    try:
        assert_course_and_room_answer(server, code)
        assert "fichier datapackage.json" in server.log()
        assert "Traceback" not in server.log()
    finally:
        stop_server(server)


@pytest.mark.parametrize(
    ("call", "file"),
    [
        ("indices_explorer", "regions_indicators.csv"),
        ("barometer", "seed_figures.csv"),
        ("quiz", "banks/quiz_module_0.yaml"),
    ],
)
def test_a_page_that_needs_a_broken_file_says_so_in_french(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, call: str, file: str
) -> None:
    from widgets.ui.course import NotebookCourse

    break_files(data_copy)
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(data_copy))
    course = NotebookCourse()
    widget = course.quiz(0) if call == "quiz" else getattr(course, call)()
    text = str(getattr(widget, "value", ""))
    assert file in text and "Traceback" not in text, text[:500]
