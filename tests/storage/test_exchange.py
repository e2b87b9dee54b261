"""The parcours-results exchange formats: round trips, and bad files reported as data."""

from __future__ import annotations

import copy
import csv
import io
import json
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
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

# -- strategies -----------------------------------------------------------------------------

# Text a learner could type: any character except lone surrogates (not encodable in UTF-8)
# and NUL (refused by PostgreSQL in text columns).
text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20)
names = st.text(st.characters(exclude_categories=("Cs", "Z", "C")), min_size=1, max_size=12).filter(
    lambda s: s.strip() == s
)
json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | text
json_scalars |= st.floats(allow_nan=False, allow_infinity=False)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2025, 12, 31), timezones=st.just(UTC)
)

records = st.builds(
    ResultRecord,
    pseudonym=names,
    bank_id=names,
    bank_version=names | st.integers(0, 999),
    kind=st.sampled_from(["diagnostic", "quiz", "poll", "activity"]),
    created_at=moments,
    answers=st.dictionaries(text, st.integers(-(2**53), 2**53) | text, max_size=8),
    scores=st.dictionaries(
        text,
        st.none() | st.integers(0, 1000) | st.floats(allow_nan=False, allow_infinity=False),
        max_size=8,
    ),
    meta=st.dictionaries(text, json_values, max_size=4),
)


@given(st.lists(records, max_size=5))
def test_json_round_trip(batch: list[ResultRecord]) -> None:
    assert import_json(export_json(batch)) == batch


@given(st.lists(records, max_size=5))
def test_csv_round_trip(batch: list[ResultRecord]) -> None:
    assert import_csv(export_csv(batch)) == batch


@given(st.lists(records, max_size=5))
def test_bytes_with_bom_round_trip(batch: list[ResultRecord]) -> None:
    """What a FileUpload widget hands over, possibly saved by a spreadsheet with a BOM."""
    assert import_json(export_json(batch).encode("utf-8-sig")) == batch
    assert import_csv(export_csv(batch).encode("utf-8-sig")) == batch


@pytest.fixture(scope="module")
def shared_store() -> Iterator[ResultStore]:
    """One store for all hypothesis examples (function-scoped tmp_path would be shared anyway)."""
    with tempfile.TemporaryDirectory() as folder:
        store = ResultStore(f"sqlite:///{Path(folder) / 'resultats.sqlite3'}")
        yield store
        store.close()


@settings(max_examples=50, deadline=None)
@given(record=records)
def test_store_round_trip(shared_store: ResultStore, record: ResultRecord) -> None:
    assert shared_store.save(record).stored
    assert shared_store.get(record.id) == record


def test_export_json_format(make_record: MakeRecord) -> None:
    record = make_record(id="3f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b")
    document = json.loads(export_json([record]))
    assert document == {
        "format": "parcours-results",
        "version": 1,
        "results": [
            {
                "id": "3f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b",
                "pseudonym": "moi",
                "bank_id": "autodiagnostic",
                "bank_version": "1",
                "kind": "diagnostic",
                "created_at": "2025-03-01T09:30:00.000000Z",
                "answers": {"q01": 4, "q02": 2, "q03": "b"},
                "scores": {"cooperation": 3.5, "ancrage": None},
                "meta": {"stage": {"cooperation": "émergence"}, "completion": 0.9},
            }
        ],
    }


