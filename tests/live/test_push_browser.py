"""Thirty phones stay on the page; the facilitator reveals; every page shows the room, unreloaded.

The phones hold one connection each (Server-Sent Events): none polls ``/state`` while pushed
events arrive, and none asks ``/results`` for a poll (the results come with the event; « moi »
is built from the phone's own answers). How fast is the benchmark's to measure, not this
test's to assert.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Guard, Server, guard_page
from tests.live.conftest import Admin

pytestmark = pytest.mark.browser

PHONES = 30


def test_thirty_phones_see_the_reveal_without_reloading(
    server: Server, admin: Admin, browser: Any
) -> None:
    code = str(admin.create("sondage_ouverture")["code"])
    guard = Guard()
    asked: list[str] = []
    navigations: list[str] = []
    phones = []
    try:
        for index in range(PHONES):
            context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
            page = guard_page(context, guard, abort=False)
            page.on("request", lambda r: asked.append(r.url) if "/api/" in r.url else None)
            page.on(
                "framenavigated",
                lambda frame: navigations.append(frame.url) if frame.parent_frame is None else None,
            )
            page.goto(server.url(f"/parcours/live/j/{code}", token=False), wait_until="commit")
            phones.append((context, page, index))
        for _, page, index in phones:
            page.wait_for_selector("fieldset.question h2")
            label = "Association" if index % 2 else "Académique"
            page.locator("#q-profil").get_by_label(label, exact=False).first.check()
        for _, page, _ in phones:
            page.locator("#ack-profil", has_text="Réponse enregistrée").wait_for(timeout=30_000)

        admin.act(code, "reveal")
        for _, page, _ in phones:
            page.locator("#results-count", has_text=f"{PHONES}\u00a0participants").wait_for(
                timeout=30_000
            )
            assert page.locator("#results").is_visible()
            assert page.locator(".tag", has_text="votre réponse").count() == 1  # « moi »
        admin.act(code, "hide")
        for _, page, _ in phones:
            page.locator("#results").wait_for(state="hidden", timeout=30_000)
    finally:
        for context, _, _ in phones:
            context.close()
    assert len(navigations) == PHONES  # one load each: nothing reloaded
    assert not [url for url in asked if url.endswith("/state")]  # pushed, not polled
    assert not [url for url in asked if "/results" in url]  # the event carried the results
    assert guard.external == [] and guard.console_errors == []
