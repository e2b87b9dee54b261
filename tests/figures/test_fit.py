"""One theme, three sizes: :func:`widgets.figures.fit.fit` on plotly JSON (the drawn result is
checked in Chromium by ``tests/browser/test_figure_layout.py``)."""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

from widgets.figures import barometer_figures
from widgets.figures.fit import fit, rewrap
from widgets.figures.fit_radar import BAND
from widgets.loaders import load_seed_figures


def _practices() -> dict[str, Any]:
    return json.loads(barometer_figures(load_seed_figures())["pratiques"].to_json())


def test_rewrap_undoes_a_builders_wrapping_but_keeps_its_sentences() -> None:
    text = "Source : Le RAMEAU (doc. 001).<br>Les TPE pratiquent surtout le mécénat de proximité."
    lines = rewrap(text, 30).split("<br>")
    assert lines[0] == "Source : Le RAMEAU (doc. 001)."
    assert all(len(line) <= 30 for line in lines)
    assert rewrap("un deux<br>trois quatre", 40) == "un deux trois quatre"


def test_notebook_scales_every_font_and_leaves_the_width_to_the_container() -> None:
    figure = _practices()
    shown = fit(figure, "notebook")
    template = shown["layout"]["template"]["layout"]
    assert template["font"]["size"] == round(24 * 0.62)
    assert template["title"]["font"]["size"] == round(34 * 0.62)
    assert "width" not in shown["layout"] and shown["layout"]["autosize"] is True
    assert shown["layout"]["height"] < figure["layout"]["height"]
    assert figure["layout"]["template"]["layout"]["font"]["size"] == 24  # the input is untouched


def test_screen_keeps_the_type_and_wraps_labels_instead_of_rotating_them() -> None:
    shown = fit(_practices(), "screen")
    assert shown["layout"]["template"]["layout"]["font"]["size"] == 24
    assert shown["layout"]["xaxis"]["tickangle"] == 0
    assert shown["layout"]["title"]["yref"] == "container"


def test_phone_lays_columns_down_as_rows() -> None:
    shown = fit(_practices(), "phone")
    (bars,) = shown["data"]
    assert bars["orientation"] == "h"
    assert bars["y"][0].replace("<br>", " ") == "Pratiques responsables"
    assert shown["layout"]["meta"]["context"] == "phone"


def _explorer(view: str, compare: str | None = None) -> dict[str, Any]:
    from widgets.figures.explorer import ExplorerModel
    from widgets.loaders import load_indicator_data

    model = ExplorerModel(load_indicator_data())
    return json.loads(model.figure(view, "32", compare, "taux_chomage").to_json())


def _caption(figure: dict[str, Any]) -> dict[str, Any]:
    return next(a for a in figure["layout"]["annotations"] if a.get("name") == "caption")


def test_screen_radar_puts_legend_and_caption_in_bands_beside_the_circle() -> None:
    shown = fit(_explorer("radar", "94"), "screen")
    layout = shown["layout"]
    left, right = layout["polar"]["domain"]["x"]
    assert BAND < left < 0.5 < right < 1 - BAND  # the circle in the middle half
    assert (layout["legend"]["orientation"], layout["legend"]["x"]) == ("v", 0)
    caption = _caption(shown)
    assert (caption["x"], caption["xanchor"], caption["y"], caption["yanchor"]) == (
        1,
        "right",
        0,
        "bottom",
    )
    assert layout["margin"]["b"] <= 20  # no room under the plot for a caption that is beside
    longest = max(len(line) for line in caption["text"].split("<br>"))
    assert longest * 20 * 0.56 <= BAND * (1800 - 120)  # wrapped for its band


def test_phone_radar_numbers_its_axes_and_lists_their_names_above_the_caption() -> None:
    figure = _explorer("radar")
    shown = fit(figure, "phone")
    angular = shown["layout"]["polar"]["angularaxis"]
    axes = list(dict.fromkeys(figure["data"][0]["theta"]))
    assert angular["tickvals"] == axes
    assert angular["ticktext"] == [str(n) for n in range(1, len(axes) + 1)]
    lines = _caption(shown)["text"].split("<br>")
    assert lines[0] == "1\u00a0Chômage"
    assert lines[len(axes) - 1].startswith(f"{len(axes)}\u00a0")
    assert any(line.startswith("Sources") for line in lines[len(axes) :])
    assert shown["data"][0]["hovertext"] == figure["data"][0]["hovertext"]  # names on hover


def test_phone_map_lays_its_colour_bar_under_the_map_and_the_caption_under_the_bar() -> None:
    shown = fit(_explorer("map"), "phone")
    bar = shown["data"][1]["colorbar"]
    assert (bar["orientation"], bar["yanchor"], bar["title"]["side"]) == ("h", "top", "top")
    assert "<br>" not in bar["title"]["text"]  # « % foncé = plus fragile » on one line
    assert _caption(shown)["yshift"] < -40  # under the bar, its ticks and its title


def test_screen_map_leaves_bands_for_its_colour_bar_and_caption() -> None:
    shown = fit(_explorer("map"), "screen")
    assert shown["layout"]["geo"]["domain"]["x"] == [BAND, 1 - BAND]
    assert shown["data"][1]["colorbar"]["x"] == 0
    assert _caption(shown)["xanchor"] == "right"


def test_stacked_questions_leave_room_for_each_title_under_the_row_above() -> None:
    """The live room's results: a question of three lines no longer sits on the tick labels of
    the question above; each row keeps its height, the figure grows by the titles' room."""
    from tests.live.room_answers import ANSWERS, BANK
    from widgets.banks import load_banks
    from widgets.figures.room import counts_figure
    from widgets.room.aggregate import option_counts

    bank = load_banks()[BANK]
    answers = {str(index): given for index, given in enumerate(ANSWERS)}
    figure = json.loads(counts_figure(option_counts(bank, answers), bank.title).to_json())
    shown = fit(figure, "screen")
    layout = shown["layout"]
    plot_h = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    rows = sorted(
        (value["domain"] for key, value in layout.items() if key.startswith("yaxis")),
        key=lambda domain: -domain[1],
    )
    titles = {round(a["y"], 6): a for a in layout["annotations"] if a.get("yanchor") == "bottom"}
    before = figure["layout"]
    before_h = before["height"] - before["margin"]["t"] - before["margin"]["b"]
    first = before["yaxis"]["domain"]
    assert abs((rows[0][1] - rows[0][0]) * plot_h - (first[1] - first[0]) * before_h) < 1
    for above, row in pairwise(rows):
        title = titles[round(row[1], 6)]
        lines = title["text"].count("<br>") + 1
        gap = (above[0] - row[1]) * plot_h
        assert gap >= lines * title["font"]["size"] * 1.3 + 24 * 1.8, (gap, lines)
    assert layout["height"] > figure["layout"]["height"]
