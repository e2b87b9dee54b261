"""The plotly.js of the offline edition, and the check that it can draw every figure shipped.

The export ships ``widgets/static/plotly-partial.min.js`` as ``assets/plotly.min.js``: the
partial plotly.js of the dashboards (the trace types of ``widgets/figures``, 1.5 MB instead of
4.8 MB), built by ``tools/plotly-widget`` as a classic script that sets ``window.Plotly`` like
plotly's own ``plotly.min.js``. plotly.js draws nothing, and says nothing, for a trace type it
does not know, so :func:`check_trace_types` stops the export when a figure of a page or of the
data files has a type that ``widgets/static/plotly-widget.json`` does not list.

Plotly's full ``plotly.min.js`` (from the plotly package) is shipped instead, as the server
does for the widgets, when the partial one was built for another plotly.js than the installed
plotly's, or when ``PARCOURS_PLOTLY_FULL_BUNDLE=1`` asks for it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from widgets.bundles import PARTIAL, partial_traces
from widgets.french import NBSP
from widgets.offline.patches import DELETE, POOL_KEY
from widgets.offline.target import ExportError

log = logging.getLogger(__name__)

_FIGURE_DATA = re.compile(
    r'<script type="application/json" class="figure-data">(.*?)</script>', re.DOTALL
)


@dataclass(frozen=True)
class PlotlyJs:
    """The plotly.js file an export ships, and the trace types it draws."""

    path: Path
    traces: frozenset[str] | None
    """``None``: every trace type (plotly's full plotly.min.js)."""


def full_plotly_js() -> Path:
    """plotly.js as shipped inside the plotly package, every trace type."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise ExportError(
            f"plotly.js est introuvable ({path}){NBSP}: réinstallez le paquet plotly."
        )
    return path


def choose_plotly_js() -> PlotlyJs:
    """The partial plotly.js when it matches the installed plotly.js, else plotly's full one
    (the cases of :mod:`widgets.bundles`)."""
    from plotly.offline import get_plotlyjs_version

    traces = partial_traces(PARTIAL, "plotlyjs", get_plotlyjs_version())
    if traces is None:
        return PlotlyJs(full_plotly_js(), None)
    return PlotlyJs(PARTIAL, traces)


def _trace_type(trace: Any) -> str:
    """plotly.js's reading of a trace's type: ``scatter`` when it names none."""
    kind = trace.get("type") if isinstance(trace, dict) else None
    return kind if isinstance(kind, str) else "scatter"


def _is_figure(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("data"), list)
        and isinstance(value.get("layout"), dict)
        and all(isinstance(trace, dict) for trace in value["data"])
    )


def figures_in(value: Any) -> Iterator[dict[str, Any]]:
    """Every plotly figure (``{"data": [traces…], "layout": {…}}``) inside a JSON value."""
    if _is_figure(value):
        yield value
        return
    if isinstance(value, dict):
        for item in value.values():
            yield from figures_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from figures_in(item)


def figure_types(figure: Mapping[str, Any]) -> list[str]:
    """The trace types of a figure, trace by trace."""
    return [_trace_type(trace) for trace in figure.get("data", [])]


def patched_types(base: list[str], patch: Iterable[Any], pool: list[Any]) -> list[str]:
    """The trace types of ``base``'s figure once ``patch`` is applied (``widgets.offline.patches``:
    a whole figure, its ``data``, one trace or one trace's ``type`` may be replaced)."""
    types = list(base)
    for path, raw in patch:
        value = pool[raw[POOL_KEY]] if isinstance(raw, dict) and set(raw) == {POOL_KEY} else raw
        path = list(path)
        if not path:
            types = figure_types(value) if isinstance(value, dict) else []
        elif path[0] != "data":
            continue
        elif len(path) == 1:
            types = [_trace_type(trace) for trace in value] if isinstance(value, list) else []
        elif len(path) == 2 and isinstance(path[1], int):
            types[path[1]] = _trace_type(value)
        elif len(path) == 3 and isinstance(path[1], int) and path[2] == "type":
            types[path[1]] = "scatter" if value == DELETE else str(value)
    return types


def page_trace_types(body: str) -> set[str]:
    """The trace types of the static figures of a page's HTML (their ``figure-data`` JSON)."""
    found: set[str] = set()
    for match in _FIGURE_DATA.finditer(body):
        for figure in figures_in(json.loads(match.group(1))):
            found.update(figure_types(figure))
    return found


def indices_trace_types(payload: Mapping[str, Any]) -> dict[str, set[str]]:
    """Trace type → selections of the explorer's payload that draw it (``view|…`` keys)."""
    bases = {view: figure_types(figure) for view, figure in payload.get("bases", {}).items()}
    pool = payload.get("pool", [])
    where: dict[str, set[str]] = {}
    for view, types in bases.items():
        for kind in types:
            where.setdefault(kind, set()).add(view)
    for key, selection in payload.get("selections", {}).items():
        base = bases.get(key.split("|", 1)[0], [])
        for kind in patched_types(base, selection.get("patch", []), pool):
            where.setdefault(kind, set()).add(key)
    return where


def trace_types(
    pages: Iterable[tuple[str, str]], data: Mapping[str, Any], indices: Mapping[str, Any]
) -> dict[str, set[str]]:
    """Trace type → where it is drawn: page file names, ``assets/data/<name>.js``, selections.

    ``pages``: (file name, HTML body); ``data``: the payloads of ``assets/data/`` other than
    the explorer's, by name (any figure inside counts); ``indices``: the explorer's payload
    (bases and patches).
    """
    where: dict[str, set[str]] = {}
    for filename, body in pages:
        for kind in page_trace_types(body):
            where.setdefault(kind, set()).add(filename)
    for name, payload in data.items():
        for figure in figures_in(payload):
            for kind in figure_types(figure):
                where.setdefault(kind, set()).add(f"assets/data/{name}.js")
    for kind, keys in indices_trace_types(indices).items():
        for key in keys:
            where.setdefault(kind, set()).add(f"assets/data/indices.js ({key})")
    return where


def check_trace_types(bundle: PlotlyJs, used: Mapping[str, set[str]]) -> None:
    """:class:`ExportError` when a figure of the export has a type ``bundle`` cannot draw."""
    if bundle.traces is None:
        return
    missing = sorted(set(used) - bundle.traces)
    if not missing:
        return
    details = []
    for kind in missing:
        places = sorted(used[kind])
        shown = ", ".join(places[:3]) + (f" et {len(places) - 3} autres" if len(places) > 3 else "")
        details.append(f"«{NBSP}{kind}{NBSP}»{NBSP}: {shown}")
    raise ExportError(
        f"Des graphiques de l'export ont des types que le plotly.js partiel ({bundle.path.name}"
        f"{NBSP}: {', '.join(sorted(bundle.traces))}) ne sait pas dessiner{NBSP}: ils "
        "resteraient vides. "
        "Rien n'a été écrit. Ajoutez ces types à tools/plotly-widget/src/plotly-base.js et "
        "reconstruisez (tools/plotly-widget/README.md).",
        details,
    )
