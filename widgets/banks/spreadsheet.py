"""A poll prepared in a spreadsheet (CSV or XLSX) read as a :class:`PollDraft`.

The layout (``data/templates/sondage_modele.csv`` and ``.xlsx``, documented in the README):
optional rows ``titre`` and ``description`` (the name in the first cell, the text in the
second), then a header row starting with ``question``, then one question per row::

    question, type, options, max_choices, bonne_reponse, explication, source, resultats

``options`` are separated by « | »; ``type`` is ``choice`` (default), ``multiple``, ``words``
or ``questions`` (or their French names: choix, choix multiple, mots, questions de la salle);
``resultats`` is ``revealed`` (default), ``always``, ``answered`` or ``never`` (or révélés,
toujours, après réponse, jamais). A row with a ``bonne_reponse`` makes the poll a quiz.
Column names ignore case and accents; blank rows are skipped.

Cells are text: a CSV is read with :mod:`csv` (UTF-8, comma or semicolon found from the header),
an XLSX with openpyxl without evaluating anything, so a cell written as a formula (``=1+1``)
is read as the text typed. Every problem names the file, row and column.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from widgets.banks.authoring import PollDraft, QuestionDraft
from widgets.errors import DataError, Problem

MAX_BYTES = 2_000_000
MAX_ROWS = 200
BLANK_ROWS_AT_END = 1000
"""Blank rows after which an XLSX sheet is taken to end (formatting may reach row 1 048 576)."""
KNOWN_COLUMNS = (
    "question",
    "type",
    "options",
    "max_choices",
    "bonne_reponse",
    "explication",
    "source",
    "resultats",
)
TYPES = {
    "choice": "choice",
    "choix": "choice",
    "choix unique": "choice",
    "multiple": "multiple",
    "choix multiple": "multiple",
    "words": "words",
    "mots": "words",
    "nuage de mots": "words",
    "questions": "questions",
    "questions de la salle": "questions",
    "scale": "scale",
    "echelle": "scale",
}
RESULTS = {
    "revealed": "revealed",
    "reveles": "revealed",
    "apres revelation": "revealed",
    "always": "always",
    "toujours": "always",
    "answered": "answered",
    "apres reponse": "answered",
    "never": "never",
    "jamais": "never",
}
Rows = list[tuple[int, list[str]]]
"""(1-based row number, cells as text)."""


def read_spreadsheet(content: bytes, name: str, *, title: str = "") -> PollDraft:
    """The poll of a ``.csv`` or ``.xlsx`` file's bytes; raise :class:`DataError` in French.

    ``title`` is used when the file has no ``titre`` row (a title typed in the form)."""
    if len(content) > MAX_BYTES:
        raise DataError.single(name, "too-large", expected=f"au plus {MAX_BYTES // 1_000_000} Mo")
    if name.lower().endswith(".xlsx"):
        rows = _xlsx_rows(content, name)
    elif name.lower().endswith(".csv"):
        rows = _csv_rows(content, name)
    else:
        raise DataError.single(name, "format-error", expected="un fichier .csv ou .xlsx")
    return _draft(rows, name, title)


def read_spreadsheet_file(path: str | Path, *, title: str = "") -> PollDraft:
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise DataError.single(path.name, "source-error", value=error.strerror) from error
    return read_spreadsheet(content, path.name, title=title)


# --- reading cells -------------------------------------------------------------------------


def _csv_rows(content: bytes, name: str) -> Rows:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = content[: error.start].count(b"\n") + 1
        raise DataError.single(name, "encoding-error", row=row, expected="UTF-8") from error
    delimiter = _delimiter(text, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise DataError.single(
            name, "format-error", row=reader.line_num, value=str(error)
        ) from error


def _delimiter(text: str, name: str) -> str:
    """``,`` or ``;``: the one that splits the header row into a ``question`` column."""
    for delimiter in (",", ";"):
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        if any(row and _key(row[0]) == "question" for row in rows[:10]):
            return delimiter
    found = "tabulation" if "\t" in text.split("\n", 1)[0] else None
    raise DataError.single(name, "spreadsheet-delimiter", row=1, value=found)


def _xlsx_rows(content: bytes, name: str) -> Rows:
    try:
        from openpyxl import load_workbook
    except ImportError as error:  # a dependency of the project; said in French all the same
        raise DataError.single(name, "format-error", expected="openpyxl installé") from error
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise DataError.single(name, "format-error", expected="un classeur .xlsx") from error
    try:
        sheet = book.worksheets[0]
        rows: Rows = []
        blank = 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            blank = 0 if any(c.strip() for c in cells) else blank + 1
            if blank > BLANK_ROWS_AT_END or len(rows) - blank > MAX_ROWS + 3:
                break  # formatted empty rows to the sheet's end, or more than is read anyway
            rows.append((number, cells))
        return rows
    finally:
        book.close()


def _cell_text(value: object) -> str:
    """A cell as the text it shows: ``3`` for 3.0, dates as ISO, formulas as typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


