"""A reveal and an answer never cross, on SQLite and on a real PostgreSQL.

A quiz question's answers lock once its right answer was shown. The store checks the lock in
the transaction that writes the answers (:mod:`widgets.storage.live_batch`): a reveal that
commits while a batch of answers is being written is either wholly before it (the late answer
is refused) or wholly after it (the answer was given before the reveal). The race tests hold a
reveal open in another connection, start a batch, and commit the reveal once the batch waits.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text

from widgets.storage.live import LiveStore
from widgets.storage.live_batch import Outcome, Submission

WAIT = 30.0
"""Seconds a wait for a condition may last on a busy machine (never asserted)."""


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'live.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(url: str) -> Iterator[LiveStore]:
    with LiveStore(url, busy_timeout=WAIT) as opened:
        yield opened


def quiz(session_id: str, who: str, value: str) -> Submission:
    """An answer to question ``q``, the first of the bank, which locks once revealed."""
    return Submission(session_id, who, {"q": value}, {"q": 0})


def test_a_locked_answer_is_refused_in_the_batch_that_writes(store: LiveStore) -> None:
    session = store.create_session("webinaire", "1")
    assert store.save_batch([quiz(session.id, "early", "a")]) == [True]
    store.set_revealed(session.id, True)
    outcomes = store.save_batch(
        [
            quiz(session.id, "early", "b"),  # a change: refused
            quiz(session.id, "early", "a"),  # the same answer again (a retry): taken
            quiz(session.id, "late", "a"),  # a first answer once it was shown: refused
            Submission(session.id, "late", {"avis": "oui"}),  # a poll question never locks
            (session.id, "other", {"q": "b"}),  # no locks given: nothing to check
        ]
    )
    assert outcomes == ["q", True, "q", True, True]
    assert store.answers(session.id) == {
        "early": {"q": "a"},
        "late": {"avis": "oui"},
        "other": {"q": "b"},
    }
    store.set_revealed(session.id, False)  # hidden again: still locked
    assert store.save_batch([quiz(session.id, "early", "b")]) == ["q"]
    store.set_state(session.id, "closed")
    assert store.save_batch([quiz(session.id, "early", "a")]) == [False]


def test_answers_in_one_batch_are_checked_in_order(store: LiveStore) -> None:
    """A change and its retry in one group commit: the second compares with the first."""
    session = store.create_session("webinaire", "1")
    store.save_batch([quiz(session.id, "p", "a")])
    store.set_revealed(session.id, True)
    both = [quiz(session.id, "p", "a"), quiz(session.id, "p", "b")]
    assert store.save_batch(both) == [True, "q"]
    assert store.answers(session.id) == {"p": {"q": "a"}}


def race(
    store: LiveStore, open_reveal: Callable[[str], Callable[[], None]], waiting: Callable[[], bool]
) -> Outcome:
    """Start a batch while a reveal is held open (``open_reveal`` gives its commit), commit the
    reveal once the batch waits for it (``waiting``), and return what became of the batch."""
    session = store.create_session("webinaire", "1")
    commit = open_reveal(session.id)
    outcomes: list[Outcome] = []
    batch = threading.Thread(
        target=lambda: outcomes.extend(store.save_batch([quiz(session.id, "late", "a")]))
    )
    batch.start()
    deadline = time.monotonic() + WAIT
    while not waiting() and batch.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    commit()
    batch.join()
    return outcomes[0]


def test_a_reveal_committed_during_a_batch_refuses_it_on_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "live.sqlite3"
    reached = threading.Event()

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement == "BEGIN IMMEDIATE":
            reached.set()  # the batch asks for the write lock the reveal holds

    def open_reveal(session_id: str) -> Callable[[], None]:
        raw = sqlite3.connect(path, timeout=WAIT, isolation_level=None)
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "UPDATE live_sessions SET revealed = 1, revealed_items = '0' WHERE id = ?",
            (session_id,),
        )

        def commit() -> None:
            raw.execute("COMMIT")
            raw.close()

        return commit

    with LiveStore(f"sqlite:///{path}", busy_timeout=WAIT) as store:
        event.listen(store.engine, "before_cursor_execute", seen)
        assert race(store, open_reveal, reached.is_set) == "q"


def test_a_reveal_committed_during_a_batch_refuses_it_on_postgresql(postgres_url: str) -> None:
    engine = create_engine(postgres_url)

    def open_reveal(session_id: str) -> Callable[[], None]:
        raw = engine.connect()
        raw.execute(
            text("UPDATE live_sessions SET revealed = TRUE, revealed_items = '0' WHERE id = :id"),
            {"id": session_id},
        )  # not committed: the row stays locked

        def commit() -> None:
            raw.commit()
            raw.close()

        return commit

    def waiting() -> bool:
        """A backend waits for a row lock (the batch, for the reveal's)."""
        with engine.connect() as watcher:
            query = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            return bool(watcher.execute(query).scalar())

    with LiveStore(postgres_url, busy_timeout=WAIT) as store:
        assert race(store, open_reveal, waiting) == "q"
    engine.dispose()
