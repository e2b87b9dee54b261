"""Results in and out of parcours: the ``parcours-results`` JSON format, and CSV.

A learner downloads their results to keep them, a facilitator gathers them from several
machines, the offline edition and the live-audience pages hand theirs over: all of them write
and read this one format, so it is specified here.

JSON, version 1 (UTF-8)::

    {
      "format": "parcours-results",
      "version": 1,
      "results": [
        {
          "id": "3f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b",
          "pseudonym": "moi",
          "bank_id": "autodiagnostic-catalyseur",
          "bank_version": "1.2",
          "kind": "diagnostic",
          "created_at": "2025-03-01T09:30:00.000000Z",
          "answers": {"q01": 4, "q02": "b"},
          "scores": {"cooperation": 3.5, "ancrage": null},
          "meta": {"stage": {"cooperation": "emergence"}, "completion": 1.0}
        }
      ]
    }

* ``id``: a UUID, 32 hex digits (the 36-character form with dashes is accepted). It identifies
  the result everywhere: importing a result whose id is already stored does nothing.
* ``pseudonym``, ``bank_id``: non-empty text. Nothing more personal than a pseudonym is ever
  exported.
* ``bank_version``: text (an integer is accepted and read as text).
* ``kind``: ``"diagnostic"``, ``"quiz"``, ``"poll"`` or ``"activity"``.
* ``created_at``: ISO 8601 with a time zone (``Z`` or ``+00:00``…); written in UTC with ``Z``.
* ``answers``: question id → integer (Likert level, choice index) or text.
* ``scores``: axis id → number, or ``null`` when not computable; a quiz gives
  ``{"correct": n, "total": m}``.
* ``meta``: any JSON object (stage per axis, completion…); optional on import.

Readers ignore unknown keys, so a later writer may add some without breaking older readers; a
change in meaning gets a new ``version``. ``NaN`` and ``Infinity`` are not JSON and are
refused.

CSV has one row per result, the columns above in that order, ``answers``, ``scores`` and
``meta`` holding compact JSON text, ``created_at`` as in JSON. A text cell (``pseudonym``,
``bank_id``, ``bank_version``) that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or ``'`` is written with one more ``'`` in front, so that a spreadsheet never runs it as
a formula (the OWASP rule for CSV injection); reading removes that one ``'``.

What a file may hold is bounded (:mod:`widgets.storage.bounds`): the version is the integer 1
(not ``1.0`` nor ``true``); text holds no NUL nor lone surrogate (identifiers no control
character, at most 100 characters); integers lie within ±2⁵³, numbers are finite; dates lie
between 2000 and tomorrow; ``meta`` nests at most 32 levels, the whole file 100. The offline
edition checks a file with the same rules, read from :mod:`widgets.storage.import_rules`.

Reading never raises anything but :class:`~widgets.errors.DataError`, whose problems name the
source and where: ``item="results[3].created_at"`` in JSON, ``row``/``column`` (and ``item``
for a key inside a JSON cell) in CSV.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from widgets.errors import DataError, Problem
from widgets.storage.json_text import decode, loads, read_json_document
from widgets.storage.records import ResultRecord
from widgets.storage.schema import EXPECTED_FR, check_result, expected_fr, shown

FORMAT_NAME = "parcours-results"
FORMAT_VERSION = 1
COLUMNS = (
    "id",
    "pseudonym",
    "bank_id",
    "bank_version",
    "kind",
    "created_at",
    "answers",
    "scores",
    "meta",
)
JSON_COLUMNS = ("answers", "scores", "meta")
TEXT_COLUMNS = ("pseudonym", "bank_id", "bank_version")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "'")
"""What a spreadsheet may take for the start of a formula, and the quote that protects it."""
MAX_PROBLEMS = 100
"""Stop listing problems after this many: a wrong file gives the same one on every row."""

# -- export ---------------------------------------------------------------------------------


def export_json(records: Iterable[ResultRecord]) -> str:
    """``records`` as a ``parcours-results`` JSON document (text, to save as UTF-8)."""
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "results": [record.to_dict() for record in records],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def export_csv(records: Iterable[ResultRecord]) -> str:
    """``records`` as CSV text: one row per result, JSON text in the answers/scores/meta
    columns, so that a spreadsheet opens it and :func:`import_csv` reads it back unchanged."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records:
        row = record.to_dict()
        for name in JSON_COLUMNS:
            row[name] = _compact_json(row[name])
        for name in TEXT_COLUMNS:
            row[name] = _neutralised(row[name])
        writer.writerow([row[name] for name in COLUMNS])
    return buffer.getvalue()


