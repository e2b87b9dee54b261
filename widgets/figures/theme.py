"""The look of every parcours figure, stored as data, plus the French text conventions.

Figures are shown on a shared screen during webinars (1920×1080, people several metres away, some
with a colour-vision deficiency) and replayed offline. Hence:

- large type (base 24 px, titles 34 px), near-black on white;
- the Okabe–Ito palette, readable with the common colour-vision deficiencies, and never colour
  alone: figures also vary dashes, weights and labels;
- a system sans-serif font stack, so nothing is downloaded;
- French numbers: decimal comma and a narrow no-break space between thousands, both in plotly's
  own ticks (``separators``) and in the strings built here (:func:`format_number`);
- a source line under every figure (:func:`caption`), since each number shown must be traceable.

The template is plain data (like plotly's ``package_data/templates/*.json``) so it can be
inspected, tested and serialised; :func:`apply_theme` is the only way figures use it.
"""

from __future__ import annotations

import functools
import html
import textwrap
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from widgets.french import NNBSP

FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", '
    '"DejaVu Sans", Arial, sans-serif'
)
BASE_FONT_SIZE = 24
TITLE_FONT_SIZE = 34
CAPTION_FONT_SIZE = 20
TEXT_COLOR = "#1a1a1a"

#: Okabe & Ito (2008), "Color Universal Design"; yellow last, it is weak on white.
OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish_green": "#009E73",
    "reddish_purple": "#CC79A7",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "black": "#000000",
    "yellow": "#F0E442",
}

#: What each colour means across figures, so the region is the same blue everywhere.
COLORS: dict[str, str] = {
    "region": OKABE_ITO["blue"],
    "national": OKABE_ITO["black"],
    "compare": OKABE_ITO["vermillion"],
    "highlight": OKABE_ITO["vermillion"],
    "bar": OKABE_ITO["blue"],
    "missing": "#BBBBBB",
    "grid": "#D0D0D0",
}

#: ColorBrewer YlOrRd (9 classes), light to dark; sequential and colour-blind safe.
SEQUENTIAL: tuple[str, ...] = (
    "#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c",
    "#fc4e2a", "#e31a1c", "#bd0026", "#800026",
)  # fmt: skip

_AXIS: dict[str, Any] = {
    "gridcolor": COLORS["grid"],
    "linecolor": "#333333",
    "zerolinecolor": "#333333",
    "tickfont": {"size": 22},
    "title": {"font": {"size": BASE_FONT_SIZE}, "standoff": 16},
    "automargin": True,
    "exponentformat": "none",  # « 60 000 », not « 60k »
    "separatethousands": True,
}

#: The plotly template, as data.
TEMPLATE: dict[str, Any] = {
    "layout": {
        "font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": TEXT_COLOR},
        "title": {
            "font": {"size": TITLE_FONT_SIZE},
            "subtitle": {"font": {"size": 22, "color": "#404040"}},
            "x": 0.01,
            "xanchor": "left",
            "y": 0.97,
            "yanchor": "top",
        },
        "separators": f",{NNBSP}",
        "colorway": list(OKABE_ITO.values()),
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 22}, "align": "left"},
        "legend": {"font": {"size": 22}},
        "margin": {"l": 60, "r": 60, "t": 150, "b": 120},
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "polar": {
            "bgcolor": "#ffffff",
            "radialaxis": {"gridcolor": COLORS["grid"], "tickfont": {"size": 18}},
            "angularaxis": {"gridcolor": COLORS["grid"], "tickfont": {"size": 19}},
        },
        "geo": {"bgcolor": "rgba(0,0,0,0)"},
    },
    "data": {
        "scatterpolar": [{"line": {"width": 4}, "marker": {"size": 12}}],
        "bar": [{"textfont": {"size": 22}, "outsidetextfont": {"size": 22}}],
        "choropleth": [{"colorbar": {"tickfont": {"size": 20}, "thickness": 30}}],
        "indicator": [{"number": {"font": {"size": 72}}, "title": {"font": {"size": 24}}}],
    },
}

CAPTION_NAME = "caption"
_CAPTION_LINE_PX = 28


def apply_theme(fig: go.Figure) -> go.Figure:
    """Give ``fig`` the parcours look; returns the same figure for chaining.

    The look is :data:`TEMPLATE` merged into plotly's default template, as
    ``fig.update_layout(template=TEMPLATE)`` does on a new figure. That merge validates both
    templates property by property (about 0.1 s, on every figure built, e.g. at each change of
    the explorer's map); it is done once per default template and the result assigned.
    """
    fig.update_layout(template=_merged_template(str(pio.templates.default)))
    return fig


TRACE_TYPES = ("scatter", "bar", "scatterpolar", "scattergeo", "choropleth", "indicator")
"""The trace types parcours draws (and its plotly bundles can draw)."""

_UNDRAWN_LAYOUT = ("scene", "ternary")
"""Layout parts of plotly's template for figures parcours never draws (3D, ternary)."""