def test_export_csv_columns(make_record: MakeRecord) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv([make_record()]))))
    assert len(rows) == 1
    assert list(rows[0]) == [
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
    assert json.loads(rows[0]["scores"]) == {"cooperation": 3.5, "ancrage": None}


def test_import_accepts_what_other_writers_may_produce(make_record: MakeRecord) -> None:
    """Offline edition and live pages: +00:00 or another zone, a dashed UUID, an integer
    version, no meta, extra keys."""
    expected = make_record(id="3f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b", bank_version="2", meta={})
    item = expected.to_dict()
    item.update(
        id="3f2b6c1e-9a4d-4e0f-8b7a-6c5d4e3f2a1b",
        bank_version=2,
        created_at="2025-03-01T10:30:00+01:00",
        generator="édition hors ligne",
    )
    del item["meta"]
    text = json.dumps({"format": "parcours-results", "version": 1, "results": [item], "x": 1})
    assert import_json(text) == [expected]


def test_import_records_from_a_file_twice_adds_nothing(
    store: ResultStore, make_record: MakeRecord
) -> None:
    exported = export_json([make_record(minutes=i) for i in range(3)])
    assert store.import_records(import_json(exported)) == 3
    assert store.import_records(import_json(exported)) == 0
    assert len(store.history("moi")) == 3


# -- bad JSON -------------------------------------------------------------------------------


def _document(make_record: MakeRecord, count: int = 4) -> dict[str, Any]:
    batch = [make_record(minutes=i) for i in range(count)]
    return json.loads(export_json(batch))


def _problems(error: DataError) -> list[tuple[str, str, str | None]]:
    return [(p.file, p.code, p.item) for p in error.problems]


DELETE = object()
"""Marks a key to remove in :func:`_edit`."""


def _edit(document: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    *parents, last = path
    target: Any = document
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value


@pytest.mark.parametrize(
    ("path", "value", "code", "item"),
    [
        (("results", 3, "created_at"), "hier", "invalid-field", "results[3].created_at"),
        (("results", 3, "created_at"), "2025-03-01T09", "invalid-field", "results[3].created_at"),
        (("results", 3, "created_at"), 1_700_000_000, "invalid-field", "results[3].created_at"),
        (("results", 1, "bank_id"), DELETE, "missing-field", "results[1].bank_id"),
        (("results", 0, "kind"), "sondage", "invalid-field", "results[0].kind"),
        (("results", 2, "id"), "42", "invalid-field", "results[2].id"),
        (("results", 2, "pseudonym"), "", "invalid-field", "results[2].pseudonym"),
        (("results", 2, "answers", "q02"), True, "invalid-field", "results[2].answers.q02"),
        (("results", 2, "answers", "q02"), 2.5, "invalid-field", "results[2].answers.q02"),
        (("results", 2, "scores", "ancrage"), "3", "invalid-field", "results[2].scores.ancrage"),
        (("results", 2, "scores"), [1, 2], "invalid-field", "results[2].scores"),
        (("results", 2, "meta"), "rien", "invalid-field", "results[2].meta"),
        (("results", 1), "pas un objet", "invalid-field", "results[1]"),
        (("format",), "autre-chose", "format-error", "format"),
        (("format",), DELETE, "format-error", "format"),
        (("version",), 2, "unsupported-version", "version"),
        (("version",), "1", "unsupported-version", "version"),
        (("results",), DELETE, "missing-field", "results"),
        (("results",), {"a": 1}, "invalid-field", "results"),
    ],
)  # fmt: skip
def test_bad_json_is_located(
    make_record: MakeRecord,
    path: tuple[str | int, ...],
    value: object,
    code: str,
    item: str,
) -> None:
    document = _document(make_record)
    _edit(document, path, value)
    with pytest.raises(DataError) as caught:
        import_json(json.dumps(document), source="envoi.json")
    assert _problems(caught.value) == [("envoi.json", code, item)]
    assert "envoi.json" in caught.value.message_fr()


def test_duplicate_ids_in_json(make_record: MakeRecord) -> None:
    document = _document(make_record)
    document["results"][3]["id"] = document["results"][0]["id"]
    with pytest.raises(DataError) as caught:
        import_json(json.dumps(document), source="f.json")
    assert _problems(caught.value) == [("f.json", "duplicate-id", "results[3].id")]


def test_every_bad_result_is_reported_at_once(make_record: MakeRecord) -> None:
    document = _document(make_record)
    document["results"][0].pop("kind")
    document["results"][2]["created_at"] = "bientôt"
    with pytest.raises(DataError) as caught:
        import_json(json.dumps(document), source="f.json")
    assert _problems(caught.value) == [
        ("f.json", "missing-field", "results[0].kind"),
        ("f.json", "invalid-field", "results[2].created_at"),
    ]
    problem = caught.value.problems[1]
    assert problem.value == "bientôt"
    assert problem.expected is not None and "ISO 8601" in problem.expected


@pytest.mark.parametrize(
    ("content", "code", "row"),
    [
        ("", "file-empty", None),
        ("  \n", "file-empty", None),
        ('{"format": "parcours-results",\n "version": 1,\n "results": [}', "json-error", 3),
        ('{"format": "parcours-results", "version": 1, "results": [NaN]}', "json-error", None),
        ("[1, 2]", "format-error", None),
        (b"\xff\xfe{}", "encoding-error", None),
    ],
)
def test_unreadable_json_files(content: str | bytes, code: str, row: int | None) -> None:
    with pytest.raises(DataError) as caught:
        import_json(content, source="f.json")
    assert [(p.file, p.code, p.row) for p in caught.value.problems] == [("f.json", code, row)]


def test_scores_nan_in_json_is_refused(make_record: MakeRecord) -> None:
    text = export_json([make_record()]).replace('"ancrage": null', '"ancrage": NaN')
    with pytest.raises(DataError) as caught:
        import_json(text)
    assert [p.code for p in caught.value.problems] == ["json-error"]


def test_problem_count_is_capped(make_record: MakeRecord) -> None:
    document = _document(make_record, count=150)
    for item in document["results"]:
        item["kind"] = "?"
    with pytest.raises(DataError) as caught:
        import_json(json.dumps(document))
    assert len(caught.value.problems) == 100


# -- bad CSV --------------------------------------------------------------------------------


def _csv_rows(make_record: MakeRecord, count: int = 3) -> list[list[str]]:
    return list(csv.reader(io.StringIO(export_csv([make_record(minutes=i) for i in range(count)]))))


def _to_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("column", "value", "code", "item"),
    [
        ("created_at", "hier", "invalid-field", None),
        ("kind", "sondage", "invalid-field", None),
        ("answers", "{pas du json", "json-error", None),
        ("answers", '{"q01": true}', "invalid-field", "q01"),
        ("scores", '{"cooperation": "beaucoup"}', "invalid-field", "cooperation"),
        ("scores", "3", "invalid-field", None),
        ("meta", "[1]", "invalid-field", None),
        ("id", "", "invalid-field", None),
    ],
)
def test_bad_csv_cells_are_located(
    make_record: MakeRecord, column: str, value: str, code: str, item: str | None
) -> None:
    rows = _csv_rows(make_record)
    rows[2][rows[0].index(column)] = value  # line 3 of the file
    with pytest.raises(DataError) as caught:
        import_csv(_to_csv(rows), source="envoi.csv")
    assert [(p.file, p.row, p.column, p.code, p.item) for p in caught.value.problems] == [
        ("envoi.csv", 3, column, code, item)
    ]


def test_csv_missing_and_duplicated_columns(make_record: MakeRecord) -> None:
    rows = _csv_rows(make_record)
    header = rows[0]
    header[header.index("meta")] = "id"
    with pytest.raises(DataError) as caught:
        import_csv(_to_csv(rows), source="f.csv")
    assert [(p.row, p.column, p.code) for p in caught.value.problems] == [
        (1, "meta", "missing-label"),
        (1, "id", "duplicate-label"),
    ]


def test_csv_rows_count_lines_of_multiline_cells(make_record: MakeRecord) -> None:
    """A quoted cell spanning two lines shifts the following line numbers, as in an editor."""
    rows = _csv_rows(make_record, count=2)
    rows[1][rows[0].index("meta")] = '{"note":\n"sur deux lignes"}'
    rows[2][rows[0].index("kind")] = "?"
    with pytest.raises(DataError) as caught:
        import_csv(_to_csv(rows))
    assert [(p.row, p.column) for p in caught.value.problems] == [(4, "kind")]
    rows[2][rows[0].index("kind")] = "quiz"
    assert import_csv(_to_csv(rows))[0].meta == {"note": "sur deux lignes"}


def test_csv_short_row_duplicate_id_and_blank_lines(make_record: MakeRecord) -> None:
    rows = _csv_rows(make_record, count=3)
    rows[2] = rows[2][:4]
    rows[3][0] = rows[1][0]
    text = _to_csv(rows[:2]) + "\n" + _to_csv(rows[2:])  # blank line 3 is skipped
    with pytest.raises(DataError) as caught:
        import_csv(text, source="f.csv")
    assert [(p.row, p.column, p.code) for p in caught.value.problems] == [
        (4, None, "missing-cell"),
        (5, "id", "duplicate-id"),
    ]


def test_csv_extra_columns_are_ignored_and_empty_meta_is_empty(make_record: MakeRecord) -> None:
    record = make_record(meta={})
    rows = _csv_rows(lambda **kw: record, count=1)
    rows[0].append("commentaire")
    rows[1].append("ajouté dans un tableur")
    rows[1][rows[0].index("meta")] = ""
    assert import_csv(_to_csv(rows)) == [record]


def test_csv_header_only_gives_no_records() -> None:
    assert import_csv(export_csv([])) == []
    assert import_json(export_json([])) == []


def test_import_leaves_the_parsed_text_alone(make_record: MakeRecord) -> None:
    text = export_json([make_record()])
    before = copy.deepcopy(text)
    import_json(text)
    assert text == before
