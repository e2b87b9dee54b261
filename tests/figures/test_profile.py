"""The profile figure: radar or bars, gaps for unanswered axes, overlays toggled in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from widgets.banks import DiagnosticBank, load_bank, validate_bank
from widgets.figures.profile import (
    apply_profile,
    describe_profile,
    overlay_scores,
    profile_figure,
)
from widgets.french import NBSP
from widgets.scoring.diagnostic import DiagnosticResult, score_diagnostic

BANKS = Path(__file__).resolve().parents[2] / "data" / "banks"

TWO_AXES: dict[str, Any] = {
    "schema_version": 1,
    "id": "essai",
    "version": "2",
    "kind": "diagnostic",
    "title": "Essai",
    "description": "Deux axes.",
    "scale": [{"value": v, "label": f"niveau {v}"} for v in range(5)],
    "axes": [{"id": "a", "label": "Axe A"}, {"id": "b", "label": "Axe B"}],
    "items": [
        {"id": "a1", "axis": "a", "statement": "A1"},
        {"id": "b1", "axis": "b", "statement": "B1"},
    ],
    "stages": {"default": [{"min": 0, "label": "Bas"}, {"min": 50, "label": "Haut"}]},
}


@pytest.fixture(scope="module")
def catalyst() -> DiagnosticBank:
    bank = load_bank(BANKS / "profil_catalyseur.yaml")
    assert isinstance(bank, DiagnosticBank)
    return bank


def partial(bank: DiagnosticBank) -> DiagnosticResult:
    """Dialogue at 3 (100), expérimentations at 1 (33,3), the other two axes unanswered."""
    answers = {i.id: 3 for i in bank.items if i.axis == "dialogue_territorial"}
    answers |= {i.id: 1 for i in bank.items if i.axis == "experimentations_collectives"}
    return score_diagnostic(bank, answers)


def test_radar_for_four_axes_closes_the_polygon_and_leaves_gaps(catalyst: DiagnosticBank) -> None:
    fig = profile_figure(partial(catalyst), title=catalyst.title).to_dict()
    own, earlier, group = fig["data"]
    assert [t["type"] for t in fig["data"]] == ["scatterpolar"] * 3
    assert own["r"] == [100.0, pytest.approx(100 / 3), None, None, 100.0]
    assert own["theta"] == [
        "Dialogue<br>territorial",
        "Expérimentations<br>collectives",
        "Accompagnements<br>(sans réponse)",
        "Gestion d'un lieu<br>(sans réponse)",
        "Dialogue<br>territorial",
    ]
    assert own["connectgaps"] is False and own["name"] == "Votre profil"
    assert (
        f"Votre score{NBSP}: 100 / 100<br>Palier{NBSP}: Métier au cœur de votre action"
        in own["hovertext"][0]
    )
    assert own["hovertext"][2] == "<b>Accompagnements</b><br>Aucune réponse sur cet axe"
    assert earlier["visible"] is False and group["visible"] is False
    assert fig["layout"]["polar"]["radialaxis"]["range"] == [0, 100]
    assert fig["layout"]["showlegend"] is False


def test_titles_and_caption_say_what_was_counted(catalyst: DiagnosticBank) -> None:
    layout = profile_figure(partial(catalyst), title=catalyst.title).to_dict()["layout"]
    assert layout["title"]["text"] == "Votre profil"
    assert layout["title"]["subtitle"]["text"].replace("<br>", " ") == (
        "Profil du catalyseur territorial · score de 0 à 100 par axe · 8 réponses sur 16"
    )
    caption = layout["annotations"][0]["text"].replace("<br>", " ")
    assert "Profil calculé sur 8 réponses sur 16" in caption
    assert f"pas de score, pour{NBSP}: Accompagnements et Gestion d'un lieu." in caption


def test_complete_answers_are_not_called_partial(catalyst: DiagnosticBank) -> None:
    result = score_diagnostic(catalyst, {item.id: 2 for item in catalyst.items})
    layout = profile_figure(result).to_dict()["layout"]
    assert layout["title"]["subtitle"]["text"].endswith("16 réponses")
    assert "Profil calculé sur" not in layout["annotations"][0]["text"]


def test_no_answer_at_all_draws_an_empty_profile(catalyst: DiagnosticBank) -> None:
    fig = profile_figure(score_diagnostic(catalyst, {})).to_dict()
    assert fig["data"][0]["r"] == [None] * 5
    assert fig["layout"]["meta"]["answered"] == 0


def test_bars_below_three_axes() -> None:
    bank = validate_bank(TWO_AXES)
    assert isinstance(bank, DiagnosticBank)
    result = score_diagnostic(bank, {"a1": 2})
    fig = profile_figure(result, earlier={"a": 75, "b": 25}).to_dict()
    own, earlier, group = fig["data"]
    assert [t["type"] for t in fig["data"]] == ["bar"] * 3
    assert own["orientation"] == "h"
    assert own["x"] == [50.0, None] and own["y"] == ["Axe A", "Axe B (sans réponse)"]
    assert own["text"] == ["50", ""]
    assert earlier["x"] == [75, 25] and earlier["marker"]["pattern"]["shape"] == "/"
    assert group["visible"] is False
    assert fig["layout"]["yaxis"]["autorange"] == "reversed"  # bank order, top to bottom
    assert fig["layout"]["meta"]["style"] == "bars"


def test_earlier_result_overlay_from_a_result_or_saved_scores(catalyst: DiagnosticBank) -> None:
    now = partial(catalyst)
    before = score_diagnostic(catalyst, {item.id: 0 for item in catalyst.items})
    fig = profile_figure(now, before, earlier_label="Résultat du 1er mars 2025").to_dict()
    earlier = fig["data"][1]
    assert earlier["visible"] is True and earlier["name"] == "Résultat du 1er mars 2025"
    assert earlier["r"] == [0.0] * 5
    assert f"Résultat du 1er mars 2025{NBSP}: 0 / 100" in earlier["hovertext"][0]
    assert fig["layout"]["showlegend"] is True
    assert fig["layout"]["meta"]["overlays"] == ["Résultat du 1er mars 2025"]
    # A record of an older bank version: unknown axes ignored, missing or odd values are gaps.
    saved = {"dialogue_territorial": 40, "gestion_lieu": "n.d.", "ancien_axe": 10}
    assert overlay_scores(saved, now) == [40.0, None, None, None]


def test_group_overlay_is_the_third_trace(catalyst: DiagnosticBank) -> None:
    fig = profile_figure(
        partial(catalyst), group={"accompagnements": 55.5}, group_label="Moyenne (12 personnes)"
    ).to_dict()
    group = fig["data"][2]
    assert group["visible"] is True and group["name"] == "Moyenne (12 personnes)"
    assert group["r"] == [None, None, 55.5, None, None]
    assert group["line"]["dash"] == "dash"  # not colour alone


def test_apply_profile_toggles_overlays_in_place(catalyst: DiagnosticBank) -> None:
    result = partial(catalyst)
    fig = profile_figure(result)
    same = apply_profile(fig, result, {"dialogue_territorial": 10})
    assert same is fig and fig.data[1].visible is True and fig.data[1].r[0] == 10
    apply_profile(fig, result)
    assert fig.data[1].visible is False and list(fig.data[1].r) == []
    assert fig.layout.meta["earlier"] is False


def test_describe_profile_in_french(catalyst: DiagnosticBank) -> None:
    fig = profile_figure(partial(catalyst), {"dialogue_territorial": 0}, title=catalyst.title)
    assert describe_profile(fig) == (
        f"Profil «{NBSP}Profil du catalyseur territorial{NBSP}» sur 4 axes, de 0 à 100{NBSP}: "
        "Dialogue territorial 100, Expérimentations collectives 33, Accompagnements sans réponse "
        f"et Gestion d'un lieu sans réponse{NBSP}; calculé sur 8 réponses sur 16{NBSP}; "
        f"comparé à{NBSP}: Résultat précédent."
    )
    assert describe_profile(fig.to_dict()) == describe_profile(fig)
    with pytest.raises(ValueError):
        describe_profile(go.Figure())
