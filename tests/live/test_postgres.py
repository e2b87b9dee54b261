"""The same live store on a real PostgreSQL server (``postgres_url`` of tests/storage)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from widgets.banks import Bank
from widgets.room.aggregate import summary
from widgets.storage.live import LiveStore


@pytest.fixture
def pg_live(postgres_url: str) -> Iterator[LiveStore]:
    with LiveStore(postgres_url) as store:
        yield store


def test_upsert_replaces_on_postgresql(pg_live: LiveStore, banks: dict[str, Bank]) -> None:
    session = pg_live.create_session("sondage_ouverture", "1.0")
    pg_live.save_answers(session.id, "a", {"profil": "association", "metier": "aucun"})
    pg_live.save_answers(session.id, "a", {"profil": "academique"})
    pg_live.save_answers(session.id, "b", {"profil": "association"})
    assert pg_live.answers(session.id) == {
        "a": {"profil": "academique", "metier": "aucun"},
        "b": {"profil": "association"},
    }
    counts = pg_live.counts(session.id)
    assert (counts.participants, counts.answers) == (2, 3)
    assert counts.last_update is not None and counts.last_update.utcoffset() is not None
    document = summary(banks["sondage_ouverture"], pg_live.answers(session.id))
    assert document["participants"] == 2


def test_sessions_state_and_reset_on_postgresql(pg_live: LiveStore) -> None:
    session = pg_live.create_session("profil_catalyseur", "1.0")
    assert pg_live.session_by_code(session.code.lower()) == session
    pg_live.save_answers(session.id, "a", {"dt_enjeux": 2})
    pg_live.set_state(session.id, "closed")
    pg_live.set_revealed(session.id, True)
    pg_live.reset(session.id)
    stored = pg_live.session(session.id)
    assert stored is not None and stored.state == "closed" and not stored.revealed
    assert pg_live.counts(session.id).answers == 0


def test_two_stores_on_one_database_see_each_other(postgres_url: str) -> None:
    """As two server processes and the facilitator's kernel do."""
    with LiveStore(postgres_url) as one, LiveStore(postgres_url) as two:
        session = one.create_session("sondage_ouverture", "1.0")
        errors: list[BaseException] = []

        def submit(store: LiveStore, prefix: str) -> None:
            try:
                for index in range(25):
                    store.save_answers(
                        session.id, f"{prefix}{index % 5}", {"profil": "association"}
                    )
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [
            threading.Thread(target=submit, args=(store, prefix))
            for store, prefix in ((one, "x"), (two, "x"), (two, "y"))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        counts = one.counts(session.id)
        assert (counts.participants, counts.answers) == (10, 10)
        assert two.session_by_code(session.code) == session


def test_group_commit_on_postgresql(pg_live: LiveStore) -> None:
    """PostgreSQL refuses an upsert touching one row twice: the batch must merge them first."""
    session = pg_live.create_session("sondage_ouverture", "1.0")
    batch = [(session.id, "a", {"profil": v}) for v in ("association", "academique")]
    assert pg_live.save_batch(batch) == [True, True]
    assert pg_live.answers(session.id) == {"a": {"profil": "academique"}}
    pg_live.set_state(session.id, "closed")
    assert pg_live.save_batch(batch) == [False, False]
