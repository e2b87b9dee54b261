"""The fragility radar, read through ``fig.to_dict()``: values, order, gaps, words, updates."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.figures.conftest import without
from widgets.figures import describe
from widgets.figures.radar import (
    SHORT_LABELS_FR,
    TRACE_ROLES,
    _axes,
    apply_radar_selection,
    radar_figure,
    radar_layout_updates,
    radar_trace_updates,
)
from widgets.figures.theme import caption_text
from widgets.french import NBSP
from widgets.scoring.indices import normalise_all, radar_profile

FM_GAPS = ["taux_chomage_15_24", "taux_coups_blessures_volontaires"]


def closed(values: list[Any]) -> list[Any]:
    return [*values, values[0]]


def as_r(profile: pd.Series) -> list[float | None]:
    return closed([None if math.isnan(v) else v for v in profile])


@pytest.fixture(scope="module")
def fig(scores: pd.DataFrame, indicators: pd.DataFrame) -> dict[str, Any]:
    return radar_figure(scores, indicators, "32", compare_code="53").to_dict()


def test_three_traces_in_a_fixed_order(fig: dict[str, Any]) -> None:
    assert [t["type"] for t in fig["data"]] == ["scatterpolar"] * 3
    assert [t["name"] for t in fig["data"]] == [
        "Hauts-de-France",
        "France métropolitaine",
        "Bretagne",
    ]
    assert len(TRACE_ROLES) == 3
    assert all(t["visible"] is True and t["connectgaps"] is False for t in fig["data"])


def test_r_is_the_score_profile_closed_on_itself(fig: dict[str, Any], scores: pd.DataFrame) -> None:
    for trace, code in zip(fig["data"], ["32", "FM", "53"], strict=True):
        assert trace["r"] == as_r(radar_profile(scores, code))
    assert fig["data"][0]["r"][0] == 10.0  # Hauts-de-France: the highest unemployment


def test_theta_is_short_french_labels_in_indicator_order(
    fig: dict[str, Any], indicators: pd.DataFrame
) -> None:
    theta = fig["data"][0]["theta"]
    assert len(theta) == 14 and theta[0] == theta[-1] == "Chômage"
    expected = [SHORT_LABELS_FR[i] for i in indicators["indicator_id"]]
    assert [t.replace("<br>", " ") for t in theta[:-1]] == expected
    assert all(len(line) <= 14 for t in theta for line in t.split("<br>"))


def test_missing_national_values_are_gaps_not_zeros(
    fig: dict[str, Any], indicators: pd.DataFrame
) -> None:
    order = list(indicators["indicator_id"])
    national = fig["data"][1]["r"]
    assert [order[i] for i, r in enumerate(national[:-1]) if r is None] == FM_GAPS
    assert 0 not in [national[order.index(i)] for i in FM_GAPS]
    assert (
        f"Donnée manquante pour la France métropolitaine{NBSP}: Chômage des 15-24 ans "
        "et Coups et blessures." in caption_text_of(fig)
    )


def caption_text_of(fig: dict[str, Any]) -> str:
    return caption_text(go.Figure(fig))


def test_hover_shows_raw_value_unit_year_and_score(fig: dict[str, Any]) -> None:
    first = fig["data"][0]["hovertext"][0]
    assert first.startswith("<b>Hauts-de-France</b>")
    assert f"10,4{NBSP}% (2019)" in first
    assert f"score{NBSP}: 10,0 / 10" in first
    gdp = fig["data"][0]["hovertext"][2]
    assert f"28{chr(0x202F)}297{NBSP}euros courants par habitant (2019)" in gdp
    assert "plus fragile plus la valeur est basse" in gdp
    assert fig["data"][0]["hoverinfo"] == "text"


def test_layout_title_axis_caption_and_meta(fig: dict[str, Any]) -> None:
    layout = fig["layout"]
    assert layout["title"]["text"] == f"Profil de fragilité{NBSP}: Hauts-de-France"
    assert layout["title"]["subtitle"]["text"].startswith(
        "Comparé à la France métropolitaine et à la région Bretagne · 13 indicateurs"
    )
    assert layout["polar"]["radialaxis"]["range"] == [0, 10]
    assert (
        "0 = situation la plus favorable, 10 = la plus critique"
        in (layout["title"]["subtitle"]["text"])
    )
    text = caption_text_of(fig)
    assert (
        f"Sources{NBSP}: Insee Références (2019){NBSP}; Insee (2013, 2014, 2015, 2016, 2018 et "
        f"2019)" in text
    )
    assert f"SSMSI (2019){NBSP}; Handidonnées (2018 et 2020)." in text
    assert "Années différentes selon l'indicateur" in text
    meta = layout["meta"]
    assert meta["kind"] == "radar" and meta["year"] == "2013–2020"
    assert meta["source"].startswith("Insee Références (2019)")
    assert meta["years"]["taux_chomage"] == 2019
    assert (meta["region_code"], meta["compare_code"], meta["national"]) == ("32", "53", True)
    assert meta["missing"] == {"FM": ["Chômage des 15-24 ans", "Coups et blessures"]}


def test_describe_the_radar(fig: dict[str, Any]) -> None:
    text = describe(fig)
    assert text.startswith(
        f"Radar de fragilité{NBSP}: Hauts-de-France comparé à la France métropolitaine "
        "et à la région Bretagne sur 13 indicateurs"
    )
    assert "score maximal pour Chômage, Chômage des 15-24 ans" in text
    assert "2 données manquantes" in text and text.endswith("données de 2013 à 2020.")


def test_optional_traces_are_hidden_not_removed(
    scores: pd.DataFrame, indicators: pd.DataFrame
) -> None:
    data = radar_figure(scores, indicators, "53", national=False).to_dict()["data"]
    assert [t["visible"] for t in data] == [True, False, False]
    assert data[1]["r"] == [] and data[2]["r"] == []
    same = radar_trace_updates(scores, indicators, "53", compare_code="53")
    assert [u["visible"] for u in same] == [True, True, False]
    national = radar_trace_updates(scores, indicators, "FM")
    assert [u["visible"] for u in national] == [True, False, False]


def test_in_place_update_equals_a_fresh_figure(
    scores: pd.DataFrame, indicators: pd.DataFrame
) -> None:
    fig = radar_figure(scores, indicators, "32", compare_code="53")
    apply_radar_selection(fig, scores, indicators, "94", compare_code="11", national=False)
    fresh = radar_figure(scores, indicators, "94", compare_code="11", national=False)
    assert fig.to_dict() == fresh.to_dict()


def test_updates_are_plain_assignable_dicts(scores: pd.DataFrame, indicators: pd.DataFrame) -> None:
    updates = radar_trace_updates(scores, indicators, "32", "53")
    assert [sorted(u) for u in updates] == [["hovertext", "name", "r", "theta", "visible"]] * 3
    updates[0]["r"][0] = -1  # mutating a result must not leak into the next selection
    assert radar_trace_updates(scores, indicators, "32", "53")[0]["r"][0] == 10.0
    layout = radar_layout_updates(scores, indicators, "32", "53")
    assert set(layout) >= {"title", "annotations", "meta"}


def test_figure_widget_batch_update(scores: pd.DataFrame, indicators: pd.DataFrame) -> None:
    pytest.importorskip("anywidget")
    widget = go.FigureWidget(radar_figure(scores, indicators, "32"))
    apply_radar_selection(widget, scores, indicators, "53", compare_code="94")
    assert widget.data[0].name == "Bretagne" and widget.data[2].visible is True
    assert list(widget.data[2].r[:-1]) == [
        None if math.isnan(v) else v for v in radar_profile(scores, "94")
    ]


def test_unknown_region_raises_and_leaves_the_figure_unchanged(
    scores: pd.DataFrame, indicators: pd.DataFrame
) -> None:
    fig = radar_figure(scores, indicators, "32")
    before = fig.to_dict()
    with pytest.raises(KeyError):
        apply_radar_selection(fig, scores, indicators, "99")
    assert fig.to_dict() == before


def test_a_missing_region_value_is_a_gap_named_in_the_caption(
    values: pd.DataFrame, indicators: pd.DataFrame
) -> None:
    scores = normalise_all(without(values, "53", "taux_pauvrete"), indicators)
    fig = radar_figure(scores, indicators, "53")
    assert fig.to_dict()["data"][0]["r"][3] is None
    text = caption_text(fig)
    assert f"Donnée manquante pour Bretagne{NBSP}: Pauvreté." in text
    assert f"Échelle calculée sur moins de 13 régions pour{NBSP}: Pauvreté." in text


def test_all_equal_and_outside_scale_are_said(indicators: pd.DataFrame) -> None:
    codes = ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"]
    rows = []
    for n, code in enumerate([*codes, "FM"]):
        rows.append((code, "taux_chomage", 5.0))  # every region equal
        rows.append((code, "taux_pauvrete", 40.0 if code == "FM" else float(n)))
    values = pd.DataFrame(rows, columns=["region_code", "indicator_id", "value"])
    values["region_name"] = values["region_code"]
    two = indicators[indicators["indicator_id"].isin(["taux_chomage", "taux_pauvrete"])]
    scores = normalise_all(values, two)
    fig = radar_figure(scores, two, "32")
    text = caption_text(fig)
    assert f"Échelle non définie (toutes les régions à égalité) pour{NBSP}: Chômage." in text
    assert f"Hors de l'intervalle des régions (point au-delà du bord) pour{NBSP}: Pauvreté." in text
    national = fig.to_dict()["data"][1]
    assert national["r"][0] is None and national["r"][1] > 10
    assert "(hors de l'échelle régionale)" in national["hovertext"][1]


def test_each_table_gets_its_own_axes_even_at_a_recycled_address(
    scores: pd.DataFrame, indicators: pd.DataFrame
) -> None:
    """Tables made and dropped one after the other (CPython often gives the next one the
    address of the last): each title names the regions of the table it was drawn from."""
    for round_ in range(6):
        renamed = scores.copy()
        renamed.loc[renamed["region_code"] == "32", "region_name"] = f"Région {round_}"
        title = radar_layout_updates(renamed, indicators, "32")["title"]["text"]
        assert title == f"Profil de fragilité{NBSP}: Région {round_}"
        del renamed


def test_the_same_tables_share_their_axes(scores: pd.DataFrame, indicators: pd.DataFrame) -> None:
    assert _axes(scores, indicators) is _axes(scores, indicators)
    assert _axes(scores.copy(), indicators) is not _axes(scores, indicators)
