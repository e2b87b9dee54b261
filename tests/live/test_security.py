"""Without the facilitator's token only the participant routes answer; participants stay anonymous.

Each refused route must say 401/403 or redirect to the login page, whatever the method: a
participant who knows the server's address reaches neither JupyterLab, nor a kernel, nor a
file, nor a terminal, nor a dashboard, nor the session controls.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect

from tests.conftest import Server
from tests.live.conftest import Admin, answer, identity, participant, request
from widgets.storage.live import LiveStore

PROTECTED = [
    ("GET", "/lab"),
    ("GET", "/lab/tree/course/accueil.ipynb"),
    ("GET", "/api/kernels"),
    ("POST", "/api/kernels"),
    ("GET", "/api/sessions"),
    ("POST", "/api/sessions"),
    ("GET", "/api/contents"),
    ("GET", "/api/contents/dashboards/audience_live.ipynb"),
    ("PUT", "/api/contents/pirate.txt"),
    ("GET", "/api/terminals"),
    ("POST", "/api/terminals"),
    ("GET", "/api/kernelspecs"),
    ("GET", "/files/README.md"),
    ("GET", "/voila/render/dashboards/audience_live.ipynb"),
    ("GET", "/voila/tree"),
    ("GET", "/parcours/live/admin/banks"),
    ("GET", "/parcours/live/admin/sessions"),
    ("POST", "/parcours/live/admin/sessions"),
]


def refused(status: int, location: str) -> bool:
    return status in (401, 403) or (status == 302 and location.split("?")[0].endswith("/login"))


@pytest.mark.parametrize(("method", "path"), PROTECTED, ids=[f"{m} {p}" for m, p in PROTECTED])
def test_nothing_but_participant_routes_answers_without_the_token(
    server: Server, method: str, path: str
) -> None:
    body = b'{"bank": "sondage_ouverture", "type": "file"}' if method in ("POST", "PUT") else None
    for headers in ({}, {"Authorization": "token wrong-token"}):
        status, answer_headers, _ = request(f"{server.base}{path}", method, body, headers)
        assert refused(status, answer_headers.get("location", "")), (method, path, status)


def test_session_controls_need_the_token(server: Server, admin: Admin) -> None:
    code = admin.create("sondage_ouverture")["code"]
    for action in ("open", "close", "reset", "reveal", "hide", "next", "previous", "goto"):
        status, _, _ = request(
            f"{server.base}/parcours/live/admin/sessions/{code}/{action}", "POST", b""
        )
        assert status == 403
    for path in (
        f"/sessions/{code}",
        f"/sessions/{code}/export.csv",
        f"/sessions/{code}/export.json",
        f"/sessions/{code}/projection",
        f"/sessions/{code}/events",
    ):
        assert request(f"{server.base}/parcours/live/admin{path}")[0] == 403
    seen = admin.get(code)
    assert (seen["state"], seen["revealed"], seen["current"]) == ("open", False, 0)
    # The projected page's script and style sheet are code, not data: no token needed.
    assert request(f"{server.base}/parcours/live/admin/assets/projection.js")[0] == 200
    assert request(f"{server.base}/parcours/live/admin/assets/secret.py")[0] == 404


def test_participants_cannot_change_a_session_through_their_routes(
    server: Server, admin: Admin
) -> None:
    code = admin.create("sondage_ouverture")["code"]
    for action in ("close", "reveal", "reset", "results/reveal"):
        status, _, _ = request(f"{server.base}/parcours/live/api/{code}/{action}", "POST", b"{}")
        assert status in (404, 405)
    assert admin.get(code)["state"] == "open" and admin.get(code)["revealed"] is False


def test_a_participant_cannot_read_others_answers(server: Server, admin: Admin) -> None:
    code = admin.create("sondage_ouverture")["code"]
    me, other = participant(), participant()
    answer(server, code, other, {"profil": "collectivite", "metier": "aucun"})
    answer(server, code, me, {"profil": "association"})
    me, other = identity(server, code, me), identity(server, code, other)
    for path in ("", "/state", "/results", f"/results?participant={me}"):
        _, _, text = request(f"{server.base}/parcours/live/api/{code}{path}")
        assert other not in text and 'collectivite": 1' not in text.replace(" ", "")
    admin.act(code, "reveal")
    _, _, text = request(f"{server.base}/parcours/live/api/{code}/results?participant={me}")
    document = json.loads(text)
    assert other not in text
    assert document["me"]["answers"] == {"profil": "association"}
    # Only counts of the room: the other person's answer is one among the choices' counts.
    assert [c["count"] for c in document["questions"][0]["choices"]] == [1, 0, 1, 0]


def test_an_answer_goes_only_to_the_session_of_its_url(server: Server, admin: Admin) -> None:
    one, two = admin.create("sondage_ouverture")["code"], admin.create("sondage_ouverture")["code"]
    answer(server, one, participant(), {"profil": "association"})
    assert admin.get(two)["answers"] == 0 and admin.get(one)["answers"] == 1


def test_no_ip_address_is_stored_or_logged(server: Server, admin: Admin) -> None:
    code = admin.create("sondage_ouverture")["code"]
    answer(server, code, participant(), {"profil": "association"})
    answer(server, code, participant(), {"profil": "inconnu"})  # a refusal, logged by Jupyter
    answer(server, "ZZZZZZ", participant(), {"profil": "association"})
    store = LiveStore()
    columns = {
        table: {c["name"] for c in inspect(store.engine).get_columns(table)}
        for table in ("live_sessions", "live_answers")
    }
    store.close()
    assert columns == {
        "live_sessions": {
            "id",
            "code",
            "bank_id",
            "bank_version",
            "state",
            "revealed",
            "created_at",
            "current_index",
            "revealed_items",
            "visible_items",
        },
        "live_answers": {"session_id", "participant_id", "item_id", "value", "updated_at"},
    }
    participant_lines = [line for line in server.log().splitlines() if "/parcours/live/api" in line]
    assert not [line for line in participant_lines if "127.0.0.1" in line]
