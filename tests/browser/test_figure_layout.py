"""Dashboards fit a projector and their figures' texts are whole, in Chromium.

Each dashboard, at 1920×1080 and 1366×768, on each of its screens (tabs): the page does not
scroll (one idea per screen) and no text of any plotly figure leaves its figure or overlaps
another (:mod:`tests.browser.figure_boxes`). The figures of the notebook and phone contexts
(:mod:`widgets.figures.fit`) are checked the same way, drawn by the same plotly.js.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.browser.figure_boxes import CHECK_FIGURES, check_figures
from tests.conftest import ROOT, Server

DASHBOARDS = ("barometre_partenariats", "radar_fragilites", "catalyseur")
SIZES = ((1920, 1080), (1366, 768))
SCROLL_TOLERANCE = 8


def _open(page: Any, server: Server, name: str) -> None:
    page.goto(server.url(f"/voila/render/dashboards/{name}.ipynb"), wait_until="load")
    page.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".every((gd) => gd.offsetParent === null || gd._fullLayout)",
        timeout=60_000,
    )


def _screen_problems(page: Any) -> list[str]:
    page.wait_for_timeout(800)  # the figure takes the screen's height and redraws
    problems = list(check_figures(page)["problems"])
    # Voilà's page scrolls inside #rendered_cells, the document itself never.
    sizes = page.evaluate(
        "() => { const r = document.getElementById('rendered_cells');"
        " return [document.documentElement.scrollHeight, window.innerHeight,"
        " r.scrollHeight, r.clientHeight]; }"
    )
    if sizes[0] > sizes[1] + SCROLL_TOLERANCE or sizes[2] > sizes[3] + SCROLL_TOLERANCE:
        problems.append(f"the page scrolls: {sizes} (document, window, cells, their box)")
    return problems


@pytest.mark.parametrize("name", DASHBOARDS)
def test_dashboard_fits_a_projector(browser: Any, server: Server, name: str) -> None:
    found: dict[str, list[str]] = {}
    for width, height in SIZES:
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            _open(page, server, name)
            tabs = page.locator(".parcours-screens [role=tab]")
            for index in range(max(1, tabs.count())):
                if tabs.count():
                    tabs.nth(index).click()
                found[f"{width}×{height} screen {index + 1}"] = _screen_problems(page)
        finally:
            page.close()
    assert {where: p for where, p in found.items() if p} == {}


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


@pytest.mark.parametrize(("context", "width"), [("notebook", 760), ("screen", 1300)])
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


def test_offline_figures_fit_a_phone(browser: Any, tmp_path: Any) -> None:
    """The offline barometer at 360×800: its phone figures whole, no sideways scroll."""
    from tests.conftest import Guard as PageGuard
    from tests.conftest import guard_page
    from widgets.offline import build_export

    out = tmp_path / "hors-ligne"
    build_export(out)
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="fr-FR")
    context.set_offline(True)
    seen = PageGuard()
    page = guard_page(context, seen, ("file://", "data:", "blob:"))
    try:
        (module,) = sorted(out.glob("m1_*.html"))
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
    finally:
        context.close()
