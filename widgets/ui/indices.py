"""The regional fragility explorer: pick a region, compare, switch between radar, map and ranking.

The widget only wires controls to pure functions: scores are computed once by
:func:`widgets.scoring.indices.normalise_all`; each selection change updates the figure that is
on screen *in place* (``batch_update`` on one ``FigureWidget`` per view, created once), so the
browser redraws without receiving a new figure.

What does not depend on the widget (scores, the radar's first figure, each selection's
updates) is computed once per data object and shared (:func:`precomputed`): the loaders return
the same object while the files are unchanged, so a dashboard opened in a kernel that already
built an explorer, or warmed by :mod:`widgets.ui.warmup`, only creates its widgets.

A view's figure, once shown, stays in the page: switching views hides the others instead of
detaching them. Plotly's widget front-end keeps listening to its model after its view is
removed, and the next edit of that figure then fails in the removed view (« Cannot read
properties of undefined (reading '_guiEditing') ») before reaching the view on screen, which
kept drawing the previous selection. A figure that is never removed cannot drift from its
controls, whatever plotly bundle the page loaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw
import pandas as pd
import plotly.graph_objects as go

from widgets.figures import radar_figure, radar_layout_updates, radar_trace_updates
from widgets.figures.explorer import (
    FIGURE_HEIGHT,
    VIEWS,
    ExplorerModel,
    alt_html,
    comparison_options,
    indicator_options,
    region_options,
)
from widgets.figures.fit import fit
from widgets.french import NBSP
from widgets.loaders import IndicatorData, load_indicator_data
from widgets.ui.messages import guarded_callback
from widgets.ui.plotly_widget import FigureWidget, figure_context, fitted


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


class IndicesExplorer(ipw.VBox):
    """Region, comparison region, view and indicator; one figure on screen, updated in place."""

    def __init__(
        self,
        data: IndicatorData | None = None,
        geojson: dict[str, Any] | None = None,
        region: str = "32",
        compare: str | None = None,
        view: str = "radar",
        indicator: str | None = None,
    ) -> None:
        self.data = data if data is not None else load_indicator_data()
        self._shared = precomputed(self.data)
        self._model = ExplorerModel(self.data, geojson) if geojson is not None else None
        self.scores = self._shared.scores
        self._regions_without_scores = self._shared.regions_without_scores
        regions = region_options(self.data)
        indicators = indicator_options(self.data)
        style = {"description_width": "initial"}

        def wide() -> ipw.Layout:  # one Layout each: hiding one control must not hide another
            return ipw.Layout(width="auto", min_width="22em")

        self.region = ipw.Dropdown(
            options=regions, value=region, description=f"Région{NBSP}:", style=style, layout=wide()
        )
        self.compare = ipw.Dropdown(
            options=comparison_options(self.data),
            value=compare or "",
            description=f"Comparer avec{NBSP}:",
            style=style,
            layout=wide(),
        )
        self.view = ipw.ToggleButtons(
            options=list(VIEWS.items()),
            value=view,
            description=f"Vue{NBSP}:",
            style={"description_width": "initial", "button_width": "9em"},
            tooltips=["Profil de la région", "Carte des régions", "Régions classées"],
        )
        self.indicator = ipw.Dropdown(
            options=indicators,
            value=indicator or indicators[0][1],
            description=f"Indicateur{NBSP}:",
            style=style,
            layout=ipw.Layout(width="auto", min_width="36em"),
        )
        self.status = ipw.HTML(layout=ipw.Layout(min_height="1.5em"))
        self.alt_text = ipw.HTML()
        self.errors = ipw.Output()
        self.figures: dict[str, go.FigureWidget] = {}
        self._frames: dict[str, ipw.VBox] = {}
        self._shown: dict[str, tuple[str, str]] = {}
        self._radar: RadarUpdater | None = None
        self.figure_box = ipw.VBox(layout=ipw.Layout(width="100%"))

        callback = guarded_callback(self.errors)(self._on_change)
        for control in (self.region, self.compare, self.view, self.indicator):
            control.observe(callback, names="value")

        controls = ipw.HBox(
            [self.region, self.compare, self.view],
            layout=ipw.Layout(flex_flow="row wrap", grid_gap="0.5em 2em"),
        )
        super().__init__(
            [
                controls,
                self.indicator,
                self.status,
                self.figure_box,
                self.alt_text,
                self.errors,
            ],
            layout=ipw.Layout(width="100%"),
        )
        self.add_class("parcours-indices")
        self.refresh()

    # -- state -----------------------------------------------------------------------------

    def _on_change(self, change: dict[str, Any]) -> None:
        self.refresh()
        if self.errors.outputs:  # an earlier change failed, this one worked: the message goes
            self.errors.clear_output()

    def refresh(self) -> None:
        """Bring the figure of the current view in line with the controls."""
        view = self.view.value
        # Only the controls that change this view are shown (the map does not use the region).
        self.indicator.layout.display = "none" if view == "radar" else None
        self.compare.layout.display = None if view == "radar" else "none"
        self.region.layout.display = "none" if view == "map" else None
        if view == "radar":
            figure = self._figure("radar", self._new_radar)
            if self._radar is None:
                self._radar = RadarUpdater(
                    figure,
                    self.scores,
                    self.data.indicators,
                    self._shared.radar_selections,
                    base=self._shared.radar_base(self.region.value),
                )
            self._radar.apply(self.region.value, self.compare.value or None)
            self.status.value = self._radar_status()
            self.alt_text.value = self._radar.alt_html(
                self.region.value, self.compare.value or None
            )
        else:
            # The map shows the indicator only; the ranking highlights the region too. A change
            # of anything else leaves the figure as it is (nothing rebuilt, nothing sent).
            shown = (self.indicator.value, self.region.value if view == "ranking" else "")
            if view in self.figures and self._shown.get(view) == shown:
                figure = self._figure(view, self._no_build)
            else:
                built = self._build_indicator_view(view)
                figure = self._figure(view, lambda: built)
                if self._shown.get(view) is not None:
                    replace_in_place(figure, go.Figure(fitted(built)))
                self._shown[view] = shown
            self.status.value = self._indicator_status()
            self.alt_text.value = alt_html(figure)

    def _show(self, view: str) -> None:
        """Show ``view``'s figure and hide the others, detaching none (module docstring).

        Called before the figure is edited, so that plotly.js draws into a displayed element.
        """
        for name, frame in self._frames.items():
            frame.layout.display = None if name == view else "none"

    def _figure(
        self, view: str, build: Callable[[], go.Figure | dict[str, Any]]
    ) -> go.FigureWidget:
        if view not in self.figures:
            widget = FigureWidget(build())  # fitted to the kernel's context, responsive
            self.figures[view] = widget
            # Each figure in a frame of its own, appended: the frames already shown keep their
            # views (ipywidgets recreates only the children after the first one that changed).
            self._frames[view] = ipw.VBox([widget], layout=ipw.Layout(width="100%"))
            self.figure_box.children = (*self.figure_box.children, self._frames[view])
        self._show(view)
        return self.figures[view]

    @staticmethod
    def _no_build() -> go.Figure:
        raise AssertionError("the figure exists already")

    def _new_radar(self) -> dict[str, Any]:
        return self._shared.radar_base(self.region.value)

    @property
    def model(self) -> ExplorerModel:
        """What this explorer shows (the shared one, or one with the geojson it was given)."""
        return self._model if self._model is not None else self._shared.model

    def _build_indicator_view(self, view: str) -> go.Figure:
        return self.model.figure(view, self.region.value, None, self.indicator.value)

    def _radar_status(self) -> str:
        return self.model.status("radar", self.region.value, self.indicator.value)

    def _indicator_status(self) -> str:
        return self.model.status(self.view.value, self.region.value, self.indicator.value)


def scores_frame(explorer: IndicesExplorer) -> pd.DataFrame:
    """The explorer's normalised scores (for notebooks that want the table).

    A copy: the explorer's own frame is shared with other explorers on the same data.
    """
    return explorer.scores.copy()
