"""Votes count once: identities the server issues, writes from the page only, bounded input.

Each test plays what the review did from outside: invent participants, vote from another web
site, send a body of hundreds of megabytes, a lone surrogate, a NUL in a path, probe codes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Server, start_server, stop_server
from tests.live.conftest import UNSIGNED, Admin, identity, participant, request
from widgets.live.context import LiveContext
from widgets.live.identity import Identities
from widgets.live.writer import AnswerWriter
from widgets.storage.live import LiveSession, LiveStore


@pytest.fixture
def poll(admin: Admin) -> str:
    return str(admin.create("sondage_ouverture")["code"])


def post(server: Server, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
    sent = {"Content-Type": "application/json", **(headers or {})}
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    status, _, text = request(f"{server.base}/parcours/live/api/{path}", "POST", raw, sent)
    return status, json.loads(text)


def vote(server: Server, code: str, who: str, headers: dict[str, str] | None = None) -> Any:
    body = {"participant": who, "answers": {"profil": "association"}}
    return post(server, f"{code}/answers", body, headers)


def test_identities_are_issued_signed_and_bound_to_their_session() -> None:
    identities = Identities(b"secret")
    issued = identities.issue("session-1")
    assert identities.valid("session-1", issued)
    assert not identities.valid("session-2", issued)  # worth nothing in another session
    assert not identities.valid("session-1", issued + "\n")  # matched whole
    assert not identities.valid("session-1", UNSIGNED)
    assert not Identities(b"other").valid("session-1", issued)


def test_an_invented_participant_cannot_vote(server: Server, admin: Admin, poll: str) -> None:
    status, reply = vote(server, poll, UNSIGNED)
    assert (status, reply["code"]) == (403, "bad-participant")
    other = str(admin.create("sondage_ouverture")["code"])
    status, reply = vote(server, poll, identity(server, other, participant()))
    assert (status, reply["code"]) == (403, "bad-participant")
    status, reply = vote(server, poll, identity(server, poll, participant()) + "\n")
    assert (status, reply["code"]) == (400, "bad-participant")
    assert admin.get(poll)["participants"] == 0


def test_another_web_site_cannot_make_its_visitors_vote(server: Server, poll: str) -> None:
    who = identity(server, poll, participant())
    body = json.dumps({"participant": who, "answers": {"profil": "association"}}).encode()
    status, _, text = request(
        f"{server.base}/parcours/live/api/{poll}/answers",
        "POST",
        body,
        {"Content-Type": "text/plain"},
    )
    assert (status, json.loads(text)["code"]) == (415, "bad-content-type")
    status, reply = vote(server, poll, who, {"Origin": "https://example.org"})
    assert (status, reply["code"]) == (403, "cross-origin")
    status, reply = post(server, f"{poll}/join", {}, {"Origin": "https://example.org"})
    assert (status, reply["code"]) == (403, "cross-origin")
    assert vote(server, poll, who, {"Origin": server.base})[0] == 200  # the page itself
    assert vote(server, poll, who)[0] == 200  # no browser page at all (a script, a test)


def test_every_route_refuses_a_big_body_before_reading_it(server: Server, poll: str) -> None:
    big = b"x" * (64 * 1024)
    for path in (f"{poll}/state", poll, f"{poll}/results", f"{poll}/join", "nowhere"):
        status, _, text = request(f"{server.base}/parcours/live/api/{path}", "POST", big)
        assert status == 413 and json.loads(text)["code"] == "too-large", path


def test_a_lone_surrogate_gets_a_french_json_answer(server: Server, poll: str) -> None:
    who = identity(server, poll, participant())
    answers = '{"profil": "\\ud800"}'  # a lone surrogate, escaped as JSON allows
    body = f'{{"participant": "{who}", "answers": {answers}}}'.encode()
    status, reply = post(server, f"{poll}/answers", body)
    assert status == 422 and reply["code"] == "unknown-option" and reply["error"]
    live_errors = [
        line
        for line in server.log().splitlines()
        if "UnicodeEncodeError" in line or "live " in line
    ]
    assert not [line for line in live_errors if "failed" in line or "Error" in line]


def test_odd_addresses_answer_in_french_and_log_no_address(server: Server) -> None:
    for path in ("/parcours/live/j/assets/%00x", "/parcours/live/api/ABCDE/rien"):  # API: JSON
        status, headers, text = request(f"{server.base}{path}")
        assert status == 404, path
        assert headers["content-type"].startswith("application/json")
        assert json.loads(text)["error"] == "Adresse inconnue."
    pages = ("/parcours/live/", "/parcours/live", "/parcours/live/rien", "/parcours/live/j/a/b")
    for path in pages:
        status, headers, text = request(f"{server.base}{path}")  # a page: a French page
        assert status == 404, path
        assert headers["content-type"].startswith("text/html")
        assert '<html lang="fr">' in text and "<h1>Page introuvable</h1>" in text
    # The facilitator's routes refuse too, and Jupyter's handlers under them log by themselves:
    # a POST without token nor XSRF cookie, an unknown asset, an unknown question.
    assert request(f"{server.base}/parcours/live/admin/sessions/ABCDE/hide", "POST", b"")[0] == 403
    assert request(f"{server.base}/parcours/live/admin/assets/secret.py")[0] == 404
    unknown = f"{server.base}/parcours/live/admin/sessions/ABCDE/questions/{'f' * 32}/hide"
    auth = {"Authorization": f"token {server.token}"}
    assert request(unknown, "POST", b"", auth)[0] == 404
    live_lines = [line for line in server.log().splitlines() if "/parcours/live" in line]
    assert not any("127.0.0.1" in line for line in live_lines), live_lines[-5:]


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose join limit is small enough to reach in a test."""
    running = start_server(
        tmp_path_factory.mktemp("strict"), {"PARCOURS_LIVE_JOINS_PER_MINUTE": "5"}
    )
    yield running
    stop_server(running)


