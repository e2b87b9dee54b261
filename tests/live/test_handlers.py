"""Participant routes on the real server: validation, refusals in French, never a 500."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Server
from tests.live.conftest import Admin, answer, identity, participant, request
from widgets.labels import LIVE_MESSAGES


@pytest.fixture
def poll(admin: Admin) -> str:
    return str(admin.create("sondage_ouverture")["code"])


def post_raw(
    server: Server, code: str, body: bytes, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, object]]:
    sent = {"Content-Type": "application/json", **(headers or {})}
    status, _, text = request(f"{server.base}/parcours/live/api/{code}/answers", "POST", body, sent)
    return status, json.loads(text)


def test_questions_and_state_without_token(server: Server, poll: str) -> None:
    status, headers, text = request(f"{server.base}/parcours/live/api/{poll.lower()}")
    assert status == 200
    document = json.loads(text)
    assert (document["code"], document["state"], document["revealed"]) == (poll, "open", False)
    assert [q["id"] for q in document["questions"]] == ["profil", "dynamique", "metier"]
    assert headers["cache-control"] == "no-store"
    status, _, text = request(f"{server.base}/parcours/live/api/{poll}/state")
    assert (status, json.loads(text)) == (
        200,
        {
            "code": poll,
            "state": "open",
            "revealed": False,
            "paced": True,
            "current": 0,
            "total": 3,
            "corrections": {},
        },
    )


def test_an_answer_is_stored_and_a_resubmission_replaces_it(
    server: Server, admin: Admin, poll: str
) -> None:
    who = participant()
    assert answer(server, poll, who, {"profil": "association", "metier": "aucun"}) == (
        200,
        {"saved": ["metier", "profil"], "state": "open"},
    )
    assert answer(server, poll, who, {"profil": "academique"})[0] == 200
    assert answer(server, poll, participant(), {"profil": "association"})[0] == 200
    seen = admin.get(poll)
    assert (seen["participants"], seen["answers"]) == (2, 3)
    profil = seen["results"]["questions"][0]["choices"]
    assert {c["value"]: c["count"] for c in profil}["academique"] == 1
    assert {c["value"]: c["count"] for c in profil}["association"] == 1


@pytest.mark.parametrize(
    ("answers", "status", "code"),
    [
        ({"inconnue": "x"}, 422, "unknown-item"),
        ({"profil": "martien"}, 422, "unknown-option"),
        ({"profil": 3}, 422, "invalid-field"),
        ({"profil": None}, 422, "invalid-field"),
        ({"profil": {"a": "b"}}, 422, "invalid-field"),
        ({}, 400, "no-answer"),
        ([], 400, "bad-json"),
        ("profil", 400, "bad-json"),
    ],
)
def test_bad_answers_are_refused_in_french(
    server: Server, poll: str, answers: object, status: int, code: str
) -> None:
    got, reply = answer(server, poll, participant(), answers)
    assert (got, reply["code"]) == (status, code)
    assert reply["error"].startswith(LIVE_MESSAGES[code].split("{")[0][:10])


def test_out_of_scale_on_a_diagnostic(server: Server, admin: Admin) -> None:
    code = admin.create("profil_catalyseur")["code"]
    got, reply = answer(server, code, participant(), {"dt_enjeux": 7})
    assert (got, reply["code"]) == (422, "out-of-scale")
    assert "0, 1, 2, 3" in str(reply["error"]) and "dt_enjeux" in str(reply["error"])
    assert answer(server, code, participant(), {"dt_enjeux": 3.0})[0] == 200


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"not json", "bad-json"),
        (b"\xff\xfe\x00garbage", "bad-json"),
        (b'{"participant": "abcdefgh12", "answers": {"profil": NaN}}', "bad-json"),
        (b'{"answers": {"profil": "association"}}', "bad-participant"),
        (b'{"participant": "x", "answers": {"profil": "association"}}', "bad-participant"),
        (b'{"participant": "<script>alert(1)</script>", "answers": {}}', "bad-participant"),
        (b'{"participant": 12345678901, "answers": {}}', "bad-participant"),
        (b"[]", "bad-json"),
        (b"", "bad-json"),
        # nesting beyond Python's recursion limit, within 16 KB
        pytest.param(b"[" * 16000, "bad-json", id="deep-nesting"),
    ],
)
def test_garbage_gets_a_4xx_never_a_500(server: Server, poll: str, body: bytes, code: str) -> None:
    status, reply = post_raw(server, poll, body)
    assert status == 400 and reply["code"] == code


def test_oversized_body(server: Server, poll: str) -> None:
    body = json.dumps({"participant": participant(), "answers": {"x" * 20_000: "y"}}).encode()
    assert post_raw(server, poll, body) == (
        413,
        {"error": LIVE_MESSAGES["too-large"], "code": "too-large"},
    )
    # An iterable body goes out chunked, without Content-Length: the size is counted as it comes.
    url = f"{server.base}/parcours/live/api/{poll}/answers"
    status, _, text = request(url, "POST", iter([body[:9000], body[9000:]]))  # type: ignore[arg-type]
    assert status == 413 and json.loads(text)["code"] == "too-large"


def test_unknown_session(server: Server) -> None:
    got, reply = answer(server, "ZZZZZZ", participant(), {"profil": "association"})
    assert (got, reply["code"]) == (404, "unknown-session")
    for path in ("ZZZZZZ", "ZZZZZZ/state", "ZZZZZZ/results"):
        status, _, text = request(f"{server.base}/parcours/live/api/{path}")
        assert status == 404 and json.loads(text)["code"] == "unknown-session"


def test_closed_session_refuses_then_reopens(server: Server, admin: Admin, poll: str) -> None:
    admin.act(poll, "close")
    got, reply = answer(server, poll, participant(), {"profil": "association"})
    assert (got, reply["code"]) == (409, "session-closed")
    assert reply["error"] == LIVE_MESSAGES["session-closed"]
    admin.act(poll, "open")
    assert answer(server, poll, participant(), {"profil": "association"})[0] == 200


def test_rate_limit_per_participant(server: Server, poll: str) -> None:
    greedy, other = participant(), participant()
    statuses = [answer(server, poll, greedy, {"profil": "association"})[0] for _ in range(12)]
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]
    status, headers, text = request(
        f"{server.base}/parcours/live/api/{poll}/answers",
        "POST",
        {"participant": identity(server, poll, greedy), "answers": {"profil": "association"}},
    )
    assert status == 429 and int(headers["retry-after"]) >= 1
    assert json.loads(text)["error"] == LIVE_MESSAGES["rate-limited"]
    assert answer(server, poll, other, {"profil": "association"})[0] == 200


def test_results_only_after_reveal_and_only_aggregates(
    server: Server, admin: Admin, poll: str
) -> None:
    me, someone = participant(), participant()
    answer(server, poll, me, {"profil": "association"})
    answer(server, poll, someone, {"profil": "academique", "metier": "aucun"})
    me, someone = identity(server, poll, me), identity(server, poll, someone)
    status, _, text = request(f"{server.base}/parcours/live/api/{poll}/results?participant={me}")
    assert status == 403 and json.loads(text)["code"] == "not-revealed"

    admin.act(poll, "reveal")
    status, _, text = request(f"{server.base}/parcours/live/api/{poll}/results?participant={me}")
    assert status == 200
    assert someone not in text and me not in text
    document = json.loads(text)
    assert document["participants"] == 2
    assert document["me"]["answers"] == {"profil": "association"}  # mine only
    assert document["me"]["keep"]["format"] == "parcours-results"
    status, _, text = request(f"{server.base}/parcours/live/api/{poll}/results")
    assert status == 200 and "me" not in json.loads(text)
    status, _, text = request(f"{server.base}/parcours/live/api/{poll}/results?participant=<b>")
    assert status == 403 and json.loads(text)["code"] == "bad-participant"


def test_diagnostic_results_give_me_and_the_room(server: Server, admin: Admin) -> None:
    code = admin.create("profil_catalyseur")["code"]
    me = participant()
    answer(server, code, me, {"dt_enjeux": 3, "dt_rencontres": 3})
    answer(server, code, participant(), {"dt_enjeux": 0})
    admin.act(code, "reveal")
    mine_id = identity(server, code, me)
    _, _, text = request(f"{server.base}/parcours/live/api/{code}/results?participant={mine_id}")
    document = json.loads(text)
    mine = {a["id"]: a["score"] for a in document["me"]["profile"]}
    room = {a["id"]: a["mean"] for a in document["profile"]}
    assert mine["dialogue_territorial"] == 100 and room["dialogue_territorial"] == 50
    from widgets.storage import import_json

    (record,) = import_json(json.dumps(document["me"]["keep"]))
    assert record.scores["dialogue_territorial"] == 100 and record.bank_id == "profil_catalyseur"


def test_wrong_methods_are_refused_in_json(server: Server, poll: str) -> None:
    status, _, text = request(f"{server.base}/parcours/live/api/{poll}/answers")
    assert status == 405 and json.loads(text)["code"] == "method"
    status, _, text = request(f"{server.base}/parcours/live/api/{poll}", "DELETE")
    assert status == 405


def test_the_participant_page_is_light_and_locked_down(server: Server, poll: str) -> None:
    status, headers, page = request(f"{server.base}/parcours/live/j/{poll}")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in headers["content-security-policy"]
    assert '<html lang="fr">' in page
    total = len(page.encode())
    for asset in ("participant.js", "participant.css"):
        status, _, text = request(f"{server.base}/parcours/live/j/assets/{asset}")
        assert status == 200
        total += len(text.encode())
    assert total <= 60 * 1024
    script = request(f"{server.base}/parcours/live/j/assets/participant.js")[2]
    for sink in (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script  # server text goes in with textContent only


def test_export_csv_and_json(server: Server, admin: Admin, poll: str) -> None:
    who = participant()
    answer(server, poll, who, {"profil": "association"})
    auth = {"Authorization": f"token {server.token}"}
    status, headers, text = request(
        f"{server.base}/parcours/live/admin/sessions/{poll}/export.csv", headers=auth
    )
    assert status == 200 and text.startswith("id,pseudonym,bank_id") and who not in text
    assert "attachment" in headers["content-disposition"]
    status, _, text = request(
        f"{server.base}/parcours/live/admin/sessions/{poll}/export.json", headers=auth
    )
    from widgets.storage import import_json

    (record,) = import_json(text)
    assert record.answers == {"profil": "association"} and record.pseudonym.startswith(poll)


def test_live_routes_are_tried_before_the_other_extensions() -> None:
    """Speed only matters in benchmarks/, but routing must still reach everyone's handlers."""
    from tornado import httputil, web

    from widgets.live import _route_first
    from widgets.live.handlers import AnswersHandler, participant_routes

    class Other(web.RequestHandler):
        pass

    app = web.Application([(r"/lab", Other)])
    app.add_handlers(".*$", [(r"/voila/.*", Other)])
    app.add_handlers(".*$", participant_routes("/", None))  # type: ignore[arg-type]
    _route_first(app)

    def target(path: str) -> object:
        line = httputil.RequestStartLine("POST", path, "HTTP/1.1")
        host = httputil.HTTPHeaders({"Host": "127.0.0.1"})
        found = app.find_handler(httputil.HTTPServerRequest(start_line=line, headers=host))
        return found.handler_class  # type: ignore[attr-defined]

    assert target("/parcours/live/api/ABCDE/answers") is AnswersHandler
    assert target("/voila/render/x.ipynb") is Other and target("/lab") is Other
    first = app.default_router.rules[0].target.rules  # type: ignore[attr-defined]
    assert AnswersHandler in [rule.target for rule in first]


def test_the_server_can_queue_a_room_scanning_the_qr_code_at_once(server: Server) -> None:
    """The listening socket's backlog (``ss`` shows it as Send-Q) is widened from 128."""
    import shutil
    import subprocess

    from widgets.live import LISTEN_BACKLOG

    if shutil.which("ss") is None:
        pytest.skip("ss (iproute2) is needed to read a socket's backlog")
    port = server.base.rsplit(":", 1)[1]
    shown = subprocess.run(
        ["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown[2] == str(LISTEN_BACKLOG), shown
