"""A plotly ``FigureWidget`` whose front-end code comes over HTTP, once, instead of the websocket.

Plotly's ``FigureWidget`` is an anywidget: its 4.9 MB JavaScript bundle (plotly.js inside) is a
trait, sent over the kernel websocket to every page that shows a figure, uncompressed and never
cached. Ours sends a few lines instead that import the front-end from our server extension
(``/parcours/static/plotly-widget.js``: compressed, cached by the browser, behind the same
login as the page). That file is plotly's own widget code with a plotly.js limited to the
trace types of :mod:`widgets.figures` (a third of the size: ``tools/plotly-widget``,
:func:`widgets.host.server.plotly_bundle`). The behaviour is plotly's own.
"""

from __future__ import annotations

import plotly.graph_objects as go

BUNDLE_PATH = "parcours/static/plotly-widget.js"

ESM_STUB = f"""
const config = JSON.parse(document.getElementById("jupyter-config-data")?.textContent || "{{}}");
const base = config.baseUrl || "/";
const bundle = await import(new URL(base + "{BUNDLE_PATH}", window.location.origin).href);
export default bundle.default;
"""


class FigureWidget(go.FigureWidget):
    """``go.FigureWidget`` with its bundle loaded from the server (see module docstring)."""

    _esm = ESM_STUB
