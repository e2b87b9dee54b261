"""Where a figure is shown, and how much room its texts take there.

Shared by :func:`widgets.figures.fit.fit` and the placements of its radar
(:mod:`widgets.figures.fit_radar`) and map (:mod:`widgets.figures.fit_map`): plotly never wraps
or measures text for us, so every placement estimates a text's width from its length and type
size, with the same character width.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from typing import Any

from widgets.figures.theme import TEMPLATE

CHAR_WIDTH = 0.56
"""Average advance of a character of the system sans-serif, in ems (French text, measured)."""

SCREEN_WIDTH = 1800
"""The narrowest a shared screen's figure gets (px). A Voilà dashboard is laid out at least
1 920 px wide (``screens.js`` scales a smaller projector's page down instead of narrowing it), so
a figure across the page is about 1 860 px wide on every projector."""


@dataclass(frozen=True)
class Context:
    """Where a figure is shown: how large its type is and how narrow it may get."""

    name: str
    scale: float
    """Factor applied to every font size of the screen figure (and to offsets in pixels)."""
    min_width: int
    """Narrowest figure (px) the context must fit: text is wrapped for this width."""
    plot_scale: float
    """Factor applied to the plot area's height."""
    min_font: int = 12
    radar_label_chars: int | None = None
    """Characters per line of a radar's axis labels, when narrower than the builders'."""
    numbered_axes: bool = False
    """A radar's axes named by numbers, their names in a key under the plot: 13 names around a
    circle do not fit a phone's width without crossing each other."""
    side_margin: int | None = None
    """Left and right margins (px) of a radar or a map instead of the builders' scaled ones: on a
    phone every pixel of width goes to the circle and the map."""


CONTEXTS: dict[str, Context] = {
    "screen": Context("screen", scale=1.0, min_width=SCREEN_WIDTH, plot_scale=1.0),
    "notebook": Context("notebook", scale=0.62, min_width=680, plot_scale=0.72),
    # A 360 px phone less the page's and the widget's paddings (narrow on a phone: parcours.css).
    "phone": Context(
        "phone",
        scale=0.56,
        min_width=320,
        plot_scale=0.8,
        min_font=11,
        numbered_axes=True,
        side_margin=10,
    ),
}


@dataclass
class Placement:
    """What a figure's own placement (radar, map) decided for the texts around its plot."""

    top: float = 0.0
    """Height (px) it takes above the plot (a legend), on top of the title's."""
    beside: float | None = None
    """Width (px) of the side band the caption sits in, beside the plot instead of under it."""
    below: float = 0.0
    """Height (px) it takes under the plot before the caption (a horizontal colour bar)."""
    key: list[str] = field(default_factory=list)
    """Lines printed above the caption (the numbered radar's axis names)."""
    plot_h: float | None = None
    """The plot area's height (px) when the drawing decides it: a circle or a map as wide as a
    phone is about as high, and a taller plot only adds blank bands above and under it."""


def font_size(layout: dict[str, Any], path: tuple[str, ...], default: float) -> float:
    """A font size of the layout, else of the theme's template, else ``default``."""
    template = (layout.get("template") or {}).get("layout") or TEMPLATE["layout"]
    for source in (layout, template):
        node: Any = source
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, int | float):
            return float(node)
    return default


def chars_for(width: float, font_px: float) -> int:
    """How many characters of ``font_px`` type fit on ``width`` pixels."""
    return max(8, math.floor(width / (font_px * CHAR_WIDTH)))


def rewrap(text: str, chars: int) -> str:
    """``text`` wrapped again at ``chars`` characters a line.

    A builder's line breaks are of two kinds: the wrapping of a long line (the next word did not
    fit on the longest line's length) is undone, a break it chose (a caption's sentences, a
    short first line) is kept.
    """
    lines = str(text).split("<br>")
    longest = max(len(line) for line in lines)
    paragraphs = [lines[0]]
    for line in lines[1:]:
        first = line.split(" ", 1)[0]
        previous = paragraphs[-1]
        if not previous.endswith(".") and len(previous) + 1 + len(first) > longest:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return "<br>".join(_wrap(p, chars) for p in paragraphs)


def _wrap(text: str, chars: int) -> str:
    """Plotly text (escaped already by the builder) wrapped at ``chars``: never escaped again
    (« &amp; » would show as such), never cut at a hyphen (« Hauts-<br>de-France »)."""
    lines = textwrap.wrap(text, width=chars, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines) or text


def line_count(text: Any) -> int:
    """Lines of a plotly text (``<br>`` separated); 0 for no text."""
    return str(text).count("<br>") + 1 if text else 0


def is_wide(plot_w: float, plot_h: float, legend_px: float) -> bool:
    """A plot much wider than high: a circle or a map drawn at its height leaves bands on both
    sides, wide enough for a legend of 24 characters (and a caption)."""
    return plot_w - plot_h > 2 * 24 * legend_px * CHAR_WIDTH