@functools.cache
def _merged_template(default: str) -> go.layout.Template:
    """:data:`TEMPLATE` merged into the default template named ``default`` (see apply_theme),
    keeping only what parcours figures can use.

    Plotly's default template styles some thirty trace types; every figure carries its
    template to the browser (7.4 kB of the radar's 19 kB over the dashboard's websocket, and
    again in each offline page). The styles of the trace types never drawn here are dropped;
    what a drawn figure looks like does not change.
    """
    merged = go.Figure(layout={"template": default}).update_layout(template=TEMPLATE)
    spec = merged.layout.template.to_plotly_json()
    spec["data"] = {kind: spec["data"][kind] for kind in TRACE_TYPES if kind in spec["data"]}
    for part in _UNDRAWN_LAYOUT:
        spec["layout"].pop(part, None)
    return go.layout.Template(spec)


def plain(text: object) -> str:
    """``text`` from a file (a region name, a bank's label, a replay's title) as plotly shows
    it, never as markup: plotly reads ``<a href>``, ``<b>``… in every label, legend and hover,
    so ``<``, ``>`` and ``&`` are escaped here. The one escaping path for figures: every text
    read from a file reaches a figure through this function or :func:`wrap_text`."""
    return html.escape(str(text), quote=False)


def wrap_text(text: str, width: int, max_lines: int | None = None) -> str:
    """Wrap for plotly (which never wraps by itself) with ``<br>``; ellipsis past ``max_lines``.

    ``text`` is plain text, escaped by :func:`plain` (the ``<br>`` added are the only markup).
    """
    lines = textwrap.wrap(text, width=width, break_long_words=False) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip(" ,;:") + "…"]
    return "<br>".join(plain(line) for line in lines)


def titled(text: str, subtitle: str, width: int = 70, max_lines: int = 2) -> dict[str, Any]:
    """A layout ``title``: the figure's question, wrapped, and the one line that reads it."""
    return {"text": wrap_text(text, width, max_lines=max_lines), "subtitle": {"text": subtitle}}


def apply_updates(fig: go.Figure, traces: list[dict[str, Any]], layout: dict[str, Any]) -> None:
    """Assign precomputed trace and layout properties in one ``batch_update``.

    A ``FigureWidget`` then sends one message and redraws once; the updates were computed
    before, so a failure there leaves the figure as it was.
    """
    with fig.batch_update():
        for trace, update in zip(fig.data, traces, strict=True):
            trace.update(update)
        fig.update_layout(layout)


def caption_annotation(text: str, offset: int = 40, width: int = 130) -> dict[str, Any]:
    """The source line as an annotation dict, ``offset`` pixels below the plotting area.

    Kept separate from :func:`caption` so in-place updates (``FigureWidget.batch_update``) can
    assign the same dict the builder used.
    """
    wrapped = "<br>".join(wrap_text(line, width) for line in text.split("\n") if line)
    return {
        "name": CAPTION_NAME,
        "text": wrapped,
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "xanchor": "left",
        "yanchor": "top",
        "yshift": -offset,
        "align": "left",
        "showarrow": False,
        "font": {"size": CAPTION_FONT_SIZE, "color": "#333333"},
    }


def caption_margin(annotation: dict[str, Any]) -> int:
    """Bottom margin (px) that leaves room for a caption annotation."""
    lines = annotation["text"].count("<br>") + 1
    return int(-annotation["yshift"] + lines * _CAPTION_LINE_PX + 24)


def caption(fig: go.Figure, text: str, offset: int = 40) -> go.Figure:
    """Put ``text`` (« Source : … (année) ») under the plot, replacing any previous caption.

    ``\\n`` starts a new line; long lines are wrapped. ``offset`` leaves room for axis labels.
    """
    annotation = caption_annotation(text, offset)
    others = [a for a in fig.layout.annotations if a.name != CAPTION_NAME]
    fig.update_layout(annotations=[*others, annotation], margin_b=caption_margin(annotation))
    return fig


def caption_text(fig: go.Figure) -> str:
    """The caption's text with line breaks as spaces (``""`` when there is none)."""
    for annotation in fig.layout.annotations:
        if annotation.name == CAPTION_NAME:
            return str(annotation.text).replace("<br>", " ")
    return ""


LINE_STYLES: dict[str, dict[str, Any]] = {
    # The shown profile: thick and solid; a reference (France métropolitaine, the room's
    # average): dashed squares; a comparison (another region, an earlier result): dotted
    # diamonds. Told apart by shape and dash as well as colour, for colour-blind readers.
    "primary": {"line": {"color": COLORS["region"], "width": 5}, "marker": {"symbol": "circle"}},
    "reference": {
        "line": {"color": COLORS["national"], "width": 3, "dash": "dash"},
        "marker": {"symbol": "square", "size": 10},
    },
    "comparison": {
        "line": {"color": COLORS["compare"], "width": 4, "dash": "dot"},
        "marker": {"symbol": "diamond", "size": 13},
    },
}
