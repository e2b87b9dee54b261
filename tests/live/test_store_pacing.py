"""Pacing in the live store, on SQLite and on a real PostgreSQL: the question shown, the
questions revealed, and the upgrade of a database made before pacing existed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from widgets.storage.live import LiveStore

OLD_SCHEMA = """CREATE TABLE live_sessions (
    id VARCHAR(32) PRIMARY KEY, code VARCHAR(16) NOT NULL UNIQUE, bank_id VARCHAR NOT NULL,
    bank_version VARCHAR NOT NULL, state VARCHAR(8) NOT NULL, revealed BOOLEAN NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL)"""
OLD_ROW = """INSERT INTO live_sessions VALUES
    ('0123456789abcdef0123456789abcdef', 'ABCDE', 'quiz_module_1', '1.1', 'open', TRUE,
     '2026-12-01 09:00:00+00:00')"""


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'live.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(url: str) -> Iterator[LiveStore]:
    with LiveStore(url, busy_timeout=2) as opened:
        yield opened


def test_a_new_session_shows_its_first_question_nothing_revealed(store: LiveStore) -> None:
    session = store.create_session("quiz_module_1", "1.1")
    assert (session.current, session.shown) == (0, ())
    assert store.session(session.id) == session


def test_revealing_records_the_question_hiding_does_not_forget_it(store: LiveStore) -> None:
    session = store.create_session("quiz_module_1", "1.1")
    store.move(session.id, 2)
    store.set_revealed(session.id, True)
    revealed = store.session(session.id)
    assert revealed is not None and (revealed.current, revealed.revealed) == (2, True)
    assert revealed.shown == (2,)
    store.set_revealed(session.id, False)  # hidden again: the answer was seen, it stays locked
    hidden = store.session(session.id)
    assert hidden is not None and (hidden.revealed, hidden.shown) == (False, (2,))


def test_moving_shows_results_again_only_where_they_were_revealed(store: LiveStore) -> None:
    session = store.create_session("quiz_module_1", "1.1")
    store.set_revealed(session.id, True)
    store.move(session.id, 1)
    moved = store.session(session.id)
    assert moved is not None and (moved.current, moved.revealed, moved.shown) == (1, False, (0,))
    store.move(session.id, 0)
    back = store.session(session.id)
    assert back is not None and (back.current, back.revealed) == (0, True)
    with pytest.raises(ValueError, match="≥ 0"):
        store.move(session.id, -1)
    with pytest.raises(KeyError):
        store.move("missing", 1)


def test_reset_starts_again_at_the_first_question(store: LiveStore) -> None:
    session = store.create_session("quiz_module_1", "1.1")
    store.move(session.id, 3)
    store.set_revealed(session.id, True)
    store.reset(session.id)
    again = store.session(session.id)
    assert again is not None and (again.current, again.revealed, again.shown) == (0, False, ())


def test_a_database_made_before_pacing_is_upgraded_in_place(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(OLD_SCHEMA))
        connection.execute(text(OLD_ROW))
    engine.dispose()
    with LiveStore(url) as upgraded:
        old = upgraded.session_by_code("ABCDE")
        assert old is not None and old.revealed and (old.current, old.shown) == (0, ())
        upgraded.move(old.id, 1)
    with LiveStore(url) as again:  # a second start finds nothing to add
        moved = again.session_by_code("ABCDE")
        assert moved is not None and moved.current == 1


def test_results_hidden_again_stay_hidden_when_the_room_comes_back(store: LiveStore) -> None:
    session = store.create_session("quiz_module_1", "1.1")
    store.set_revealed(session.id, True)
    store.set_revealed(session.id, False)  # the facilitator hides them again, then moves on
    store.move(session.id, 1)
    store.set_revealed(session.id, True)
    store.move(session.id, 0)
    back = store.session(session.id)
    assert back is not None and (back.revealed, back.shown, back.visible) == (False, (0, 1), (1,))
    store.move(session.id, 1)
    other = store.session(session.id)
    assert other is not None and other.revealed  # still revealed where it was left revealed


def test_an_older_session_keeps_showing_what_it_revealed(url: str) -> None:
    """Upgraded from a database without ``visible_items``: what was revealed stays revealed."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(OLD_SCHEMA))
        connection.execute(text(OLD_ROW))
        connection.execute(text("ALTER TABLE live_sessions ADD COLUMN current_index INTEGER"))
        connection.execute(text("ALTER TABLE live_sessions ADD COLUMN revealed_items VARCHAR"))
        connection.execute(
            text("UPDATE live_sessions SET current_index = 1, revealed_items = '0,1'")
        )
    engine.dispose()
    with LiveStore(url) as upgraded:
        old = upgraded.session_by_code("ABCDE")
        assert old is not None and (old.shown, old.visible) == ((0, 1), (0, 1))
        upgraded.move(old.id, 0)
        moved = upgraded.session_by_code("ABCDE")
        assert moved is not None and moved.revealed
