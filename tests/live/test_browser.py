"""A participant's phone in Debian's Chromium against the real server; the facilitator API counts.

The page is offline-guarded (any request leaving the machine fails the test) and shown at a
phone's size.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import Guard, Server, guard_page
from tests.live.conftest import Admin, wait_until_held
from widgets.storage import import_json

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser: Any) -> Iterator[tuple[Any, Any, Guard]]:
    """A phone-sized page (390×844, touch) that refuses requests leaving the machine."""
    guard = Guard()
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="fr-FR",
        has_touch=True,
        accept_downloads=True,
    )

    page = guard_page(context, guard)
    yield context, page, guard
    context.close()


def open_session(page: Any, server: Server, code: str) -> None:
    page.goto(server.url(f"/parcours/live/j/{code}", token=False))
    page.wait_for_selector("fieldset.question h2")


def test_a_participant_answers_changes_and_the_facilitator_counts_once(
    server: Server, admin: Admin, phone: tuple[Any, Any, Guard]
) -> None:
    _, page, guard = phone
    code = admin.create("sondage_ouverture")["code"]
    open_session(page, server, code)
    assert page.locator("h1").inner_text() == "Sondage d'ouverture du webinaire"
    heading = page.locator("fieldset.question h2").first  # a heading, not a legend
    assert heading.inner_text() == "1. Quel est votre profil\u00a0?"

    assert page.locator("fieldset.question:visible").count() == 1  # one question at a time
    page.get_by_role("radio", name="Association").check()
    page.locator("#ack-profil", has_text="Réponse enregistrée").wait_for()
    assert page.locator("#status").inner_text() == "Réponse enregistrée"
    assert admin.get(code)["answers"] == 1

    page.get_by_role("radio", name="Académique").check()  # a change of mind replaces
    page.locator("#ack-profil:not(.pending)", has_text="Réponse enregistrée").wait_for()
    admin.call("POST", f"/sessions/{code}/goto", {"question": "metier"})  # the phone follows
    page.locator("#q-metier").wait_for(state="visible")
    assert page.locator("#q-profil").is_hidden()
    page.get_by_role("radio", name="Aucun pour l'instant").check()
    page.locator("#ack-metier", has_text="Réponse enregistrée").wait_for()
    seen = admin.get(code)
    assert (seen["participants"], seen["answers"]) == (1, 2)
    counts = {c["value"]: c["count"] for c in seen["results"]["questions"][0]["choices"]}
    assert counts["academique"] == 1 and counts["association"] == 0

    page.reload()
    page.locator("#q-metier").wait_for(state="visible")  # still the facilitator's question
    assert page.locator("#q-profil").get_by_label("Académique").is_checked()  # kept here

    admin.act(code, "close")
    page.wait_for_selector("#q-metier:disabled", timeout=15_000)
    admin.act(code, "reveal")
    page.wait_for_selector("#results:not([hidden])", timeout=15_000)
    assert "1\u00a0participant" in page.locator("#results-count").inner_text()  # no line break
    assert "votre réponse" in page.locator("#room").inner_text()
    assert guard.external == [] and guard.console_errors == []


def test_an_unacknowledged_answer_is_retried_by_itself(
    server: Server, admin: Admin, phone: tuple[Any, Any, Guard]
) -> None:
    context, page, _ = phone
    code = admin.create("sondage_ouverture")["code"]
    open_session(page, server, code)
    context.set_offline(True)
    page.get_by_role("radio", name="Collectivité territoriale / institution").check()
    page.locator("#status", has_text="nouvel essai").wait_for()
    assert admin.get(code)["answers"] == 0
    context.set_offline(False)
    page.locator("#ack-profil", has_text="Réponse enregistrée").wait_for(timeout=20_000)
    assert admin.get(code)["answers"] == 1


def test_me_and_the_room_then_keep_my_profile(
    server: Server, admin: Admin, phone: tuple[Any, Any, Guard]
) -> None:
    _, page, guard = phone
    code = admin.create("profil_catalyseur")["code"]
    from tests.live.conftest import answer, participant

    answer(server, code, participant(), {"dt_enjeux": 0, "dt_rencontres": 0})
    open_session(page, server, code)
    first = page.locator("#q-dt_enjeux")
    first.get_by_label("C'est le cœur de mon action").check()
    page.locator("#q-dt_rencontres").get_by_label("C'est le cœur de mon action").check()
    page.locator("#ack-dt_rencontres", has_text="Réponse enregistrée").wait_for()
    page.wait_for_function(
        "!document.querySelector('#ack-dt_enjeux').classList.contains('pending')"
    )
    admin.act(code, "reveal")
    page.wait_for_selector("#me-and-room:not([hidden]) svg", timeout=15_000)
    row = page.locator("#me-table tbody tr").first
    # The room comes with the pushed event; this phone's own profile follows (scored by the
    # server, asked within 3 s so that a room's phones do not all ask at once).
    row.locator("td", has_text="100").wait_for(timeout=15_000)
    assert row.inner_text().split("\t") == ["Dialogue territorial", "100", "50"]
    assert page.locator("#me-figure svg[role=img]").count() == 1
    # The room changes (a third phone answers): the pushed room keeps this phone's « moi »
    # (an event holds only the room; « moi » read « — » after each change).
    answer(server, code, participant(), {"dt_enjeux": 0, "dt_rencontres": 0})
    row.locator("td", has_text="33").wait_for(timeout=15_000)
    assert row.inner_text().split("\t") == ["Dialogue territorial", "100", "33"]
    # This phone changes an answer while the results show: its « moi » is scored again (the
    # profile is asked anew after the answer's acknowledgement), not kept at 100.
    first.get_by_label("Je ne le fais pas").check()
    page.locator("#ack-dt_enjeux", has_text="Réponse enregistrée").wait_for()
    row.locator("td", has_text="50").wait_for(timeout=15_000)
    assert row.inner_text().split("\t")[:2] == ["Dialogue territorial", "50"]

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Garder mon profil").click()
    download = download_info.value
    assert download.suggested_filename == f"profil-profil_catalyseur-{code}.json"
    (record,) = import_json(open(download.path(), encoding="utf-8").read())  # noqa: SIM115
    assert record.scores["dialogue_territorial"] == 50 and record.pseudonym == "moi"
    assert guard.external == [] and guard.console_errors == []


def test_results_hidden_stay_hidden_when_an_older_reply_comes_late(
    server: Server, admin: Admin, phone: tuple[Any, Any, Guard]
) -> None:
    """The phone's own profile request, read while revealed, answered after the facilitator
    hid the results: the results stay hidden (they showed again until the next change)."""
    _, page, guard = phone
    code = admin.create("profil_catalyseur")["code"]
    open_session(page, server, code)
    page.locator("#q-dt_enjeux").get_by_label("C'est le cœur de mon action").check()
    page.locator("#ack-dt_enjeux", has_text="Réponse enregistrée").wait_for()
    held: list[tuple[Any, Any]] = []
    page.route("**/results?*", lambda route: held.append((route, route.fetch())))
    admin.act(code, "reveal")
    page.wait_for_selector("#results:not([hidden])", timeout=15_000)  # the pushed room
    wait_until_held(page, held, "the phone's profile")

    admin.act(code, "hide")
    page.wait_for_selector("#results", state="hidden", timeout=15_000)
    route, stale = held.pop()
    with page.expect_response("**/results?*"):
        route.fulfill(response=stale)
    page.evaluate("() => new Promise((done) => setTimeout(done, 300))")  # its reply handled
    page.unroute("**/results?*")
    assert page.locator("#results").is_hidden()
    admin.act(code, "reveal")  # revealed again: the profile is asked again and shown
    mine = page.locator("#me-table tbody tr").first.locator("td").first  # « moi », not the room
    mine.filter(has_text="100").wait_for(timeout=15_000)
    assert guard.external == [] and guard.console_errors == []


def test_an_unknown_code_says_so_in_french(server: Server, phone: tuple[Any, Any, Guard]) -> None:
    _, page, _ = phone
    page.goto(server.url("/parcours/live/j/ZZZZZZ", token=False))
    page.locator("#error", has_text="Cette session n'existe pas").wait_for()
    assert page.locator("h1").inner_text() == "Session introuvable"


def test_keyboard_only(server: Server, admin: Admin, phone: tuple[Any, Any, Guard]) -> None:
    _, page, _ = phone
    code = admin.create("sondage_ouverture")["code"]
    open_session(page, server, code)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the first question's radio group
    page.keyboard.press("Space")
    page.locator("#ack-profil", has_text="Réponse enregistrée").wait_for()
    assert json.loads(json.dumps(admin.get(code)["answers"])) == 1
