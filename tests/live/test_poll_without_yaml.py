"""A poll made in « Préparer un sondage » and one imported from a spreadsheet both run live.

Both are saved through the dashboard's form into a private copy of ``data/``
(``PARCOURS_DATA_DIR``), then a real ``parcours serve`` on that copy plays them: the facilitator's
API creates the sessions, phones join and answer every question type, the room's results count
them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import Server, start_server, stop_server
from tests.live.conftest import Admin, answer, identity, participant, request
from tests.polls import fill_poll_form
from widgets.banks.spreadsheet_template import template_xlsx
from widgets.ui.poll_form import PollForm


@pytest.fixture
def saved_polls(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(data_copy))
    form = PollForm()
    fill_poll_form(form, "Fait dans le formulaire")
    made = form.save().bank.id

    imported = PollForm()
    content = template_xlsx()
    upload = {
        "name": "sondage_modele.xlsx",
        "type": "",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": datetime.now(UTC),
    }
    imported.upload.value = (upload,)
    return made, imported.save().bank.id


@pytest.fixture
def data_server(saved_polls: tuple[str, str], data_copy: Path, tmp_path: Path) -> Iterator[Server]:
    env = {
        "PARCOURS_DATA_DIR": str(data_copy),
        "PARCOURS_LIVE_DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
    }
    running = start_server(tmp_path / "server", env)
    yield running
    stop_server(running)


def test_the_form_s_poll_runs_in_a_session(
    saved_polls: tuple[str, str], data_server: Server
) -> None:
    made, _ = saved_polls
    admin = Admin(data_server)
    code = str(admin.create(made)["code"])
    status, _, text = request(f"{data_server.base}/parcours/live/api/{code}")
    assert status == 200
    shown = json.loads(text)
    assert shown["title"] == "Fait dans le formulaire"
    assert [q["type"] for q in shown["questions"]] == ["multiple", "words"]
    for picked, said in ((["elus", "entreprises"], "Économie"), (["elus"], "économie")):
        assert answer(data_server, code, participant(), {"q1": picked, "q2": said})[0] == 200
    status, reply = answer(
        data_server, code, participant(), {"q1": ["elus", "entreprises", "associations"]}
    )
    assert (status, reply["code"]) == (422, "too-many-choices")  # at most two, as typed
    admin.act(code, "reveal")
    results = {q["id"]: q for q in admin.get(code)["results"]["questions"]}
    counts = {c["label"]: c["count"] for c in results["q1"]["choices"]}
    assert counts == {"Élus": 2, "Entreprises": 1, "Associations": 0}
    assert results["q2"]["words"][0]["count"] == 2


def test_the_spreadsheet_s_poll_runs_in_a_session(
    saved_polls: tuple[str, str], data_server: Server
) -> None:
    _, imported = saved_polls
    admin = Admin(data_server)
    code = str(admin.create(imported)["code"])
    status, _, text = request(f"{data_server.base}/parcours/live/api/{code}")
    questions = json.loads(text)["questions"]
    assert [q["type"] for q in questions] == ["choice", "multiple", "words", "questions"]
    who = participant()
    first = questions[0]["choices"][0]["value"]
    status, reply = answer(
        data_server, code, who, {"q1": first, "q2": ["collectivites"], "q3": "Confiance"}
    )
    assert status == 200, reply
    status, _, body = request(
        f"{data_server.base}/parcours/live/api/{code}/questions",
        "POST",
        {
            "participant": identity(data_server, code, who),
            "item": "q4",
            "text": "Comment commencer ?",
        },
    )
    assert status in (200, 201), body
    listed = admin.call("GET", f"/sessions/{code}/questions")
    assert "Comment commencer ?" in json.dumps(listed, ensure_ascii=False)
    admin.act(code, "reveal")
    results = {q["id"]: q for q in admin.get(code)["results"]["questions"]}
    assert results["q3"]["words"] == [{"word": "Confiance", "count": 1}]
