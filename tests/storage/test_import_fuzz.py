"""Whatever a results file holds, an import gives records or a DataError; and whatever it
accepts, the store takes and both export formats write (nothing accepted can poison).
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
any_text = st.text(max_size=12)  # lone surrogates, NUL, control characters included
any_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)
FIELDS = ["id", "pseudonym", "bank_id", "bank_version", "kind", "created_at", "answers", "scores",
          "meta", "version", "format"]  # fmt: skip
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def shared_store() -> Iterator[ResultStore]:
    with tempfile.TemporaryDirectory() as folder:
        store = ResultStore(f"sqlite:///{Path(folder) / 'r.sqlite3'}")
        yield store
        store.close()


def accepted_everywhere(records: list[ResultRecord], store: ResultStore) -> None:
    """What an import returns must go into the store and out in both formats, unchanged."""
    assert store.import_records(records) >= 0
    for record in records:
        assert store.get(record.id) is not None
    assert import_json(export_json(records)) == records
    assert import_csv(export_csv(records)) == records


@FUZZ
@given(field=st.sampled_from(FIELDS), value=any_json, where=st.sampled_from(["record", "top"]))
def test_a_json_file_with_any_value_anywhere(
    make_record: MakeRecord, shared_store: ResultStore, field: str, value: Any, where: str
) -> None:
    document: dict[str, Any] = {
        "format": "parcours-results",
        "version": 1,
        "results": [make_record().to_dict()],
    }
    (document if where == "top" else document["results"][0])[field] = value
    try:
        text = json.dumps(document, ensure_ascii=True, allow_nan=True)
    except ValueError:
        return
    try:
        records = import_json(text, source="envoi.json")
    except DataError as exc:
        assert all(p.file == "envoi.json" for p in exc.problems)
        exc.message_fr().encode("utf-8")
        return
    accepted_everywhere(records, shared_store)


@FUZZ
@given(column=st.sampled_from(FIELDS[:9]), cell=any_text | any_json.map(json.dumps))
def test_a_csv_file_with_any_cell(
    make_record: MakeRecord, shared_store: ResultStore, column: str, cell: str
) -> None:
    text = export_csv([make_record()])
    header, row = text.splitlines()
    import csv
    import io

    cells = next(csv.reader(io.StringIO(row)))
    cells[header.split(",").index(column)] = cell
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header.split(","), cells])
    try:
        records = import_csv(out.getvalue(), source="envoi.csv")
    except DataError as exc:
        assert all(p.file == "envoi.csv" for p in exc.problems)
        exc.message_fr().encode("utf-8")
        return
    accepted_everywhere(records, shared_store)


@settings(max_examples=100, deadline=None)
@given(content=st.binary(max_size=200) | st.text(max_size=200))
def test_any_bytes_are_records_or_a_data_error(content: bytes | str) -> None:
    for reader in (import_json, import_csv):
        with contextlib.suppress(DataError):
            reader(content, source="x")
