"""The spreadsheet template a facilitator starts from, as CSV (shipped) and XLSX (made from it).

One template, written once as ``templates/sondage_modele.csv`` (semicolons and a byte-order
mark, what a French spreadsheet opens without asking); the XLSX is built from its rows, so
the two never disagree and no binary file is kept in the repository.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

TEMPLATE_CSV = Path(__file__).parent / "templates" / "sondage_modele.csv"


def template_csv() -> bytes:
    """The CSV template's bytes (UTF-8 with a byte-order mark, ``;`` between columns)."""
    return TEMPLATE_CSV.read_bytes()


def template_rows() -> list[list[str]]:
    text = template_csv().decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")]


def template_xlsx() -> bytes:
    """The same rows as an XLSX workbook, every cell stored as text."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "Sondage"
    for row in template_rows():
        sheet.append([cell or None for cell in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.data_type = "s" if cell.value is not None else cell.data_type
    sheet.column_dimensions["A"].width = 70
    sheet.column_dimensions["C"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
