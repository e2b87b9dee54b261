"""Phones in Debian's Chromium answer a multiple choice, a few words and the audience's questions;
the room's aggregate shows the cloud French readers expect and the questions by votes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.axe import serious_violations
from tests.conftest import Guard, Server, guard_page
from tests.live.conftest import Admin, wait_until_held

pytestmark = pytest.mark.browser

BANK = "sondage_questions_salle"


@pytest.fixture
def phones(browser: Any) -> Iterator[list[tuple[Any, Guard]]]:
    """Three phones, each a context of its own (its own storage, so its own identity)."""
    made = []
    for _ in range(3):
        guard = Guard()
        context = browser.new_context(
            viewport={"width": 360, "height": 760}, locale="fr-FR", has_touch=True
        )
        made.append((context, guard_page(context, guard), guard))
    yield [(page, guard) for _, page, guard in made]
    for context, _, _ in made:
        context.close()


def test_a_room_answers_each_type(
    server: Server, admin: Admin, phones: list[tuple[Any, Guard]]
) -> None:
    code = admin.create(BANK)["code"]
    words = ["Économie <b>sociale</b>", "l'économie de proximité", "Confiance"]
    choices = [["Associations", "Acteurs académiques"], ["Associations"], ["Aucun pour l'instant"]]
    # The poll is paced: the phones show the facilitator's current question, one at a time.
    for (page, _), chosen in zip(phones, choices, strict=True):
        page.goto(server.url(f"/parcours/live/j/{code}", token=False))
        multiple = page.locator("#q-partenaires")
        multiple.wait_for()
        for label in chosen:
            multiple.get_by_label(label).check()
        page.locator("#ack-partenaires", has_text="Réponse enregistrée").wait_for()

    first, _ = phones[0]
    multiple = first.locator("#q-partenaires")
    multiple.get_by_label("Collectivités territoriales / institutions").check()
    multiple.get_by_label("Aucun pour l'instant").click()  # a fourth: refused on the phone
    first.locator("#ack-partenaires", has_text="Au plus 3").wait_for()
    assert not multiple.get_by_label("Aucun pour l'instant").is_checked()

    admin.act(code, "next")  # the open words, followed by every phone without reloading
    for (page, _), said in zip(phones, words, strict=True):
        field = page.get_by_label("Votre réponse en quelques mots")
        field.wait_for()
        field.fill(said)
        field.press("Enter")
        page.locator("#ack-evocation", has_text="Réponse enregistrée").wait_for()

    admin.act(code, "next")  # the audience's questions
    for page, _ in phones:
        page.wait_for_selector("#q-questions_salle textarea")
    asks = ["Comment financer <script>alert(1)</script> ?", "Qui anime le réseau ?"]
    for (page, _), text in zip(phones[:2], asks, strict=True):
        page.get_by_label("Votre question (anonyme)").fill(text)
        page.get_by_role("button", name="Poser la question").click()
        page.locator("#ack-questions_salle", has_text="Question envoyée").wait_for()
    for page, _ in phones:  # every phone sees both questions (pushed), its own one not votable
        page.locator("#qa-questions_salle li", has_text="Qui anime").wait_for()
        page.locator("#qa-questions_salle li", has_text="<script>").wait_for()
    second, _ = phones[1]
    assert second.get_by_role("button", name="Votre question : Qui anime le réseau ?").is_disabled()
    for page, _ in (phones[0], phones[2]):
        page.get_by_role("button", name="Voter pour : Qui anime le réseau ?").click()
        page.get_by_role("button", name="Déjà voté pour : Qui anime le réseau ?").wait_for()
    # The list sorts itself by votes on every phone, pushed.
    second.wait_for_function(
        "document.querySelector('#qa-questions_salle li .text').textContent"
        " === 'Qui anime le réseau ?'"
    )
    assert "2\u00a0votes" in second.locator("#qa-questions_salle li").first.inner_text()

    admin.call("POST", f"/sessions/{code}/words/hide", {"word": "proximité"})
    results = admin.get(code)["results"]
    partners = {c["value"]: c["count"] for c in results["questions"][0]["choices"]}
    assert partners == {
        "collectivites": 1,
        "acteurs_economiques": 0,
        "associations": 2,
        "academiques": 1,
        "aucun": 1,
    }
    assert results["questions"][0]["answered"] == 3
    cloud = results["questions"][1]["words"]
    assert cloud[0] == {"word": "économie", "count": 2}
    shown = [w["word"] for w in cloud]
    assert "proximité" not in shown and "l'" not in shown and "de" not in shown
    assert not any(w.startswith(("l'", "l’")) for w in shown)
    listed = admin.call("GET", f"/sessions/{code}/questions")["questions"]
    assert [(q["text"], q["votes"]) for q in listed] == [
        ("Qui anime le réseau ?", 2),
        ("Comment financer <script>alert(1)</script> ?", 0),
    ]

    admin.act(code, "previous")  # back to the cloud, revealed on the phones
    admin.act(code, "reveal")
    third, _ = phones[2]
    cloud_items = third.locator("#room .cloud li")
    cloud_items.first.wait_for(timeout=15_000)
    assert cloud_items.first.inner_text().startswith("économie")
    texts = " ".join(cloud_items.all_inner_texts())
    assert "proximité" not in texts
    assert "sociale" in texts and third.locator("#room .cloud b").count() == 0  # escaped
    assert third.locator("#qa-questions_salle script").count() == 0
    assert serious_violations(third) == []
    # The smallest phones: no sideways scroll.
    third.set_viewport_size({"width": 320, "height": 700})
    assert third.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for _, guard in phones:
        assert guard.external == [] and guard.console_errors == [], json.dumps(guard.__dict__)


def test_an_older_list_of_questions_never_replaces_a_newer_one(
    server: Server, admin: Admin, phones: list[tuple[Any, Guard]]
) -> None:
    """A phone's own request for the list, read before another phone's question, answered
    after the push that brought it: the question stays (it vanished until the room's next
    change in a run under load, and the phone could not vote for it)."""
    code = admin.create(BANK)["code"]
    admin.call("POST", f"/sessions/{code}/goto", {"index": 2})  # the audience's questions
    asker, other = phones[0][0], phones[1][0]
    for page in (asker, other):
        page.goto(server.url(f"/parcours/live/j/{code}", token=False))
        page.wait_for_selector("#q-questions_salle textarea")
    held: list[tuple[Any, Any]] = []

    def hold(route: Any) -> None:  # read now, delivered when the test says
        if route.request.method == "GET":
            held.append((route, route.fetch()))
        else:
            route.continue_()

    asker.route("**/questions", hold)
    asker.get_by_label("Votre question (anonyme)").fill("Qui finance les tiers-lieux ?")
    asker.get_by_role("button", name="Poser la question").click()
    asker.locator("#ack-questions_salle", has_text="Question envoyée").wait_for()
    wait_until_held(asker, held, "the list, after the page's own question")

    other.get_by_label("Votre question (anonyme)").fill("Qui anime le réseau ?")
    other.get_by_role("button", name="Poser la question").click()
    asker.locator("#qa-questions_salle li", has_text="Qui anime").wait_for()  # pushed

    route, stale = held.pop()
    with asker.expect_response("**/questions"):
        route.fulfill(response=stale)
    asker.evaluate("() => new Promise((done) => setTimeout(done, 300))")  # its reply handled
    asker.unroute("**/questions")
    assert asker.get_by_role("button", name="Voter pour : Qui anime le réseau ?").is_visible()
