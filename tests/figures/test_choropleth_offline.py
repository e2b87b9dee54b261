"""The map renders in a real browser with the network cut (Debian's Chromium, no server).

A GeoJSON choropleth can still make plotly.js fetch ``world_110m.json`` from ``cdn.plot.ly``;
offline that fetch fails and the map stays blank. This draws the figure from a local HTML file
with plotly.js inlined, refuses every request leaving the machine, and counts the regions drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from widgets.figures.choropleth import choropleth_figure


@pytest.mark.browser
def test_map_renders_offline(
    guarded_page: tuple[Any, Any],
    tmp_path: Path,
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    geojson: dict[str, Any],
) -> None:
    page, guard = guarded_page
    html = tmp_path / "carte.html"
    fig = choropleth_figure(values, indicators, "taux_chomage", geojson)
    fig.write_html(html, include_plotlyjs=True, full_html=True)
    page.goto(html.as_uri())
    page.wait_for_selector("path.choroplethlocation", state="attached", timeout=15_000)
    assert page.locator("path.choroplethlocation").count() == 13
    assert page.locator("g.scattergeo text").count() == 13
    assert guard.external == []
    assert guard.console_errors == []
