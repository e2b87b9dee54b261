"""Figures stored as base + patches: exact round trips, and the explorer's every selection."""

from __future__ import annotations

import json
from typing import Any

import pytest

from widgets.offline.build import indices_payload
from widgets.offline.explorer import selection_key
from widgets.offline.patches import DELETE, Pool, apply_patch, diff

CASES: list[tuple[Any, Any]] = [
    ({"a": 1}, {"a": 1}),
    ({"a": 1}, {"a": 1.0}),  # JSON types are kept: 1 and 1.0 differ
    ({"a": {"b": [1, 2]}}, {"a": {"b": [1, 2, 3]}}),
    ({"a": 1, "b": 2}, {"b": 3, "c": None}),
    ({"data": [{"r": [1, None]}, {"r": []}]}, {"data": [{"r": [2, None]}, {"r": [], "x": 1}]}),
    ({"data": [{"r": 1}]}, {"data": [{"r": 1}, {"r": 2}]}),
    ([1, 2], {"a": 1}),
]


@pytest.mark.parametrize(("base", "target"), CASES)
def test_apply_diff_gives_the_target(base: Any, target: Any) -> None:
    before = json.dumps(base)
    pool = Pool()
    patch = pool.pooled(diff(base, target))
    assert apply_patch(base, patch, pool.values) == target
    assert json.dumps(base) == before  # the base is never changed


def test_lists_of_values_are_replaced_whole_and_pooled_once() -> None:
    long = list(range(40))
    pool = Pool()
    first = pool.pooled(diff({"r": [0]}, {"r": long}))
    second = pool.pooled(diff({"r": [1]}, {"r": long}))
    assert first == second == [[["r"], {"$p": 0}]]
    assert pool.values == [long]


def test_removed_keys_are_deleted() -> None:
    assert diff({"a": 1, "b": 2}, {"a": 1}) == [(["b"], DELETE)]


@pytest.fixture(scope="module")
def explorer_and_payload() -> tuple[Any, dict[str, Any]]:
    from widgets.ui.indices import IndicesExplorer

    class Quiet:
        def start(self, total: int) -> None: ...
        def advance(self, amount: int = 1, description: str | None = None) -> None: ...

    from widgets.figures.explorer import ExplorerModel
    from widgets.loaders import load_indicator_data

    explorer = IndicesExplorer()
    # the build's own cache: the session's export then reuses these selections
    return explorer, indices_payload(ExplorerModel(load_indicator_data()), Quiet())


def test_payload_holds_every_selection(explorer_and_payload: tuple[Any, dict[str, Any]]) -> None:
    _, payload = explorer_and_payload
    controls = payload["controls"]
    regions = [code for _, code in controls["regions"]]
    indicators = [code for _, code in controls["indicators"]]
    assert len(regions) == 14 and len(indicators) == 13
    assert len(payload["selections"]) == 14 * 14 + 13 + 13 * 14
    assert payload["defaults"] == {
        "region": "32",
        "compare": "",
        "view": "radar",
        "indicator": indicators[0],
    }
    assert set(payload["bases"]) == {"radar", "map", "ranking"}


@pytest.mark.parametrize(
    ("view", "region", "compare", "indicator"),
    [
        ("radar", "32", "", "taux_chomage"),
        ("radar", "53", "11", "taux_chomage"),
        ("radar", "FM", "84", "taux_chomage"),
        ("map", "32", "", "pib_par_habitant"),
        ("map", "32", "", "part_pop_zone_inondable"),
        ("ranking", "94", "", "taux_pauvrete"),
        ("ranking", "11", "", "esperance_vie_femmes"),
    ],
)
def test_patched_figure_is_what_the_widget_shows(
    explorer_and_payload: tuple[Any, dict[str, Any]],
    view: str,
    region: str,
    compare: str,
    indicator: str,
) -> None:
    """The offline figure of a selection equals the notebook widget's, status and text too."""
    explorer, payload = explorer_and_payload
    explorer.view.value = view
    explorer.region.value = region
    explorer.compare.value = compare
    explorer.indicator.value = indicator
    selection = payload["selections"][selection_key(view, region, compare, indicator)]
    figure = apply_patch(payload["bases"][view], selection["patch"], payload["pool"])
    shown = json.loads(explorer.figures[view].to_json())
    for trace in shown["data"]:
        trace.pop("uid", None)  # plotly's widget numbers its traces; a figure does not
    assert figure == shown
    assert selection["status"] == explorer.status.value
    assert selection["alt"] == explorer.alt_text.value


@pytest.mark.parametrize(
    ("view", "region", "compare", "indicator"),
    [
        ("radar", "53", "11", "taux_chomage"),
        ("map", "32", "", "pib_par_habitant"),
        ("ranking", "94", "", "taux_allocataires_aah"),
    ],
)
def test_phone_patch_gives_the_phone_figure(
    explorer_and_payload: tuple[Any, dict[str, Any]],
    view: str,
    region: str,
    compare: str,
    indicator: str,
) -> None:
    """A narrow page draws each selection's phone version: the model's figure fitted to a phone."""
    from widgets.figures.explorer import ExplorerModel
    from widgets.figures.fit import PHONE, fit
    from widgets.loaders import load_indicator_data

    _, payload = explorer_and_payload
    selection = payload["selections"][selection_key(view, region, compare, indicator)]
    figure = apply_patch(payload["phone_bases"][view], selection["phone"], payload["pool"])
    model = ExplorerModel(load_indicator_data())
    shown = model.figure(view, region, compare or None, indicator)
    assert figure == fit(json.loads(shown.to_json()), PHONE)
    assert figure["layout"]["meta"]["context"] == "phone"
