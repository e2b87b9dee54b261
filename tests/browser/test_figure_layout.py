"""Dashboards fit a projector and their figures' texts are whole, in Chromium.

Each dashboard, at 1920×1080 and 1366×768, on each of its screens (tabs) and views: the page does
not scroll (one idea per screen), no text of any plotly figure leaves its figure or overlaps
another, and the figure uses the screen (:mod:`tests.browser.figure_boxes`). The figures of the
notebook and phone contexts (:mod:`widgets.figures.fit`) are checked the same way, drawn by the
same plotly.js.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.figure_boxes import (
    CHECK_FIGURES,
    check_figures,
    fill_problems,
    wait_until_settled,
)
from tests.browser.page_text import text_problems
from tests.conftest import ROOT, Server

DASHBOARDS = ("barometre_partenariats", "radar_fragilites", "catalyseur")
WITH_FIGURES = {"barometre_partenariats", "radar_fragilites"}
"""The dashboards that show a figure on opening (the catalyst's room profile needs a session)."""
SIZES = ((1920, 1080), (1366, 768))
SCROLL_TOLERANCE = 8


def _open(page: Any, server: Server, name: str) -> None:
    page.goto(server.url(f"/voila/render/dashboards/{name}.ipynb"), wait_until="load")
    page.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    wait_until_settled(page, figures=name in WITH_FIGURES, timeout=120_000)


def _screen_problems(page: Any) -> list[str]:
    # The widgets are drawn (_open, _each_view): wait for their figures to take the screen's
    # height and redraw; a screen of text has none.
    wait_until_settled(page, figures=False)
    problems = list(check_figures(page)["problems"]) + fill_problems(page) + text_problems(page)
    # Voilà's page scrolls inside #rendered_cells, the document itself never.
    sizes = page.evaluate(
        "() => { const r = document.getElementById('rendered_cells');"
        " return [document.documentElement.scrollHeight, window.innerHeight,"
        " r.scrollHeight, r.clientHeight]; }"
    )
    if sizes[0] > sizes[1] + SCROLL_TOLERANCE or sizes[2] > sizes[3] + SCROLL_TOLERANCE:
        problems.append(f"the page scrolls: {sizes} (document, window, cells, their box)")
    return problems


VIEWS = (
    ".parcours-barometer .lm-TabBar-tab:visible, .parcours-indices .widget-toggle-button:visible"
)
"""What shows another figure inside a screen: the barometer's tabs, the explorer's views."""


def _each_view(page: Any) -> Iterator[str]:
    """Show each screen (tab) of the dashboard, and in it each view, in turn: their names."""
    tabs = page.locator(".parcours-screens [role=tab]")
    for index in range(max(1, tabs.count())):
        if tabs.count():
            tabs.nth(index).click()
        yield f"screen {index + 1}"
        views = page.locator(VIEWS)
        for view in range(1, views.count()):
            page.evaluate(SEEN)
            views.nth(view).click()
            # each view has its own figure, drawn once asked (by the kernel for the explorer)
            page.wait_for_function(NEW_FIGURE, timeout=60_000)
            yield f"screen {index + 1} view {view + 1}"


SEEN = """() => document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
  if (gd.offsetParent !== null) gd.dataset.seen = '1'; })"""
NEW_FIGURE = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .some((gd) => gd.offsetParent !== null && gd._fullLayout && !gd.dataset.seen)"""


@pytest.mark.parametrize("name", DASHBOARDS)
def test_dashboard_fits_a_projector(browser: Any, server: Server, name: str) -> None:
    """Every screen and view: texts whole, no scroll, and the figure uses the screen (its
    drawing and texts across most of the width, its drawing on much of the height)."""
    found: dict[str, list[str]] = {}
    for width, height in SIZES:
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            _open(page, server, name)
            for where in _each_view(page):
                found[f"{width}×{height} {where}"] = _screen_problems(page)
        finally:
            page.close()
    assert {where: p for where, p in found.items() if p} == {}


def test_the_live_dashboard_with_answers_fits_a_projector(browser: Any, server: Server) -> None:
    """The facilitator's dashboard with a room that answered (twelve phones through the API,
    results revealed): the results figure at full width and its own height below the panel
    (not squeezed into what the window had left), every text whole, no title on the tick
    labels of the question above."""
    from tests.live.room_answers import fill_room

    code = fill_room(server)
    found: dict[str, list[str]] = {}
    for width, height in SIZES:
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            page.goto(server.url(f"/voila/render/dashboards/audience_live.ipynb?session={code}"))
            page.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
            wait_until_settled(page, figures=True, timeout=120_000)
            page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
            wait_until_settled(page)
            found[f"{width}×{height}"] = [
                *check_figures(page)["problems"],
                *fill_problems(page),
                *text_problems(page),
            ]
        finally:
            page.close()
    assert {where: p for where, p in found.items() if p} == {}


CORSE = "94"


def _corse_label(indicator: str) -> tuple[int, str, str]:
    """Where Corse's value is in the map's label trace, what it says, and the indicator's name
    in the explorer's list."""
    from widgets.figures.explorer import ExplorerModel
    from widgets.loaders import load_indicator_data

    model = ExplorerModel(load_indicator_data())
    figure = model.figure("map", "32", None, indicator)
    meta = figure.layout.meta
    codes = [*meta["locations"], *meta["missing"]]
    index = codes.index(CORSE)
    name = next(label for label, code in model.controls()["indicators"] if code == indicator)
    return index, str(figure.data[0].text[index]), name


