"""Titles of the source documents, read from ``data/datapackage.json``.

Quizzes, quoted figures and reports all cite a document by its file name in ``data/sources/``;
the package descriptor holds the title a learner reads.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from widgets.config import data_dir


@lru_cache(maxsize=4)
def _titles(folder: str) -> dict[str, str]:
    try:
        descriptor = json.loads((Path(folder) / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {
        Path(r["path"]).name: str(r.get("title") or r["path"])
        for r in descriptor.get("resources", [])
        if isinstance(r, dict) and str(r.get("path", "")).startswith("sources/")
    }


def source_title(file_name: str) -> str:
    """The document's title, or its file name when the descriptor does not know it."""
    return _titles(str(data_dir())).get(Path(file_name).name, file_name)
