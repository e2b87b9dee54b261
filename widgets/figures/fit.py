"""One theme, three sizes: a figure fitted to where it is shown.

Builders draw for the shared screen (:mod:`widgets.figures.theme`: 24 px type, 1920×1080). The
same figure is also shown in a JupyterLab notebook (an output area of 700 to 1 000 px, beside
the file browser) and on a phone (360 px). Plotly never wraps text and never shrinks its
type, so a screen figure in a notebook clips its title and crosses its labels. :func:`fit`
turns a screen figure into the figure of a :class:`Context`: every font scaled, titles,
subtitles and captions wrapped further for the narrowest width of that context, margins
computed from the lines they now hold, the plot area scaled, the width left to the container
(``autosize``). A radar and a map are placed by :mod:`widgets.figures.fit_radar` and
:mod:`widgets.figures.fit_map` (on a wide screen, legend and caption in bands beside the
drawing; on a phone, numbered axes and a colour bar under the map). The edition chooses the
context once (the Voilà page, JupyterLab, the offline page), never the notebook.

Pure: plotly JSON in (``figure.to_plotly_json()`` or ``to_dict()``), new JSON out.
"""

from __future__ import annotations

import copy
from typing import Any

from widgets.figures.fit_map import place_map
from widgets.figures.fit_measure import (
    CHAR_WIDTH,
    CONTEXTS,
    Context,
    Placement,
    chars_for,
    font_size,
    line_count,
    rewrap,
)
from widgets.figures.fit_radar import key_text, place_radar
from widgets.figures.fit_subplots import space_subplot_titles
from widgets.figures.theme import BASE_FONT_SIZE, CAPTION_NAME, TEMPLATE

__all__ = ["CONTEXTS", "NOTEBOOK", "PHONE", "SCREEN", "Context", "base_font", "chars_for"]
__all__ += ["fit", "rewrap"]

SCREEN, NOTEBOOK, PHONE = "screen", "notebook", "phone"

_TITLE_PAD = 14


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


def _title(layout: dict[str, Any], width: float, left: float) -> float:
    """Wrap title and subtitle, pin them to the top; returns the height (px) they take."""
    title = layout.get("title")
    if not isinstance(title, dict) or not title.get("text"):
        return 0.0
    size = font_size(layout, ("title", "font", "size"), 34)
    title["text"] = rewrap(title["text"], chars_for(width, size))
    # plotly.js anchors a title of several lines one line too high (measured in Chromium).
    pad = _TITLE_PAD + (size if line_count(title["text"]) > 1 else 0)
    title.update({"x": 0, "xref": "container", "xanchor": "left", "yref": "container", "y": 1})
    title.update({"yanchor": "top", "pad": {"t": round(pad), "l": round(left)}})
    height = _TITLE_PAD + line_count(title["text"]) * size * 1.25
    subtitle = title.get("subtitle")
    if isinstance(subtitle, dict) and subtitle.get("text"):
        sub = font_size(layout, ("title", "subtitle", "font", "size"), 22)
        subtitle["text"] = rewrap(subtitle["text"], chars_for(width, sub))
        height += 0.4 * size + line_count(subtitle["text"]) * sub * 1.3
    return height


def _caption(
    layout: dict[str, Any], ctx: Context, width: float, left: float, placed: Placement
) -> float | None:
    """Wrap the caption and scale its offset; the bottom margin it needs, or ``None``.

    ``left``: the width of the labels left of the plot, under which the caption starts too.
    ``placed``: a caption in a side band (``beside``) is wrapped for the band and needs no
    bottom margin; one under a colour bar starts under it; a key's lines come first.
    """
    for annotation in layout.get("annotations") or []:
        if annotation.get("name") != CAPTION_NAME:
            continue
        size = float((annotation.get("font") or {}).get("size") or 20)
        if placed.beside is not None:
            annotation["text"] = rewrap(annotation["text"], chars_for(placed.beside, size))
            return max(20.0, 16 * ctx.scale)
        if (layout.get("meta") or {}).get("laid_down") and left:
            annotation["x"] = -0.8 * left / max(width - left, 1.0)  # under the labels too
        else:
            width -= left
        annotation["text"] = rewrap(annotation["text"], chars_for(width, size))
        if placed.key:
            annotation["text"] = f"{key_text(placed.key)}<br> <br>{annotation['text']}"
        shift = float(annotation.get("yshift", 0)) * ctx.scale - placed.below
        annotation["yshift"] = round(shift)
        return -annotation["yshift"] + line_count(annotation["text"]) * size * 1.4 + 16
    return None


def _bars(fig: dict[str, Any], layout: dict[str, Any], width: float) -> float:
    """Category labels wrapped, never rotated (a rotated label crosses the caption); returns
    the width the labels of horizontal bars take on the left (plotly's automargin)."""
    tick = font_size(layout, ("xaxis", "tickfont", "size"), 22)
    left = 0.0
    for trace in fig.get("data") or []:
        if trace.get("type") != "bar":
            continue
        if trace.get("orientation") == "h":
            names = [str(y) for y in trace.get("ticktext") or trace.get("y") or []]
            ytick = font_size(layout, ("yaxis", "tickfont", "size"), 22)
            left = max([left, *(len(n.split("<br>")[0]) * ytick * CHAR_WIDTH for n in names)])
        elif trace.get("x") and all(isinstance(x, str) for x in trace["x"]):
            words = max(len(w) for x in trace["x"] for w in str(x).split())
            if width / len(trace["x"]) - 8 < words * tick * CHAR_WIDTH:
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


