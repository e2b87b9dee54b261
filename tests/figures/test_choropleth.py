"""The regional map: our GeoJSON only, no base map, dark = fragile, grey = missing."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.figures.conftest import without
from widgets.figures import describe
from widgets.figures.choropleth import choropleth_figure, colorscale, label_points
from widgets.figures.theme import COLORS, SEQUENTIAL, caption_text
from widgets.french import NBSP
from widgets.scoring.indices import REGION_CODES


@pytest.fixture(scope="module")
def chomage(values: pd.DataFrame, indicators: pd.DataFrame, geojson: dict[str, Any]) -> dict:
    return choropleth_figure(values, indicators, "taux_chomage", geojson).to_dict()


def test_no_base_map_no_tiles(chomage: dict[str, Any]) -> None:
    layout = chomage["layout"]
    assert not {"mapbox", "map"} & set(layout)
    assert layout["geo"]["visible"] is False
    assert layout["geo"]["fitbounds"] == "locations"
    assert layout["geo"]["projection"]["type"] == "mercator"
    assert {t["type"] for t in chomage["data"]} == {"scattergeo", "choropleth"}


def test_first_trace_has_no_locationmode(chomage: dict[str, Any]) -> None:
    # plotly.js fetches world_110m.json from a CDN when the first geo trace has a locationmode
    # (plotly.js#6767): the value labels, placed by lon/lat, must stay first.
    first = chomage["data"][0]
    assert first["type"] == "scattergeo"
    assert "locations" not in first and "locationmode" not in first
    assert len(first["lon"]) == len(first["lat"]) == 13
    assert first["hoverinfo"] == "skip"


def test_choropleth_uses_the_geojson_by_region_code(
    chomage: dict[str, Any], values: pd.DataFrame, geojson: dict[str, Any]
) -> None:
    trace = chomage["data"][1]
    assert trace["featureidkey"] == "properties.code"
    assert trace["geojson"] == geojson
    rows = values[(values["indicator_id"] == "taux_chomage") & (values["region_code"] != "FM")]
    expected = dict(zip(rows["region_code"], rows["value"], strict=True))
    assert dict(zip(trace["locations"], trace["z"], strict=True)) == expected
    assert sorted(trace["locations"]) == sorted(REGION_CODES)
    assert (trace["zmin"], trace["zmax"]) == (7.0, 10.4)


def test_darker_is_more_fragile_in_both_directions(
    chomage: dict[str, Any], values: pd.DataFrame, indicators: pd.DataFrame, geojson: dict
) -> None:
    scale = chomage["data"][1]["colorscale"]
    assert scale[0][1] == SEQUENTIAL[0] and scale[-1][1] == SEQUENTIAL[-1]  # high = dark
    gdp = choropleth_figure(values, indicators, "pib_par_habitant", geojson).to_dict()
    reversed_scale = gdp["data"][1]["colorscale"]
    assert reversed_scale[0][1] == SEQUENTIAL[-1]  # low GDP = dark
    assert colorscale(False) == [
        [p, c] for (p, _), (_, c) in zip(scale, reversed(scale), strict=True)
    ]


def test_hover_colourbar_caption_and_meta(chomage: dict[str, Any]) -> None:
    trace = chomage["data"][1]
    position = trace["locations"].index("32")
    assert trace["hovertext"][position] == f"<b>Hauts-de-France</b><br>10,4{NBSP}% (2019)"
    assert trace["colorbar"]["title"]["text"].startswith("%<br>")
    assert "plus fragile" in trace["colorbar"]["title"]["text"]
    labels = chomage["data"][0]
    hdf = labels["text"][labels["text"].index(f"10,4{NBSP}%")]
    assert hdf == f"10,4{NBSP}%"
    text = caption_text(go.Figure(chomage))
    assert text.startswith(f"Source{NBSP}: Insee Références") and "(2019)." in text
    assert "IGN – Admin Express" in text
    meta = chomage["layout"]["meta"]
    assert (meta["kind"], meta["year"], meta["missing"]) == ("choropleth", 2019, [])
    assert meta["most_fragile"] == ["Hauts-de-France", f"10,4{NBSP}%"]


def test_missing_region_is_grey_and_says_so(
    values: pd.DataFrame, indicators: pd.DataFrame, geojson: dict[str, Any]
) -> None:
    fig = choropleth_figure(
        without(values, "94", "taux_chomage"), indicators, "taux_chomage", geojson
    )
    data = fig.to_dict()["data"]
    assert "94" not in data[1]["locations"]
    grey = data[2]
    assert grey["locations"] == ["94"] and grey["showscale"] is False
    assert {c for _, c in grey["colorscale"]} == {COLORS["missing"]}
    assert grey["hovertext"] == ["<b>Corse</b><br>donnée manquante"]
    assert [f["properties"]["code"] for f in grey["geojson"]["features"]] == ["94"]
    assert f"Donnée manquante (en gris){NBSP}: Corse." in caption_text(fig)
    labels = data[0]
    assert labels["text"][labels["lon"].index(label_points(geojson)["94"][0])] == "n.d."


def test_label_points_fall_inside_metropolitan_france(geojson: dict[str, Any]) -> None:
    points = label_points(geojson)
    assert sorted(points) == sorted(REGION_CODES)
    for lon, lat in points.values():
        assert -5.5 < lon < 10 and 41 < lat < 51.5
    lon, lat = points["94"]
    assert 8.5 < lon < 9.6 and 41.3 < lat < 43.1  # Corse's label is on Corse


def test_describe_the_map(chomage: dict[str, Any]) -> None:
    assert describe(chomage) == (
        f"Carte des régions pour «{NBSP}Taux de chômage (au sens du BIT), moyenne "
        f"annuelle{NBSP}»{NBSP}: "
        f"teinte la plus foncée (plus fragile) pour Hauts-de-France (10,4{NBSP}%), "
        f"la plus claire pour Bretagne (7,0{NBSP}%){NBSP}; France métropolitaine{NBSP}: "
        f"8,2{NBSP}%{NBSP}; "
        "données 2019."
    )
