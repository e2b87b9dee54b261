"""A database that cannot be used must never lose a learner's answers."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from widgets.errors import DataError
from widgets.storage import ResultRecord, ResultStore, import_json
from widgets.storage.database import build_engine

MakeRecord = Callable[..., ResultRecord]


@pytest.fixture
def blocked_path(tmp_path: Path) -> Path:
    """A SQLite path whose parent folder cannot be created: a file stands in its place.

    Works even as root, unlike a read-only folder.
    """
    (tmp_path / "profil").write_text("je suis un fichier, pas un dossier")
    return tmp_path / "profil" / "resultats.sqlite3"


def test_unwritable_path_keeps_record_pending_then_flushes(
    blocked_path: Path, make_record: MakeRecord
) -> None:
    store = ResultStore(f"sqlite:///{blocked_path}")
    record = make_record()

    outcome = store.save(record)

    assert not outcome.stored
    assert outcome.record == record
    assert outcome.problem is not None
    assert (outcome.problem.file, outcome.problem.code) == (str(blocked_path), "store-unavailable")
    assert outcome.message_fr is not None and "gardées en mémoire" in outcome.message_fr
    assert store.pending == (record,)
    assert import_json(store.export_pending_json()) == [record]

    still = store.flush_pending()
    assert (still.stored, still.pending, still.problem is not None) == (0, 1, True)

    blocked_path.parent.unlink()  # the facilitator fixes the path
    flushed = store.flush_pending()
    assert (flushed.stored, flushed.pending, flushed.message_fr) == (1, 0, None)
    assert store.pending == ()
    store.close()
    with ResultStore(f"sqlite:///{blocked_path}") as reopened:
        assert reopened.history("moi") == [record]


def test_garbage_file_keeps_records_pending_and_next_save_flushes(
    sqlite_path: Path, make_record: MakeRecord
) -> None:
    sqlite_path.parent.mkdir()
    sqlite_path.write_bytes(b"ceci n'est pas une base SQLite\n" * 200)
    store = ResultStore(f"sqlite:///{sqlite_path}")
    first, second = make_record(minutes=0), make_record(minutes=1)

    assert not store.save(first).stored
    outcome = store.save(second)
    assert not outcome.stored
    assert outcome.pending_count == 2
    assert store.pending == (first, second)
    with pytest.raises(DataError) as caught:
        store.history("moi")
    assert [(p.file, p.code) for p in caught.value.problems] == [
        (str(sqlite_path), "store-unavailable")
    ]

    sqlite_path.unlink()
    third = make_record(minutes=2)
    assert store.save(third).stored  # writes the pending ones first
    assert store.pending == ()
    assert store.history("moi") == [third, second, first]
    store.close()


def test_locked_database_keeps_record_pending_until_unlocked(
    sqlite_path: Path, make_record: MakeRecord
) -> None:
    store = ResultStore(f"sqlite:///{sqlite_path}", busy_timeout=0.1)
    before = make_record(minutes=0)
    assert store.save(before).stored

    other_process = sqlite3.connect(sqlite_path, isolation_level=None)
    try:
        other_process.execute("BEGIN IMMEDIATE")  # holds the write lock
        during = make_record(minutes=1)
        outcome = store.save(during)
        assert not outcome.stored
        assert outcome.problem is not None and outcome.problem.value == "database is locked"
        # Reads still work under WAL, and include the pending result.
        assert store.history("moi") == [during, before]
        assert store.latest("moi", "autodiagnostic") == during
        assert store.banks_done("moi") == {"autodiagnostic"}
        assert store.get(during.id) == during
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()

    assert store.flush_pending().stored == 1
    store.close()
    with ResultStore(f"sqlite:///{sqlite_path}") as reopened:
        assert reopened.history("moi") == [during, before]


def test_saving_the_same_pending_record_twice_queues_it_once(
    blocked_path: Path, make_record: MakeRecord
) -> None:
    store = ResultStore(f"sqlite:///{blocked_path}")
    record = make_record()
    store.save(record)
    store.save(record)
    assert store.pending == (record,)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() == 0:
        pytest.skip("root écrit partout : le dossier en lecture seule ne bloque rien")
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def test_read_only_folder_keeps_record_pending(
    read_only_folder: Path, make_record: MakeRecord
) -> None:
    path = read_only_folder / "resultats.sqlite3"
    store = ResultStore(f"sqlite:///{path}")
    record = make_record()
    assert not store.save(record).stored
    assert store.pending == (record,)
    read_only_folder.chmod(0o755)
    assert store.flush_pending().stored == 1
    assert store.history("moi") == [record]
    store.close()


def test_import_and_delete_on_unavailable_store_raise_data_error(
    blocked_path: Path, make_record: MakeRecord
) -> None:
    store = ResultStore(f"sqlite:///{blocked_path}")
    with pytest.raises(DataError) as caught:
        store.import_records([make_record()])
    assert [p.code for p in caught.value.problems] == ["store-unavailable"]
    with pytest.raises(DataError):
        store.delete(make_record().id)
    with pytest.raises(DataError):
        store.banks_done("moi")


def test_unknown_driver_keeps_record_pending(make_record: MakeRecord) -> None:
    store = ResultStore("postgresql+nosuchdriver://u@127.0.0.1:1/db")
    outcome = store.save(make_record())
    assert not outcome.stored
    assert store.pending == (outcome.record,)


def test_missing_psycopg_keeps_record_pending_and_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, make_record: MakeRecord
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # makes ``import psycopg`` fail
    store = ResultStore("postgresql+psycopg://u@127.0.0.1:1/db")
    outcome = store.save(make_record())
    assert not outcome.stored
    assert outcome.problem is not None and outcome.problem.value is not None
    assert "pip install 'psycopg[binary]'" in outcome.problem.value
    with pytest.raises(ImportError, match="psycopg"):
        build_engine(store.url, 1.0)


def test_message_hides_the_database_password(make_record: MakeRecord) -> None:
    store = ResultStore("postgresql+nosuchdriver://u:secret@127.0.0.1:1/db")
    outcome = store.save(make_record())
    assert outcome.message_fr is not None
    assert "secret" not in outcome.message_fr
    assert "secret" not in store.location