# --- rows → draft --------------------------------------------------------------------------


def _draft(rows: Rows, name: str, title: str) -> PollDraft:
    meta: dict[str, str] = {}
    header: list[str] | None = None
    questions: list[QuestionDraft] = []
    problems: list[Problem] = []
    for number, cells in rows:
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if header is None:
            key = _key(cells[0])
            if key == "question":
                header = [_key(c) for c in cells]
                problems.extend(_header_problems(header, name, number))
            elif key in ("titre", "description"):
                meta[key] = cells[1] if len(cells) > 1 else ""
            continue
        if len(questions) >= MAX_ROWS:
            expected = f"au plus {MAX_ROWS} questions"
            problems.append(Problem(name, "too-many-rows", row=number, expected=expected))
            break
        question, found = _question(dict(zip(header, cells, strict=False)), name, number)
        questions.append(question)
        problems.extend(found)
    if header is None:
        problems.append(Problem(name, "missing-label", row=1, column="question"))
    title = meta.get("titre", "").strip() or title.strip()
    if not title:
        expected = "une ligne «\u00a0titre\u00a0» avant l'en-tête (ou un titre saisi)"
        problems.append(Problem(name, "missing-field", row=1, column="titre", expected=expected))
    if problems:
        raise DataError.collect(problems)
    return PollDraft(title, tuple(questions), meta.get("description", ""))


def _header_problems(header: Sequence[str], name: str, row: int) -> Iterable[Problem]:
    expected = ", ".join(KNOWN_COLUMNS)
    for column in header:
        if column and column not in KNOWN_COLUMNS:
            yield Problem(name, "unknown-column", row=row, column=column, expected=expected)
    for column in sorted({c for c in header if c and header.count(c) > 1}):
        yield Problem(name, "duplicate-label", row=row, column=column)


def _question(cells: dict[str, str], name: str, row: int) -> tuple[QuestionDraft, list[Problem]]:
    problems: list[Problem] = []

    def choose(column: str, table: dict[str, str], default: str) -> str:
        typed = cells.get(column, "")
        if not typed:
            return default
        if _word(typed) in table:
            return table[_word(typed)]
        expected = ", ".join(dict.fromkeys(table.values()))
        problems.append(Problem(name, "invalid-field", row, column, None, expected, typed))
        return default

    kind = choose("type", TYPES, "choice")
    results = choose("resultats", RESULTS, "revealed")
    max_choices: int | None = None
    typed = cells.get("max_choices", "")
    if typed:
        if typed.isdigit():
            max_choices = int(typed)
        else:
            expected = "un nombre entier"
            problems.append(
                Problem(name, "invalid-field", row, "max_choices", None, expected, typed)
            )
    options = tuple(o.strip() for o in cells.get("options", "").split("|") if o.strip())
    question = QuestionDraft(
        text=cells.get("question", ""),
        type=kind,
        options=options,
        max_choices=max_choices,
        answer=cells.get("bonne_reponse") or None,
        explanation=cells.get("explication") or None,
        source=cells.get("source") or None,
        results=results,
        row=row,
    )
    return question, problems


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _key(text: str) -> str:
    """A column name compared loosely: « Bonne réponse » is ``bonne_reponse``."""
    return "_".join(_ascii(text).replace("-", " ").replace("_", " ").split())


def _word(text: str) -> str:
    """A keyword compared loosely: « Choix-multiple » is ``choix multiple``."""
    return " ".join(_ascii(text).replace("-", " ").replace("_", " ").split())
