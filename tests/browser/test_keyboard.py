"""Keyboard only: a participant answers a self-diagnostic and explores the radar without a mouse."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Guard, Server

pytestmark = pytest.mark.browser


def test_answer_a_diagnostic_by_keyboard_and_see_the_profile(
    server: Server, guarded_page: tuple[object, Guard]
) -> None:
    page, guard = guarded_page
    page.goto(server.url("/voila/render/course/m0_catalyseur.ipynb"))  # type: ignore[attr-defined]
    # Voilà shows a module as screens, one per section: open the self-diagnostic's.
    tab = page.get_by_role("tab", name=re.compile("Autodiagnostic"))  # type: ignore[attr-defined]
    tab.wait_for(timeout=120_000)
    tab.click()
    groups = page.locator(".widget-radio-box")  # type: ignore[attr-defined]
    page.locator(".widget-radio-box:visible").first.wait_for(timeout=120_000)  # type: ignore[attr-defined]
    # Each statement is a radio group: focus its first option, then arrows choose the answer.
    answered = 0
    for index in range(groups.count()):
        group = groups.nth(index)
        if not group.is_visible():
            continue
        group.locator("input[type=radio]").first.focus()
        page.keyboard.press("Space")  # type: ignore[attr-defined]
        page.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
        answered += 1
        if answered == 4:  # the first screen: one métier's four activities
            break
    assert answered == 4
    show = page.locator("button:has-text('Voir mon profil')")  # type: ignore[attr-defined]
    show.focus()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.locator("text=/Profil calculé sur 4 réponses/").first.wait_for(timeout=30_000)  # type: ignore[attr-defined]
    assert page.locator(".js-plotly-plot").count() >= 1  # type: ignore[attr-defined]
    assert guard.external == []


def test_change_the_radar_region_with_the_keyboard(
    server: Server, guarded_page: tuple[object, Guard]
) -> None:
    page, guard = guarded_page
    page.goto(server.url("/voila/render/dashboards/radar_fragilites.ipynb"))  # type: ignore[attr-defined]
    title = page.locator(".js-plotly-plot .gtitle").first  # type: ignore[attr-defined]
    title.wait_for(timeout=120_000)
    before = title.text_content()
    page.locator(".widget-dropdown select").first.focus()  # type: ignore[attr-defined]
    page.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "before => document.querySelector('.js-plotly-plot .gtitle').textContent !== before",
        arg=before,
        timeout=30_000,
    )
    assert (title.text_content() or "").startswith("Profil de fragilité\u00a0:")
    assert guard.external == []
