"""Every page of the offline edition fits a 360 px phone: no sideways scrolling of the page.

Self-learners replay the course on their phones. A table or a long word wider than the
screen makes the whole page slide sideways, and every line of text then needs two gestures;
a wide element may scroll inside itself (a table in its own box), never the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Guard, guard_page
from tests.offline.conftest import OFFLINE_PREFIXES

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}

WIDEST = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => !e.closest('.table-defile'))
  .slice(0, 5)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def test_no_page_scrolls_sideways_on_a_phone(exported: Path, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    context.set_offline(True)
    seen = Guard()
    page = guard_page(context, seen, OFFLINE_PREFIXES)
    too_wide: dict[str, list[str]] = {}
    try:
        pages = sorted(exported.glob("*.html"))
        assert len(pages) > 10
        for html in pages:
            page.goto(html.as_uri(), wait_until="load")
            if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
                too_wide[html.name] = page.evaluate(WIDEST)
        assert seen.external == []
    finally:
        context.close()
    assert too_wide == {}


def test_a_wide_table_scrolls_in_its_own_box(exported: Path, browser: Any) -> None:
    """m0's table of the four métiers is wider than a phone: it scrolls, the page does not,
    and a keyboard user can reach it (it takes the focus)."""
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    context.set_offline(True)
    page = guard_page(context, Guard(), OFFLINE_PREFIXES)
    try:
        (module,) = sorted(exported.glob("m0_*.html"))
        page.goto(module.as_uri(), wait_until="load")
        table = page.locator("main table").first
        assert table.get_attribute("class") == "table-defile"
        assert table.get_attribute("tabindex") == "0"
        sizes = table.evaluate(
            "t => [t.clientWidth, t.scrollWidth, t.getBoundingClientRect().right]"
        )
        client, scrolled, right = sizes
        assert scrolled > client  # wider than the phone: it scrolls inside
        assert right <= PHONE["width"]
    finally:
        context.close()
