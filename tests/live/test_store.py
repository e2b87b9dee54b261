"""The live store on SQLite: sessions, codes, and answers that a resubmission replaces."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from widgets.storage.live import CODE_ALPHABET, CODE_LENGTH, LiveStore, normalise_code


def test_a_new_session_is_open_hidden_and_has_an_unambiguous_code(live_store: LiveStore) -> None:
    session = live_store.create_session("sondage_ouverture", "1.0")
    assert session.state == "open" and session.open and not session.revealed
    assert len(session.code) == CODE_LENGTH
    assert set(session.code) <= set(CODE_ALPHABET)
    assert not set("01OIL") & set(CODE_ALPHABET)
    assert live_store.session(session.id) == session


def test_codes_are_found_whatever_the_case_or_separators(live_store: LiveStore) -> None:
    session = live_store.create_session("sondage_ouverture", "1.0")
    spaced = f" {session.code[:2].lower()}-{session.code[2:].lower()} "
    assert normalise_code(spaced) == session.code
    assert live_store.session_by_code(spaced) == session
    assert live_store.session_by_code("ZZZZZZ") is None


def test_codes_are_unique(live_store: LiveStore) -> None:
    codes = {live_store.create_session("b", "1").code for _ in range(200)}
    assert len(codes) == 200


def test_resubmitting_replaces_and_never_duplicates(live_store: LiveStore) -> None:
    session = live_store.create_session("sondage_ouverture", "1.0")
    live_store.save_answers(
        session.id, "participant-a", {"profil": "association", "metier": "aucun"}
    )
    first = live_store.counts(session.id)
    live_store.save_answers(session.id, "participant-a", {"profil": "academique"})
    live_store.save_answers(session.id, "participant-b", {"profil": "association"})

    assert live_store.answers(session.id) == {
        "participant-a": {"profil": "academique", "metier": "aucun"},
        "participant-b": {"profil": "association"},
    }
    counts = live_store.counts(session.id)
    assert (counts.participants, counts.answers) == (2, 3)
    assert first.last_update is not None and counts.last_update is not None
    assert counts.last_update >= first.last_update
    assert live_store.participant_answers(session.id, "participant-a") == {
        "profil": "academique",
        "metier": "aucun",
    }


def test_sessions_do_not_see_each_others_answers(live_store: LiveStore) -> None:
    one = live_store.create_session("sondage_ouverture", "1.0")
    two = live_store.create_session("sondage_ouverture", "1.0")
    live_store.save_answers(one.id, "p", {"profil": "association"})
    assert live_store.answers(two.id) == {}
    assert live_store.counts(two.id).answers == 0


def test_state_reveal_and_reset(live_store: LiveStore) -> None:
    session = live_store.create_session("profil_catalyseur", "1.0")
    live_store.save_answers(session.id, "p", {"dt_enjeux": 3})
    live_store.set_state(session.id, "closed")
    live_store.set_revealed(session.id, True)
    stored = live_store.session(session.id)
    assert stored is not None and (stored.state, stored.revealed) == ("closed", True)

    live_store.reset(session.id)
    stored = live_store.session(session.id)
    assert stored is not None and stored.revealed is False and stored.code == session.code
    assert live_store.answers(session.id) == {}
    with pytest.raises(ValueError):
        live_store.set_state(session.id, "paused")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        live_store.set_revealed("missing", True)


def test_sessions_newest_first(live_store: LiveStore) -> None:
    made = [live_store.create_session("b", "1") for _ in range(3)]
    assert [s.id for s in live_store.sessions()] == [s.id for s in reversed(made)]


def test_concurrent_resubmissions_leave_one_row(live_store: LiveStore) -> None:
    """Threads hammering the same key (a page retrying while the user changes their mind)."""
    session = live_store.create_session("sondage_ouverture", "1.0")
    errors: list[BaseException] = []

    def hammer(value: str) -> None:
        try:
            for _ in range(20):
                live_store.save_answers(session.id, "same", {"profil": value})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=hammer, args=(v,)) for v in ("association", "academique")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert live_store.counts(session.id).answers == 1
    assert live_store.answers(session.id)["same"]["profil"] in ("association", "academique")


def test_sqlite_uses_wal(live_store: LiveStore) -> None:
    live_store.create_session("b", "1")
    with live_store.engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"


def test_default_url_is_next_to_the_results_file(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from widgets.config import live_url

    monkeypatch.delenv("PARCOURS_LIVE_DATABASE_URL", raising=False)
    monkeypatch.setenv("PARCOURS_DATABASE_URL", f"sqlite:///{tmp_path / 'resultats.sqlite3'}")
    assert live_url() == f"sqlite:///{tmp_path / 'live.sqlite3'}"
    monkeypatch.setenv("PARCOURS_LIVE_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert live_url() == "postgresql+psycopg://u@h/db"
    assert LiveStore().url == "postgresql+psycopg://u@h/db"


def test_group_commit_keeps_the_last_value_and_refuses_closed(live_store: LiveStore) -> None:
    open_, closed = (live_store.create_session("sondage_ouverture", "1.0") for _ in range(2))
    live_store.set_state(closed.id, "closed")
    accepted = live_store.save_batch(
        [
            (open_.id, "a", {"profil": "association"}),
            (closed.id, "a", {"profil": "association"}),
            (open_.id, "a", {"profil": "academique", "metier": "aucun"}),
        ]
    )
    assert accepted == [True, False, True]
    assert live_store.answers(open_.id) == {"a": {"profil": "academique", "metier": "aucun"}}
    assert live_store.answers(closed.id) == {}
    assert live_store.save_batch([]) == []


def test_the_writer_groups_concurrent_answers(live_store: LiveStore) -> None:
    import asyncio

    from widgets.live.writer import AnswerWriter

    session = live_store.create_session("sondage_ouverture", "1.0")
    writer = AnswerWriter(live_store)

    async def room() -> list[bool]:
        return await asyncio.gather(
            *(
                writer.submit(session.id, f"p{i % 50}", {"profil": "association"})
                for i in range(200)
            )
        )

    results: list[list[bool]] = []
    # A loop of its own in a thread: the browser tests' Playwright may hold this thread's loop.
    runner = threading.Thread(target=lambda: results.append(asyncio.run(room())))
    try:
        runner.start()
        runner.join()
    finally:
        writer.close()
    assert results == [[True] * 200]
    assert live_store.counts(session.id).answers == 50
    assert 1 <= writer.batches < 200  # grouped: fewer commits than answers


def test_first_use_from_many_threads_opens_the_database_once(tmp_path: Path) -> None:
    """The live server's worker threads all reach a new store at once when the first phones
    arrive: two upgrades side by side failed with « table … already exists » (503s)."""
    from concurrent.futures import ThreadPoolExecutor

    store = LiveStore(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(store.session_by_code, [f"ZZ{n:04d}" for n in range(64)]))
    assert found == [None] * 64
