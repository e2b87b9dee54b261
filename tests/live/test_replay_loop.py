"""From a webinar to a self-learner's page: the room's replay, downloaded and exported.

A room answers a poll on the real server; the facilitator closes the session and downloads
its ``parcours-replay`` document (admin route, the panel offers the same file); ``parcours
export --replay`` turns it into a page « Ce qu'a répondu la salle » with the room's counts and
no trace of who answered.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Server
from tests.live.conftest import Admin, answer, identity, participant, request
from widgets.offline.build import build_export


def test_a_webinar_becomes_an_offline_replay_page(
    server: Server, admin: Admin, tmp_path: Path
) -> None:
    code = str(admin.create("sondage_ouverture")["code"])
    people = [participant() for _ in range(3)]
    choices = ["association", "association", "academique"]
    for who, choice in zip(people, choices, strict=True):
        assert answer(server, code, who, {"profil": choice})[0] == 200
    admin.act(code, "close")

    status, headers, text = request(
        f"{server.base}/parcours/live/admin/sessions/{code}/replay",
        headers={"Authorization": f"token {server.token}"},
    )
    assert status == 200 and "attachment" in headers["content-disposition"]
    document = json.loads(text)
    assert document["format"] == "parcours-replay" and document["participants"] == 3
    counts = {q["id"]: q["counts"] for q in document["questions"]}
    assert counts["profil"]["association"] == 2 and counts["profil"]["academique"] == 1
    assert document["closed_at"]
    for who in people:  # anonymous by construction: no identity, no individual answer
        assert identity(server, code, who) not in text
    status, _, _ = request(f"{server.base}/parcours/live/admin/sessions/{code}/replay")
    assert status in (401, 403)  # the facilitator's token is needed

    replay = tmp_path / "salle.json"
    replay.write_text(text, encoding="utf-8")
    build_export(tmp_path / "site", make_zip=False, replays=[replay])
    page = (tmp_path / "site" / "webinaire-1.html").read_text(encoding="utf-8")
    assert "Ce qu&#x27;a répondu la salle" in page or "Ce qu'a répondu la salle" in page
    assert f"session {code}" in page
    # The first question's figure carries the room's counts in the bank's order of choices.
    meta = page.split('"kind":"counts","question":"1. ', 1)[1]
    shown = json.loads(meta.split('"counts":', 1)[1].split("]", 1)[0] + "]")
    labels = json.loads(meta.split('"labels":', 1)[1].split("]", 1)[0] + "]")
    assert sum(shown) == 3 and sorted(shown, reverse=True)[:2] == [2, 1], (labels, shown)


def test_a_poll_of_every_type_becomes_a_replay_page(
    server: Server, admin: Admin, tmp_path: Path
) -> None:
    """Multiple choice, a cloud without its hidden word, the audience's questions by votes."""
    code = str(admin.create("sondage_questions_salle")["code"])
    people = [participant() for _ in range(3)]
    said = ["Économie locale", "l'économie", "Confiance mutuelle"]
    for who, words in zip(people, said, strict=True):
        given = {"partenaires": ["associations", "collectivites"], "evocation": words}
        assert answer(server, code, who, given)[0] == 200
    url = f"{server.base}/parcours/live/api/{code}/questions"
    asked = []
    for who, text in zip(people[:2], ["Comment financer ?", "Qui anime ?"], strict=True):
        body = {"participant": identity(server, code, who), "item": "questions_salle", "text": text}
        status, _, reply = request(url, "POST", body)
        assert status == 201
        asked.append(json.loads(reply)["id"])
    body = {"participant": identity(server, code, people[2])}
    assert request(f"{url}/{asked[1]}/vote", "POST", body)[0] == 200
    admin.call("POST", f"/sessions/{code}/words/hide", {"word": "mutuelle"})
    admin.act(code, "close")
    status, _, text = request(
        f"{server.base}/parcours/live/admin/sessions/{code}/replay",
        headers={"Authorization": f"token {server.token}"},
    )
    assert status == 200 and "mutuelle" not in text
    for who in people:
        assert identity(server, code, who) not in text
    replay = tmp_path / "salle.json"
    replay.write_text(text, encoding="utf-8")
    build_export(tmp_path / "site", make_zip=False, replays=[replay])
    page = (tmp_path / "site" / "webinaire-1.html").read_text(encoding="utf-8")
    assert "3 personnes · plusieurs réponses possibles" in page
    cloud = page.split('class="parcours-words"', 1)[1].split("</section>", 1)[0]
    assert 'data-count="2"' in cloud.split(">économie<", 1)[0].rsplit("<li", 1)[1]
    assert "mutuelle" not in page and "Économie" not in cloud
    assert page.index("Qui anime ?") < page.index("Comment financer ?")
