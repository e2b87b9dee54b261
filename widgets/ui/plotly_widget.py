"""A plotly ``FigureWidget`` whose front-end code comes over HTTP, once, instead of the websocket,
and whose figure is fitted to where it is shown.

Plotly's ``FigureWidget`` is an anywidget: its 4.9 MB JavaScript bundle (plotly.js inside) is a
trait, sent over the kernel websocket to every page that shows a figure, uncompressed and never
cached. Ours sends a few lines instead that import the front-end from our server extension
(``/parcours/static/plotly-widget.js``: compressed, cached by the browser, behind the same
login as the page). That file is plotly's own widget code with a plotly.js limited to the
trace types of :mod:`widgets.figures` (a third of the size: ``tools/plotly-widget``,
:func:`widgets.host.server.plotly_bundle`). The behaviour is plotly's own, plus one thing: the
figure follows its element's size (a ``ResizeObserver``, so a JupyterLab panel that opens or a
Voilà screen that sets the figure's height in CSS redraws it; plotly alone listens to the
window only).

Every figure is fitted (:func:`widgets.figures.fit.fit`) to the context of the kernel, chosen
once here: the shared screen in a Voilà dashboard (Voilà gives its kernels
``SERVER_SOFTWARE=voila/…``), the notebook everywhere else.
"""

from __future__ import annotations

import json
import os
from typing import Any

import plotly.graph_objects as go
import traitlets

from widgets.bundles import deferred_traces
from widgets.figures.fit import NOTEBOOK, SCREEN, fit
from widgets.figures.toolbar import plotly_config

BUNDLE_PATH = "parcours/static/plotly-widget.js"
DEFERRED_TRACES = deferred_traces()
"""Trace types the widget bundle fetches on demand (``deferred`` in its manifest)."""

ESM_STUB = f"""
const config = JSON.parse(document.getElementById("jupyter-config-data")?.textContent || "{{}}");
const base = config.baseUrl || "/";
const bundle = await import(new URL(base + "{BUNDLE_PATH}", window.location.origin).href);
const widget = bundle.default();
const DEFERRED = {json.dumps(sorted(DEFERRED_TRACES))};
const deferred = (traces) =>
  Array.isArray(traces) && traces.some((t) => t && DEFERRED.includes(t.type));
let deferredReady = !bundle.registerGeo;  // plotly's own bundle has every trace type
const loadDeferred = () => bundle.registerGeo().then(() => {{ deferredReady = true; }});
const drawn = new Set();  // the figures this page shows
export default {{
  initialize(context) {{
    const model = context.model;
    // The map traces come in a chunk of their own (bundle.registerGeo), fetched before the
    // first figure that has one is drawn (render below: a figure made after the page opened
    // gets its traces after its model). Map traces added to a figure already drawn show as
    // nothing until then: the page's figures are drawn again from their data once the chunk
    // is in, which happens once per page at most.
    model.on("change:_py2js_addTraces", () => {{
      const message = model.get("_py2js_addTraces");
      if (deferredReady || !message || !deferred(message.trace_data)) return;
      loadDeferred().then(() => drawn.forEach((el) => el.data && bundle.redraw(el)));
    }});
    return widget.initialize(context);
  }},
  async render(context) {{
    if (!deferredReady && deferred(context.model.get("_widget_data"))) await loadDeferred();
    const cleanup = widget.render(context);
    const el = context.el;
    drawn.add(el);
    let width = 0, height = 0, pending = 0;
    const observer = new ResizeObserver((entries) => {{
      const box = entries[0].contentRect;
      if (Math.abs(box.width - width) < 2 && Math.abs(box.height - height) < 2) return;
      width = box.width; height = box.height;
      cancelAnimationFrame(pending);
      const resize = () => el._responsiveChartHandler && el._responsiveChartHandler();
      pending = requestAnimationFrame(resize);
    }});
    observer.observe(el);
    return () => {{ observer.disconnect(); drawn.delete(el); cleanup && cleanup(); }};
  }},
}};
"""

CONFIG = {"responsive": True, "displaylogo": False}


def figure_context() -> str:
    """``"screen"`` in a Voilà dashboard's kernel, ``"notebook"`` elsewhere."""
    return SCREEN if os.environ.get("SERVER_SOFTWARE", "").startswith("voila") else NOTEBOOK


def fitted(figure: go.Figure | dict[str, Any], context: str | None = None) -> dict[str, Any]:
    """``figure`` as plotly JSON fitted to ``context`` (the kernel's by default)."""
    data = figure if isinstance(figure, dict) else json.loads(figure.to_json())
    return fit(data, context or figure_context())


class FigureWidget(go.FigureWidget):
    """``go.FigureWidget`` with its bundle loaded from the server and its figure fitted to the
    kernel's context (see module docstring)."""

    _esm = ESM_STUB

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if isinstance(data, go.Figure | dict) and not args and not kwargs:
            data = fitted(data)
        super().__init__(data, *args, **kwargs)
        self._config: dict[str, Any] = dict(CONFIG)  # through _french_toolbar: toolbar, words

    @traitlets.validate("_config")
    def _french_toolbar(self, proposal: Any) -> dict[str, Any]:
        """Whatever config a caller sets (``responsive``…), on top of the French toolbar.

        :func:`widgets.figures.toolbar.plotly_config`: one button, « Télécharger l'image »,
        French words, no logo nor external link.
        """
        return {**plotly_config(), **dict(proposal["value"] or {})}
