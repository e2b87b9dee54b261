"""One theme, three sizes: a figure fitted to where it is shown.

Builders draw for the shared screen (:mod:`widgets.figures.theme`: 24 px type, 1920×1080). The
same figure is also shown in a JupyterLab notebook (an output area of 700 to 1 000 px, beside
the file browser) and on a phone (360 px). Plotly never wraps text and never shrinks its
type, so a screen figure in a notebook clips its title and crosses its labels. :func:`fit`
turns a screen figure into the figure of a :class:`Context`: every font scaled, titles,
subtitles and captions wrapped further for the narrowest width of that context, margins
computed from the lines they now hold, the plot area scaled, the width left to the container
(``autosize``), the radar's legend above the plot. The edition chooses the context once (the
Voilà page, JupyterLab, the offline page), never the notebook.

Pure: plotly JSON in (``figure.to_plotly_json()`` or ``to_dict()``), new JSON out.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Any

from widgets.figures.theme import BASE_FONT_SIZE, CAPTION_NAME, TEMPLATE, wrap_text

_CHAR_WIDTH = 0.56
"""Average advance of a character of the system sans-serif, in ems (French text, measured)."""


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


CONTEXTS: dict[str, Context] = {
    "screen": Context("screen", scale=1.0, min_width=1300, plot_scale=1.0),
    "notebook": Context("notebook", scale=0.62, min_width=680, plot_scale=0.72),
    "phone": Context(
        "phone", scale=0.56, min_width=320, plot_scale=0.8, radar_label_chars=9, min_font=11
    ),
}
SCREEN, NOTEBOOK, PHONE = "screen", "notebook", "phone"

_TITLE_PAD = 14


def _font_size(layout: dict[str, Any], path: tuple[str, ...], default: float) -> float:
    """A font size of the layout, else of the theme's template, else ``default``."""
    template = (layout.get("template") or {}).get("layout") or TEMPLATE["layout"]
    for source in (layout, template):
        node: Any = source
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, int | float):
            return float(node)
    return default


