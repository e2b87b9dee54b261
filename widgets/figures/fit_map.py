"""Where a map's drawing, colour bar and caption go, in each context.

- a wide plot (a shared screen): the map in the middle, drawn at the plot's height, the colour
  bar in the band on its left and the caption in the band on its right (as the radar's,
  :mod:`widgets.figures.fit_radar`);
- a notebook: as the builder drew it, colour bar on the right, caption under the plot;
- a phone: the colour bar lies under the map, across the figure's width, so the map takes the
  whole width (beside a vertical bar, 13 regions' values crossed each other at 360 px).
"""

from __future__ import annotations

import textwrap
from typing import Any

from widgets.figures.fit_measure import (
    CHAR_WIDTH,
    Context,
    Placement,
    chars_for,
    font_size,
    is_wide,
)
from widgets.figures.fit_radar import BAND, caption_beside

_MAP_ASPECT = 1.0
"""Height over width of the map's drawing on a phone (the 13 regions, Mercator)."""

_BAR_THICKNESS = 12
"""A phone's horizontal colour bar (px)."""


def _one_line(text: str, chars: int) -> str:
    """A colour bar's title (builder's lines, italics included) wrapped for a wide bar.

    Plotly carries ``<i>`` across ``<br>``, so tags stay where they are; the text is the
    builder's, already escaped.
    """
    words = " ".join(str(text).split("<br>"))
    return "<br>".join(textwrap.wrap(words, chars, break_long_words=False)) or words


def _longitudes(node: Any) -> list[float]:
    """Every longitude of a GeoJSON geometry's coordinates."""
    if isinstance(node, list) and len(node) >= 2 and all(isinstance(v, int | float) for v in node):
        return [float(node[0])]
    if isinstance(node, list):
        return [lon for item in node for lon in _longitudes(item)]
    return []


def _edge_labels(fig: dict[str, Any], drawing_w: float) -> None:
    """Labels that would cross the map's east or west edge written towards the map instead.

    The map fills its frame, and the frame clips what passes it: Corse's value, centred on an
    island at the map's east edge, lost its first characters. Half a label's width, in degrees
    at the scale of a map as wide as ``drawing_w`` (its widest: any narrower map leaves more
    room), is compared with the distance from its point to the edge.
    """
    lons = [
        lon
        for trace in fig.get("data") or []
        if trace.get("type") == "choropleth"
        for feature in (trace.get("geojson") or {}).get("features") or []
        for lon in _longitudes((feature.get("geometry") or {}).get("coordinates"))
    ]
    if not lons or max(lons) <= min(lons):
        return
    west, east = min(lons), max(lons)
    per_degree = drawing_w / (east - west)
    for trace in fig.get("data") or []:
        if trace.get("type") != "scattergeo" or not trace.get("text") or not trace.get("lon"):
            continue
        size = float((trace.get("textfont") or {}).get("size") or 20)
        positions = []
        for lon, text in zip(trace["lon"], trace["text"], strict=True):
            half = len(str(text)) * size * CHAR_WIDTH * 1.1 / 2 / per_degree
            if lon + half > east:
                positions.append("middle left")
            elif lon - half < west:
                positions.append("middle right")
            else:
                positions.append("middle center")
        trace["textposition"] = positions


def place_map(
    fig: dict[str, Any], layout: dict[str, Any], ctx: Context, plot_w: float, plot_h: float
) -> Placement:
    """Place the map of ``fig`` (module docstring); what it takes around the plot."""
    scaled = [t for t in fig.get("data") or [] if t.get("type") == "choropleth"]
    bars = [t for t in scaled if t.get("showscale", True) is not False]
    geo = layout.setdefault("geo", {})
    size = font_size(layout, ("legend", "font", "size"), 22)
    if ctx.min_width >= 600 and is_wide(plot_w, plot_h, size):
        geo["domain"] = {"x": [BAND, 1 - BAND], "y": [0, 1]}
        _edge_labels(fig, plot_w * (1 - 2 * BAND))
        tick = font_size(layout, ("font", "size"), 24)
        for trace in bars:
            bar = trace.setdefault("colorbar", {})
            bar.update({"x": 0, "xanchor": "left", "y": 0.5, "yanchor": "middle"})
            title = bar.setdefault("title", {})  # as wide as the band: fewer lines over the bar
            title["text"] = _one_line(title.get("text") or "", chars_for(BAND * plot_w, tick))
        return Placement(beside=caption_beside(layout, plot_w))
    _edge_labels(fig, plot_w)
    if ctx.min_width >= 600 or not bars:
        return Placement()
    tick = font_size(layout, ("font", "size"), 24)
    below = 0.0
    for trace in bars:
        bar = trace.setdefault("colorbar", {})
        title = bar.setdefault("title", {})
        title["text"] = _one_line(title.get("text") or "", chars_for(plot_w, tick))
        title["side"] = "top"
        bar.update({"orientation": "h", "x": 0.5, "xanchor": "center", "len": 1})
        bar.update({"y": 0, "yanchor": "top", "ypad": 8, "thickness": _BAR_THICKNESS})
        lines = title["text"].count("<br>") + 1
        below = max(below, lines * tick * 1.3 + _BAR_THICKNESS + tick * 1.6 + 16)
    # Metropolitan France is about as high as wide (Mercator): a plot as high as the phone's
    # width leaves no blank band above or under the map.
    return Placement(below=below, plot_h=plot_w * _MAP_ASPECT)
