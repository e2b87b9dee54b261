"""The radar's selections, computed once per data object, and applied in place.

Apart from :mod:`widgets.ui.indices` (the explorer's controls and views): what does not depend
on a widget (scores, the radar's first figure, each selection's trace and layout values) is
computed once per data object and shared (:func:`precomputed`), and :class:`RadarUpdater`
assigns only the properties whose value changed inside one ``batch_update``. A kernel warmed by
:mod:`widgets.ui.warmup` (:func:`prepare`) then only creates the explorer's widgets.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from widgets.figures import radar_figure, radar_layout_updates, radar_trace_updates
from widgets.figures.explorer import (
    FIGURE_HEIGHT,
    ExplorerModel,
    alt_html,
)
from widgets.figures.fit import fit
from widgets.loaders import IndicatorData, load_indicator_data
from widgets.ui.plotly_widget import figure_context


def replace_in_place(widget: go.FigureWidget, figure: go.Figure) -> None:
    """Show ``figure`` in ``widget`` without creating a new widget.

    Traces are updated one by one when the structure matches (the usual case: same builder),
    otherwise replaced; the layout is overwritten so that nothing of the previous view lingers.
    """
    with widget.batch_update():
        same = len(widget.data) == len(figure.data) and all(
            old.type == new.type for old, new in zip(widget.data, figure.data, strict=True)
        )
        if same:
            for old, new in zip(widget.data, figure.data, strict=True):
                old.update(new.to_plotly_json(), overwrite=True)
        else:
            widget.data = ()
            widget.add_traces(list(figure.data))
        widget.update_layout(figure.layout.to_plotly_json(), overwrite=True)


Selection = tuple[list[dict[str, Any]], dict[str, Any]]
"""A radar selection's trace properties and layout values (:func:`radar_trace_updates`…)."""


def cached_selection(
    cache: dict[tuple[str, str | None], Selection],
    scores: pd.DataFrame,
    indicators: pd.DataFrame,
    region: str,
    compare: str | None,
) -> Selection:
    """A radar selection's updates, computed once into ``cache``."""
    key = (region, compare)
    if key not in cache:
        cache[key] = (
            radar_trace_updates(scores, indicators, region, compare),
            radar_layout_updates(scores, indicators, region, compare),
        )
    return cache[key]


class Precomputed:
    """What every explorer on the same data computes alike (see the module docstring)."""

    def __init__(self, data: IndicatorData) -> None:
        self.data = data
        self.model = ExplorerModel(data)
        self.scores = self.model.scores
        self.regions_without_scores = self.model.regions_without_scores
        self.radar_selections: dict[tuple[str, str | None], Selection] = {}
        self._radar_bases: dict[str, str] = {}

    def radar_base(self, region: str) -> dict[str, Any]:
        """The radar's first figure for ``region``, as a new dict each time (JSON kept).

        Building it is most of an explorer's construction (the theme's layout is validated
        property by property); the JSON is kept, never a plotly object a widget could change.
        """
        if region not in self._radar_bases:
            figure = radar_figure(self.scores, self.data.indicators, region)
            self._radar_bases[region] = figure.update_layout(height=FIGURE_HEIGHT).to_json()
        return json.loads(self._radar_bases[region])

    def radar_selection(self, region: str, compare: str | None) -> Selection:
        return cached_selection(
            self.radar_selections, self.scores, self.data.indicators, region, compare
        )


_PRECOMPUTED: list[Precomputed] = []
"""The shared computations of the last two data objects, most recent last."""


def precomputed(data: IndicatorData) -> Precomputed:
    """The shared computations for ``data`` (this very object; the last two are kept).

    Found by identity (``entry.data is data``), not by ``id()``: each entry holds its data, so
    the object it was computed from is the one it is served for.
    """
    entry = next((e for e in _PRECOMPUTED if e.data is data), None)
    if entry is None:
        entry = Precomputed(data)
    else:
        _PRECOMPUTED.remove(entry)
    _PRECOMPUTED.append(entry)
    del _PRECOMPUTED[:-2]
    return entry


