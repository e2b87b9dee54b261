"""The map traces are fetched by the first figure that draws one, and only then.

``widgets/static/plotly-widget.js`` leaves plotly.js's map traces (``scattergeo``,
``choropleth``) to a chunk of their own (``tools/plotly-widget``, ``deferred`` in its
manifest): the radar dashboard, projected first in a webinar, does not fetch nor evaluate
them. These tests check that it does not, that the explorer's map still draws once chosen, and
that map traces added to a figure already on screen (plotly.js shows a type it lacks as
nothing) are drawn once the chunk is in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import nbformat
import pytest

from tests.browser.test_dashboards import IGNORED_CONSOLE
from tests.conftest import Guard, Server
from tests.host.test_plotly_bundle import builder_figures, manifest

pytestmark = pytest.mark.browser

FETCHED = """() => performance.getEntriesByType('resource')
  .map((e) => e.name.split('?')[0].split('/').pop())
  .filter((name) => name.startsWith('plotly-widget'))"""

# Per figure on screen: its traces' types, whether plotly.js found their module, and how many
# map shapes it drew.
MAPS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter((gd) => gd.offsetParent !== null)
  .map((gd) => ({
    types: (gd._fullData || []).map((t) => t.type),
    modules: (gd._fullData || []).every((t) => Boolean(t._module)),
    shapes: gd.querySelectorAll('.choroplethlayer path').length,
  }))"""


def geo_chunk() -> str:
    (name,) = [n for n in manifest()["files"] if "geo" in n]
    return str(name)


def test_the_radar_fetches_the_map_traces_only_when_the_map_is_shown(
    server: Server, guarded_page: tuple[Any, Guard]
) -> None:
    page, guard = guarded_page
    page.goto(server.url("/voila/render/dashboards/radar_fragilites.ipynb"))
    page.locator(".parcours-indices .js-plotly-plot .gtitle").first.wait_for(timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    fetched = page.evaluate(FETCHED)
    assert "plotly-widget.js" in fetched
    assert geo_chunk() not in fetched

    page.locator(".parcours-indices .widget-toggle-button", has_text="Carte").click()
    page.wait_for_function(
        f"({MAPS})().some((f) => f.types.includes('choropleth') && f.modules && f.shapes >= 13)",
        timeout=60_000,
    )
    assert page.evaluate(FETCHED).count(geo_chunk()) == 1
    assert guard.external == []
    assert [m for m in guard.console_errors if not m.startswith(IGNORED_CONSOLE)] == []


@pytest.fixture
def late_map(server: Server) -> Iterator[str]:
    """A page with a bar chart that becomes a map when « carte » is chosen (in place)."""
    figures = builder_figures()
    root = server.log_path.parent / "root"  # tests.conftest.start_server serves this folder
    data = root / "late_map.json"
    data.write_text(
        json.dumps({n: json.loads(figures[n].to_json()) for n in ("ranking", "choropleth")}),
        encoding="utf-8",
    )
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "import json\n"
            "import ipywidgets as ipw\n"
            "import plotly.graph_objects as go\n"
            "from widgets.ui.plotly_widget import FigureWidget\n"
            "from widgets.ui.radar_updates import replace_in_place\n"
            f"with open({str(data)!r}, encoding='utf-8') as file:\n"
            "    figures = json.load(file)\n"
            "shown = FigureWidget(go.Figure(figures['ranking']))\n"
            "choice = ipw.Dropdown(options=['barres', 'carte'], description='Vue')\n"
            "as_map = lambda change: replace_in_place(shown, go.Figure(figures['choropleth']))\n"
            "choice.observe(as_map, names='value')\n"
            "ipw.VBox([choice, shown])\n"
        )
    )
    path = root / "late_map.ipynb"
    path.write_text(nbformat.writes(notebook), encoding="utf-8")
    yield "/voila/render/late_map.ipynb"
    path.unlink(missing_ok=True)
    data.unlink(missing_ok=True)


def test_map_traces_added_to_a_drawn_figure_are_drawn(
    server: Server, guarded_page: tuple[Any, Guard], late_map: str
) -> None:
    page, guard = guarded_page
    page.goto(server.url(late_map))
    page.wait_for_function(f"({MAPS})().some((f) => f.types.includes('bar'))", timeout=120_000)
    assert geo_chunk() not in page.evaluate(FETCHED)

    page.locator("select").select_option("carte")
    page.wait_for_function(
        f"({MAPS})().some((f) => f.types.includes('choropleth') && f.modules && f.shapes >= 13)",
        timeout=60_000,
    )
    assert page.evaluate(FETCHED).count(geo_chunk()) == 1
    assert guard.external == []
    assert [m for m in guard.console_errors if not m.startswith(IGNORED_CONSOLE)] == []
