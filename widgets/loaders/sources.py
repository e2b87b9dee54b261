"""The titles of the source documents, read from ``datapackage.json``.

So that feedback reads « Source : Le RAMEAU, « … » » rather than a file name. Read once per
version of the file (its modification time), like the other loaders.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from widgets import config


def source_titles() -> dict[str, str]:
    """Source file name → document title, from the ``sources/…`` resources of datapackage.json.

    An unreadable package gives ``{}`` (titles fall back to file names; ``parcours validate``
    reports it).
    """
    path = config.data_dir() / "datapackage.json"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return dict(_titles(str(path), stamp))


@lru_cache(maxsize=4)
def _titles(path: str, _stamp: int) -> tuple[tuple[str, str], ...]:
    try:
        package = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    resources = package.get("resources", []) if isinstance(package, dict) else []
    pairs = []
    for resource in resources if isinstance(resources, list) else []:
        where = resource.get("path") if isinstance(resource, dict) else None
        title = resource.get("title") if isinstance(resource, dict) else None
        if isinstance(where, str) and where.startswith("sources/") and isinstance(title, str):
            pairs.append((where.removeprefix("sources/"), title))
    return tuple(pairs)


def source_title(file_name: str) -> str:
    """The title of a source document of ``data/sources``, or the file name if it has none."""
    return source_titles().get(file_name, file_name)
