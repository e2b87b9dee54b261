"""The audience's questions and hidden words: one vote per participant, in the database itself
(SQLite and PostgreSQL), through the real routes, pushed to the phones, moderated by the token."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import inspect

from tests.conftest import Server
from tests.live.conftest import UNSIGNED, Admin, answer, identity, participant, request
from tests.live.sse import EventStream
from widgets.storage.live import LiveStore
from widgets.storage.live_qa import QAStore

BANK = "sondage_questions_salle"
ITEM = "questions_salle"


@pytest.fixture(params=["sqlite", "postgresql"])
def qa_store(request: pytest.FixtureRequest, live_store: LiveStore) -> Iterator[QAStore]:
    if request.param == "sqlite":
        yield QAStore(live_store)
        return
    url = request.getfixturevalue("postgres_url")
    with LiveStore(url) as store:
        yield QAStore(store)


def test_one_vote_per_participant_per_question(qa_store: QAStore) -> None:
    store = qa_store.store
    session = store.create_session(BANK, "1.0")
    first = qa_store.ask(session.id, ITEM, "auteur", "Comment financer ?")
    second = qa_store.ask(session.id, ITEM, "autre", "Qui anime ?")
    assert first is not None and second is not None
    assert qa_store.vote(session.id, first.id, "a") == "counted"
    assert qa_store.vote(session.id, first.id, "a") == "twice"  # the primary key refuses it
    assert qa_store.vote(session.id, first.id, "auteur") == "own"
    assert qa_store.vote(session.id, second.id, "a") == "counted"
    assert qa_store.vote(session.id, second.id, "b") == "counted"
    assert qa_store.vote(session.id, "f" * 32, "a") == "unknown"
    votes = {q.text: q.votes for q in qa_store.questions(session.id)}
    assert votes == {"Comment financer ?": 1, "Qui anime ?": 2}
    qa_store.mark(session.id, second.id, hidden=True)
    assert qa_store.vote(session.id, second.id, "c") == "unknown"
    store.set_state(session.id, "closed")
    assert qa_store.vote(session.id, first.id, "c") == "closed"
    assert qa_store.ask(session.id, ITEM, "c", "Trop tard ?") is None


def test_simultaneous_votes_of_one_participant_count_once(qa_store: QAStore) -> None:
    """Eight requests at once (a double tap, a retry, two processes): the database keeps one."""
    session = qa_store.store.create_session(BANK, "1.0")
    asked = qa_store.ask(session.id, ITEM, "auteur", "Comment financer ?")
    assert asked is not None
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda _: qa_store.vote(session.id, asked.id, "a"), range(8)))
    assert sorted(outcomes) == ["counted"] + ["twice"] * 7
    assert [q.votes for q in qa_store.questions(session.id)] == [1]


def test_reset_empties_questions_votes_and_hidden_words(qa_store: QAStore) -> None:
    store = qa_store.store
    session = store.create_session(BANK, "1.0")
    asked = qa_store.ask(session.id, ITEM, "auteur", "Comment financer ?")
    assert asked is not None
    qa_store.vote(session.id, asked.id, "a")
    qa_store.hide_word(session.id, "économie")
    qa_store.hide_word(session.id, "économie")  # twice: still one row, no error
    assert qa_store.hidden_words(session.id) == ["économie"]
    store.reset(session.id)
    assert qa_store.questions(session.id) == [] and qa_store.hidden_words(session.id) == []


def ask(server: Server, code: str, who: str, text: str, item: str = ITEM) -> tuple[int, Any]:
    status, _, body = request(
        f"{server.base}/parcours/live/api/{code}/questions",
        "POST",
        {"participant": identity(server, code, who), "item": item, "text": text},
    )
    return status, json.loads(body)


def vote(server: Server, code: str, who: str, question: str) -> tuple[int, Any]:
    status, _, body = request(
        f"{server.base}/parcours/live/api/{code}/questions/{question}/vote",
        "POST",
        {"participant": identity(server, code, who)},
    )
    return status, json.loads(body)


def test_routes_sort_by_votes_refuse_a_second_vote_and_push(server: Server, admin: Admin) -> None:
    code = str(admin.create(BANK)["code"])
    alice, bob, chloe = participant(), participant(), participant()
    stream = EventStream(server.base, code)
    try:
        assert stream.next_event()["qa"] == {}
        status, financer = ask(server, code, alice, "  Comment   financer ? ")
        assert status == 201 and financer["text"] == "Comment financer ?"
        status, anime = ask(server, code, bob, "Qui anime <b>le</b> réseau ?")
        assert status == 201
        assert vote(server, code, alice, anime["id"])[0] == 200
        assert vote(server, code, chloe, anime["id"])[0] == 200
        status, refused = vote(server, code, chloe, anime["id"])
        assert (status, refused["code"]) == (409, "voted-twice")
        assert "déjà voté" in refused["error"]
        assert vote(server, code, bob, anime["id"])[1]["code"] == "own-question"
        pushed = stream.wait_for(lambda e: sum(q["votes"] for q in e["qa"].get(ITEM, [])) == 2)
        assert [(q["text"], q["votes"]) for q in pushed["qa"][ITEM]] == [
            ("Qui anime <b>le</b> réseau ?", 2),
            ("Comment financer ?", 0),
        ]
        assert "author" not in json.dumps(pushed) and alice not in json.dumps(pushed)
        assert vote(server, code, bob, financer["id"])[0] == 200
        admin.call("POST", f"/sessions/{code}/questions/{anime['id']}/answered")
        marked = stream.wait_for(lambda e: e["qa"][ITEM][-1]["answered"])
        assert [q["text"] for q in marked["qa"][ITEM]] == [
            "Comment financer ?",
            "Qui anime <b>le</b> réseau ?",
        ]
        admin.call("POST", f"/sessions/{code}/questions/{financer['id']}/hide")
        hidden = stream.wait_for(lambda e: len(e["qa"][ITEM]) == 1)
        assert "financer" not in json.dumps(hidden)
        listed = admin.call("GET", f"/sessions/{code}/questions")["questions"]
        assert [q["hidden"] for q in listed] == [False, True]
    finally:
        stream.close()


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"item": ITEM, "text": "ok"}, 422, "question-length"),
        ({"item": ITEM, "text": "x" * 281}, 422, "question-length"),
        ({"item": "evocation", "text": "Une question ?"}, 422, "not-audience"),
        ({"item": ITEM, "text": 3}, 422, "question-length"),
    ],
)
def test_bad_questions_are_refused(
    server: Server, admin: Admin, body: dict[str, Any], status: int, code: str
) -> None:
    session = str(admin.create(BANK)["code"])
    who = identity(server, session, participant())
    got, _, text = request(
        f"{server.base}/parcours/live/api/{session}/questions", "POST", {"participant": who, **body}
    )
    assert (got, json.loads(text)["code"]) == (status, code)


def test_questions_and_votes_need_a_signed_identity(server: Server, admin: Admin) -> None:
    code = str(admin.create(BANK)["code"])
    url = f"{server.base}/parcours/live/api/{code}/questions"
    body = {"participant": UNSIGNED, "item": ITEM, "text": "Une question ?"}
    assert request(url, "POST", body)[0] == 403
    status, asked = ask(server, code, participant(), "Une question ?")
    assert status == 201
    vote_url = f"{url}/{asked['id']}/vote"
    assert request(vote_url, "POST", {"participant": UNSIGNED})[0] == 403
    headers = {"Content-Type": "application/json", "Origin": "http://evil.example"}
    signed = identity(server, code, participant())
    assert request(vote_url, "POST", json.dumps({"participant": signed}), headers)[0] == 403
    assert request(f"{server.base}/parcours/live/admin/sessions/{code}/questions")[0] == 403


def evocation(event: dict[str, Any]) -> dict[str, Any]:
    """The open-words question's results in a pushed event."""
    return next(q for q in event["results"]["questions"] if q["id"] == "evocation")