CORSE_BOX = """(index) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find((g) => g.offsetParent);
  const text = gd.querySelectorAll('.scattergeo text')[index];
  const box = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  return {text: text.textContent, label: box(text), frame: box(gd.querySelector('.geo .bg rect')),
          figure: box(gd.querySelector('.main-svg'))};
}"""


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["left"] >= outer["left"] - 1
        and inner["right"] <= outer["right"] + 1
        and inner["top"] >= outer["top"] - 1
        and inner["bottom"] <= outer["bottom"] + 1
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_corse_label_is_whole_on_the_dashboard_map(
    browser: Any, server: Server, width: int, height: int
) -> None:
    """Corse, the region at the map's edge, keeps its whole label (it was cut to « 3,5 »):
    inside the map's frame (which clips it) and the figure, for the first indicator and the one
    with the longest labels (« 61 920 »)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        _open(page, server, "radar_fragilites")
        page.locator(".parcours-indices .widget-toggle-button", has_text="Carte").click()
        for indicator in ("taux_chomage", "pib_par_habitant"):
            index, text, name = _corse_label(indicator)
            if indicator != "taux_chomage":
                page.locator(".parcours-indices select:visible").last.select_option(label=name)
            page.wait_for_function(
                "([i, t]) => { const gd = [...document.querySelectorAll('.js-plotly-plot')]"
                ".find((g) => g.offsetParent); const texts = gd && gd.querySelectorAll("
                "'.scattergeo text'); return texts && texts[i] && texts[i].textContent === t; }",
                arg=[index, text],
                timeout=60_000,
            )
            wait_until_settled(page)
            boxes = page.evaluate(CORSE_BOX, index)
            assert boxes["text"] == text
            assert _inside(boxes["label"], boxes["frame"]), boxes
            assert _inside(boxes["label"], boxes["figure"]), boxes
            assert check_figures(page)["problems"] == []
    finally:
        page.close()


def _figures() -> dict[str, dict[str, Any]]:
    from widgets.figures import barometer_figures
    from widgets.figures.explorer import ExplorerModel
    from widgets.loaders import load_indicator_data, load_seed_figures

    model = ExplorerModel(load_indicator_data())
    indicator = model.controls()["indicators"][0][1]
    figures = {
        "radar": model.figure("radar", "32", "94", indicator),
        "map": model.figure("map", "32", None, indicator),
        "ranking": model.figure("ranking", "32", None, indicator),
        **barometer_figures(load_seed_figures()),
    }
    return {name: json.loads(figure.to_json()) for name, figure in figures.items()}


@pytest.mark.parametrize(
    ("context", "width"), [("notebook", 760), ("screen", 1860), ("phone", 320)]
)
def test_fitted_figures_keep_their_texts_whole(browser: Any, context: str, width: int) -> None:
    from widgets.figures.fit import fit

    plotly = (ROOT / "widgets" / "static" / "plotly-partial.min.js").read_text()
    page = browser.new_page(viewport={"width": width + 20, "height": 900})
    found: dict[str, list[str]] = {}
    try:
        for name, figure in _figures().items():
            shown = fit(figure, context)
            page.set_content(
                f"<div id='g' style='width:{width}px'></div><script>{plotly}</script><script>"
                f"Plotly.newPlot('g', {json.dumps(shown['data'])}, "
                f"{json.dumps(shown['layout'])}, {{responsive: true}})</script>"
            )
            page.wait_for_function("() => document.getElementById('g')._fullLayout")
            found[name] = page.evaluate(CHECK_FIGURES)["problems"]
    finally:
        page.close()
    assert {name: p for name, p in found.items() if p} == {}


def test_notebook_figures_fit_jupyterlab_and_follow_its_panel(browser: Any, server: Server) -> None:
    """Module 2's explorer in JupyterLab at 1280 px, the file browser open, then closed."""
    from tests.browser.test_course import open_in_lab, run_until_shown

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        open_in_lab(page, server, "m2_fragilites.ipynb")
        if not page.locator(".jp-SideBar .lm-mod-current, .jp-SideBar .p-mod-current").count():
            page.keyboard.press("Control+b")  # the file browser open, as a learner has it
        run_until_shown(page, ".jp-OutputArea .js-plotly-plot .main-svg")
        plot = page.locator(".jp-OutputArea .js-plotly-plot").first
        plot.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        narrow = plot.bounding_box()["width"]
        assert check_figures(page)["problems"] == []
        page.keyboard.press("Control+b")  # the side panel closes: the figure widens
        page.wait_for_function(
            "(w) => document.querySelector('.jp-OutputArea .js-plotly-plot')"
            ".getBoundingClientRect().width > w + 100",
            arg=narrow,
            timeout=30_000,
        )
        page.wait_for_timeout(800)
        svg = page.evaluate(
            "() => { const gd = document.querySelector('.jp-OutputArea .js-plotly-plot');"
            " return [gd.getBoundingClientRect().width, gd.querySelector('.main-svg')"
            ".getBoundingClientRect().width]; }"
        )
        assert abs(svg[0] - svg[1]) < 4  # drawn at the new width, not left at the old one
        assert check_figures(page)["problems"] == []
    finally:
        page.close()


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline edition, built once for this module's phone tests."""
    from widgets.offline import build_export

    out = tmp_path_factory.mktemp("offline") / "hors-ligne"
    build_export(out)
    return out


