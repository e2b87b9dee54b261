"""Every trace type our figures use is drawn by our partial plotly bundle, in Chromium.

``widgets/static/plotly-widget.js`` carries only the plotly.js trace types of
``widgets/figures`` (``tools/plotly-widget``). plotly.js draws nothing, and says nothing, for a
type it does not know: this page shows one figure of each builder through our ``FigureWidget``
and checks, figure by figure, that each trace kept its type, found its plotly.js module and
has its SVG group on screen.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import nbformat
import pytest

from tests.browser.figure_boxes import wait_until_settled
from tests.browser.test_dashboards import IGNORED_CONSOLE
from tests.conftest import Guard, Server
from tests.host.test_plotly_bundle import BUNDLE, builder_figures

pytestmark = pytest.mark.browser

PAGE = "plotly_bundle_check.ipynb"

# Counts the figures plotly's widget has drawn, and keeps the uncaught errors of the bundle and
# the page's unhandled rejections (a trace type plotly.js lacks may break a figure's drawing).
WATCH = """
window.__plotlyRendered = 0;
window.__pageErrors = [];
document.addEventListener("plotlywidget-after-render", () => window.__plotlyRendered++);
window.addEventListener("error", (e) => (e.filename || "").includes("plotly-widget")
  && window.__pageErrors.push(`${e.filename}: ${e.message}`));
window.addEventListener("unhandledrejection",
  (e) => window.__pageErrors.push(String((e.reason && e.reason.stack) || e.reason)));
"""

# Per figure: each trace's type, whether plotly.js has a module for it, and whether an SVG
# group bound to that trace (plotly.js binds a trace's calcdata to its `g.trace`) exists.
TRACES_DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')].map((gd) => {
  const drawn = new Set([...gd.querySelectorAll('g.trace')].map(
    (g) => g.__data__ && g.__data__[0] && g.__data__[0].trace && g.__data__[0].trace.index));
  return gd._fullData.map((t, i) => ({
    type: t.type, module: Boolean(t._module), visible: t.visible, drawn: drawn.has(i)}));
})"""


@contextmanager
def figure_page(server: Server, stem: str, figures: dict[str, Any], code: str) -> Iterator[str]:
    """A notebook in the server's folder that reads ``figures`` (plotly JSON by name) into
    ``figures`` and runs ``code`` (our ``FigureWidget`` and ``go`` imported); yields its Voilà
    path, and removes both files after."""
    root = server.log_path.parent / "root"  # tests.conftest.start_server serves this folder
    assert root.is_dir()
    data = root / f"{stem}.json"
    data.write_text(json.dumps(figures), encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "import json\n"
            "import ipywidgets as ipw\n"
            "import plotly.graph_objects as go\n"
            "from widgets.ui.plotly_widget import FigureWidget\n"
            f"with open({str(data)!r}, encoding='utf-8') as file:\n"
            "    figures = json.load(file)\n" + code
        )
    )
    path = root / f"{stem}.ipynb"
    path.write_text(nbformat.writes(notebook), encoding="utf-8")
    try:
        yield f"/voila/render/{path.name}"
    finally:
        path.unlink(missing_ok=True)
        data.unlink(missing_ok=True)


@pytest.fixture
def gallery(server: Server) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """A notebook in the server's folder showing each builder's figure as our FigureWidget.

    Yields its Voilà path and, per figure, the trace types Python built.
    """
    figures = builder_figures()
    shown = {name: json.loads(fig.to_json()) for name, fig in figures.items()}
    code = "ipw.VBox([FigureWidget(go.Figure(figure)) for figure in figures.values()])\n"
    with figure_page(server, PAGE.removesuffix(".ipynb"), shown, code) as path:
        yield path, {n: [t.type for t in f.data] for n, f in figures.items()}


def test_each_trace_type_is_drawn_by_our_bundle(
    server: Server,
    guarded_page: tuple[object, Guard],
    gallery: tuple[str, dict[str, list[str]]],
) -> None:
    page, guard = guarded_page
    path, expected = gallery
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))  # type: ignore[attr-defined]
    page.add_init_script(WATCH)  # type: ignore[attr-defined]
    page.goto(server.url(path), wait_until="load")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        f"window.__plotlyRendered >= {len(expected)} || window.__pageErrors.length > 0",
        timeout=120_000,
    )
    assert page.evaluate("window.__pageErrors") == []  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle", timeout=60_000)  # type: ignore[attr-defined]
    # The template's screens.js gives each figure the height its screen leaves, and plotly
    # redraws it: count the traces once every figure is drawn at its height, not mid-redraw.
    wait_until_settled(page, figures=True, timeout=120_000)

    sizes = page.evaluate(  # type: ignore[attr-defined]
        "() => performance.getEntriesByType('resource')"
        ".filter((e) => e.name.includes('/parcours/static/plotly-widget.js'))"
        ".map((e) => e.decodedBodySize)"
    )
    assert sizes == [BUNDLE.stat().st_size]  # ours, not plotly's full bundle
    traces = page.evaluate(TRACES_DRAWN)  # type: ignore[attr-defined]
    assert len(traces) == len(expected)
    for (name, types), drawn in zip(expected.items(), traces, strict=True):
        assert [t["type"] for t in drawn] == types, name
        assert all(t["module"] for t in drawn), (name, drawn)
        assert all(t["drawn"] for t in drawn if t["visible"] is True), (name, drawn)
        assert any(t["visible"] is True for t in drawn), name
    assert {t for types in expected.values() for t in types} >= {
        "bar",
        "scatterpolar",
        "choropleth",
        "scattergeo",
        "indicator",
    }
    assert guard.external == []
    assert [m for m in guard.console_errors if not m.startswith(IGNORED_CONSOLE)] == []
    plotly_said = [m for m in messages if not m.startswith(IGNORED_CONSOLE)]
    assert [m for m in plotly_said if "regist" in m.lower() or "unrecognized" in m.lower()] == []
