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

import pytest

from tests.browser.test_dashboards import IGNORED_CONSOLE
from tests.browser.test_plotly_bundle import figure_page
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


def map_drawn_once(page: Any, guard: Guard) -> None:
    """A map is on screen, all 13 regions drawn, its chunk fetched once, nothing else said."""
    page.wait_for_function(
        f"({MAPS})().some((f) => f.types.includes('choropleth') && f.modules && f.shapes >= 13)",
        timeout=60_000,
    )
    assert page.evaluate(FETCHED).count(geo_chunk()) == 1
    assert guard.external == []
    assert [m for m in guard.console_errors if not m.startswith(IGNORED_CONSOLE)] == []


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
    map_drawn_once(page, guard)


@pytest.fixture
def late_map(server: Server) -> Iterator[str]:
    """A page with a bar chart that becomes a map when « carte » is chosen (in place)."""
    figures = builder_figures()
    shown = {n: json.loads(figures[n].to_json()) for n in ("ranking", "choropleth")}
    code = (
        "from widgets.ui.radar_updates import replace_in_place\n"
        "shown = FigureWidget(go.Figure(figures['ranking']))\n"
        "choice = ipw.Dropdown(options=['barres', 'carte'], description='Vue')\n"
        "as_map = lambda change: replace_in_place(shown, go.Figure(figures['choropleth']))\n"
        "choice.observe(as_map, names='value')\n"
        "ipw.VBox([choice, shown])\n"
    )
    with figure_page(server, "late_map", shown, code) as path:
        yield path


def test_map_traces_added_to_a_drawn_figure_are_drawn(
    server: Server, guarded_page: tuple[Any, Guard], late_map: str
) -> None:
    page, guard = guarded_page
    page.goto(server.url(late_map))
    page.wait_for_function(f"({MAPS})().some((f) => f.types.includes('bar'))", timeout=120_000)
    assert geo_chunk() not in page.evaluate(FETCHED)

    page.locator("select").select_option("carte")
    map_drawn_once(page, guard)