def _axis_titles(layout: dict[str, Any], width: float) -> float:
    """Axis titles wrapped for the plot's width (a ranking's unit is a phrase: « allocataires
    pour 1 000 habitants de 20 à 64 ans »); returns the height the x axis title gained."""
    gained = 0.0
    for name in ("xaxis", "yaxis"):
        title = (layout.get(name) or {}).get("title")
        if not isinstance(title, dict) or not title.get("text"):
            continue
        size = font_size(layout, (name, "title", "font", "size"), 22)
        before = line_count(title["text"])
        title["text"] = rewrap(title["text"], chars_for(width, size))
        if name == "xaxis":
            gained += max(0, line_count(title["text"]) - before) * size * 1.25
    return gained


def _above_plot(layout: dict[str, Any]) -> float:
    """Height of the annotations set on the plot's top edge (the ranking's reference line)."""
    size = font_size(layout, ("font", "size"), 24)
    return max(
        [
            0.0,
            *(
                line_count(a.get("text")) * size * 1.3
                for a in layout.get("annotations") or []
                if a.get("yref") == "paper" and a.get("y") == 1 and a.get("yanchor") == "bottom"
            ),
        ]
    )


def _national(layout: dict[str, Any], plot_w: float) -> None:
    """The reference line's label on the side of the line that has room for it; on two lines
    when neither side has (« France métropolitaine : » over the value), else kept whole inside
    the plot's width, above the line as near as it can."""
    span = ((layout.get("xaxis") or {}).get("range")) or [0, 1]
    size = font_size(layout, ("font", "size"), 24)
    for annotation in layout.get("annotations") or []:
        if annotation.get("name") != "national" or not isinstance(annotation.get("x"), int | float):
            continue
        where = (annotation["x"] - span[0]) / ((span[1] - span[0]) or 1)
        right, left = (1 - where) * plot_w, where * plot_w
        for text in (annotation["text"], annotation["text"].replace("\u00a0: ", "\u00a0:<br>", 1)):
            wide = max(len(line) for line in text.split("<br>")) * size * CHAR_WIDTH
            if wide <= max(right, left):
                annotation["text"] = text
                annotation["xanchor"] = "left" if wide <= right else "right"
                break
        else:
            annotation["text"] = text
            half = min(0.5, wide / 2 / max(plot_w, 1.0))
            annotation.update({"xref": "paper", "x": min(max(where, half), 1 - half)})
            annotation["xanchor"] = "center"


def _ticks(layout: dict[str, Any], fig: dict[str, Any], plot_w: float) -> None:
    """No more value ticks than fit side by side (« 20 000 » and « 40 000 » crossed at 360 px)."""
    if not any(t.get("type") == "bar" and t.get("orientation") == "h" for t in fig["data"]):
        return
    xaxis = layout.setdefault("xaxis", {})
    span = xaxis.get("range") or [0, 1]
    size = font_size(layout, ("xaxis", "tickfont", "size"), 22)
    digits = len(f"{max(abs(v) for v in span):,.0f}") + 2  # a separator, a decimal or two
    xaxis["nticks"] = max(2, int(plot_w // ((digits + 2) * size * CHAR_WIDTH)))


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
    size = font_size(layout, ("font", "size"), 24)
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
    return line_count(first) * size * 1.3 if columns == 1 else 0.0


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
    types = {t.get("type") for t in fig.get("data") or []}
    if ctx.side_margin is not None and types & {"scatterpolar", "choropleth"}:
        side_l = side_r = ctx.side_margin  # no axis labels at the sides of a circle or a map
    width = ctx.min_width - side_l - side_r
    top = _title(layout, ctx.min_width - side_l - side_r, side_l)
    placed = Placement()
    if "scatterpolar" in types:
        placed = place_radar(fig, layout, ctx, width, plot_h * ctx.plot_scale)
    elif "choropleth" in types:
        placed = place_map(fig, layout, ctx, width, plot_h * ctx.plot_scale)
    top += placed.top
    left = _bars(fig, layout, width)
    placed.below += _axis_titles(layout, width - left)
    _national(layout, width - left)
    _ticks(layout, fig, width - left)
    top += _above_plot(layout)
    top += _indicators(fig, layout, ctx, width)
    if ctx.min_width < 600 and any(t.get("type") == "indicator" for t in fig.get("data") or []):
        plot_h *= 1.6  # four tiles one under the other
    bottom = _caption(layout, ctx, width, left, placed)
    new_t = round(top + 16 * ctx.scale) if top else round(old_t * ctx.scale)
    new_b = round(bottom) if bottom is not None else max(20, round(old_b * ctx.scale))
    layout["margin"] = {**margin, "t": new_t, "b": new_b, "l": side_l, "r": side_r}
    drawn = placed.plot_h if placed.plot_h is not None else plot_h * ctx.plot_scale
    drawn = space_subplot_titles(layout, drawn)
    layout["height"] = round(drawn) + new_t + new_b
    layout.pop("width", None)
    layout["autosize"] = True
    meta = layout.get("meta")
    if isinstance(meta, dict):
        layout["meta"] = {**meta, "context": ctx.name}
    return fig


def base_font(context: str) -> int:
    """The body type of a context, for HTML shown beside its figures."""
    return max(CONTEXTS[context].min_font, round(BASE_FONT_SIZE * CONTEXTS[context].scale))
