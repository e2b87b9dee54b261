"""Where a radar's circle, legend, axis names and caption go, in each context.

Three shapes, chosen from the room the plot has:

- a wide plot (a shared screen): the circle in the middle, drawn at the plot's height, the
  legend in the band on its left and the caption (sources) in the band on its right, so the
  figure uses the screen's width and the circle the height the caption no longer takes;
- a narrow plot (a notebook): the legend above the circle, the caption under it;
- a phone: the same, with the axes named by numbers and their names listed above the caption
  (13 names around a 300 px circle cross each other whatever their wrapping).

Axis names stick out of the polar domain by their width and height: the domain leaves them that
room inside the plot area, so they cross neither the legend nor the caption.
"""

from __future__ import annotations

from typing import Any

from widgets.figures.fit_measure import (
    CHAR_WIDTH,
    Context,
    Placement,
    font_size,
    is_wide,
    rewrap,
)
from widgets.figures.theme import CAPTION_NAME

BAND = 0.25
"""Share of a wide plot's width on each side of the circle (legend left, caption right)."""

_BAND_GAP = 24
"""Pixels between a band's text and the circle's axis names."""


def legend_rows(fig: dict[str, Any], layout: dict[str, Any], width: float) -> int:
    """Rows a horizontal legend takes at ``width`` (plotly wraps its items)."""
    size = font_size(layout, ("legend", "font", "size"), 22)
    names = [
        str(t.get("name") or "")
        for t in fig.get("data") or []
        if t.get("visible", True) is not False and t.get("showlegend", True) is not False
    ]
    rows, used = 1, 0.0
    for name in names:
        item = len(name) * size * CHAR_WIDTH + 80  # symbol, gaps (plotly wraps a bit early)
        if used and used + item > width:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def _axes(fig: dict[str, Any]) -> list[str]:
    """The radar's axis names, in order (the first trace that draws a profile)."""
    for trace in fig.get("data") or []:
        if trace.get("type") == "scatterpolar" and trace.get("theta"):
            return list(dict.fromkeys(str(t) for t in trace["theta"]))
    return []


def _number_axes(layout: dict[str, Any], axes: list[str]) -> list[str]:
    """Axes shown as « 1 », « 2 »…; returns the key's lines (« 1 Chômage »…)."""
    angular = layout["polar"].setdefault("angularaxis", {})
    numbers = [str(index) for index in range(1, len(axes) + 1)]
    angular.update({"tickmode": "array", "tickvals": axes, "ticktext": numbers})
    names = [name.replace("<br>", " ").replace("\u200b", "") for name in axes]
    return [f"{n}\N{NO-BREAK SPACE}{name}" for n, name in zip(numbers, names, strict=True)]


def _caption(layout: dict[str, Any]) -> dict[str, Any] | None:
    for annotation in layout.get("annotations") or []:
        if annotation.get("name") == CAPTION_NAME:
            return annotation
    return None


def caption_beside(layout: dict[str, Any], plot_w: float) -> float:
    """The caption in the right band of a wide plot, at its bottom; returns the band's width."""
    band = BAND * plot_w - _BAND_GAP
    annotation = _caption(layout)
    if annotation is not None:
        annotation.update({"x": 1, "xanchor": "right", "y": 0, "yanchor": "bottom", "yshift": 0})
        annotation["align"] = "left"
    return band


def place_radar(
    fig: dict[str, Any], layout: dict[str, Any], ctx: Context, plot_w: float, plot_h: float
) -> Placement:
    """Place the radar of ``fig`` (module docstring); what it takes around the plot."""
    polar = layout.setdefault("polar", {})
    label_px = font_size(layout, ("polar", "angularaxis", "tickfont", "size"), 20)
    axes = _axes(fig)
    placement = Placement()
    if ctx.numbered_axes:
        placement.key = _number_axes(layout, axes)
        labels = [str(len(axes))]
    else:
        if ctx.radar_label_chars is not None:
            for trace in fig.get("data") or []:
                if trace.get("type") == "scatterpolar" and trace.get("theta"):
                    trace["theta"] = [rewrap(t, ctx.radar_label_chars) for t in trace["theta"]]
            axes = _axes(fig)
        labels = axes
    longest = max((len(line) for t in labels for line in t.split("<br>")), default=11)
    label_w = longest * label_px * CHAR_WIDTH + 10
    room = min(0.3, 2.2 * label_px * 1.2 / max(plot_h, 1.0))
    size = font_size(layout, ("legend", "font", "size"), 22)
    legend = {"x": 0, "xanchor": "left", "y": 1, "yref": "paper", "font": {"size": size}}
    annotation = _caption(layout)
    if annotation is not None:  # the labels' room is inside the plot now
        annotation["yshift"] = -12
    if is_wide(plot_w, plot_h, size) and not ctx.numbered_axes:
        side = label_w / max(plot_w, 1.0)
        polar["domain"] = {"x": [BAND + side, 1 - BAND - side], "y": [room, 1 - room]}
        layout["legend"] = {**legend, "orientation": "v", "yanchor": "top"}
        placement.beside = caption_beside(layout, plot_w)
        return placement
    side = min(0.3, label_w / max(plot_w, 1.0))
    if ctx.numbered_axes:  # as high as the circle is wide, plus the numbers above and under
        rooms = 2 * 2.2 * label_px * 1.2
        placement.plot_h = plot_w * (1 - 2 * side) + rooms
        room = rooms / 2 / placement.plot_h
    polar["domain"] = {"x": [side, 1 - side], "y": [room, 1 - room]}
    layout["legend"] = {**legend, "orientation": "h", "yanchor": "bottom"}
    placement.top = legend_rows(fig, layout, plot_w) * size * 1.5
    return placement


def key_text(key: list[str]) -> str:
    """The numbered axes' key as plotly text, one axis a line (names are plotly text already:
    the builders escaped them, :func:`widgets.figures.theme.plain`)."""
    return "<br>".join(key)
