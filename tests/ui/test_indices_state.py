"""The explorer's figure is a function of its controls, whatever clicks led there.

A property test (hypothesis) drives random sequences of changes — view, region, comparison,
indicator — and checks after each that the one figure on screen agrees with the controls, and
that no figure already shown was ever taken out of the page (plotly's front-end cannot survive
that: :mod:`widgets.ui.indices`). The same property is played in Chromium by
``tests/browser/test_explorer_state.py``.
"""

from __future__ import annotations

import functools
import html
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.figures import choropleth_figure, radar_layout_updates, ranking_figure
from widgets.loaders import load_regions_geojson
from widgets.scoring.indices import NATIONAL_CODE
from widgets.ui.indices import IndicesExplorer


@functools.cache
def shared_explorer() -> IndicesExplorer:
    """One explorer for every example: state carried from one sequence to the next is part of
    what is tested (a facilitator never starts again from a fresh page)."""
    return IndicesExplorer()


def _codes(control: Any) -> list[str]:
    return [code for _, code in control.options]


def expected_title(explorer: IndicesExplorer) -> str:
    """What the controls say the figure on screen must be titled (the builders' own text)."""
    data = explorer.data
    if explorer.view.value == "radar":
        layout = radar_layout_updates(
            explorer.scores, data.indicators, explorer.region.value, explorer.compare.value or None
        )
        return str(layout["title"]["text"])
    builder = ranking_figure if explorer.view.value == "ranking" else None
    if builder is not None:
        figure = ranking_figure(
            data.values, data.indicators, explorer.indicator.value, highlight=explorer.region.value
        )
    else:
        figure = choropleth_figure(
            data.values, data.indicators, explorer.indicator.value, load_regions_geojson()
        )
    return str(figure.layout.title.text)


def words(title: str) -> str:
    """A title's words: the figure is fitted to its context (lines wrapped again)."""
    return " ".join(str(title).replace("<br>", " ").split())


def check_agrees(explorer: IndicesExplorer) -> None:
    frames = [f for f in explorer.figure_box.children if f.layout.display != "none"]
    assert len(frames) == 1
    figure = frames[0].children[0]
    assert figure is explorer.figures[explorer.view.value]
    title = figure.layout.title.text
    view = explorer.view.value
    if view == "radar":
        assert words(title) == words(expected_title(explorer))
        shown = [t.name for t in figure.data if t.visible is not False]
        names = explorer.data.region_names()
        wanted = [names[explorer.region.value]]
        if explorer.region.value != NATIONAL_CODE:
            wanted.append(names[NATIONAL_CODE])
        compare = explorer.compare.value
        if compare and compare not in (explorer.region.value, NATIONAL_CODE):
            wanted.append(names[compare])
        assert shown == wanted
        assert names[explorer.region.value] in html.unescape(explorer.alt_text.value)
    else:
        meta = figure.layout.meta
        assert meta["kind"] == {"map": "choropleth", "ranking": "ranking"}[view]
        assert meta["indicator_id"] == explorer.indicator.value
        assert words(title) == words(expected_title(explorer))
        if view == "ranking":
            region = explorer.region.value
            assert meta["highlight"] == (region if region in meta["order"] else None)


ACTIONS = st.one_of(
    st.tuples(st.just("view"), st.sampled_from(["radar", "map", "ranking"])),
    st.tuples(st.just("region"), st.integers(0, 100)),
    st.tuples(st.just("compare"), st.integers(0, 100)),
    st.tuples(st.just("indicator"), st.integers(0, 100)),
)


@settings(max_examples=40, deadline=None)
@given(steps=st.lists(ACTIONS, min_size=1, max_size=12))
def test_the_figure_follows_the_controls_whatever_the_order(steps: list[tuple[str, Any]]) -> None:
    explorer = shared_explorer()
    for control, choice in steps:
        frames_before = list(explorer.figure_box.children)
        widget = getattr(explorer, control)
        if control == "view":
            widget.value = choice
        else:
            codes = _codes(widget)
            widget.value = codes[choice % len(codes)]
        # A frame once in the page stays there, in the same place.
        assert list(explorer.figure_box.children)[: len(frames_before)] == frames_before
        check_agrees(explorer)
    assert explorer.errors.outputs == ()