def _scale_fonts(node: Any, ctx: Context, parent: str = "") -> None:
    """Scale, in place, every ``size`` of a ``…font`` object below ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and parent.endswith("font"):
                node[key] = _scaled_size(value, ctx)
            else:
                _scale_fonts(value, ctx, key)
    elif isinstance(node, list):
        for item in node:
            _scale_fonts(item, ctx, parent)


def _scaled_size(value: Any, ctx: Context) -> Any:
    if isinstance(value, list):
        return [_scaled_size(v, ctx) for v in value]
    if isinstance(value, int | float):
        return max(ctx.min_font, round(value * ctx.scale))
    return value


def chars_for(width: float, font_px: float) -> int:
    """How many characters of ``font_px`` type fit on ``width`` pixels."""
    return max(8, math.floor(width / (font_px * _CHAR_WIDTH)))


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
    return "<br>".join(wrap_text(p, chars) for p in paragraphs)


def _lines(text: Any) -> int:
    return str(text).count("<br>") + 1 if text else 0


def _title(layout: dict[str, Any], width: float, left: float) -> float:
    """Wrap title and subtitle, pin them to the top; returns the height (px) they take."""
    title = layout.get("title")
    if not isinstance(title, dict) or not title.get("text"):
        return 0.0
    size = _font_size(layout, ("title", "font", "size"), 34)
    title["text"] = rewrap(title["text"], chars_for(width, size))
    # plotly.js anchors a title of several lines one line too high (measured in Chromium).
    pad = _TITLE_PAD + (size if _lines(title["text"]) > 1 else 0)
    title.update({"x": 0, "xref": "container", "xanchor": "left", "yref": "container", "y": 1})
    title.update({"yanchor": "top", "pad": {"t": round(pad), "l": round(left)}})
    height = _TITLE_PAD + _lines(title["text"]) * size * 1.25
    subtitle = title.get("subtitle")
    if isinstance(subtitle, dict) and subtitle.get("text"):
        sub = _font_size(layout, ("title", "subtitle", "font", "size"), 22)
        subtitle["text"] = rewrap(subtitle["text"], chars_for(width, sub))
        height += 0.4 * size + _lines(subtitle["text"]) * sub * 1.3
    return height


def _caption(layout: dict[str, Any], ctx: Context, width: float, left: float) -> float | None:
    """Wrap the caption and scale its offset; the bottom margin it needs, or ``None``.

    ``left``: the width of the labels left of the plot, under which the caption starts too.
    """
    for annotation in layout.get("annotations") or []:
        if annotation.get("name") != CAPTION_NAME:
            continue
        size = float((annotation.get("font") or {}).get("size") or 20)
        if (layout.get("meta") or {}).get("laid_down") and left:
            annotation["x"] = -0.8 * left / max(width - left, 1.0)  # under the labels too
        else:
            width -= left
        annotation["text"] = rewrap(annotation["text"], chars_for(width, size))
        annotation["yshift"] = round(float(annotation.get("yshift", 0)) * ctx.scale)
        return -annotation["yshift"] + _lines(annotation["text"]) * size * 1.4 + 16
    return None


def _legend_rows(fig: dict[str, Any], layout: dict[str, Any], width: float) -> int:
    """Rows a horizontal legend takes at ``width`` (plotly wraps its items)."""
    size = _font_size(layout, ("legend", "font", "size"), 22)
    names = [
        str(t.get("name") or "")
        for t in fig.get("data") or []
        if t.get("visible", True) is not False and t.get("showlegend", True) is not False
    ]
    rows, used = 1, 0.0
    for name in names:
        item = len(name) * size * _CHAR_WIDTH + 60
        if used and used + item > width:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def _radar(
    fig: dict[str, Any], layout: dict[str, Any], ctx: Context, plot_w: float, plot_h: float
) -> float:
    """The radar's legend above the plot, its labels wrapped; returns the legend's height.

    Angular labels stick out of the polar domain by their width and height: the domain leaves
    them that room inside the plot area, so they cross neither the legend nor the caption.
    """
    polar = layout.setdefault("polar", {})
    label_px = _font_size(layout, ("polar", "angularaxis", "tickfont", "size"), 20)
    chars = ctx.radar_label_chars
    labels: list[str] = []
    for trace in fig.get("data") or []:
        if trace.get("type") == "scatterpolar" and trace.get("theta"):
            if chars is not None:
                trace["theta"] = [rewrap(t, chars) for t in trace["theta"]]
            labels += [str(t) for t in trace["theta"]]
    longest = max((len(line) for t in labels for line in t.split("<br>")), default=11)
    label_w = longest * label_px * _CHAR_WIDTH + 10
    side = min(0.3, label_w / max(plot_w, 1.0))
    room = min(0.3, 2.2 * label_px * 1.2 / max(plot_h, 1.0))
    polar["domain"] = {"x": [side, 1 - side], "y": [room, 1 - room]}
    for annotation in layout.get("annotations") or []:
        if annotation.get("name") == CAPTION_NAME:  # the labels' room is inside the plot now
            annotation["yshift"] = -12
    size = _font_size(layout, ("legend", "font", "size"), 22)
    legend = {"x": 0, "xanchor": "left", "y": 1, "yref": "paper", "font": {"size": size}}
    if plot_w - plot_h > 2 * 24 * size * _CHAR_WIDTH:
        # A wide plot: the circle leaves its top-left corner free for the legend.
        layout["legend"] = {**legend, "orientation": "v", "yanchor": "top"}
        return 0.0
    layout["legend"] = {**legend, "orientation": "h", "yanchor": "bottom"}
    return _legend_rows(fig, layout, plot_w) * size * 1.5


def _bars(fig: dict[str, Any], layout: dict[str, Any], width: float) -> float:
    """Category labels wrapped, never rotated (a rotated label crosses the caption); returns
    the width the labels of horizontal bars take on the left (plotly's automargin)."""
    tick = _font_size(layout, ("xaxis", "tickfont", "size"), 22)
    left = 0.0
    for trace in fig.get("data") or []:
        if trace.get("type") != "bar":
            continue
        if trace.get("orientation") == "h":
            names = [str(y) for y in trace.get("ticktext") or trace.get("y") or []]
            ytick = _font_size(layout, ("yaxis", "tickfont", "size"), 22)
            left = max([left, *(len(n.split("<br>")[0]) * ytick * _CHAR_WIDTH for n in names)])
        elif trace.get("x") and all(isinstance(x, str) for x in trace["x"]):
            words = max(len(w) for x in trace["x"] for w in str(x).split())
            if width / len(trace["x"]) - 8 < words * tick * _CHAR_WIDTH:
                left = max(left, _lay_down(trace, layout, tick))
                continue
            chars = chars_for(width / len(trace["x"]) - 8, tick)
            trace["x"] = [rewrap(x, chars) for x in trace["x"]]
            layout.setdefault("xaxis", {})["tickangle"] = 0
    return left


def _lay_down(trace: dict[str, Any], layout: dict[str, Any], tick: float) -> float:
    """Columns too narrow for their labels become rows (a phone): returns the labels' width."""
    trace["orientation"] = "h"
    trace["x"], trace["y"] = trace.get("y"), [rewrap(x, 12) for x in trace["x"]]
    xaxis, yaxis = dict(layout.get("xaxis") or {}), dict(layout.get("yaxis") or {})
    layout["xaxis"] = {**yaxis, "tickfont": xaxis.get("tickfont", {}), "tickangle": 0}
    layout["yaxis"] = {"autorange": "reversed", "tickfont": xaxis.get("tickfont", {})}
    layout["meta"] = {**(layout.get("meta") or {}), "laid_down": True}
    return max(len(line) for y in trace["y"] for line in str(y).split("<br>")) * tick * 0.5


def _above_plot(layout: dict[str, Any]) -> float:
    """Height of the annotations set on the plot's top edge (the ranking's reference line)."""
    size = _font_size(layout, ("font", "size"), 24)
    return max(
        [
            0.0,
            *(
                _lines(a.get("text")) * size * 1.3
                for a in layout.get("annotations") or []
                if a.get("yref") == "paper" and a.get("y") == 1 and a.get("yanchor") == "bottom"
            ),
        ]
    )


def _national(layout: dict[str, Any]) -> None:
    """The reference line's label on the side of the line that has room."""
    span = ((layout.get("xaxis") or {}).get("range")) or [0, 1]
    for annotation in layout.get("annotations") or []:
        if annotation.get("name") == "national" and isinstance(annotation.get("x"), int | float):
            middle = (span[0] + span[1]) / 2
            annotation["xanchor"] = "right" if annotation["x"] > middle else "left"


def _indicators(fig: dict[str, Any], layout: dict[str, Any], ctx: Context, width: float) -> float:
    """Indicator tiles in one column when two do not fit side by side; titles wrapped, numbers
    no wider than the figure. Returns the height the first row's titles take above the plot."""
    tiles = [t for t in fig.get("data") or [] if t.get("type") == "indicator"]
    if not tiles:
        return 0.0
    columns = 1 if ctx.min_width < 600 else 2
    if columns == 1:
        layout["grid"] = {**(layout.get("grid") or {}), "rows": len(tiles), "columns": 1}
        layout["grid"]["ygap"] = 0.35
    size = _font_size(layout, ("font", "size"), 24)
    for index, tile in enumerate(tiles):
        if columns == 1:
            tile["domain"] = {"row": index, "column": 0}
        title = tile.get("title") or {}
        if title.get("text"):
            title["text"] = rewrap(title["text"], chars_for(width / columns - 10, size))
        number = tile.setdefault("number", {})
        text = f"{number.get('prefix', '')}{tile.get('value', '')}{number.get('suffix', '')}"
        font = number.setdefault("font", {})
        most = (width / columns - 10) / (max(len(text), 4) * 0.62)
        font["size"] = min(float(font.get("size") or 72), round(most))
    first = (tiles[0].get("title") or {}).get("text")
    return _lines(first) * size * 1.3 if columns == 1 else 0.0


def fit(figure: dict[str, Any], context: str | Context) -> dict[str, Any]:
    """``figure`` (plotly JSON of a screen figure) fitted to ``context``; a new dict.

    The screen context keeps the type and the plot area and only wraps and places the texts,
    so a builder's figure and its screen fit differ by their layout's margins and titles.
    """
    ctx = CONTEXTS[context] if isinstance(context, str) else context
    fig = copy.deepcopy(figure)
    layout = fig.setdefault("layout", {})
    margin = dict(layout.get("margin") or {})
    theme_margin = TEMPLATE["layout"]["margin"]
    old_t = float(margin.get("t", theme_margin["t"]))
    old_b = float(margin.get("b", theme_margin["b"]))
    height = float(layout.get("height") or 450)
    plot_h = max(height - old_t - old_b, 120.0)
    if ctx.scale != 1:
        _scale_fonts(layout, ctx)
        _scale_fonts(fig.get("data"), ctx)  # the layout holds the template: scaled with it
    side_l = max(8, round(float(margin.get("l", theme_margin["l"])) * ctx.scale))
    side_r = max(8, round(float(margin.get("r", theme_margin["r"])) * ctx.scale))
    width = ctx.min_width - side_l - side_r
    top = _title(layout, ctx.min_width - side_l - side_r, side_l)
    if any(t.get("type") == "scatterpolar" for t in fig.get("data") or []):
        top += _radar(fig, layout, ctx, width, plot_h * ctx.plot_scale)
    top += _above_plot(layout)
    left = _bars(fig, layout, width)
    _national(layout)
    top += _indicators(fig, layout, ctx, width)
    if ctx.min_width < 600 and any(t.get("type") == "indicator" for t in fig.get("data") or []):
        plot_h *= 1.6  # four tiles one under the other
    bottom = _caption(layout, ctx, width, left)
    new_t = round(top + 16 * ctx.scale) if top else round(old_t * ctx.scale)
    new_b = round(bottom) if bottom is not None else max(20, round(old_b * ctx.scale))
    layout["margin"] = {**margin, "t": new_t, "b": new_b, "l": side_l, "r": side_r}
    layout["height"] = round(plot_h * ctx.plot_scale) + new_t + new_b
    layout.pop("width", None)
    layout["autosize"] = True
    meta = layout.get("meta")
    if isinstance(meta, dict):
        layout["meta"] = {**meta, "context": ctx.name}
    return fig


def base_font(context: str) -> int:
    """The body type of a context, for HTML shown beside its figures."""
    return max(CONTEXTS[context].min_font, round(BASE_FONT_SIZE * CONTEXTS[context].scale))
