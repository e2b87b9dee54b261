"""The offline edition in Chromium: French everywhere a person looks, nothing about running cells,
the figures' toolbar in French, the focus kept after « Valider », and no serious accessibility
violation (axe-core) on the home and a module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Guard
from tests.english import PAGE_TEXT, english_in

pytestmark = pytest.mark.browser

PAGES = ["index.html", "m1_etat_des_lieux.html", "m0_catalyseur.html", "resultats.html"]
KERNEL_WORDS = ("exécutez le carnet", "Exécuter toutes les cellules", "Actualiser ma progression")


def draw_every_figure(page: Any) -> int:
    figures = page.locator("[data-parcours=figure]")
    for index in range(figures.count()):  # figures are drawn when they near the screen
        figures.nth(index).scroll_into_view_if_needed()
        page.wait_for_function(
            "(i) => document.querySelectorAll('[data-parcours=figure]')[i].dataset.drawn === '1'",
            arg=index,
        )
    return int(figures.count())


@pytest.mark.parametrize("name", PAGES)
def test_an_offline_page_is_french_and_says_nothing_of_cells(
    exported: Path, offline_page: tuple[Any, Guard], name: str
) -> None:
    page, seen = offline_page
    page.goto((exported / name).as_uri())
    drawn = draw_every_figure(page)
    text = page.evaluate(PAGE_TEXT)
    assert english_in(text) == []
    assert [word for word in KERNEL_WORDS if word in text] == []
    toolbars = page.eval_on_selector_all(
        ".js-plotly-plot .modebar",
        "bars => bars.map(bar => Array.from(bar.querySelectorAll('.modebar-btn'))"
        ".map(b => b.getAttribute('data-title')))",
    )
    assert len(toolbars) == drawn
    assert all(bar == ["Télécharger l'image"] for bar in toolbars), toolbars
    assert seen.external == [] and seen.console_errors == []


def test_the_focus_stays_on_the_feedback_after_valider(
    exported: Path, offline_page: tuple[Any, Guard]
) -> None:
    page, _ = offline_page
    page.goto((exported / "m0_catalyseur.html").as_uri())
    question = page.locator(".question-quiz").first
    question.locator("input[type=radio]").first.check()
    question.locator("button[data-action=validate]").click()
    focused = page.evaluate(
        "() => document.activeElement.classList.contains('feedback') && "
        "document.activeElement.closest('.question-quiz') === "
        "document.querySelector('.question-quiz')"
    )
    assert focused
    assert page.evaluate("() => document.activeElement.textContent.trim().length") > 0


@pytest.mark.parametrize("name", ["index.html", "m1_etat_des_lieux.html"])
def test_no_serious_accessibility_violation_offline(
    exported: Path, offline_page: tuple[Any, Guard], name: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, _ = offline_page
    page.goto((exported / name).as_uri())
    draw_every_figure(page)
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
