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

from collections.abc import Callable
from typing import Any

import ipywidgets as ipw
import pandas as pd
import plotly.graph_objects as go

from widgets.figures.explorer import (
    VIEWS,
    ExplorerModel,
    alt_html,
    comparison_options,
    indicator_options,
    region_options,
)
from widgets.french import NBSP
from widgets.loaders import IndicatorData, load_indicator_data
from widgets.ui.messages import guarded_callback
from widgets.ui.plotly_widget import FigureWidget, fitted
from widgets.ui.radar_updates import (
    RadarUpdater,
    precomputed,
    replace_in_place,
)


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
