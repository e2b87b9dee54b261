"""What a reader would call a clipped or overlapping text in a plotly figure, measured in Chromium.

:data:`CHECK_FIGURES` runs in the page: for every drawn plotly figure it takes the bounding box
of each visible SVG text (titles and subtitles, tick labels, legend, annotations and the caption,
axis titles, the radar's angular labels, the map's value labels, bar labels, indicator numbers)
and reports the texts that leave the figure's own box (clipped by its SVG) and the pairs of
texts that overlap. Hover labels and the toolbar are not drawn text and are left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHECK_FIGURES = (Path(__file__).with_name("figure_boxes.js")).read_text(encoding="utf-8")


def check_figures(page: Any) -> dict[str, Any]:
    """Run :data:`CHECK_FIGURES` in ``page``: ``{"figures": n, "problems": [...]}``."""
    result: dict[str, Any] = page.evaluate(CHECK_FIGURES)
    return result
