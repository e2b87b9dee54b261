"""The fragility explorer without a kernel: every selection precomputed, switched by a script.

In JupyterLab, :class:`~widgets.ui.indices.IndicesExplorer` redraws its figure in Python when a
control changes. Offline there is no Python, but the selections are few: 14 regions × 14
comparisons for the radar, 13 indicators × 14 highlighted regions for the ranking, 13
indicators for the map. So the export asks the explorer's model
(:class:`widgets.figures.explorer.ExplorerModel`, the one the widget reads too) for every
selection at build time, and records what it shows: the figure (as plotly JSON), the French
status line and the text alternative. Nothing is re-implemented, so the offline page cannot
drift from the notebook: same builders, same captions, same empty states.

Figures are stored as one base per view plus patches (:mod:`widgets.offline.patches`), which
brings 391 figures (9.3 MB of JSON, the map's boundaries repeated 13 times) down to 0.9 MB, 1.6 MB
with the phone version of each (:func:`explorer_payload`);
the browser rebuilds the figure of a selection in a few milliseconds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from widgets.figures.explorer import DEFAULT_REGION, ExplorerModel, alt_html
from widgets.figures.fit import NOTEBOOK, PHONE, fit
from widgets.offline.patches import Pool, diff

PAGE_CONTEXT = NOTEBOOK
"""The offline page is a column as wide as a notebook's (``main`` is 62 rem at most): its
figures get the notebook's sizes (:mod:`widgets.figures.fit`)."""

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


def explorer_controls(model: ExplorerModel) -> dict[str, list[list[str]]]:
    """The options of the four controls, as ``[[label, code], …]`` lists."""
    return {
        name: [list(option) for option in options] for name, options in model.controls().items()
    }


def explorer_payload(model: ExplorerModel, progress: Progress | None = None) -> dict[str, Any]:
    """Every selection of the explorer as JSON for ``explorer.js``. Returns::

    {"controls": {"regions": [[label, code], …], "comparisons": […], "views": […],
                  "indicators": […]},
     "defaults": {"region": …, "compare": …, "view": …, "indicator": …},
     "bases": {view: figure JSON}, "phone_bases": {view: figure JSON}, "pool": [shared values],
     "selections": {key: {"patch": […], "phone": […], "status": html, "alt": html}}}

    Each selection is stored twice, for the page's column (``patch`` on ``bases``) and for a
    phone (``phone`` on ``phone_bases``): a figure fitted to a phone (numbered radar axes, the
    map's colour bar under it, :mod:`widgets.figures.fit`) is drawn when the page is narrow.
    """
    tick = progress or (lambda _count: None)
    controls = explorer_controls(model)
    regions = [code for _, code in controls["regions"]]
    comparisons = [code for _, code in controls["comparisons"]]
    indicators = [code for _, code in controls["indicators"]]
    defaults = {
        "region": DEFAULT_REGION if DEFAULT_REGION in regions else regions[0],
        "compare": "",
        "view": "radar",
        "indicator": indicators[0],
    }
    pool = Pool()
    bases: dict[str, Any] = {}
    phone_bases: dict[str, Any] = {}
    selections: dict[str, dict[str, Any]] = {}

    def record(view: str, region: str, compare: str, indicator: str) -> None:
        shown = model.figure(view, region, compare or None, indicator)
        screen = json.loads(shown.to_json())
        figure, phone = fit(screen, PAGE_CONTEXT), fit(screen, PHONE)
        bases.setdefault(view, figure)
        phone_bases.setdefault(view, phone)
        key = selection_key(view, region, compare, indicator)
        selections[key] = {
            "patch": pool.pooled(diff(bases[view], figure)),
            "phone": pool.pooled(diff(phone_bases[view], phone)),
            "status": model.status(view, region, indicator),
            "alt": alt_html(shown),
        }
        tick(1)

    for region in regions:
        for compare in comparisons:
            record("radar", region, compare, defaults["indicator"])
    for indicator in indicators:
        record("map", defaults["region"], "", indicator)
    for indicator in indicators:
        for region in regions:
            record("ranking", region, "", indicator)
    return {
        "controls": controls,
        "defaults": defaults,
        "bases": bases,
        "phone_bases": phone_bases,
        "pool": pool.values,
        "selections": selections,
    }