def test_joins_per_address_are_bounded(strict_server: Server) -> None:
    admin = Admin(strict_server)
    code = str(admin.create("sondage_ouverture")["code"])
    statuses = [post(strict_server, f"{code}/join", {})[0] for _ in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]


def test_unknown_codes_cannot_be_probed_without_limit(strict_server: Server) -> None:
    """A script guessing codes gets at most the bucket (a minute's worth) plus what it refills
    while the script runs, then is refused. Bounded by the time it took, not by a count alone:
    on a busy machine, slow requests let the bucket refill as fast as they come."""
    from widgets.live.context import UNKNOWN_CODES_PER_ADDRESS

    def probe(n: int) -> int:
        return request(f"{strict_server.base}/parcours/live/api/ZZ{n:05d}/state")[0]

    workers, statuses = 8, []
    started = time.monotonic()
    with ThreadPoolExecutor(workers) as pool:
        for first in range(0, 20 * UNKNOWN_CODES_PER_ADDRESS, 4 * workers):
            statuses += list(pool.map(probe, range(first, first + 4 * workers)))
            if statuses.count(429) >= 10:
                break
    elapsed = time.monotonic() - started
    assert set(statuses) <= {404, 429}
    assert set(statuses[: UNKNOWN_CODES_PER_ADDRESS // 2]) == {404}
    assert statuses.count(429) >= 10
    refilled = UNKNOWN_CODES_PER_ADDRESS * elapsed / 60
    assert statuses.count(404) <= UNKNOWN_CODES_PER_ADDRESS + refilled + 4 * workers


def test_sessions_expire(tmp_path: Path) -> None:
    live = LiveContext(LiveStore(f"sqlite:///{tmp_path / 'live.sqlite3'}"))
    now = datetime.now(UTC)
    young = LiveSession("a", "AAAAA", "b", "1", "open", False, now - timedelta(hours=1))
    old = LiveSession("b", "BBBBB", "b", "1", "open", False, now - timedelta(hours=25))
    assert not live.expired(young) and live.expired(old)


def test_one_bad_submission_never_fails_the_others(tmp_path: Path) -> None:
    store = LiveStore(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    session = store.create_session("sondage_ouverture", "1.0")
    original = store.save_batch

    def refuse_the_bad_one(submissions: list[Any]) -> Any:
        if any(s[1] == "bad" for s in submissions):
            raise ValueError("value too long for type character varying(64)")
        return original(submissions)

    store.save_batch = refuse_the_bad_one  # type: ignore[method-assign]
    writer = AnswerWriter(store)
    batch = [(session.id, w, {"profil": "association"}) for w in ("honest-1", "bad", "honest-2")]
    first, bad, second = writer._commit(batch)  # one group commit, as the writer's thread makes
    assert first is True and second is True and isinstance(bad, ValueError)
    assert set(store.answers(session.id)) == {"honest-1", "honest-2"}
    store.close()