@pytest.fixture
def phone(browser: Any) -> Iterator[tuple[Any, Any]]:
    """A 360×800 page, offline, that records any request leaving ``file:``."""
    from tests.conftest import Guard as PageGuard
    from tests.conftest import guard_page

    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="fr-FR")
    context.set_offline(True)
    seen = PageGuard()
    yield guard_page(context, seen, ("file://", "data:", "blob:")), seen
    context.close()


def test_offline_figures_fit_a_phone(offline_site: Path, phone: tuple[Any, Any]) -> None:
    """The offline barometer at 360×800: its phone figures whole, no sideways scroll."""
    page, seen = phone
    (module,) = sorted(offline_site.glob("m1_*.html"))
    page.goto(module.as_uri())
    plots = page.locator(".parcours-figure .figure-plotly")
    assert plots.count() == 3
    for index in range(plots.count()):
        plots.nth(index).scroll_into_view_if_needed()
        page.wait_for_function(
            "(i) => document.querySelectorAll('.parcours-figure .figure-plotly')[i]"
            ".dataset.drawn === '1'",
            arg=index,
        )
    page.wait_for_timeout(500)
    assert check_figures(page)["problems"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert seen.external == []


EXPLORER_STEPS: list[tuple[str, str, str]] = [
    ("radar", "[data-control=region]", "32"),
    ("radar", "[data-control=compare]", "94"),  # three series: the legend's longest
    ("radar", "[data-control=region]", "94"),
    ("map", "[data-control=indicator]", "taux_chomage"),
    ("map", "[data-control=indicator]", "pib_par_habitant"),  # the longest values (« 61 920 »)
    ("map", "[data-control=indicator]", "indice_vieillissement"),
    ("ranking", "[data-control=indicator]", "taux_allocataires_aah"),
]
"""Selections of the offline explorer checked on a phone: (view, control, value)."""


def test_offline_explorer_fits_a_phone(offline_site: Path, phone: tuple[Any, Any]) -> None:
    """The explorer's radar, map and ranking on a 360 px phone: the phone version of each
    figure is drawn, as wide as the page, every text inside the figure (and a map's inside its
    frame), none over another, and the page never scrolls sideways."""
    page, seen = phone
    page.goto((offline_site / "radar_fragilites.html").as_uri())
    figure = page.locator(".figure-explorateur")
    figure.scroll_into_view_if_needed()
    found: dict[str, list[str]] = {}
    for view, control, value in EXPLORER_STEPS:
        page.locator(f"button[data-view={view}]").click()
        page.select_option(control, value)
        selection = page.locator(".parcours-explorer").get_attribute("data-selection") or ""
        page.wait_for_function(
            "(key) => { const gd = document.querySelector('.figure-explorateur');"
            " return gd.dataset.drawn === '1' && gd._fullLayout"
            " && gd.layout.meta && gd.layout.meta.context === 'phone'"
            " && document.querySelector('.parcours-explorer').dataset.selection === key; }",
            arg=selection,
            timeout=30_000,
        )
        figure.scroll_into_view_if_needed()
        box = figure.bounding_box()
        problems = list(check_figures(page)["problems"])
        if box is None or box["x"] < 0 or box["x"] + box["width"] > 360:
            problems.append(f"the figure is not within the page's width: {box}")
        found[selection] = problems
    assert {key: p for key, p in found.items() if p} == {}
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert seen.external == []
