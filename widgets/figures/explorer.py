"""The fragility explorer's state → what it shows: figure, status line, text alternative.

One pure description of the explorer (its controls' options and defaults, and for each
selection of view, region, comparison and indicator the figure, the empty-state notice and the
text alternative), read by both editions: the notebook edition's
:class:`~widgets.ui.indices.IndicesExplorer` wires it to ipywidgets and updates one figure in
place; the offline edition (:mod:`widgets.offline.explorer`) records every selection for a
kernel-less page. Neither drives the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from widgets.figures import choropleth_figure, describe, radar_figure, ranking_figure
from widgets.french import NBSP
from widgets.loaders import IndicatorData
from widgets.scoring.indices import NATIONAL_CODE, normalise_all
from widgets.templates.notices import alt_html as alt_text_html
from widgets.templates.notices import empty_state_html

VIEWS = {"Radar": "radar", "Carte": "map", "Classement": "ranking"}
NO_COMPARISON = ("(aucune)", "")
FIGURE_HEIGHT = 820  # px: the figure fills a 1920×1080 shared screen under the controls
DEFAULT_REGION = "32"


def region_options(data: IndicatorData) -> list[tuple[str, str]]:
    """« Région » choices: ``(name, code)`` in the data's order."""
    return [(name, code) for code, name in data.region_names().items()]


def comparison_options(data: IndicatorData) -> list[tuple[str, str]]:
    """« Comparer avec » choices: none, then every region but France métropolitaine."""
    return [NO_COMPARISON, *[o for o in region_options(data) if o[1] != NATIONAL_CODE]]


def indicator_options(data: IndicatorData) -> list[tuple[str, str]]:
    """« Indicateur » choices: ``(« domaine — libellé », id)``."""
    table = data.indicators
    return [(f"{row['domain_fr']} — {row['label_fr']}", str(ind)) for ind, row in table.iterrows()]


def notice_html(text: str) -> str:
    """An empty state, in French, where the figure would be."""
    return empty_state_html(text)


def alt_html(figure: go.Figure | dict[str, Any]) -> str:
    """The figure's text alternative, read by screen readers and shown in small type."""
    try:
        text = describe(figure)
    except ValueError:
        return ""
    return alt_text_html(text)


@dataclass
class ExplorerModel:
    """What the explorer shows for any selection of the data it was given."""

    data: IndicatorData
    geojson: dict[str, Any] | None = None
    scores: pd.DataFrame = field(init=False)
    regions_without_scores: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.scores = normalise_all(self.data.values, self.data.indicators)
        scored = self.scores.groupby("region_code")["score"].count()
        self.regions_without_scores = frozenset(scored[scored == 0].index)

    def controls(self) -> dict[str, list[tuple[str, str]]]:
        """The options of the four controls, ``(label, code)`` each."""
        return {
            "regions": region_options(self.data),
            "comparisons": comparison_options(self.data),
            "views": list(VIEWS.items()),
            "indicators": indicator_options(self.data),
        }

    def figure(self, view: str, region: str, compare: str | None, indicator: str) -> go.Figure:
        """The figure of a selection, at the shared screen's height."""
        data = self.data
        if view == "radar":
            figure = radar_figure(self.scores, data.indicators, region, compare or None)
        elif view == "ranking":
            figure = ranking_figure(data.values, data.indicators, indicator, highlight=region)
        else:
            if self.geojson is None:
                from widgets.loaders import load_regions_geojson

                self.geojson = load_regions_geojson()
            figure = choropleth_figure(data.values, data.indicators, indicator, self.geojson)
        return figure.update_layout(height=FIGURE_HEIGHT)

    def status(self, view: str, region: str, indicator: str) -> str:
        """The empty-state notice of a selection, or ``""`` when there is something to draw."""
        if view == "radar":
            if region in self.regions_without_scores:
                return notice_html(
                    f"Aucune donnée pour cette région{NBSP}: le radar ne peut pas être tracé."
                )
            return ""
        rows = self.data.values[self.data.values["indicator_id"] == indicator]
        regional = rows[rows["region_code"] != NATIONAL_CODE]
        if regional["value"].notna().sum() == 0:
            return notice_html("Aucune valeur régionale pour cet indicateur.")
        return ""
