"""The fragility explorer without a kernel: every selection precomputed, switched by a script.

In JupyterLab, :class:`~widgets.ui.indices.IndicesExplorer` redraws its figure in Python when a
control changes. Offline there is no Python, but the selections are few: 14 regions × 14
comparisons for the radar, 13 indicators × 14 highlighted regions for the ranking, 13
indicators for the map. So the export drives the *real* widget through every selection, at
build time, and records what it shows: the figure (as plotly JSON), the French status line and
the text alternative. Nothing is re-implemented, so the offline page cannot drift from the
notebook: same builders, same captions, same empty states.

Figures are stored as one base per view plus patches (:mod:`widgets.offline.patches`), which
brings 391 figures (9.3 MB of JSON, the map's boundaries repeated 13 times) down to 0.9 MB;
the browser rebuilds the figure of a selection in a few milliseconds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from widgets.offline.patches import Pool, diff

Progress = Callable[[int], None]
"""Called with the number of selections just recorded (for a progress bar)."""


def selection_key(view: str, region: str, compare: str, indicator: str) -> str:
    """The key of a selection in the payload, built the same way by ``explorer.js``.

    The radar depends on region and comparison, the map on the indicator only, the ranking on
    the indicator and the highlighted region.
    """
    if view == "radar":
        return f"radar|{region}|{compare}"
    if view == "map":
        return f"map|{indicator}"
    return f"ranking|{indicator}|{region}"


def selection_count(regions: int, comparisons: int, indicators: int) -> int:
    """How many selections the payload holds (what the progress bar counts to)."""
    return regions * comparisons + indicators + indicators * regions


def explorer_controls(explorer: Any) -> dict[str, list[list[str]]]:
    """The options of the four controls, as ``[[label, code], …]`` lists."""
    return {
        "regions": [list(option) for option in explorer.region.options],
        "comparisons": [list(option) for option in explorer.compare.options],
        "views": [list(option) for option in explorer.view.options],
        "indicators": [list(option) for option in explorer.indicator.options],
    }


def explorer_payload(
    explorer: Any | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """Every selection of an :class:`IndicesExplorer` as JSON for ``explorer.js``.

    ``explorer`` defaults to a new one on the project's data (the loaders validate it first, so
    broken data stops the export with the loaders' French message). Returns::

        {"controls": {"regions": [[label, code], …], "comparisons": […], "views": […],
                      "indicators": […]},
         "defaults": {"region": …, "compare": …, "view": …, "indicator": …},
         "bases": {view: figure JSON}, "pool": [shared values],
         "selections": {key: {"patch": […], "status": html, "alt": html}}}
    """
    if explorer is None:
        from widgets.ui.indices import IndicesExplorer

        explorer = IndicesExplorer()
    tick = progress or (lambda _count: None)
    controls = explorer_controls(explorer)
    defaults = {
        "region": explorer.region.value,
        "compare": explorer.compare.value,
        "view": explorer.view.value,
        "indicator": explorer.indicator.value,
    }
    regions = [code for _, code in controls["regions"]]
    comparisons = [code for _, code in controls["comparisons"]]
    indicators = [code for _, code in controls["indicators"]]
    pool = Pool()
    bases: dict[str, Any] = {}
    selections: dict[str, dict[str, Any]] = {}

    def record(view: str) -> None:
        figure = json.loads(explorer.figures[view].to_json())
        if view not in bases:
            bases[view] = figure
        key = selection_key(
            view, explorer.region.value, explorer.compare.value, explorer.indicator.value
        )
        selections[key] = {
            "patch": pool.pooled(diff(bases[view], figure)),
            "status": explorer.status.value,
            "alt": explorer.alt_text.value,
        }
        tick(1)

    with _restored(explorer):
        explorer.view.value = "radar"
        for region in regions:
            explorer.region.value = region
            for compare in comparisons:
                explorer.compare.value = compare
                record("radar")
        explorer.compare.value = defaults["compare"]
        explorer.view.value = "map"
        for indicator in indicators:
            explorer.indicator.value = indicator
            record("map")
        explorer.view.value = "ranking"
        for indicator in indicators:
            explorer.indicator.value = indicator
            for region in regions:
                explorer.region.value = region
                record("ranking")
    return {
        "controls": controls,
        "defaults": defaults,
        "bases": bases,
        "pool": pool.values,
        "selections": selections,
    }


@contextmanager
def _restored(explorer: Any) -> Iterator[None]:
    """Put the controls back as they were, so a caller's explorer is left as it was given."""
    before = {
        name: getattr(explorer, name).value for name in ("view", "region", "compare", "indicator")
    }
    try:
        yield
    finally:
        for name, value in before.items():
            getattr(explorer, name).value = value
