"""A results import from a careless or hostile file: refused as a located DataError, and the
store and its exports byte for byte as before.

Each case is a value that once went through (or escaped as another exception): deep nesting,
huge integers and dates, lone surrogates that SQLite takes but no export can write, a version
that is a float or a boolean, pseudonyms that a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from widgets.errors import DataError
from widgets.storage import (
    ResultRecord,
    ResultStore,
    export_csv,
    export_json,
    import_csv,
    import_json,
)

MakeRecord = Callable[..., ResultRecord]
DEEP = 100_000


def document(make_record: MakeRecord, **changes: Any) -> dict[str, Any]:
    item = make_record().to_dict()
    item.update(changes)
    return {"format": "parcours-results", "version": 1, "results": [item]}


def as_json(make_record: MakeRecord, **changes: Any) -> str:
    return json.dumps(document(make_record, **changes), ensure_ascii=True)


def as_csv(make_record: MakeRecord, **changes: Any) -> str:
    item = document(make_record)["results"][0]
    item.update(changes)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = list(item)
    writer.writerow(columns)
    writer.writerow(
        [
            value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            for value in item.values()
        ]
    )
    return buffer.getvalue()


def raw_json(make_record: MakeRecord, field: str, literal: str) -> str:
    """A document whose ``field`` holds ``literal`` as JSON text (not a Python value)."""
    return as_json(make_record, **{field: "@@"}).replace('"@@"', literal)


JSON_CASES: dict[str, Callable[[MakeRecord], str]] = {
    "deep document": lambda mk: "[" * DEEP + "]" * DEEP,
    "deep meta": lambda mk: raw_json(mk, "meta", '{"a":' + "[" * DEEP + "]" * DEEP + "}"),
    "meta 40 levels": lambda mk: raw_json(mk, "meta", '{"a":' + "[" * 40 + "]" * 40 + "}"),
    "401-digit score": lambda mk: raw_json(mk, "scores", '{"a": ' + "9" * 401 + "}"),
    "5000-digit score": lambda mk: raw_json(mk, "scores", '{"a": ' + "9" * 5000 + "}"),
    "huge answer": lambda mk: raw_json(mk, "answers", '{"q": ' + "9" * 30 + "}"),
    "huge meta number": lambda mk: raw_json(mk, "meta", '{"n": ' + "9" * 30 + "}"),
    "score 1e999": lambda mk: raw_json(mk, "scores", '{"a": 1e999}'),
    "year 9999": lambda mk: as_json(mk, created_at="9999-12-31T23:59:59-23:59"),
    "next century": lambda mk: as_json(mk, created_at="2099-01-01T00:00:00Z"),
    "year 1900": lambda mk: as_json(mk, created_at="1900-01-01T00:00:00Z"),
    "surrogate pseudonym": lambda mk: as_json(mk, pseudonym="moi\ud800"),
    "surrogate meta": lambda mk: as_json(mk, meta={"note": "x\udfff"}),
    "surrogate meta key": lambda mk: as_json(mk, meta={"\ud800": 1}),
    "surrogate answer key": lambda mk: as_json(mk, answers={"\ud800": 1}),
    "NUL in meta": lambda mk: as_json(mk, meta={"note": "a\x00b"}),
    "newline in pseudonym": lambda mk: as_json(mk, pseudonym="moi\nautre"),
    "long pseudonym": lambda mk: as_json(mk, pseudonym="x" * 101),
    "long answer": lambda mk: as_json(mk, answers={"q": "x" * 10_001}),
    "version 1.0": lambda mk: json.dumps({**document(mk), "version": 1.0}),
    "version true": lambda mk: json.dumps({**document(mk), "version": True}),
}


@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_poisoned_json_is_refused_and_located(make_record: MakeRecord, case: str) -> None:
    text = JSON_CASES[case](make_record)
    with pytest.raises(DataError) as caught:
        import_json(text, source="envoi.json")
    problems = caught.value.problems
    assert problems and all(p.file == "envoi.json" for p in problems)
    if case not in {"deep document", "deep meta", "version 1.0", "version true"}:
        assert all(p.item and p.item.startswith("results[0]") for p in problems), problems
    message = caught.value.message_fr()
    message.encode("utf-8")  # printable: a lone surrogate is shown escaped


CSV_CASES: dict[str, Callable[[MakeRecord], str]] = {
    "deep cell": lambda mk: as_csv(mk, meta="[" * DEEP + "]" * DEEP),
    "401-digit score": lambda mk: as_csv(mk, scores='{"a": ' + "9" * 401 + "}"),
    "year 9999": lambda mk: as_csv(mk, created_at="9999-12-31T23:59:59-23:59"),
    "surrogate meta": lambda mk: as_csv(mk, meta='{"note": "x\\udfff"}'),
    "control char pseudonym": lambda mk: as_csv(mk, pseudonym="moi\x07"),
    "huge cell": lambda mk: as_csv(mk, meta='{"a": "' + "x" * 200_000 + '"}'),
}


@pytest.mark.parametrize("case", sorted(CSV_CASES))
def test_poisoned_csv_is_refused_and_located(make_record: MakeRecord, case: str) -> None:
    with pytest.raises(DataError) as caught:
        import_csv(CSV_CASES[case](make_record), source="envoi.csv")
    problems = caught.value.problems
    assert problems and all(p.file == "envoi.csv" and p.row == 2 for p in problems), problems


def snapshot(store: ResultStore, database: Path) -> tuple[bytes, str, str]:
    records = store.history("moi")
    return database.read_bytes(), export_json(records), export_csv(records)


def test_a_refused_import_leaves_the_store_and_its_exports_byte_identical(
    tmp_path: Path, make_record: MakeRecord
) -> None:
    database = tmp_path / "resultats.sqlite3"
    store = ResultStore(f"sqlite:///{database}")
    assert store.save(make_record(minutes=1, pseudonym="=HYPERLINK(1)")).stored
    assert store.save(make_record(minutes=2)).stored
    store.close()
    before = snapshot(store, database)
    store.close()
    cases = [(import_json, case, build) for case, build in JSON_CASES.items()]
    cases += [(import_csv, case, build) for case, build in CSV_CASES.items()]
    for reader, case, build in cases:
        good = make_record(minutes=3)
        text = build(make_record)
        # A valid record ahead of the poisoned one: all or nothing.
        if reader is import_json and not case.startswith(("deep", "5000")):
            poisoned = json.loads(text)
            poisoned["results"].insert(0, good.to_dict())
            text = json.dumps(poisoned)
        with pytest.raises(DataError):
            store.import_records(reader(text, source="envoi"))
        store.close()
        assert snapshot(store, database) == before, case
        store.close()


@pytest.mark.parametrize("pseudonym", ["=1+1", "+33", "-2", "@SUM(A1)", "'=x", "'moi"])
def test_csv_exports_neutralise_formula_prefixes(make_record: MakeRecord, pseudonym: str) -> None:
    record = make_record(pseudonym=pseudonym, bank_id="=cmd|' /C calc'!A0")
    text = export_csv([record])
    row = next(csv.DictReader(io.StringIO(text)))
    for column in ("pseudonym", "bank_id"):
        assert row[column].startswith("'"), row[column]
    assert import_csv(text) == [record]


def test_an_ordinary_pseudonym_is_written_as_is(make_record: MakeRecord) -> None:
    row = next(csv.DictReader(io.StringIO(export_csv([make_record(pseudonym="Zoé")]))))
    assert row["pseudonym"] == "Zoé"


@pytest.mark.parametrize(
    "changes",
    [
        {"pseudonym": "moi\ud800"},
        {"meta": {"x": "\udfff"}},
        {"answers": {"q": 2**60}},
        {"scores": {"a": 10**400}},
        {"pseudonym": "x" * 101},
    ],
)
def test_our_own_code_cannot_build_a_poisoned_record(
    make_record: MakeRecord, changes: dict[str, Any]
) -> None:
    with pytest.raises(ValueError):
        make_record(**changes)