def prepare(region: str = "32") -> None:
    """Compute, without creating any widget, what a new explorer on the project's data needs.

    Called by :func:`widgets.ui.warmup.warm_up` in kernels waiting for a dashboard.
    """
    shared = precomputed(load_indicator_data())
    # A figure (not a widget) made from the kept JSON, as the widget will be: plotly imports
    # the classes of the theme's trace templates on first use, a tenth of a second.
    go.Figure(shared.radar_base(region))
    shared.radar_selection(region, None)


class RadarUpdater:
    """Apply radar selections to one FigureWidget with the least work per change.

    The pure functions give, for a selection, each trace's properties and the layout's title,
    caption and meta. They are computed once per selection and kept (14 regions × 14
    comparisons at most), and only the properties whose value object changed since the last
    update are assigned, inside one ``batch_update``: a change then costs about what plotly's
    own validation of the new values costs (``benchmarks/bench_indices.py``).
    """

    TRACE_KEYS = ("r", "theta", "hovertext", "name", "visible")

    def __init__(
        self,
        figure: go.FigureWidget,
        scores: pd.DataFrame,
        indicators: pd.DataFrame,
        cache: dict[tuple[str, str | None], Selection] | None = None,
        base: dict[str, Any] | None = None,
    ):
        self.figure = figure
        self._base = base
        self._fitted: dict[tuple[str, str | None], Selection] = {}
        self.scores = scores
        self.indicators = indicators
        self._cache = cache if cache is not None else {}
        self._applied: dict[tuple[object, ...], object] = {}
        """Path → the value object last assigned there (held, so identity stays meaningful)."""
        self._alt: dict[tuple[object, ...], str] = {}

    def updates(self, region: str, compare: str | None) -> Selection:
        """A selection's trace and layout values, fitted like the widget's figure."""
        selection = cached_selection(self._cache, self.scores, self.indicators, region, compare)
        if self._base is None:
            return selection
        key = (region, compare)
        if key not in self._fitted:
            traces, layout = selection
            data = [{**old, **new} for old, new in zip(self._base["data"], traces, strict=True)]
            shown = fit({"data": data, "layout": {**self._base["layout"], **layout}}, self._context)
            self._fitted[key] = (shown["data"], {**layout, **shown["layout"]})
        return self._fitted[key]

    @property
    def _context(self) -> str:
        return figure_context()

    def alt_html(self, region: str, compare: str | None) -> str:
        """The text alternative of a selection, from the same cached layout."""
        _, layout = self.updates(region, compare)
        key = ("alt", region, compare)
        if key not in self._alt:
            self._alt[key] = alt_html({"layout": {"meta": layout["meta"]}})
        return self._alt[key]

    def _changed(self, path: tuple[object, ...], value: object) -> bool:
        """Whether ``value`` is not the very object last assigned at ``path``.

        Cached selections hand out the same objects for the same selection, so identity says
        « unchanged » without comparing long lists; holding the last value (rather than its
        ``id()``) keeps a recycled address from passing for it.
        """
        if path in self._applied and self._applied[path] is value:
            return False
        self._applied[path] = value
        return True

    def apply(self, region: str, compare: str | None) -> None:
        traces, layout = self.updates(region, compare)
        figure = self.figure
        with figure.batch_update():
            for index, (trace, update) in enumerate(zip(figure.data, traces, strict=True)):
                for key in self.TRACE_KEYS:
                    if self._changed((index, key), update[key]):
                        trace[key] = update[key]
            if self._changed(("layout",), layout):
                figure.layout.title.text = layout["title"]["text"]
                figure.layout.title.subtitle.text = layout["title"]["subtitle"]["text"]
                figure.layout.annotations[0].text = layout["annotations"][0]["text"]
                figure.layout.margin.b = layout["margin"]["b"]
                figure.layout.margin.t = layout["margin"]["t"]
                if "legend" in layout:  # fitted: the legend's place and the circle's room
                    figure.layout.legend = layout["legend"]
                    figure.layout.polar.domain = layout["polar"]["domain"]
                figure.layout.meta = layout["meta"]
