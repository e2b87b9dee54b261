"""The phone page at 320 px and at 200 % text size, the code-entry page, and axe-core on the
phone's and the projected screen's pages (Debian's Chromium, the real server)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.axe import serious_violations
from tests.conftest import ROOT, Guard, Server, guard_page
from tests.live.conftest import Admin, answer, participant

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts" / "projection"

SIDEWAYS = """() => {
  const page = document.scrollingElement;
  return page.scrollWidth - page.clientWidth;
}"""


@pytest.fixture
def narrow(browser: Any) -> Iterator[tuple[Any, Guard]]:
    """The narrowest phone the page supports (320 px); CSP bypassed only for axe-core."""
    guard = Guard()
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, locale="fr-FR", has_touch=True, bypass_csp=True
    )
    yield guard_page(context, guard), guard
    context.close()


def test_no_sideways_scroll_at_320_px_nor_at_200_percent_text(
    server: Server, admin: Admin, narrow: tuple[Any, Guard]
) -> None:
    page, guard = narrow
    code = admin.create("sondage_ouverture")["code"]
    admin.call("POST", f"/sessions/{code}/goto", {"question": "dynamique"})  # the longest
    answer(server, code, participant(), {"dynamique": "oui_emergente"})
    page.goto(server.url(f"/parcours/live/j/{code}", token=False))
    page.locator("#q-dynamique").wait_for(state="visible")
    page.locator("#q-dynamique").get_by_text("Oui, elle émerge tout juste").click()
    admin.act(code, "reveal")
    page.locator("#results:not([hidden]) .bars").wait_for()
    assert page.evaluate(SIDEWAYS) == 0
    page.evaluate("() => { document.documentElement.style.fontSize = '225%'; }")  # 2 × 112.5 %
    assert page.evaluate(SIDEWAYS) == 0
    shares = [text for text in page.locator("#room li div").all_inner_texts() if text]
    assert shares and all("\u202f%" in text and " %" not in text for text in shares)
    assert guard.external == [] and guard.console_errors == []


def test_typing_a_code_leads_to_the_session(
    server: Server, admin: Admin, narrow: tuple[Any, Guard]
) -> None:
    page, _ = narrow
    code = admin.create("sondage_ouverture")["code"]
    page.goto(server.url("/parcours/live/j/", token=False))
    assert serious_violations(page) == []
    page.get_by_label("Code de la session").fill(f"{code[:2].lower()} {code[2:].lower()}")
    page.get_by_role("button", name="Rejoindre").click()
    page.locator("#q-profil").wait_for(state="visible")
    assert page.url.endswith(f"/parcours/live/j/{code}")


def test_axe_finds_no_serious_violation_on_the_phone_page(
    server: Server, admin: Admin, narrow: tuple[Any, Guard]
) -> None:
    page, _ = narrow
    code = admin.create("quiz_module_1")["code"]
    page.goto(server.url(f"/parcours/live/j/{code}", token=False))
    first = page.locator("fieldset.question:visible")
    first.locator("input").first.check()
    page.locator(".ack:not(.pending)", has_text="Réponse enregistrée").first.wait_for()
    assert serious_violations(page) == []
    admin.act(code, "reveal")  # the correction and the room's results
    page.locator("fieldset.question:visible .correction").wait_for()
    page.locator("#results:not([hidden])").wait_for()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "telephone-correction-320.png"), full_page=True)
    assert serious_violations(page) == []


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_axe_finds_no_serious_violation_on_the_projected_screen(
    server: Server, admin: Admin, browser: Any, size: tuple[int, int]
) -> None:
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="fr-FR", bypass_csp=True
    )
    page = guard_page(context, Guard())
    code = admin.create("quiz_module_1")["code"]
    page.goto(server.url(f"/parcours/live/admin/sessions/{code}/projection"))
    page.locator("#join .code").wait_for()
    assert serious_violations(page) == []
    page.keyboard.press("ArrowRight")
    page.keyboard.press("r")
    page.locator("#choices.revealed li.right").wait_for()
    assert serious_violations(page) == []
    page.keyboard.press("d")  # the drawer, as the facilitator sees it
    assert serious_violations(page) == []
    page.keyboard.press("d")
    page.keyboard.press("?")
    assert serious_violations(page) == []
    context.close()


def test_without_push_the_phone_follows_by_polling(
    server: Server, admin: Admin, narrow: tuple[Any, Guard]
) -> None:
    """A browser (or a proxy) without Server-Sent Events: the fallback poll moves the phone."""
    page, guard = narrow
    page.context.add_init_script("delete window.EventSource;")
    code = admin.create("quiz_module_1")["code"]
    ids = [q["id"] for q in admin.get(code)["results"]["questions"]]
    page.goto(server.url(f"/parcours/live/j/{code}", token=False))
    page.locator(f"#q-{ids[0]}").wait_for(state="visible")
    page.locator(f"#q-{ids[0]} input").first.check()
    page.locator(f"#ack-{ids[0]}:not(.pending)", has_text="Réponse enregistrée").wait_for()
    admin.act(code, "reveal")
    page.locator(f"#q-{ids[0]} .correction").wait_for(timeout=15_000)
    admin.act(code, "next")
    page.locator(f"#q-{ids[1]}").wait_for(state="visible", timeout=15_000)
    assert page.locator(f"#q-{ids[0]}").is_hidden()
    assert guard.console_errors == []
