"""ResultRecord: canonical form at construction, so equal meaning gives equal records."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from widgets.storage import ResultRecord
from widgets.storage.records import format_utc

MakeRecord = Callable[..., ResultRecord]


def test_defaults_give_fresh_id_and_aware_utc_time() -> None:
    a = ResultRecord(pseudonym="moi", bank_id="b", bank_version="1", kind="poll")
    b = ResultRecord(pseudonym="moi", bank_id="b", bank_version="1", kind="poll")
    assert a.id != b.id
    assert len(a.id) == 32
    assert a.created_at.tzinfo is UTC
    assert a.answers == {} and a.scores == {} and a.meta == {}


def test_values_are_normalised(make_record: MakeRecord) -> None:
    paris = timezone(timedelta(hours=1))
    record = make_record(
        id="3F2B6C1E-9A4D-4E0F-8B7A-6C5D4E3F2A1B",
        pseudonym="  moi ",
        bank_version=2,
        created_at=datetime(2025, 3, 1, 10, 30, tzinfo=paris),
        scores={"a": 1, "b": 2.5, "c": math.nan, "d": None},
        meta={"stage": ("a", "b"), 3: "trois"},
    )
    assert record.id == "3f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b"
    assert record.pseudonym == "moi"
    assert record.bank_version == "2"
    assert record.created_at == datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    assert record.created_at.tzinfo is UTC
    assert record.scores == {"a": 1, "b": 2.5, "c": None, "d": None}
    assert isinstance(record.scores["a"], int)  # a quiz's correct/total stay integers
    assert record.meta == {"stage": ["a", "b"], "3": "trois"}


def test_numpy_numbers_become_plain_python(make_record: MakeRecord) -> None:
    np = pytest.importorskip("numpy")
    record = make_record(
        answers={"q": np.int64(3)},
        scores={"correct": np.int64(3), "mean": np.float64(2.5), "empty": np.float64("nan")},
        meta={"completion": np.float32(0.5)},
    )
    assert type(record.answers["q"]) is int
    assert type(record.scores["correct"]) is int
    assert type(record.scores["mean"]) is float
    assert record.scores["empty"] is None
    assert record.meta == {"completion": 0.5}


def test_record_is_frozen_and_copies_its_dicts(make_record: MakeRecord) -> None:
    answers = {"q01": 1}
    record = make_record(answers=answers)
    answers["q01"] = 5
    assert record.answers == {"q01": 1}
    with pytest.raises(AttributeError):
        record.pseudonym = "autre"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"kind": "sondage"}, ValueError),
        ({"created_at": datetime(2025, 3, 1, 9, 30)}, ValueError),  # naive: ambiguous
        ({"created_at": "2025-03-01T09:30:00Z"}, TypeError),
        ({"id": "pas-un-uuid"}, ValueError),
        ({"pseudonym": "   "}, ValueError),
        ({"bank_id": None}, TypeError),
        ({"answers": {"q01": True}}, TypeError),
        ({"answers": {"q01": 2.5}}, TypeError),
        ({"answers": {1: 2}}, TypeError),
        ({"scores": {"a": "3"}}, TypeError),
        ({"scores": {"a": math.inf}}, ValueError),
        ({"meta": {"when": datetime(2025, 1, 1)}}, ValueError),
        ({"meta": {"x": math.nan}}, ValueError),
    ],
)
def test_invalid_values_are_refused(
    make_record: MakeRecord, fields: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        make_record(**fields)


def test_to_dict_is_the_exchange_shape(make_record: MakeRecord) -> None:
    record = make_record()
    data = record.to_dict()
    assert list(data) == [
        "id",
        "pseudonym",
        "bank_id",
        "bank_version",
        "kind",
        "created_at",
        "answers",
        "scores",
        "meta",
    ]
    assert data["created_at"] == "2025-03-01T09:30:00.000000Z"
    assert ResultRecord(**{**data, "created_at": record.created_at}) == record


def test_format_utc_converts_zones() -> None:
    moment = datetime(2025, 7, 1, 12, 0, 0, 123, tzinfo=timezone(timedelta(hours=2)))
    assert format_utc(moment) == "2025-07-01T10:00:00.000123Z"
