"""The same store on a real PostgreSQL server (see ``postgres_url`` in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from widgets.errors import DataError
from widgets.storage import ResultRecord, ResultStore, export_json, import_json

MakeRecord = Callable[..., ResultRecord]


@pytest.fixture
def pg_store(postgres_url: str) -> Iterator[ResultStore]:
    with ResultStore(postgres_url) as store:
        yield store


def test_save_history_latest_banks_done(pg_store: ResultStore, make_record: MakeRecord) -> None:
    old, new = make_record(minutes=0), make_record(minutes=10)
    quiz = make_record(minutes=5, bank_id="quiz-1", kind="quiz", scores={"correct": 3, "total": 4})
    for record in (old, quiz, new, make_record(pseudonym="autre")):
        assert pg_store.save(record).stored

    assert pg_store.history("moi") == [new, quiz, old]
    assert pg_store.history("moi", "autodiagnostic", limit=1) == [new]
    assert pg_store.latest("moi", "quiz-1") == quiz
    assert pg_store.banks_done("moi") == {"autodiagnostic", "quiz-1"}
    assert pg_store.delete(old.id)
    assert pg_store.history("moi", "autodiagnostic") == [new]


def test_times_come_back_in_utc_whatever_the_server_zone(
    pg_store: ResultStore, make_record: MakeRecord
) -> None:
    """The server runs in Europe/Paris; the store must still hand back UTC."""
    summer = datetime(2025, 7, 1, 14, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    record = make_record(created_at=summer)
    pg_store.save(record)
    loaded = pg_store.get(record.id)
    assert loaded == record
    assert loaded is not None and loaded.created_at.tzinfo is UTC
    assert loaded.created_at == datetime(2025, 7, 1, 12, 0, 0, 123456, tzinfo=UTC)


def test_results_survive_reconnecting(postgres_url: str, make_record: MakeRecord) -> None:
    record = make_record(meta={"stage": {"a": "émergence"}, "liste": [1, 2.5, None]})
    with ResultStore(postgres_url) as first:
        first.save(record)
    with ResultStore(postgres_url) as second:
        assert second.history("moi") == [record]


def test_import_is_idempotent_and_round_trips(
    pg_store: ResultStore, make_record: MakeRecord
) -> None:
    batch = [make_record(minutes=i) for i in range(5)]
    pg_store.save(batch[0])
    assert pg_store.import_records(import_json(export_json(batch))) == 4
    assert pg_store.import_records(batch) == 0
    assert pg_store.history("moi") == batch[::-1]


def test_unreachable_server_keeps_record_pending(make_record: MakeRecord) -> None:
    pytest.importorskip("psycopg", reason="pilote psycopg (v3) absent")
    store = ResultStore("postgresql+psycopg://parcours:secret@127.0.0.1:9/parcours")
    record = make_record()
    outcome = store.save(record)
    assert not outcome.stored
    assert store.pending == (record,)
    assert outcome.message_fr is not None and "secret" not in outcome.message_fr
    with pytest.raises(DataError):
        store.history("moi")
