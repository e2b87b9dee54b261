"""One theme, three sizes: :func:`widgets.figures.fit.fit` on plotly JSON (the drawn result is
checked in Chromium by ``tests/browser/test_figure_layout.py``)."""

from __future__ import annotations

import json
from typing import Any

from widgets.figures import barometer_figures
from widgets.figures.fit import fit, rewrap
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
