"""Many figures as one base and small patches: how the offline explorer ships 391 figures.

The kernel-less explorer must show, for every selection (region × comparison, indicator ×
region, indicator), exactly the figure the notebook widget shows. Those figures are built here
by the same pure builders, then stored as the first figure of each view plus, for every other
selection, the list of values that differ from it. Large values that recur across selections
(a region's radar trace, the boundaries of the map) are stored once in a shared pool and
referenced by index. The browser rebuilds a figure with :func:`apply_patch`'s JavaScript twin
(``Parcours.figures.patched`` in ``static/js/figures.js``), which follows the same three rules:

* a patch is a list of ``[path, value]``; ``path`` is a list of dict keys and list indexes;
* a value ``{"$p": n}`` is entry ``n`` of the pool; ``{"$del": 1}`` deletes the key;
* lists of objects of the same length (``data``, ``annotations``) are patched item by item;
  any other list (``r``, ``hovertext``…) is replaced whole, so that it can be pooled.

Pure functions on JSON values, no plotly here: the tests check that ``apply_patch(base,
diff(base, figure)) == figure`` for every selection the export holds.
"""

from __future__ import annotations

import copy
import json
from typing import Any

JSON = Any
Path = list[str | int]
Patch = list[tuple[Path, JSON]]

DELETE: dict[str, int] = {"$del": 1}
POOL_KEY = "$p"
POOL_MIN_CHARS = 80
"""Values whose JSON is at least this long go to the pool: below, a reference saves little."""


def diff(base: JSON, target: JSON, path: Path | None = None) -> Patch:
    """What to change in ``base`` to obtain ``target``, as ``[(path, value), …]``."""
    path = path or []
    if isinstance(base, dict) and isinstance(target, dict):
        changes: Patch = []
        for key, value in target.items():
            if key not in base:
                changes.append(([*path, key], value))
            else:
                changes.extend(diff(base[key], value, [*path, key]))
        changes.extend(([*path, key], DELETE) for key in base if key not in target)
        return changes
    if _object_lists(base, target):
        changes = []
        for index, (old, new) in enumerate(zip(base, target, strict=True)):
            changes.extend(diff(old, new, [*path, index]))
        return changes
    if _same(base, target):
        return []
    return [(path, target)]


def _object_lists(base: JSON, target: JSON) -> bool:
    return (
        isinstance(base, list)
        and isinstance(target, list)
        and len(base) == len(target)
        and any(isinstance(item, dict) for item in (*base, *target))
    )


def _same(left: JSON, right: JSON) -> bool:
    """Equal as JSON: ``1`` and ``1.0`` differ (JavaScript would not care, but a test would)."""
    return type(left) is type(right) and left == right


def apply_patch(base: JSON, patch: Patch, pool: list[JSON] | None = None) -> JSON:
    """``base`` with ``patch`` applied (``base`` itself is left untouched)."""
    result = copy.deepcopy(base)
    for path, raw in patch:
        value = _resolve(raw, pool or [])
        if not path:
            result = copy.deepcopy(value)
            continue
        parent = result
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        if value == DELETE:
            del parent[last]
        else:
            parent[last] = copy.deepcopy(value)
    return result


def _resolve(value: JSON, pool: list[JSON]) -> JSON:
    if isinstance(value, dict) and len(value) == 1 and POOL_KEY in value:
        return pool[value[POOL_KEY]]
    return value


class Pool:
    """Shared values, each stored once: a value seen again returns the same reference."""

    def __init__(self) -> None:
        self.values: list[JSON] = []
        self._index: dict[str, int] = {}

    def ref(self, value: JSON) -> JSON:
        """``value`` itself when short, else ``{"$p": n}`` pointing at its single copy."""
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        if len(text) < POOL_MIN_CHARS:
            return value
        if text not in self._index:
            self._index[text] = len(self.values)
            self.values.append(value)
        return {POOL_KEY: self._index[text]}

    def pooled(self, patch: Patch) -> list[list[JSON]]:
        """``patch`` as JSON-ready ``[path, value]`` pairs with long values moved to the pool."""
        return [
            [list(path), value if value == DELETE else self.ref(value)] for path, value in patch
        ]
