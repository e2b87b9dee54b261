"""The fragility explorer, driven as a participant would (plain pytest, no browser)."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as ipw
import plotly.graph_objects as go
import pytest

from widgets.course import indices_explorer
from widgets.figures import radar_figure
from widgets.figures.explorer import FIGURE_HEIGHT
from widgets.french import NBSP
from widgets.loaders import IndicatorData, load_indicator_data
from widgets.ui.indices import IndicesExplorer
from widgets.ui.plotly_widget import fitted
from widgets.ui.radar_updates import RadarUpdater, precomputed


@pytest.fixture(scope="module")
def explorer() -> IndicesExplorer:
    return IndicesExplorer()


def shown_figures(explorer: IndicesExplorer) -> list[object]:
    """The figures of the frames on screen (not hidden)."""
    return [
        frame.children[0]
        for frame in explorer.figure_box.children
        if frame.layout.display != "none"
    ]


def test_starts_on_a_radar_against_the_national_rate(explorer: IndicesExplorer) -> None:
    figure = explorer.figures["radar"]
    names = [t.name for t in figure.data if t.visible is not False]
    assert names == ["Hauts-de-France", "France métropolitaine"]
    assert "Hauts-de-France" in explorer.alt_text.value
    assert explorer.indicator.layout.display == "none"  # no indicator picker on the radar


def test_selection_changes_update_the_same_figure_in_place(explorer: IndicesExplorer) -> None:
    figure = explorer.figures["radar"]
    explorer.region.value = "94"
    explorer.compare.value = "11"
    assert explorer.figures["radar"] is figure
    built = radar_figure(explorer.scores, explorer.data.indicators, "94", "11")
    built.update_layout(height=FIGURE_HEIGHT)
    fresh = go.Figure(fitted(built)).to_dict()  # as the widget shows it: fitted to its context
    shown = figure.to_dict()
    assert shown["layout"] == {**fresh["layout"], "height": shown["layout"]["height"]}
    for trace, expected in zip(shown["data"], fresh["data"], strict=True):
        trace.pop("uid", None)
        assert trace == expected
    explorer.compare.value = ""
    assert figure.data[2].visible is False


def test_map_and_ranking_follow_the_indicator(explorer: IndicesExplorer) -> None:
    explorer.view.value = "ranking"
    explorer.indicator.value = "pib_par_habitant"
    ranking = explorer.figures["ranking"]
    assert shown_figures(explorer) == [ranking]
    assert "PIB" in ranking.layout.title.text or "Produit" in ranking.layout.title.text
    explorer.indicator.value = "taux_chomage"
    assert explorer.figures["ranking"] is ranking
    assert "chômage" in ranking.layout.title.text.lower()
    explorer.view.value = "map"
    assert explorer.figures["map"].data and explorer.errors.outputs == ()
    explorer.view.value = "radar"


def test_no_regional_value_shows_a_french_empty_state(explorer: IndicesExplorer) -> None:
    values = explorer.data.values.copy()
    values.loc[values["indicator_id"] == "taux_chomage", "value"] = float("nan")
    data = type(explorer.data)(values=values, indicators=explorer.data.indicators)
    empty = IndicesExplorer(data=data, view="ranking", indicator="taux_chomage")
    assert "Aucune valeur régionale" in empty.status.value


def test_bad_data_gives_a_french_message_not_a_traceback(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_copy / "regions_indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("7.3", "abc", 1), encoding="utf-8")
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(data_copy))
    shown = indices_explorer()
    assert isinstance(shown, ipw.HTML)
    assert "regions_indicators.csv" in shown.value and "ligne 2" in shown.value
    assert "Traceback" not in shown.value


def test_controls_are_labelled_in_french(explorer: IndicesExplorer) -> None:
    assert explorer.region.description == f"Région{NBSP}:"
    assert explorer.compare.description == f"Comparer avec{NBSP}:"
    assert [label for label, _ in explorer.view.options] == ["Radar", "Carte", "Classement"]


def test_shared_computations_follow_the_data_object_not_its_address() -> None:
    """Two explorers on one data object share their computations; a new data object (even at
    the address of a dropped one) gets its own, with its own region names."""
    data = load_indicator_data()
    assert precomputed(data) is precomputed(data)
    for round_ in range(4):
        values = data.values.copy()
        values.loc[values["region_code"] == "32", "region_name"] = f"Région {round_}"
        other = IndicatorData(values, data.indicators)
        shared = precomputed(other)
        assert shared.data is other
        title = shared.radar_selection("32", None)[1]["title"]["text"]
        assert title == f"Profil de fragilité{NBSP}: Région {round_}"
        del other, shared, values


def test_the_radar_updater_compares_values_by_identity_not_address() -> None:
    """A value that equals the last one's address but is another object is assigned."""
    updater = RadarUpdater.__new__(RadarUpdater)
    updater._applied = {}
    kept = ["même objet"]
    assert updater._changed(("r",), kept) is True
    assert updater._changed(("r",), kept) is False
    for round_ in range(6):
        assert updater._changed(("x",), [round_]) is True  # each list dies after the call
