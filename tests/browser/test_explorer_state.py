"""In Chromium, the radar dashboard draws what its controls say, whatever the clicks before.

Random sequences of what a facilitator does (switch views, choose a region, a comparison, an
indicator, in any order; seeded, so a failure replays) drive the real dashboard through Voilà.
After each step the figure on screen — its title, its visible traces — and the text summary
under it must agree with the controls, as computed by the pure builders in this process. The
review saw the radar keep « Occitanie » after Carte → Radar → Corse; plotly's front-end then
logged « Cannot read properties of undefined (reading '_guiEditing') », so no console error is
allowed either.
"""

from __future__ import annotations

import random
import time
from typing import Any

import pytest

from tests.browser.test_dashboards import IGNORED_CONSOLE
from tests.conftest import Guard, Server
from widgets.figures import choropleth_figure, radar_layout_updates, ranking_figure
from widgets.figures.explorer import NO_COMPARISON, indicator_options, region_options
from widgets.loaders import load_indicator_data, load_regions_geojson
from widgets.scoring.indices import NATIONAL_CODE, normalise_all

pytestmark = pytest.mark.browser

VIEW_LABELS = {"radar": "Radar", "map": "Carte", "ranking": "Classement"}

# What the page shows: the displayed plot's title, visible trace names, meta, and the summary.
READ_PAGE = """() => {
  const root = document.querySelector('.parcours-indices');
  const plots = [...root.querySelectorAll('.js-plotly-plot')].filter(p => p.offsetParent !== null);
  const selects = [...root.querySelectorAll('select')];
  const pressed = root.querySelector('.widget-toggle-button.mod-active');
  const alt = root.querySelector('.parcours-alt');
  return {
    plots: plots.map(p => ({
      title: p.layout && p.layout.title ? p.layout.title.text : null,
      traces: (p.data || []).filter(t => t.visible !== false).map(t => t.name || null),
      meta: p.layout ? p.layout.meta || null : null,
    })),
    region: selects[0].value, compare: selects[1].value, indicator: selects[2].value,
    view: pressed ? pressed.textContent.trim() : null,
    alt: alt ? alt.textContent : '',
  };
}"""


class Expected:
    """The figure the controls call for, from the same pure functions the explorer uses."""

    def __init__(self) -> None:
        self.data = load_indicator_data()
        self.scores = normalise_all(self.data.values, self.data.indicators)
        self.names = self.data.region_names()
        self.regions = list(self.names)
        self.indicators = list(self.data.indicators.index.astype(str))
        self._geojson = load_regions_geojson()
        # The page's <select> elements carry the options' labels (ipywidgets): label → code.
        self.codes = {
            "region": {label: code for label, code in region_options(self.data)},
            "compare": {NO_COMPARISON[0]: "", **{n: c for c, n in self.names.items()}},
            "indicator": {label: code for label, code in indicator_options(self.data)},
        }
        self.labels = {k: {c: lbl for lbl, c in v.items()} for k, v in self.codes.items()}

    def radar(self, region: str, compare: str | None) -> tuple[str, list[str]]:
        layout = radar_layout_updates(self.scores, self.data.indicators, region, compare)
        traces = [self.names[region]]
        if region != NATIONAL_CODE:
            traces.append(self.names[NATIONAL_CODE])
        if compare and compare not in (region, NATIONAL_CODE):
            traces.append(self.names[compare])
        return str(layout["title"]["text"]), traces

    def indicator_title(self, view: str, indicator: str, region: str) -> str:
        if view == "ranking":
            figure = ranking_figure(
                self.data.values, self.data.indicators, indicator, highlight=region
            )
        else:
            figure = choropleth_figure(
                self.data.values, self.data.indicators, indicator, self._geojson
            )
        return str(figure.layout.title.text)


def words(title: str) -> str:
    """A title's words: the figure on screen is fitted to its context (lines wrapped again)."""
    return " ".join(str(title).replace("<br>", " ").split())


