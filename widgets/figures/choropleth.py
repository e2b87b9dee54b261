"""Map of the 13 regions on one indicator, drawn from our own GeoJSON, fully offline.

``go.Choropleth`` with ``geojson=…`` and ``geo.visible=False`` draws no base map and needs no tile
server. One plotly.js trap remains (plotly.js issue #6767, still present in the bundled 4.x): a
geo subplot downloads ``world_110m.json`` from ``cdn.plot.ly`` whenever its *first* trace has a
``locationmode`` — and a GeoJSON choropleth always has one (``"geojson-id"``). Offline the download
fails and the whole map stays blank. The first trace here is therefore a ``Scattergeo`` placed by
longitude/latitude (no ``locationmode``): the value labels printed on each region. Keep it first.
``tests/figures/test_choropleth_offline.py`` renders the figure in Chromium with the network cut.

Colours: ColorBrewer YlOrRd, oriented so that darker always means more fragile, whichever the
indicator's direction; regions without a value are grey and say « donnée manquante ».
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from widgets.figures.ranking import (
    indicator_source,
    indicator_view,
    short_value,
    source_caption,
)
from widgets.figures.theme import COLORS, SEQUENTIAL, apply_theme, caption, plain, titled, wrap_text
from widgets.french import NBSP, format_value, join_fr

FEATURE_ID_KEY = "properties.code"


def _ring_area_centroid(ring: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    """Shoelace area and centroid of a ring, in degrees (fine at the scale of a label)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def _code(feature: Mapping[str, Any]) -> str:
    return str((feature.get("properties") or {}).get("code"))


def label_points(geojson: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """Code → (lon, lat) where to print a region's value: centroid of its largest polygon.

    The largest polygon, not the whole feature, so islands do not pull a label into the sea.
    """
    points: dict[str, tuple[float, float]] = {}
    for feature in geojson.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            polygons = [geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["coordinates"]
        else:
            continue
        best = max((_ring_area_centroid(polygon[0]) for polygon in polygons), default=None)
        if best is not None:
            points[_code(feature)] = (best[1], best[2])
    return points


def colorscale(higher_is_more_fragile: bool) -> list[list[Any]]:
    """YlOrRd from the least to the most fragile end of ``z`` (dark = fragile)."""
    colours = SEQUENTIAL if higher_is_more_fragile else tuple(reversed(SEQUENTIAL))
    last = len(colours) - 1
    return [[i / last, colour] for i, colour in enumerate(colours)]


def label_colour(value: float | None, z: Sequence[float], higher_is_more_fragile: bool) -> str:
    """White on the darker half of the scale, black elsewhere (and on the grey of a gap)."""
    if value is None or not z or max(z) == min(z):
        return "#000000"
    position = (value - min(z)) / (max(z) - min(z))
    if not higher_is_more_fragile:
        position = 1 - position
    return "#ffffff" if position >= 0.55 else "#000000"


def choropleth_figure(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator_id: str,
    geojson: Mapping[str, Any],
) -> go.Figure:
    """Regions coloured by the raw value of ``indicator_id`` (``geojson``: regions.geojson)."""
    view = indicator_view(values, indicators, indicator_id)
    info, regional, national, missing, names, higher, unit, label, decimals, year = view
    year_text = f" ({year})" if year else ""
    codes = list(regional["region_code"])
    z = [float(v) for v in regional["value"]]

    points = label_points(geojson)
    label_codes = [c for c in [*codes, *missing] if c in points]
    by_code = dict(zip(codes, z, strict=True))
    # First trace, placed by lon/lat: see the module docstring before moving it.
    labels = go.Scattergeo(
        lon=[points[c][0] for c in label_codes],
        lat=[points[c][1] for c in label_codes],
        text=[short_value(by_code.get(c), unit, decimals) for c in label_codes],
        mode="text",
        textfont={
            "size": 20,
            "weight": "bold",
            "color": [label_colour(by_code.get(c), z, higher) for c in label_codes],
        },
        hoverinfo="skip",
        showlegend=False,
        name="Valeurs",
    )
    colourbar_title = wrap_text(unit, 16, max_lines=4) + "<br><i>foncé =<br>plus fragile</i>"
    data = go.Choropleth(
        geojson=dict(geojson),
        featureidkey=FEATURE_ID_KEY,
        locations=codes,
        z=z,
        zmin=min(z, default=0.0),
        zmax=max(z, default=1.0),
        colorscale=colorscale(higher),
        colorbar={"title": {"text": colourbar_title}, "len": 0.75},
        marker={"line": {"color": "#444444", "width": 1}},
        hovertext=[
            f"<b>{plain(names.get(c, c))}</b><br>{format_value(v, unit, decimals)}{year_text}"
            for c, v in zip(codes, z, strict=True)
        ],
        hoverinfo="text",
        name=plain(label),
        showlegend=False,
    )
    traces: list[go.Scattergeo | go.Choropleth] = [labels, data]
    if missing:
        subset = [f for f in geojson.get("features", []) if _code(f) in set(missing)]
        traces.append(
            go.Choropleth(
                geojson={"type": "FeatureCollection", "features": subset},
                featureidkey=FEATURE_ID_KEY,
                locations=missing,
                z=[0] * len(missing),
                colorscale=[[0, COLORS["missing"]], [1, COLORS["missing"]]],
                showscale=False,
                marker={"line": {"color": "#444444", "width": 1}},
                hovertext=[f"<b>{plain(names.get(c, c))}</b><br>donnée manquante" for c in missing],
                hoverinfo="text",
                name="Donnée manquante",
                showlegend=True,
            )
        )
    fig = go.Figure(traces)
    apply_theme(fig)
    national_text = format_value(national, unit, decimals) if national is not None else "n.d."
    fig.update_layout(
        title=titled(
            label,
            "Teinte plus foncée = situation plus fragile · "
            f"France métropolitaine{NBSP}: {national_text}",
        ),
        geo={
            "fitbounds": "locations",
            "visible": False,
            "projection": {"type": "mercator"},
        },
        legend={"x": 0, "y": 0, "xanchor": "left", "yanchor": "bottom"},
    )
    lines = [
        source_caption(info, year),
        f"Fonds de carte{NBSP}: IGN – Admin Express, Insee COG (2018).",
    ]
    if missing:
        lines.append(
            f"Donnée manquante (en gris){NBSP}: {join_fr(names.get(c, c) for c in missing)}."
        )
    caption(fig, "\n".join(lines), offset=20)

    ends = regional.sort_values(["value", "region_name"])
    extremes: dict[str, list[str] | None] = {"most_fragile": None, "least_fragile": None}
    if not ends.empty:
        low, high = ends.iloc[0], ends.iloc[-1]
        most, least = (high, low) if higher else (low, high)
        for key, row in (("most_fragile", most), ("least_fragile", least)):
            extremes[key] = [str(row["region_name"]), format_value(row["value"], unit, decimals)]
    fig.update_layout(
        meta={
            "kind": "choropleth",
            "source": indicator_source(info),
            "year": year,
            "indicator_id": indicator_id,
            "label": label,
            "unit": unit,
            "higher_is_more_fragile": higher,
            "locations": codes,
            "values": z,
            "national": national,
            "national_text": None if national is None else national_text,
            "missing": missing,
            **extremes,
        }
    )
    return fig
