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

from typing import Any

import plotly.graph_objects as go
import traitlets

from widgets.figures.toolbar import plotly_config

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._config: dict[str, Any] = {}  # through _french_toolbar: toolbar and words

    @traitlets.validate("_config")
    def _french_toolbar(self, proposal: Any) -> dict[str, Any]:
        """Whatever config a caller sets (``responsive``…), on top of the French toolbar.

        :func:`widgets.figures.toolbar.plotly_config`: one button, « Télécharger l'image »,
        French words, no logo nor external link.
        """
        return {**plotly_config(), **dict(proposal["value"] or {})}
