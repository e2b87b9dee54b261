"""The partial plotly bundles of ``widgets/static`` and when they may stand in for plotly's own.

``tools/plotly-widget`` builds, from one partial plotly.js (the trace types of
``widgets/figures``): ``plotly-widget.js``, plotly's FigureWidget front-end that the server
serves to every page (:func:`widgets.host.server.plotly_bundle`), and ``plotly-partial.min.js``, the
classic script the offline edition ships (:func:`widgets.offline.plotlyjs.choose_plotly_js`).
``plotly-widget.json`` records what they were built for: ``{"plotly", "plotlyjs", "traces"}``,
and the files of the widget front-end (``files``: ``plotly-widget.js`` and the chunks it
imports, among them the map traces, fetched only by a figure that has one: ``deferred``).

Both callers fall back to plotly's full files in the same two cases: the bundle was built for
another release than the installed one, or ``PARCOURS_PLOTLY_FULL_BUNDLE=1`` asks for it (to
rule the partial bundle out when a figure stays empty).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
WIDGET = STATIC / "plotly-widget.js"
"""plotly's FigureWidget front-end with the partial plotly.js (an ES module)."""
PARTIAL = STATIC / "plotly-partial.min.js"
"""The partial plotly.js as a classic script that sets ``window.Plotly``."""
MANIFEST = STATIC / "plotly-widget.json"
"""What the partial bundles were built for: ``{"plotly", "plotlyjs", "traces", …}``."""
FULL_BUNDLE_ENV = "PARCOURS_PLOTLY_FULL_BUNDLE"
"""Set (not ``0``): use plotly's full files."""


def manifest() -> dict[str, Any]:
    """``plotly-widget.json``, or an empty record if it cannot be read (nothing partial used)."""
    try:
        built = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return built if isinstance(built, dict) else {}


def partial_traces(bundle: Path, key: str, installed: str) -> frozenset[str] | None:
    """The trace types ``bundle`` draws when it may be used, else None (and a warning says why).

    ``key`` names what ``bundle`` must match in the manifest (``"plotly"`` for the widget
    front-end, which talks to the Python side; ``"plotlyjs"`` for the plain plotly.js) and
    ``installed`` the installed version of it.
    """
    if os.environ.get(FULL_BUNDLE_ENV, "") not in ("", "0"):
        return None
    built = manifest()
    if not bundle.is_file() or built.get(key) != installed:
        log.warning(
            "%s was built for %s %s, not %s: plotly's full file is used instead "
            "(tools/plotly-widget/README.md)",
            bundle.name,
            key,
            built.get(key, "?"),
            installed,
        )
        return None
    return frozenset(str(name) for name in built.get("traces", []))


def widget_chunks() -> frozenset[str]:
    """The files ``plotly-widget.js`` imports, next to it in ``widgets/static`` (manifest).

    The server serves these names and no other: the build names them with a hash of their
    content, so a page can never mix the chunks of two builds.
    """
    names = {str(name) for name in manifest().get("files", [])} - {WIDGET.name}
    return frozenset(name for name in names if (STATIC / name).is_file())


def deferred_traces() -> frozenset[str]:
    """Trace types the widget front-end fetches with their own chunk (manifest ``deferred``)."""
    return frozenset(str(name) for name in manifest().get("deferred", []))