def disagreement(shown: dict[str, Any], state: dict[str, str], expected: Expected) -> str | None:
    """Why the page does not (yet) show what the controls say, or None when it does."""
    if len(shown["plots"]) != 1:
        return f"{len(shown['plots'])} figures on screen"
    plot = shown["plots"][0]
    view = state["view"]
    if view == "radar":
        title, traces = expected.radar(state["region"], state["compare"] or None)
        if words(plot["title"]) != words(title) or plot["traces"] != traces:
            return (
                f"radar shows {plot['title']!r} {plot['traces']}, controls want {title!r} {traces}"
            )
        if expected.names[state["region"]] not in shown["alt"]:
            return f"summary {shown['alt'][:80]!r} does not name {expected.names[state['region']]}"
        return None
    meta = plot["meta"] or {}
    title = expected.indicator_title(view, state["indicator"], state["region"])
    if meta.get("indicator_id") != state["indicator"] or words(plot["title"]) != words(title):
        return f"{view} shows {plot['title']!r}, controls want {title!r}"
    if view == "ranking" and meta.get("highlight") not in (state["region"], None):
        return f"ranking highlights {meta.get('highlight')}, controls say {state['region']}"
    return None


def settle(page: Any, state: dict[str, str], expected: Expected, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    reason = "never read"
    while time.monotonic() < deadline:
        shown = page.evaluate(READ_PAGE)
        controls = {k: expected.codes[k].get(shown[k]) for k in ("region", "compare", "indicator")}
        if controls != {k: state[k] for k in controls}:
            reason = f"controls show {controls}, expected {state}"
        else:
            reason = disagreement(shown, state, expected) or ""
            if not reason:
                return
        time.sleep(0.1)
    raise AssertionError(reason)


@pytest.mark.parametrize("seed", [13, 2026])
def test_the_figure_always_agrees_with_the_controls(
    server: Server, guarded_page: tuple[Any, Guard], seed: int
) -> None:
    page, guard = guarded_page
    expected = Expected()
    page.goto(server.url("/voila/render/dashboards/radar_fragilites.ipynb"))
    page.locator(".parcours-indices .js-plotly-plot .gtitle").first.wait_for(timeout=120_000)
    first = page.evaluate(READ_PAGE)
    state = {"view": "radar"}
    state.update({k: expected.codes[k][first[k]] for k in ("region", "compare", "indicator")})
    settle(page, state, expected)

    rng = random.Random(seed)
    selects = page.locator(".parcours-indices select")

    def random_step() -> tuple[str, str]:
        """One thing a person can do now (hidden controls cannot be reached)."""
        reachable = {
            "radar": ["view", "region", "compare"],
            "map": ["view", "indicator"],
            "ranking": ["view", "region", "indicator"],
        }
        control = rng.choice(reachable[state["view"]])
        if control == "view":
            return control, rng.choice([v for v in VIEW_LABELS if v != state["view"]])
        if control == "region":
            return control, rng.choice(expected.regions)
        if control == "compare":
            return control, rng.choice(["", *[r for r in expected.regions if r != NATIONAL_CODE]])
        return control, rng.choice(expected.indicators)

    # The review's sequences first, then random steps.
    scripted: list[tuple[str, str]] = [
        ("region", "76"), ("view", "map"), ("view", "radar"), ("region", "94"),
        ("compare", "28"), ("view", "ranking"), ("view", "map"), ("view", "ranking"),
        ("indicator", expected.indicators[1]),
    ]  # fmt: skip
    for step in range(len(scripted) + 18):
        control, value = scripted[step] if step < len(scripted) else random_step()
        if control == "view":
            page.locator(
                ".parcours-indices .widget-toggle-button", has_text=VIEW_LABELS[value]
            ).click()
        else:
            index = {"region": 0, "compare": 1, "indicator": 2}[control]
            selects.nth(index).select_option(label=expected.labels[control][value])
        state[control] = value
        settle(page, state, expected)

    assert guard.external == []
    assert [m for m in guard.console_errors if not m.startswith(IGNORED_CONSOLE)] == []
