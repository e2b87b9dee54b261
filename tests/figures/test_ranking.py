"""Ranking bars: most fragile first whatever the direction, FM as a line, gaps named."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.figures.conftest import without
from widgets.figures import describe
from widgets.figures.ranking import ranking_figure
from widgets.figures.theme import COLORS, caption_text
from widgets.french import NBSP, NNBSP

UNEMPLOYMENT_ORDER = [
    "Hauts-de-France",  # 10.4
    "Occitanie",  # 10.0
    "Provence-Alpes-Côte d'Azur",  # 9.7
    "Corse",  # 8.5
    "Normandie",  # 8.3
    "Grand Est",  # 8.1
    "Centre-Val de Loire",  # 8.0
    "Nouvelle-Aquitaine",  # 7.8
    "Bourgogne-Franche-Comté",  # 7.4, tie broken alphabetically
    "Île-de-France",  # 7.4
    "Auvergne-Rhône-Alpes",  # 7.3
    "Pays de la Loire",  # 7.1
    "Bretagne",  # 7.0
]


@pytest.fixture(scope="module")
def chomage(values: pd.DataFrame, indicators: pd.DataFrame) -> dict[str, Any]:
    return ranking_figure(values, indicators, "taux_chomage", highlight="53").to_dict()


def test_bars_go_from_most_to_least_fragile(chomage: dict[str, Any]) -> None:
    bar = chomage["data"][0]
    assert bar["type"] == "bar" and bar["orientation"] == "h"
    assert bar["y"] == UNEMPLOYMENT_ORDER
    assert bar["x"][:3] == [10.4, 10.0, 9.7] and bar["x"][-1] == 7.0
    assert chomage["layout"]["yaxis"]["autorange"] == "reversed"  # first bar on top
    assert bar["text"][0] == f"10,4{NBSP}%" and bar["text"][-1] == f"7,0{NBSP}%"


def test_lower_is_more_fragile_puts_the_lowest_first(
    values: pd.DataFrame, indicators: pd.DataFrame
) -> None:
    fig = ranking_figure(values, indicators, "pib_par_habitant").to_dict()
    bar = fig["data"][0]
    assert bar["y"][0] == "Corse" and bar["y"][-1] == "Île-de-France"
    assert bar["x"] == sorted(bar["x"])
    assert bar["text"][0] == f"28{NNBSP}156"  # the long unit goes on the axis title
    assert fig["layout"]["xaxis"]["title"]["text"] == "euros courants par habitant"
    assert "une valeur plus basse est plus fragile" in fig["layout"]["title"]["subtitle"]["text"]


def test_national_rate_is_a_reference_line(chomage: dict[str, Any]) -> None:
    (line,) = chomage["layout"]["shapes"]
    assert (line["type"], line["x0"], line["x1"], line["yref"]) == ("line", 8.2, 8.2, "paper")
    label = next(a for a in chomage["layout"]["annotations"] if a.get("name") == "national")
    assert label["text"] == f"France métropolitaine{NBSP}: 8,2{NBSP}%"
    assert len(chomage["data"]) == 1  # FM is not a 14th bar


def test_highlighted_region_has_its_own_colour_and_a_bold_label(chomage: dict[str, Any]) -> None:
    colours = chomage["data"][0]["marker"]["color"]
    position = UNEMPLOYMENT_ORDER.index("Bretagne")
    assert colours[position] == COLORS["highlight"]
    assert {c for i, c in enumerate(colours) if i != position} == {COLORS["bar"]}
    assert chomage["layout"]["yaxis"]["ticktext"][position] == "<b>Bretagne</b>"


def test_hover_title_caption_and_meta(chomage: dict[str, Any]) -> None:
    hover = chomage["data"][0]["hovertext"][0]
    assert hover == (
        f"<b>Hauts-de-France</b><br>10,4{NBSP}% (2019)<br>rang 1 sur 13 (1 = le plus fragile)"
    )
    assert chomage["layout"]["title"]["text"].startswith("Taux de chômage (au sens du BIT)")
    text = caption_text(go.Figure(chomage))
    assert text.startswith(
        f"Source{NBSP}: Insee Références « Emploi, chômage, revenus du travail »"
    )
    assert text.endswith("(2019).")
    meta = chomage["layout"]["meta"]
    assert (meta["kind"], meta["year"], meta["indicator_id"]) == ("ranking", 2019, "taux_chomage")
    assert meta["source"].startswith("Insee Références")
    assert meta["order"][0] == "32" and meta["highlight"] == "53" and meta["missing"] == []


def test_missing_region_is_listed_not_drawn(values: pd.DataFrame, indicators: pd.DataFrame) -> None:
    fig = ranking_figure(without(values, "94", "taux_chomage"), indicators, "taux_chomage")
    bar = fig.to_dict()["data"][0]
    assert "Corse" not in bar["y"] and len(bar["x"]) == 12 and 0 not in bar["x"]
    assert f"Donnée manquante{NBSP}: Corse." in caption_text(fig)
    assert fig.layout.meta["missing"] == ["94"]
    assert "1 région sans donnée" in describe(fig)


def test_missing_national_value_has_no_line(values: pd.DataFrame, indicators: pd.DataFrame) -> None:
    fig = ranking_figure(values, indicators, "taux_chomage_15_24")
    assert fig.to_dict()["layout"].get("shapes", []) == []
    assert "Valeur France métropolitaine non disponible" in caption_text(fig)
    assert fig.layout.meta["national"] is None


def test_describe_the_ranking(chomage: dict[str, Any]) -> None:
    assert describe(chomage) == (
        f"Classement des régions pour «{NBSP}Taux de chômage (au sens du BIT), moyenne "
        f"annuelle{NBSP}»{NBSP}: "
        f"la plus fragile est Hauts-de-France (10,4{NBSP}%), "
        f"la moins fragile Bretagne (7,0{NBSP}%){NBSP}; France métropolitaine{NBSP}: "
        f"8,2{NBSP}%{NBSP}; "
        "données 2019."
    )


def test_unknown_indicator_raises(values: pd.DataFrame, indicators: pd.DataFrame) -> None:
    with pytest.raises(KeyError):
        ranking_figure(values, indicators, "inconnu")


def test_a_short_source_column_wins(values: pd.DataFrame, indicators: pd.DataFrame) -> None:
    table = indicators.assign(source_short="Insee, Chômage dans les régions")
    fig = ranking_figure(values, table, "taux_chomage")
    assert caption_text(fig).startswith(f"Source{NBSP}: Insee, Chômage dans les régions (2019).")
    assert fig.layout.meta["source"] == "Insee, Chômage dans les régions"
