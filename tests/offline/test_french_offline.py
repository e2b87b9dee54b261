"""The offline edition in Chromium: French everywhere a person looks, nothing about running cells,
the figures' toolbar in French, the focus kept after « Valider », and no serious accessibility
violation (axe-core) on any of its pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.axe import serious_violations
from tests.conftest import Guard
from tests.english import PAGE_TEXT, english_in
from tests.offline.test_offline_browser import BANKS, DIAGNOSTIC, answer_diagnostic

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


STATES = {
    "radar_fragilites.html": ["button[data-view=map]", "button[data-view=ranking]"],
    "m0_catalyseur.html": [
        ".question-quiz input[type=radio] >> nth=0",
        "button[data-action=validate] >> nth=0",
    ],
}
"""Clicks after which a page is checked again: the explorer's other views, a quiz's feedback."""


def test_no_serious_accessibility_violation_on_any_offline_page(
    exported: Path, offline_page: tuple[Any, Guard]
) -> None:
    """axe-core on every page of the offline edition (home, the ten modules, the dashboards, the
    results, each replay), its figures drawn; the explorer's map and ranking, a quiz's feedback
    and a diagnostic's profile too. No serious or critical violation."""
    page, seen = offline_page
    pages = sorted(path.name for path in exported.glob("*.html"))
    assert {"index.html", "resultats.html", "radar_fragilites.html", "webinaire-1.html"} <= set(
        pages
    ), pages
    found: dict[str, list[Any]] = {}
    for name in pages:
        page.goto((exported / name).as_uri())
        draw_every_figure(page)
        found[name] = serious_violations(page)
        for step, selector in enumerate(STATES.get(name, []), start=1):
            target = page.locator(selector)
            if target.get_attribute("type") == "radio":
                target.check()
                continue
            target.click()
            draw_every_figure(page)
            found[f"{name} after {step} clicks"] = serious_violations(page)
        if name == "m3_modeles_co_construction.html":  # a diagnostic's profile, drawn
            answer_diagnostic(page, BANKS["maturite_co_construction"], DIAGNOSTIC)
            found[f"{name}, its profile drawn"] = serious_violations(page)
    assert {name: v for name, v in found.items() if v} == {}
    assert seen.external == []
