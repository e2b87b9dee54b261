"""Subplots stacked in one column: each one's title between the tick labels of the plot above
and its own plot.

``make_subplots`` spaces rows by a share of the figure's height, whatever their titles hold: a
question of three lines (the live room's results) then sat on the tick labels of the question
above. The rows are laid out again here from the pixels the titles and the tick labels take.
"""

from __future__ import annotations

from typing import Any

from widgets.figures.fit_measure import font_size, line_count

_PAD = 10
"""Pixels between a row's tick labels and the next row's title."""


def _rows(layout: dict[str, Any]) -> list[tuple[str, list[float]]]:
    """The y axes of stacked subplots with their domains, top row first."""
    axes = [
        (name, list(value["domain"]))
        for name, value in layout.items()
        if name.startswith("yaxis") and isinstance(value, dict) and value.get("domain")
    ]
    return sorted(axes, key=lambda axis: -axis[1][1])


def space_subplot_titles(layout: dict[str, Any], plot_h: float) -> float:
    """Lay the rows out again so that no title touches the row above (module docstring).

    Each row keeps the pixels it had; the plot grows by what the titles and tick labels need
    between rows. Returns the plot's height (``plot_h`` when there is nothing to do).
    """
    rows = _rows(layout)
    if len(rows) < 2 or plot_h <= 0:
        return plot_h
    tops = {round(domain[1], 6): name for name, domain in rows}
    titles: dict[str, dict[str, Any]] = {}
    for annotation in layout.get("annotations") or []:
        if annotation.get("yref") == "paper" and annotation.get("yanchor") == "bottom":
            name = tops.get(round(float(annotation.get("y", -1)), 6))
            if name is not None:
                titles[name] = annotation
    if not titles:
        return plot_h
    tick = font_size(layout, ("xaxis", "tickfont", "size"), 22)
    gaps = []
    for name, _ in rows[1:]:
        annotation = titles.get(name, {})
        size = float((annotation.get("font") or {}).get("size") or 22)
        gaps.append(line_count(annotation.get("text")) * size * 1.3 + tick * 1.8 + _PAD)
    row_px = [(domain[1] - domain[0]) * plot_h for _, domain in rows]
    total = sum(row_px) + sum(gaps)
    top = 1.0
    for index, (name, _) in enumerate(rows):
        bottom = top - row_px[index] / total
        layout[name]["domain"] = [max(0.0, bottom), top]
        if name in titles:
            titles[name]["y"] = top
        top = bottom - (gaps[index] / total if index < len(gaps) else 0)
    return total
