"""Text read from a file reaches a figure as text, never as markup (one escaping path:
:func:`widgets.figures.theme.plain`, also applied by ``wrap_text``).

Plotly reads ``<a href>``, ``<b>``… in legends, titles, ticks and hovers: a replay's title, a
region name or a bank's label holding a link must show the characters, not a clickable link.
"""

from __future__ import annotations

from typing import Any

from widgets.banks import DiagnosticBank, validate_bank
from widgets.figures.explorer import ExplorerModel
from widgets.figures.profile import profile_figure
from widgets.figures.room import group_profile_figure
from widgets.figures.theme import plain, wrap_text
from widgets.loaders import load_indicator_data, load_regions_geojson
from widgets.scoring.diagnostic import score_diagnostic

LINK = '<a href="https://exemple.org">cliquez</a>'
SHOWN = '&lt;a href="https://exemple.org"&gt;cliquez&lt;/a&gt;'


def texts(figure: Any) -> str:
    """What plotly draws: everything but ``layout.meta`` (data for the alt text, which the
    Jinja templates escape themselves)."""
    document = figure.to_dict()
    document["layout"].pop("meta", None)
    found: list[str] = []
    stack: list[Any] = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, str):
            found.append(item)
    return "\n".join(found)


def test_plain_and_wrap_escape_markup() -> None:
    assert plain(LINK) == SHOWN and plain("R&D") == "R&amp;D"
    assert (
        wrap_text("<b>gras</b> et <i>penché</i>", 10)
        == "&lt;b&gt;gras&lt;/b&gt;<br>et<br>&lt;i&gt;penché&lt;/i&gt;"
    )


def test_a_replay_title_in_the_diagnostic_legend_is_text() -> None:
    bank = validate_bank(
        {
            "schema_version": 1, "id": "essai", "version": "2", "kind": "diagnostic",
            "title": "Essai", "description": "Deux axes.",
            "scale": [{"value": v, "label": f"niveau {v}"} for v in range(5)],
            "axes": [{"id": "a", "label": f"Axe {LINK}"}, {"id": "b", "label": "Axe B"}],
            "items": [
                {"id": "a1", "axis": "a", "statement": "A1"},
                {"id": "b1", "axis": "b", "statement": "B1"},
            ],
            "stages": {"default": [{"min": 0, "label": "Bas"}, {"min": 50, "label": "Haut"}]},
        }
    )  # fmt: skip
    assert isinstance(bank, DiagnosticBank)
    result = score_diagnostic(bank, {"a1": 3, "b1": 1})
    figure = profile_figure(result, group={"a": 50, "b": 25}, group_label=f"Salle {LINK}")
    shown = texts(figure)
    assert "<a " not in shown and SHOWN in shown
    assert {trace.name for trace in figure.data} >= {f"Salle {SHOWN}"}


def test_room_figures_show_bank_texts_as_text() -> None:
    group = group_profile_figure([f"Axe {LINK}"], [50.0], [3], f"Atelier {LINK}")
    assert "<a " not in texts(group)


def test_region_names_from_the_data_are_text() -> None:
    data = load_indicator_data()
    values = data.values.copy()
    values.loc[values["region_code"] == "53", "region_name"] = f"Bretagne {LINK}"
    model = ExplorerModel(type(data)(values=values, indicators=data.indicators),
                          geojson=load_regions_geojson())  # fmt: skip
    indicator = str(data.indicators.index[0])
    for view in ("radar", "map", "ranking"):
        shown = texts(model.figure(view, "53", None, indicator))
        assert "<a " not in shown, view
        assert SHOWN in shown, view
