"""The field cases the sources name, one card each: ``data/cases.csv``."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from widgets.config import data_dir as default_data_dir
from widgets.errors import DataError, Problem
from widgets.loaders.validation import ensure_valid

CASES_FILE = "cases.csv"


@dataclass(frozen=True)
class Case:
    """One case from the field, as a source names it; empty fields are what the source omits."""

    case_id: str
    title: str
    year: int | None
    territory: str
    actors: tuple[str, ...]
    theme: str
    learned: str
    source_document: str
    quote: str


def load_cases(
    ids: Iterable[str] | None = None,
    theme: str | None = None,
    data_dir: Path | str | None = None,
) -> list[Case]:
    """Cases named by Le RAMEAU's history of its research (doc. 002) and the 2020 report of the
    Réseau des pionniers des alliances en territoire (doc. 004, page 16, OCR).

    ``ids`` picks cases in the order given (an unknown id is a :class:`DataError`); ``theme``
    keeps those of one theme (``Case.theme``, a French label of the data package's schema). With
    neither, every case in file order.
    """
    root = Path(data_dir).resolve() if data_dir is not None else default_data_dir()
    ensure_valid(root, (CASES_FILE,))
    info = (root / CASES_FILE).stat()
    cases = _read_cases(str(root), (info.st_mtime_ns, info.st_size, info.st_ino))
    if ids is not None:
        by_id = {case.case_id: case for case in cases}
        wanted = list(ids)
        unknown = [case_id for case_id in wanted if case_id not in by_id]
        if unknown:
            raise DataError([Problem(CASES_FILE, "unknown-item", item=i) for i in unknown])
        cases = tuple(by_id[case_id] for case_id in wanted)
    if theme is not None:
        cases = tuple(case for case in cases if case.theme == theme)
    return list(cases)


@lru_cache(maxsize=2)
def _read_cases(root: str, _stamp: tuple[int, int, int]) -> tuple[Case, ...]:
    with (Path(root) / CASES_FILE).open(encoding="utf-8", newline="") as handle:
        return tuple(
            Case(
                case_id=row["case_id"],
                title=row["title"],
                year=int(row["year"]) if row["year"] else None,
                territory=row["territory"],
                actors=tuple(a.strip() for a in row["actors"].split(";") if a.strip()),
                theme=row["theme"],
                learned=row["learned"],
                source_document=row["source_document"],
                quote=row["quote"],
            )
            for row in csv.DictReader(handle)
        )
