"""The facilitator moderates from the projected page's drawer (« D »), without the Voilà panel:
a word of the cloud hidden before the reveal and shown again, an audience's question marked
answered and hidden; before the reveal, the words screen says where the words will come."""

from __future__ import annotations

from typing import Any

import pytest

from tests.axe import serious_violations
from tests.conftest import Server
from tests.live.conftest import Admin, answer, participant
from tests.live.test_projection_browser import (
    ARTIFACTS,
    projection,  # noqa: F401 - the fixture
)
from tests.live.test_qa import ask

pytestmark = pytest.mark.browser

BANK = "sondage_questions_salle"
WORDS = ["confiance proximité", "confiance alliance", "proximité"]
ASKED = ["Comment financer un tiers-lieu ?", "Qui anime la gouvernance ?"]


def test_words_and_questions_moderated_from_the_drawer(
    server: Server,
    admin: Admin,
    projection: tuple[Any, Any],  # noqa: F811
) -> None:
    page, guard = projection
    code = admin.create(BANK)["code"]
    ids = [q["id"] for q in admin.get(code)["results"]["questions"]]
    words, audience = ids[1], ids[2]
    for said in WORDS:
        status, reply = answer(server, code, participant(), {words: said})
        assert status == 200, reply
    for text in ASKED:
        assert ask(server, code, participant(), text, audience)[0] == 201
    page.goto(server.url(f"/parcours/live/admin/sessions/{code}/projection"))
    page.locator("#join .code", has_text=code).wait_for()
    page.keyboard.press("ArrowRight")  # the first question
    page.keyboard.press("ArrowRight")  # the words
    page.locator("#position", has_text="Question 2 sur 3").wait_for()
    assert page.locator("#waiting").is_visible()  # not an empty screen before the reveal
    assert page.locator("#cloud").is_hidden()

    page.keyboard.press("d")
    hide = page.get_by_role("button", name="Masquer le mot «\u00a0proximité\u00a0»")
    hide.click()  # before the reveal: the room never sees it
    show = page.get_by_role("button", name="Réafficher le mot «\u00a0proximité\u00a0»")
    show.wait_for()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tiroir-mots-1920x1080.png"))
    assert serious_violations(page) == []
    assert admin.call("GET", f"/sessions/{code}")["results"]["questions"][1]["words"][0] == {
        "word": "confiance",
        "count": 2,
    }
    page.keyboard.press("d")
    page.keyboard.press("r")
    page.locator("#cloud li").first.wait_for()
    assert [w.split("\u00a0")[0] for w in page.locator("#cloud li").all_inner_texts()] == [
        "confiance",
        "alliance",
    ]
    page.keyboard.press("d")
    show.click()  # shown again: back in the cloud
    page.locator("#cloud li", has_text="proximité").wait_for()
    kept = "Masquer le mot «\u00a0alliance\u00a0»"
    page.get_by_role("button", name=kept).focus()  # a keyboard on the drawer, then a new answer
    assert answer(server, code, participant(), {words: "territoire"})[0] == 200
    page.get_by_role("button", name="Masquer le mot «\u00a0territoire\u00a0»").wait_for()
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == kept

    page.keyboard.press("ArrowRight")  # the audience's questions
    page.locator("#audience li .text").first.wait_for()
    page.get_by_role("button", name=f"Marquer répondue\u00a0: {ASKED[0]}").click()
    page.locator("#audience li.answered .text", has_text=ASKED[0]).wait_for()
    page.get_by_role("button", name=f"Rouvrir\u00a0: {ASKED[0]}").wait_for()
    page.get_by_role("button", name=f"Masquer\u00a0: {ASKED[1]}").click()
    page.locator("#audience .text", has_text=ASKED[1]).wait_for(state="detached")
    page.screenshot(path=str(ARTIFACTS / "tiroir-questions-1920x1080.png"))
    listed = admin.call("GET", f"/sessions/{code}/questions")["questions"]
    assert [(q["text"], q["answered"], q["hidden"]) for q in listed] == [
        (ASKED[0], True, False),
        (ASKED[1], False, True),
    ]
    assert guard.external == [] and guard.console_errors == []