def _neutralised(cell: str) -> str:
    """``cell`` with a leading ``'`` if a spreadsheet could read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def _compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


# -- import ---------------------------------------------------------------------------------


def import_json(text: str | bytes, source: str = "resultats.json") -> list[ResultRecord]:
    """Results of a ``parcours-results`` document, in file order.

    ``source`` names the file in error messages. Every problem found is reported at once in
    one :class:`DataError`; no record is returned unless the whole file is valid, so a
    half-imported file never needs cleaning up.
    """
    items = _results_list(read_json_document(text, source), source)
    records: list[ResultRecord] = []
    problems: list[Problem] = []
    seen = _FirstSeen(source)
    for index, data in enumerate(items):
        prefix = f"results[{index}]"
        record, errors = check_result(data)
        problems.extend(_json_problems(errors, data, prefix, source))
        if record is not None:
            problems.extend(seen.check(record.id, index, item=f"{prefix}.id"))
            records.append(record)
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise DataError.collect(problems[:MAX_PROBLEMS])
    return records


def _results_list(document: Any, source: str) -> list[Any]:
    """The ``results`` list of a document whose header (format, version) is checked first."""
    expected_header = f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}, "results": […]}}'
    if not isinstance(document, dict):
        raise DataError.single(source, "format-error", expected=expected_header)
    if document.get("format") != FORMAT_NAME:
        raise DataError.single(
            source,
            "format-error",
            item="format",
            expected=f"«\u00a0{FORMAT_NAME}\u00a0»",
            value=shown(document.get("format")),
        )
    version = document.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise DataError.single(
            source,
            "unsupported-version",
            item="version",
            expected=str(FORMAT_VERSION),
            value=shown(document.get("version")),
        )
    items = document.get("results")
    if not isinstance(items, list):
        code = "missing-field" if "results" not in document else "invalid-field"
        raise DataError.single(source, code, item="results", expected="une liste de résultats")
    return items


def _json_problems(
    errors: list[tuple[tuple[str, ...], str, Any]], data: Any, prefix: str, source: str
) -> list[Problem]:
    """The problems of one record of a JSON document, located by JSON path."""
    found = []
    for location, code, value in errors:
        if not location and not isinstance(data, dict):
            code, value = "invalid-field", shown(data)
        found.append(
            Problem(
                file=source,
                code=code,
                item=".".join((prefix, *location)),
                expected=expected_fr(location) or ("un objet" if not location else None),
                value=shown(value),
            )
        )
    return found


class _FirstSeen:
    """Where each record id was first seen in a file: a second one is a duplicate."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.first: dict[str, int] = {}

    def check(
        self, record_id: str, where: int, *, item: str | None = None, row: int | None = None
    ) -> list[Problem]:
        earlier = self.first.setdefault(record_id, where)
        if earlier == where:
            return []
        place = f"de results[{earlier}]" if row is None else f"de la ligne {earlier}"
        return [
            Problem(
                file=self.source,
                code="duplicate-id",
                item=item,
                row=row,
                column="id" if row is not None else None,
                value=record_id,
                expected=f"un id absent {place}",
            )
        ]


def import_csv(text: str | bytes, source: str = "resultats.csv") -> list[ResultRecord]:
    """Results of a CSV written by :func:`export_csv`, in file order.

    Problems carry the line number (the header is line 1) and the column; a problem inside a
    JSON cell also names the key (``column="scores", item="cooperation"``). Extra columns are
    ignored. As with JSON, the whole file is valid or nothing is returned.
    """
    reader = csv.reader(io.StringIO(decode(text, source), newline=""))
    header, position = _csv_header(reader, source)
    records: list[ResultRecord] = []
    problems: list[Problem] = []
    seen = _FirstSeen(source)
    line = reader.line_num
    try:
        for cells in reader:
            row, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            record = _csv_record(cells, header, position, source, row, problems)
            if record is not None:
                problems.extend(seen.check(record.id, row, row=row))
                records.append(record)
            if len(problems) >= MAX_PROBLEMS:
                break
    except csv.Error as exc:
        problems.append(Problem(file=source, code="format-error", row=line + 1, value=str(exc)))
    if problems:
        raise DataError.collect(problems[:MAX_PROBLEMS])
    return records


def _csv_header(reader: Any, source: str) -> tuple[list[str], dict[str, int]]:
    """The header line and each expected column's position; DataError if one is missing."""
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as exc:
        raise DataError.single(source, "format-error", row=1, value=str(exc)) from None
    except StopIteration:
        header = []
    problems = [
        Problem(file=source, code="missing-label", row=1, column=name)
        for name in COLUMNS
        if name not in header
    ]
    duplicated = sorted({name for name in header if name in COLUMNS and header.count(name) > 1})
    problems += [
        Problem(file=source, code="duplicate-label", row=1, column=name) for name in duplicated
    ]
    if problems:
        raise DataError.collect(problems)
    return header, {name: header.index(name) for name in COLUMNS}


def _csv_record(
    cells: list[str],
    header: list[str],
    position: dict[str, int],
    source: str,
    row: int,
    problems: list[Problem],
) -> ResultRecord | None:
    """One CSV row as a record; its problems go into ``problems``."""
    if len(cells) != len(header):
        code = "missing-cell" if len(cells) < len(header) else "extra-cell"
        problems.append(
            Problem(file=source, code=code, row=row, expected=f"{len(header)} cellules")
        )
        return None
    data: dict[str, Any] = {name: cells[position[name]] for name in COLUMNS}
    for name in TEXT_COLUMNS:
        data[name] = data[name].removeprefix("'")
    broken = False
    for name in JSON_COLUMNS:
        cell = data[name].strip()
        if not cell and name == "meta":
            data[name] = {}
            continue
        try:
            data[name] = loads(cell)
        except (ValueError, RecursionError):
            problems.append(
                Problem(
                    file=source,
                    code="json-error",
                    row=row,
                    column=name,
                    expected=EXPECTED_FR[name],
                    value=shown(cell),
                )
            )
            broken = True
    if broken:
        return None
    record, errors = check_result(data)
    for location, code, value in errors:
        column = location[0] if location else None
        problems.append(
            Problem(
                file=source,
                code=code,
                row=row,
                column=column,
                item=".".join(location[1:]) or None,
                expected=expected_fr(location),
                value=shown(value),
            )
        )
    return record
