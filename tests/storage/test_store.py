"""ResultStore on a real SQLite file: save, read back, survive a kernel restart."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

from widgets.storage import ResultRecord, ResultStore

MakeRecord = Callable[..., ResultRecord]


def test_first_save_creates_folder_file_and_table(
    store: ResultStore, sqlite_path: Path, make_record: MakeRecord
) -> None:
    assert not sqlite_path.parent.exists()
    outcome = store.save(make_record())
    assert outcome.stored and outcome.message_fr is None and outcome.problem is None
    assert sqlite_path.is_file()
    with sqlite3.connect(sqlite_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        indexes = {row[1] for row in raw.execute("PRAGMA index_list(results)")}
    assert "ix_results_pseudonym_bank_created" in indexes


def test_constructing_a_store_touches_nothing(sqlite_path: Path) -> None:
    ResultStore(f"sqlite:///{sqlite_path}").close()
    assert not sqlite_path.parent.exists()


def test_history_is_newest_first_and_filters(store: ResultStore, make_record: MakeRecord) -> None:
    old = make_record(minutes=0)
    new = make_record(minutes=10)
    quiz = make_record(minutes=5, bank_id="quiz-1", kind="quiz", scores={"correct": 3, "total": 4})
    other = make_record(minutes=20, pseudonym="autre")
    for record in (old, quiz, new, other):
        assert store.save(record).stored

    assert store.history("moi") == [new, quiz, old]
    assert store.history("moi", "autodiagnostic") == [new, old]
    assert store.history("moi", limit=2) == [new, quiz]
    assert store.history("moi", limit=0) == []
    assert store.history("personne") == []
    assert store.latest("moi", "autodiagnostic") == new
    assert store.latest("moi", "jamais-fait") is None
    assert store.banks_done("moi") == {"autodiagnostic", "quiz-1"}
    assert store.banks_done("autre") == {"autodiagnostic"}
    assert store.banks_done("personne") == set()


def test_records_come_back_equal_with_aware_utc_times(
    store: ResultStore, make_record: MakeRecord
) -> None:
    record = make_record(scores={"correct": 3, "total": 4}, kind="quiz")
    store.save(record)
    [loaded] = store.history("moi")
    assert loaded == record
    assert loaded.created_at.tzinfo is UTC
    assert isinstance(loaded.scores["correct"], int)
    assert store.get(record.id) == record
    assert store.get(record.id.upper()) == record
    assert store.get("inconnu") is None


def test_results_survive_closing_and_reopening(sqlite_url: str, make_record: MakeRecord) -> None:
    records = [make_record(minutes=i) for i in range(3)]
    first = ResultStore(sqlite_url)
    for record in records:
        first.save(record)
    first.close()

    reopened = ResultStore(sqlite_url)  # a new kernel
    try:
        assert reopened.history("moi") == records[::-1]
    finally:
        reopened.close()


def test_two_stores_on_one_file_see_each_other(sqlite_url: str, make_record: MakeRecord) -> None:
    with ResultStore(sqlite_url) as notebook, ResultStore(sqlite_url) as dashboard:
        record = make_record()
        notebook.save(record)
        assert dashboard.latest("moi", "autodiagnostic") == record


def test_saving_twice_stores_once(store: ResultStore, make_record: MakeRecord) -> None:
    record = make_record()
    assert store.save(record).stored
    assert store.save(record).stored
    assert store.history("moi") == [record]


def test_delete(store: ResultStore, make_record: MakeRecord) -> None:
    kept, removed = make_record(minutes=0), make_record(minutes=1)
    store.save(kept)
    store.save(removed)
    assert store.delete(removed.id) is True
    assert store.delete(removed.id) is False
    assert store.delete("pas-un-uuid") is False
    assert store.history("moi") == [kept]


def test_import_records_is_idempotent(store: ResultStore, make_record: MakeRecord) -> None:
    already = make_record(minutes=0)
    store.save(already)
    batch = [already, make_record(minutes=1), make_record(minutes=2)]

    assert store.import_records(batch) == 2
    assert store.import_records(batch) == 0
    assert store.import_records([*batch, batch[1]]) == 0
    assert store.import_records([]) == 0
    assert store.history("moi") == batch[::-1]


def test_import_many_records_spanning_several_id_chunks(
    store: ResultStore, make_record: MakeRecord
) -> None:
    batch = [make_record(minutes=i) for i in range(1_200)]
    assert store.import_records(batch[:700]) == 700
    assert store.import_records(batch) == 500
    assert len(store.history("moi")) == 1_200
