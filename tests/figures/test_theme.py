"""The shared-screen theme and the French text helpers every figure relies on."""

from __future__ import annotations

import json
from importlib.resources import files

import pandas as pd
import plotly.graph_objects as go
import pytest

from widgets.figures.theme import (
    CAPTION_NAME,
    OKABE_ITO,
    TEMPLATE,
    TRACE_TYPES,
    apply_theme,
    caption,
    caption_text,
    wrap_text,
)
from widgets.french import (
    NBSP,
    NNBSP,
    decimals_for,
    format_number,
    format_value,
    format_years,
    join_fr,
    producer,
    short_source,
    year_span,
)


def test_template_is_plain_data_with_large_french_type() -> None:
    json.dumps(TEMPLATE)  # stored as data: serialisable as is
    layout = TEMPLATE["layout"]
    assert layout["font"]["size"] >= 22
    assert layout["title"]["font"]["size"] > layout["font"]["size"]
    assert layout["separators"] == f",{NNBSP}"  # decimal comma, narrow space between thousands
    assert layout["colorway"][:7] == [
        OKABE_ITO[k]
        for k in (
            "blue",
            "vermillion",
            "bluish_green",
            "reddish_purple",
            "orange",
            "sky_blue",
            "black",
        )
    ]
    family = layout["font"]["family"]
    assert family.endswith("sans-serif") and "http" not in family and "@import" not in family


def test_apply_theme_sets_the_template() -> None:
    fig = apply_theme(go.Figure(go.Bar(x=["a"], y=[1])))
    layout = fig.to_dict()["layout"]
    assert layout["template"]["layout"]["font"]["size"] == TEMPLATE["layout"]["font"]["size"]
    assert layout["template"]["layout"]["separators"] == f",{NNBSP}"


def test_apply_theme_is_the_template_merged_into_plotly_default() -> None:
    """The merge done once looks exactly like the merge plotly did on each figure, for every
    trace type parcours draws; the styles of the others are not carried."""
    themed = apply_theme(go.Figure(go.Bar(x=["a"], y=[1]))).to_dict()
    merged = go.Figure(go.Bar(x=["a"], y=[1])).update_layout(template=TEMPLATE).to_dict()
    ours, plotlys = themed["layout"].pop("template"), merged["layout"].pop("template")
    assert themed == merged
    assert set(ours["data"]) == set(TRACE_TYPES) < set(plotlys["data"])
    assert all(ours["data"][kind] == plotlys["data"][kind] for kind in TRACE_TYPES)
    assert "scene" not in ours["layout"] and "ternary" not in ours["layout"]
    assert ours["layout"] == {
        key: value for key, value in plotlys["layout"].items() if key not in ("scene", "ternary")
    }


def test_the_traces_styled_are_those_the_plotly_bundle_draws() -> None:
    """A trace type added to the dashboards' plotly bundle gets its template style too."""
    bundle = files("widgets").joinpath("static/plotly-widget.json").read_text(encoding="utf-8")
    assert sorted(json.loads(bundle)["traces"]) == sorted(TRACE_TYPES)


def test_caption_is_added_once_below_the_plot_and_keeps_other_annotations() -> None:
    fig = go.Figure()
    fig.add_annotation(text="autre", name="autre")
    caption(fig, "Source : Insee (2019).")
    caption(fig, "Source : Insee (2020).\nDeuxième ligne.")
    annotations = fig.to_dict()["layout"]["annotations"]
    names = [a.get("name") for a in annotations]
    assert names == ["autre", CAPTION_NAME]
    note = annotations[1]
    assert note["text"] == "Source : Insee (2020).<br>Deuxième ligne."
    assert (note["yref"], note["y"], note["yanchor"]) == ("paper", 0, "top")
    assert note["yshift"] < 0 and note["showarrow"] is False
    assert fig.layout.margin.b >= -note["yshift"] + 2 * 20
    assert caption_text(fig) == "Source : Insee (2020). Deuxième ligne."


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (10.4, None, "10,4"),
        (7.0, 1, "7,0"),
        (35015, None, f"35{NNBSP}015"),
        (1_200_000, 0, f"1{NNBSP}200{NNBSP}000"),
        (3.39, None, "3,39"),
        (-0.5, None, "\u22120,5"),
        (-0.0, 1, "0,0"),
        (None, None, "n.d."),
        (float("nan"), 1, "n.d."),
    ],
)
def test_format_number_in_french(value: float | None, decimals: int | None, expected: str) -> None:
    assert format_number(value, decimals) == expected


def test_format_value_and_years() -> None:
    assert format_value(42, "%") == f"42{NBSP}%"
    assert format_value(8.2, "%", 1) == f"8,2{NBSP}%"
    assert format_value(float("nan"), "%") == "n.d."
    assert decimals_for([7.0, 7.4, 10.4, float("nan")]) == 1
    assert decimals_for([3.39, 2.8]) == 2
    assert decimals_for([35015.0, 28156.0]) == 0
    assert format_years([2019]) == "2019"
    assert format_years([2020, 2018, 2018]) == "2018 et 2020"
    assert year_span([2013, 2020, 2015]) == "2013–2020"
    assert join_fr(["A", "B", "C"]) == "A, B et C"


def test_wrap_text_uses_br_and_an_ellipsis() -> None:
    assert (
        wrap_text("Santé de proximité à plus de 7 min", 18)
        == "Santé de proximité<br>à plus de 7 min"
    )
    assert wrap_text("un deux trois quatre cinq six", 6, max_lines=2) == "un<br>deux…"


def test_short_source_keeps_the_producer_and_drops_the_relay(indicators: pd.DataFrame) -> None:
    titles = dict(zip(indicators["indicator_id"], indicators["source_title"], strict=True))
    assert short_source(titles["taux_pauvrete"]) == (
        "Insee – Indicateurs territoriaux de développement durable, régions et départements"
    )
    assert short_source(titles["taux_chomage"]).startswith("Insee Références « Emploi, chômage")
    assert "redistributed" not in " ".join(short_source(t) for t in titles.values())
    assert {producer(t) for t in titles.values()} == {
        "Insee",
        "Insee Références",
        "SSMSI",
        "Handidonnées",
    }
