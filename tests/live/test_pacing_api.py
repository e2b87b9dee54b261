"""Pacing through the facilitator's API on the real server: moves, what phones read, locks."""

from __future__ import annotations

import json

from tests.conftest import Server
from tests.live.conftest import Admin, answer, participant, request
from widgets.banks import load_banks
from widgets.labels import live_message
from widgets.loaders.sources import source_titles


def state(server: Server, code: str) -> dict[str, object]:
    status, _, text = request(f"{server.base}/parcours/live/api/{code}/state")
    assert status == 200
    return dict(json.loads(text))


def test_next_previous_and_goto_move_the_phones_and_stay_inside(
    server: Server, admin: Admin
) -> None:
    code = admin.create("quiz_module_1")["code"]
    assert (admin.get(code)["current"], admin.get(code)["total"]) == (0, 5)
    assert admin.act(code, "previous")["current"] == 0  # already at the first
    assert admin.act(code, "next")["current"] == 1
    assert state(server, code)["current"] == 1  # what the phones read, at once
    assert admin.call("POST", f"/sessions/{code}/goto", {"index": 4})["current"] == 4
    assert admin.act(code, "next")["current"] == 4  # already at the last
    first = admin.get(code)["results"]["questions"][0]["id"]
    assert admin.call("POST", f"/sessions/{code}/goto", {"question": first})["current"] == 0


def test_a_bad_goto_is_refused_in_french(server: Server, admin: Admin) -> None:
    code = admin.create("quiz_module_1")["code"]
    url = f"{server.base}/parcours/live/admin/sessions/{code}/goto"
    auth = {"Authorization": f"token {server.token}"}
    for body, words in (({"index": 9}, "hors du questionnaire"), ({"question": "x"}, "attendu")):
        status, _, text = request(url, "POST", body, auth)
        assert status == 400 and words in json.loads(text)["message"]
    status, _, _ = request(url, "POST", {"index": 1})  # no token: no move
    assert status == 403 and admin.get(code)["current"] == 0


def test_a_quiz_answer_is_locked_once_its_answer_was_shown(server: Server, admin: Admin) -> None:
    code = admin.create("quiz_module_1")["code"]
    questions = admin.get(code)["results"]["questions"]
    first, second = questions[0], questions[1]
    right, other = first["choices"][0]["value"], first["choices"][1]["value"]  # any two
    early, late = participant(), participant()
    assert answer(server, code, early, {first["id"]: right})[0] == 200

    revealed = admin.act(code, "reveal")
    assert first["id"] in revealed["corrections"]  # the phones get the correction now
    source = revealed["corrections"][first["id"]]["source"]  # the document's title
    assert source == source_titles()[load_banks()["quiz_module_1"].items[0].source]
    status, reply = answer(server, code, early, {first["id"]: other})
    assert (status, reply["code"]) == (409, "answer-locked")
    assert reply["error"] == live_message("answer-locked", item=first["id"])
    assert answer(server, code, early, {first["id"]: right})[0] == 200  # a retry of the same
    assert answer(server, code, late, {first["id"]: right})[1]["code"] == "answer-locked"
    assert answer(server, code, late, {second["id"]: second["choices"][0]["value"]})[0] == 200

    admin.act(code, "hide")  # hidden again: what was shown stays shown
    assert answer(server, code, early, {first["id"]: other})[0] == 409
    stored = admin.get(code)["results"]["questions"][0]
    assert stored["answered"] == 1  # only the answer given before the reveal


def test_a_poll_answer_can_change_after_the_reveal(server: Server, admin: Admin) -> None:
    code = admin.create("sondage_ouverture")["code"]
    who = participant()
    assert answer(server, code, who, {"profil": "association"})[0] == 200
    admin.act(code, "reveal")
    assert answer(server, code, who, {"profil": "academique"})[0] == 200


def test_a_self_diagnostic_is_not_paced(server: Server, admin: Admin) -> None:
    code = admin.create("profil_catalyseur")["code"]
    assert state(server, code)["paced"] is False


def test_the_code_entry_page(server: Server) -> None:
    status, headers, text = request(f"{server.base}/parcours/live/j/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert '<label for="code">' in text and 'method="get"' in text
    assert "form-action 'self'" in headers["content-security-policy"]
    status, headers, _ = request(f"{server.base}/parcours/live/j/?code=ab-c%20de")
    assert (status, headers["location"]) == (303, "/parcours/live/j/ABCDE")
    status, _, text = request(f"{server.base}/parcours/live/j/?code=%3F%3F")
    assert status == 400 and 'aria-invalid="true"' in text and "Tapez le code" in text


def test_the_phone_page_stays_light(server: Server) -> None:
    """Page, scripts and style sheet under 60 KB, counted before compression."""
    total = 0
    for path in ("ABCDE", "assets/participant.js", "assets/pacing.js", "assets/participant.css"):
        status, _, text = request(f"{server.base}/parcours/live/j/{path}")
        assert status == 200, path
        total += len(text.encode("utf-8"))
    assert total <= 60_000, total
