"""Module 1 barometer: every number on screen is a number of the seed table."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.figures.conftest import DOC_001, SEED_FIGURES
from widgets.errors import DataError
from widgets.figures import describe
from widgets.figures.barometer import barometer_figures, source_label
from widgets.figures.theme import caption_text
from widgets.french import NBSP, NNBSP

DEFAULT_SOURCE = f"Source{NBSP}: Le RAMEAU, Observatoire des partenariats (doc. 001)."


@pytest.fixture
def figures(seed_figures: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {k: f.to_dict() for k, f in barometer_figures(seed_figures).items()}


def seed(figure_id: str) -> float:
    return SEED_FIGURES[figure_id][0]


def test_three_screens(figures: dict[str, dict[str, Any]]) -> None:
    assert list(figures) == ["pratiques", "perimetre", "dynamique"]
    for fig in figures.values():
        assert caption_text(go.Figure(fig)).startswith(DEFAULT_SOURCE)
        assert fig["layout"]["meta"]["kind"] == "barometer"
        assert fig["layout"]["template"]["layout"]["font"]["size"] >= 22


def test_practices_bars_equal_the_table(figures: dict[str, dict[str, Any]]) -> None:
    fig = figures["pratiques"]
    bar = fig["data"][0]
    ids = ["pratiques_responsables_pct", "mecenat_pct", "cooperation_economique_pct"]
    ids.append("innovation_societale_pct")
    assert bar["y"] == [seed(i) for i in ids] == [42, 30, 25, 16]
    assert bar["x"] == [
        "Pratiques responsables",
        "Mécénat",
        "Coopération économique",
        "Innovation sociétale",
    ]
    assert bar["text"] == [f"42{NBSP}%", f"30{NBSP}%", f"25{NBSP}%", f"16{NBSP}%"]
    title = fig["layout"]["title"]
    assert title["text"] == (
        f"Plus de 675{NNBSP}000 partenariats concernent les entreprises de plus de 10 salariés"
    )
    assert title["subtitle"]["text"].startswith("Part de ces entreprises")
    assert f"sur 1,2{NBSP}million de partenariats" in title["subtitle"]["text"]
    assert f"Réponses multiples{NBSP}: le total dépasse 100{NBSP}%." in title["subtitle"]["text"]
    caption_shown = caption_text(go.Figure(fig))
    assert f"«{NBSP}représentant les 50{NBSP}% restant{NBSP}» selon la source" in caption_shown
    assert "il en reste moins de la moitié" in caption_shown
    assert bar["hovertext"][0] == f"<b>Libellé de pratiques_responsables_pct</b><br>42{NBSP}%"


def test_scope_bars_equal_the_table(figures: dict[str, dict[str, Any]]) -> None:
    fig = figures["perimetre"]
    bar = fig["data"][0]
    assert bar["x"] == ["Local", "Régional", "National", "International"]
    assert bar["y"] == [74, 51, 25, 16]
    assert bar["text"][0] == f"74{NBSP}%"
    assert "Réponses multiples" in fig["layout"]["title"]["subtitle"]["text"]
    assert fig["layout"]["meta"]["multiple_answers"] is True


def test_dynamics_tiles_equal_the_table(figures: dict[str, dict[str, Any]]) -> None:
    fig = figures["dynamique"]
    tiles = fig["data"]
    assert [t["type"] for t in tiles] == ["indicator"] * 4
    assert [t["value"] for t in tiles] == [53, 8.5, 76, 46]
    assert [t["number"]["suffix"] for t in tiles] == [
        f"{NBSP}%",
        f"{NBSP}points",
        f"{NBSP}%",
        f"{NBSP}%",
    ]
    assert tiles[1]["number"]["prefix"] == "+"
    assert "+7 points depuis 2011" in tiles[0]["title"]["text"]
    assert "en 5 ans" in tiles[1]["title"]["text"]
    assert f"(compris dans les 76{NBSP}%)" in tiles[3]["title"]["text"]
    assert fig["layout"]["template"]["layout"]["separators"] == f",{NNBSP}"  # « 8,5 »
    assert fig["layout"]["meta"]["texts"] == [
        f"53{NBSP}%",
        f"+8,5{NBSP}points",
        f"76{NBSP}%",
        f"46{NBSP}%",
    ]


def test_numbers_follow_the_table_not_the_code(seed_figures: pd.DataFrame) -> None:
    changed = seed_figures.copy()
    changed.loc[changed["figure_id"] == "mecenat_pct", "value"] = 31
    changed.loc[changed["figure_id"] == "associations_hausse_points", "value"] = 8
    figs = barometer_figures(changed)
    assert figs["pratiques"].data[0].y[1] == 31
    assert "+8 points depuis 2011" in figs["dynamique"].data[0].title.text


def test_source_labels_can_be_given(seed_figures: pd.DataFrame) -> None:
    figs = barometer_figures(seed_figures, source_labels={DOC_001: "Le RAMEAU (2017)"})
    assert caption_text(figs["perimetre"]) == f"Source{NBSP}: Le RAMEAU (2017)."
    assert source_label("004_331fb6bdea7adcf7.txt") == "Le RAMEAU (doc. 004)"
    mixed = seed_figures.copy()
    mixed.loc[mixed["figure_id"] == "perimetre_local_pct", "source_document"] = "000_x.txt"
    assert caption_text(barometer_figures(mixed)["perimetre"]) == (
        f"Sources{NBSP}: Le RAMEAU (doc. 000){NBSP}; Le RAMEAU, Observatoire des partenariats "
        f"(doc. 001)."
    )


def test_a_missing_figure_is_named(seed_figures: pd.DataFrame) -> None:
    with pytest.raises(DataError, match="maires_emergente_pct"):
        barometer_figures(seed_figures[seed_figures["figure_id"] != "maires_emergente_pct"])


def test_validate_requires_every_figure_the_barometer_draws(
    seed_figures: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``parcours validate`` refuses a table the barometer could not draw."""
    import widgets.figures.barometer as barometer
    from widgets.loaders.checks import REQUIRED_FIGURES

    drawn: list[str] = []
    monkeypatch.setattr(barometer, "_require", lambda _table, ids: drawn.extend(ids))
    barometer_figures(seed_figures)
    assert set(drawn) == set(REQUIRED_FIGURES["seed_figures.csv"])


def test_describe_each_screen(figures: dict[str, dict[str, Any]]) -> None:
    assert describe(figures["pratiques"]) == (
        f"Baromètre des partenariats{NBSP}: pratiques partenariales des entreprises de plus de "
        f"10 salariés (plus de 675{NNBSP}000 partenariats{NBSP}; parts d'entreprises) — "
        f"pratiques responsables 42{NBSP}%, "
        f"mécénat 30{NBSP}%, coopération économique 25{NBSP}% et innovation sociétale "
        f"16{NBSP}% (réponses multiples)."
    )
    assert describe(figures["perimetre"]).startswith(
        f"Baromètre des partenariats{NBSP}: périmètre géographique des partenariats — local "
        f"74{NBSP}%"
    )
    assert describe(figures["dynamique"]).startswith(
        f"Baromètre des partenariats{NBSP}: 53{NBSP}% des associations employeuses"
    )
