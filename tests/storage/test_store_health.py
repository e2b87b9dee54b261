"""Stores that cannot be written say so in French, and an earlier session stays readable.

Tests run as root here, for whom ``chmod`` blocks nothing: the read-only store
(``frozen_live_db``, ``tests/storage/conftest.py``) is made with ``chattr +i``, and its tests
are skipped where that is not allowed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from tests.storage.conftest import FrozenLiveDatabase
from widgets.config import durability
from widgets.storage import ResultStore
from widgets.storage.health import check_store, classify
from widgets.storage.live import LiveStore


def test_an_earlier_session_is_read_from_a_read_only_database(
    frozen_live_db: FrozenLiveDatabase,
) -> None:
    folder, session_id = frozen_live_db.folder, frozen_live_db.session.id
    store = LiveStore(frozen_live_db.url)
    try:
        assert store.session(session_id) is not None
        assert store.answers(session_id)  # what the session export reads
        with pytest.raises(SQLAlchemyError):
            store.save_answers(session_id, "p2", {"profil": "entreprise"})
    finally:
        store.close()
    assert sorted(p.name for p in folder.iterdir()) == ["live.sqlite3"]


def test_serve_names_a_read_only_store_in_french(frozen_live_db: FrozenLiveDatabase) -> None:
    problem = check_store(frozen_live_db.url)
    assert problem is not None and "lecture seule" in problem


def test_a_writable_store_has_nothing_to_say(tmp_path: Path) -> None:
    assert check_store(f"sqlite:///{tmp_path / 'x' / 'r.sqlite3'}") is None


def test_a_locked_store_is_named(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t(x)")
    holder.execute("BEGIN IMMEDIATE")
    try:
        problem = check_store(f"sqlite:///{path}")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert problem is not None and "verrouillée" in problem


def test_a_full_disk_is_named(tmp_path: Path) -> None:
    """SQLite's own « disk is full », made real by capping the file at its current size."""
    path = tmp_path / "r.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t(x)")
    connection.commit()
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError) as caught:
        connection.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    connection.close()
    assert classify(caught.value) == "store-full"
    wrapped = OperationalError("INSERT", {}, caught.value)
    assert classify(wrapped) == "store-full"


@pytest.mark.parametrize(("setting", "level"), [(None, 1), ("normal", 1), ("FULL", 2)])
def test_durability_sets_sqlite_synchronous(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str | None, level: int
) -> None:
    if setting is None:
        monkeypatch.delenv("PARCOURS_DURABILITY", raising=False)
    else:
        monkeypatch.setenv("PARCOURS_DURABILITY", setting)
    store = ResultStore(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    try:
        with store._connect().connect() as connection:
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == level
    finally:
        store.close()


def test_an_unknown_durability_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARCOURS_DURABILITY", "maybe")
    with pytest.raises(ValueError, match="PARCOURS_DURABILITY"):
        durability()