def test_a_hidden_word_leaves_results_push_and_exports(server: Server, admin: Admin) -> None:
    code = str(admin.create(BANK)["code"])
    for text in ("Économie", "économie sociale", "l'économie", "Confiance", "de la confiance"):
        assert answer(server, code, participant(), {"evocation": text})[0] == 200
    admin.act(code, "next")  # the poll is paced: the cloud is the second question
    admin.act(code, "reveal")
    stream = EventStream(server.base, code)
    try:
        first = stream.next_event()
        cloud = evocation(first)["words"]
        assert cloud[:2] == [{"word": "économie", "count": 3}, {"word": "confiance", "count": 2}]
        reply = admin.call("POST", f"/sessions/{code}/words/hide", {"word": "ÉCONOMIE"})
        assert reply["hidden"] == ["économie"]
        pushed = stream.wait_for(lambda e: "économie" not in json.dumps(e, ensure_ascii=False))
        assert evocation(pushed)["words"][0] == {"word": "confiance", "count": 2}
    finally:
        stream.close()
    results = admin.get(code)["results"]
    assert "économie" not in json.dumps(results, ensure_ascii=False)
    for path in ("replay", "room.csv"):
        status, _, text = request(
            f"{server.base}/parcours/live/admin/sessions/{code}/{path}",
            headers={"Authorization": f"token {server.token}"},
        )
        assert status == 200 and "confiance" in text
        assert "économie" not in text.replace("\\u00e9", "é")
    participant_view = request(f"{server.base}/parcours/live/api/{code}/results")[2]
    assert "\\u00e9conomie" not in participant_view and "confiance" in participant_view
    admin.call("POST", f"/sessions/{code}/words/show", {"word": "économie"})
    assert "économie" in json.dumps(admin.get(code)["results"], ensure_ascii=False)


def test_moderation_needs_the_token_and_nothing_stores_an_address(
    server: Server, admin: Admin
) -> None:
    code = str(admin.create(BANK)["code"])
    status, asked = ask(server, code, participant(), "Une question ?")
    assert status == 201
    base = f"{server.base}/parcours/live/admin/sessions/{code}"
    for method, path, body in (
        ("GET", "/questions", None),
        ("POST", f"/questions/{asked['id']}/hide", b""),
        ("POST", f"/questions/{asked['id']}/answered", b""),
        ("POST", "/words/hide", b'{"word": "x"}'),
        ("GET", "/room.csv", None),
        ("GET", "/replay", None),
    ):
        for headers in ({}, {"Authorization": "token wrong-token"}):
            assert request(base + path, method, body, headers)[0] == 403, path
    assert admin.call("GET", f"/sessions/{code}/questions")["questions"][0]["hidden"] is False
    store = LiveStore()
    columns = {
        table: {c["name"] for c in inspect(store.engine).get_columns(table)}
        for table in ("live_qa_questions", "live_qa_votes", "live_hidden_words")
    }
    store.close()
    assert columns == {
        "live_qa_questions": {
            "id",
            "session_id",
            "item_id",
            "author",
            "text",
            "answered",
            "hidden",
            "created_at",
        },
        "live_qa_votes": {"question_id", "participant_id", "session_id", "created_at"},
        "live_hidden_words": {"session_id", "word", "created_at"},
    }
