"""What a reader would call a clipped or overlapping text in a plotly figure, measured in Chromium.

:data:`CHECK_FIGURES` runs in the page: for every drawn plotly figure it takes the bounding box
of each visible SVG text (titles and subtitles, tick labels, legend, annotations and the caption,
axis titles, the radar's angular labels, the map's value labels, bar labels, indicator numbers)
and reports the texts that leave the figure's own box (clipped by its SVG) and the pairs of
texts that overlap (a map's texts also against its frame, which clips them). Hover labels and
the toolbar are not drawn text and are left out.

:data:`FIGURE_FILL` measures how much of the window each shown figure uses: the box of its
drawing (plot areas, the radar's circle, the map's regions, indicator tiles) and the box of all
it shows, drawing and texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHECK_FIGURES = (Path(__file__).with_name("figure_boxes.js")).read_text(encoding="utf-8")
FIGURE_FILL = (Path(__file__).with_name("figure_fill.js")).read_text(encoding="utf-8")

FILL_WIDTH = 0.8
"""Share of the window's width a dashboard figure's drawing and texts span, at least: the radar
drawn in the middle third of the screen with nothing beside it spanned 62 %."""
FILL_HEIGHT = 0.4
"""Share of the window's height its drawing takes, at least: the barometer's bars took 7 %
(a 664 px figure whose title, subtitle and caption left 80 px to the bars), the radar 37 %."""
BLANK_UNDER = 0.15
"""Share of the window's height left blank under the figure's last text, at most (the
barometer left 41 %)."""


def check_figures(page: Any) -> dict[str, Any]:
    """Run :data:`CHECK_FIGURES` in ``page``: ``{"figures": n, "problems": [...]}``."""
    result: dict[str, Any] = page.evaluate(CHECK_FIGURES)
    return result


def fill_problems(page: Any) -> list[str]:
    """The shown figures that use too little of the window (thresholds above), as sentences."""
    problems = []
    for figure in page.evaluate(FIGURE_FILL):
        window, drawing, content = figure["window"], figure["drawing"], figure["content"]
        name = figure["title"][:40]
        if drawing is None or content is None:
            problems.append(f"« {name} »: nothing drawn")
            continue
        width = (content["right"] - content["left"]) / window["width"]
        height = (drawing["bottom"] - drawing["top"]) / window["height"]
        blank = (window["height"] - content["bottom"]) / window["height"]
        if width < FILL_WIDTH:
            problems.append(f"« {name} » spans {width:.0%} of the width")
        if height < FILL_HEIGHT:
            problems.append(f"« {name} »: its drawing takes {height:.0%} of the height")
        if blank > BLANK_UNDER:
            problems.append(f"« {name} » leaves {blank:.0%} of the height blank under it")
    return problems


SETTLED = """(figures) => {
  const shown = [...document.querySelectorAll('.js-plotly-plot')]
    .filter((gd) => gd.offsetParent !== null);
  return (shown.length > 0 || !figures) && shown.every((gd) => gd._fullLayout
    && gd.dataset.screenHeight && (gd.dataset.screenHeight === 'own'
      || Math.abs(gd._fullLayout.height - Number(gd.dataset.screenHeight)) <= 2)
    && (gd.layout.width || Math.abs(gd._fullLayout.width - gd.clientWidth) <= 2));
}"""
"""Every shown figure of a Voilà dashboard drawn at the height ``screens.js`` gave it, or left at
its own below the fold, and at its box's width unless it has one of its own (a view just shown
is first drawn at plotly's default 700 px, then resized: a CI run measured it in between); with
``figures``, at least one shown (the widgets' code arrives after the page says it is loaded)."""


def wait_until_settled(page: Any, *, figures: bool = True, timeout: float = 60_000) -> None:
    """Wait until the shown figures are drawn at their screen's height (see ``screens.js``)."""
    page.wait_for_function(SETTLED, arg=figures, timeout=timeout)
