"""The projected screen and a handful of phones in Debian's Chromium, against the real server.

The facilitator drives the projected page with the keyboard only; the phones follow without
reloading. At 1920×1080 and 1366×768 every screen is checked by its boxes, not its pixels: no
text clipped or outside the screen, no control visible, the QR code at least 40 % of the
screen's height. Screenshots go to ``tests/artifacts/projection/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, Guard, Server, guard_page
from tests.live.conftest import Admin, wait_until_held

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts" / "projection"
PHONES = 5
SCREENS = [(1920, 1080), (1366, 768)]

LAYOUT = """() => {
  const problems = [];
  const width = innerWidth, height = innerHeight;
  for (const node of document.querySelectorAll("body *")) {
    if (node.closest("svg")) { continue; }
    const style = getComputedStyle(node);
    const box = node.getBoundingClientRect();
    if (!node.getClientRects().length || style.visibility === "hidden") { continue; }
    const text = [...node.childNodes].some(c => c.nodeType === 3 && c.textContent.trim());
    if (!text) { continue; }
    const name = node.tagName + (node.id ? "#" + node.id : "")
      + " « " + node.textContent.trim().slice(0, 30) + " »";
    if (box.left < -1 || box.top < -1 || box.right > width + 1 || box.bottom > height + 1) {
      problems.push("outside: " + name);
    }
    const wider = node.scrollWidth > node.clientWidth + 1;
    const taller = node.scrollHeight > node.clientHeight + 1;
    if (style.display !== "inline" && (wider || taller)) {
      problems.push("clipped: " + name);
    }
  }
  const page = document.scrollingElement;
  if (page.scrollHeight > page.clientHeight || page.scrollWidth > page.clientWidth) {
    problems.push("scrolls");
  }
  return problems;
}"""

CONTROLS = """() => [...document.querySelectorAll("button, a, input, select, textarea, [tabindex]")]
  .filter(n => n.getClientRects().length && getComputedStyle(n).visibility !== "hidden")
  .map(n => n.outerHTML.slice(0, 80))"""


@pytest.fixture
def projection(browser: Any) -> Iterator[tuple[Any, Guard]]:
    guard = Guard()
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="fr-FR")
    page = guard_page(context, guard)
    yield page, guard
    context.close()


@pytest.fixture
def phones(browser: Any) -> Iterator[list[Any]]:
    """Phone-sized pages, one browser context each (each keeps its own identity)."""
    contexts = [
        browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR", has_touch=True)
        for _ in range(PHONES)
    ]
    guards = [Guard() for _ in contexts]
    pages = [guard_page(c, g, abort=False) for c, g in zip(contexts, guards, strict=True)]
    yield pages
    assert [g.external for g in guards] == [[]] * PHONES
    assert [g.console_errors for g in guards] == [[]] * PHONES
    for context in contexts:
        context.close()


def check_screen(page: Any, name: str) -> None:
    """No clipped text, nothing outside the screen, no control shown; a screenshot kept."""
    size = page.viewport_size
    fitted = f"#stage[data-fitted='{size['width']}x{size['height']}']"
    page.locator(fitted).wait_for(state="attached")  # the type was fitted to this size
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{size['width']}x{size['height']}.png"))
    assert page.evaluate(LAYOUT) == [], name
    assert page.evaluate(CONTROLS) == [], name


def visible_question(page: Any) -> str:
    return str(page.locator("fieldset.question:visible").get_attribute("data-id"))


def test_the_room_follows_the_projected_screen(
    server: Server, admin: Admin, projection: tuple[Any, Guard], phones: list[Any]
) -> None:
    page, guard = projection
    code = admin.create("quiz_module_1")["code"]
    ids = [q["id"] for q in admin.get(code)["results"]["questions"]]
    page.goto(server.url(f"/parcours/live/admin/sessions/{code}/projection"))
    page.locator("#join .code", has_text=code).wait_for()
    assert "token=" not in page.url  # taken out of the address bar a projector shows
    for phone in phones:
        phone.goto(server.url(f"/parcours/live/j/{code}", token=False))
        phone.locator(f"#q-{ids[0]}").wait_for(state="visible")
        phone.evaluate("() => { window.notReloaded = true; }")
    page.locator("#joined", has_text=f"{PHONES}\u00a0personnes connectées").wait_for()
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        qr = page.locator("#join .qr svg").bounding_box()
        assert qr is not None and qr["height"] >= 0.4 * height
        check_screen(page, "1-accueil")

    page.keyboard.press("ArrowRight")  # from the join screen: the current question, no move
    page.locator("#question-text").wait_for(state="visible")
    assert admin.get(code)["current"] == 0
    for index, phone in enumerate(phones):
        phone.locator(f"#q-{ids[0]} input").nth(index % 2).check()
        phone.locator(f"#ack-{ids[0]}:not(.pending)", has_text="Réponse enregistrée").wait_for()
    page.locator("#live-count", has_text=f"{PHONES}\u00a0réponses").wait_for()
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        check_screen(page, "2-question")

    page.keyboard.press("r")
    page.locator("#choices.revealed li.right .tag").wait_for()
    assert page.locator("#correction").is_visible()
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        check_screen(page, "3-resultats")
    for phone in phones:  # each phone: right or not, the explanation, the source
        phone.locator(f"#q-{ids[0]} .correction .source").wait_for()
        assert phone.locator(f"#q-{ids[0]} input:enabled").count() == 0  # locked

    page.keyboard.press("PageDown")  # a presenter's clicker
    for phone in phones:
        phone.locator(f"#q-{ids[1]}").wait_for(state="visible")
        assert visible_question(phone) == ids[1]
    page.keyboard.press("ArrowLeft")
    for phone in phones:
        phone.locator(f"#q-{ids[0]}").wait_for(state="visible")
        assert phone.evaluate("() => window.notReloaded") is True  # followed, never reloaded
    assert admin.get(code)["current"] == 0

    page.keyboard.press("?")
    help_box = page.locator("#help")
    assert help_box.is_visible() and "Raccourcis clavier" in help_box.inner_text()
    assert "question suivante" in help_box.inner_text()
    page.keyboard.press("Escape")
    assert help_box.is_hidden()
    assert page.locator("#loopback").is_hidden()  # the drawer is closed: nothing projected
    page.keyboard.press("d")
    assert page.locator("#loopback").is_visible()  # 127.0.0.1: said to the facilitator
    assert "--ip 0.0.0.0" in page.locator("#loopback").inner_text()
    page.keyboard.press("d")
    page.keyboard.press("o")  # close the session to answers
    page.locator("#live-count", has_text="session fermée").wait_for()
    assert admin.get(code)["state"] == "closed"
    assert guard.external == [] and guard.console_errors == []


def test_back_pressed_while_the_move_forward_is_on_its_way_goes_back(
    server: Server, admin: Admin, projection: tuple[Any, Guard]
) -> None:
    """« → » then « ← » at once, the first move's reply still on its way: the room goes back to
    question 1 (the page decided « ← » on question 1 still and showed the join screen, the
    phones left on question 2: a CI run)."""
    page, guard = projection
    code = admin.create("quiz_module_1")["code"]
    page.goto(server.url(f"/parcours/live/admin/sessions/{code}/projection"))
    page.locator("#join .code", has_text=code).wait_for()
    page.keyboard.press("ArrowRight")  # the join screen to the current question, no move
    page.locator("#question-text").wait_for(state="visible")
    held: list[Any] = []
    page.route("**/next", lambda route: held.append(route))
    page.keyboard.press("ArrowRight")
    wait_until_held(page, held, "the move forward")
    page.keyboard.press("ArrowLeft")
    with page.expect_response("**/previous", timeout=15_000):
        held.pop().continue_()
    page.unroute("**/next")
    assert admin.get(code)["current"] == 0
    assert page.locator("#question-text").is_visible() and page.locator("#join").is_hidden()
    assert guard.external == [] and guard.console_errors == []


def test_a_quiz_to_the_end_score_merci_and_my_answers(
    server: Server, admin: Admin, projection: tuple[Any, Guard], browser: Any
) -> None:
    page, _ = projection
    code = admin.create("quiz_module_1")["code"]
    questions = admin.get(code)["results"]["questions"]
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="fr-FR", accept_downloads=True
    )
    phone = guard_page(context, Guard())
    phone.goto(server.url(f"/parcours/live/j/{code}", token=False))
    page.goto(server.url(f"/parcours/live/admin/sessions/{code}/projection"))
    page.keyboard.press("ArrowRight")
    for index, question in enumerate(questions):
        phone.locator(f"#q-{question['id']}").wait_for(state="visible")
        phone.locator(f"#q-{question['id']} input").first.check()
        phone.locator(f"#ack-{question['id']}:not(.pending)", has_text="enregistrée").wait_for()
        page.keyboard.press("r")
        phone.locator(f"#q-{question['id']} .correction").wait_for()
        if index < len(questions) - 1:
            page.keyboard.press("ArrowRight")
    corrections = admin.get(code)["corrections"]
    right = sum(corrections[q["id"]]["answer"] == q["choices"][0]["value"] for q in questions)
    phone.locator("#thanks h2", has_text="Merci\u00a0!").wait_for()
    score = phone.locator("#score").inner_text()
    assert score.startswith(f"Votre score\u00a0: {right}\u00a0sur\u00a0{len(questions)}")
    with phone.expect_download() as download_info:
        phone.get_by_role("button", name="Garder mes réponses").click()
    kept = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert (kept["session"], len(kept["answers"])) == (code, len(questions))
    assert sum(entry["right"] for entry in kept["answers"]) == right
    context.close()


def test_opened_from_the_dashboard_the_login_cookie_is_enough(
    server: Server, admin: Admin, projection: tuple[Any, Guard]
) -> None:
    """The dashboard's link carries no token: the page and its POSTs go by the login cookie
    (and the ``_xsrf`` cookie Jupyter asks of a cookie-authenticated POST)."""
    page, _ = projection
    code = admin.create("sondage_ouverture")["code"]
    page.goto(server.url("/voila/render/dashboards/audience_live.ipynb"))  # logs in
    page.evaluate("() => sessionStorage.clear()")
    page.goto(f"{server.base}/parcours/live/admin/sessions/{code}/projection")
    page.locator("#join .code", has_text=code).wait_for()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # the next question, through a cookie-authenticated POST
    page.locator("#position", has_text="Question 2 sur 3").wait_for()
    assert admin.get(code)["current"] == 1
    assert page.locator("#drawer-error").is_hidden()


LONG_POLL = """schema_version: 1
id: sondage_long
version: "1"
kind: poll
title: Un sondage aux longues questions
description: Pour vérifier que l'écran projeté tient sans défiler.
items:
  - id: longue
    results: always
    question: >-
      Parmi les modes d'action suivants, lequel votre organisation a-t-elle déjà mis en œuvre
      avec au moins un partenaire d'un autre monde (association, entreprise, collectivité,
      acteur académique), en tenant compte des projets menés au cours des trois dernières
      années et de ceux qui sont encore en préparation aujourd'hui sur votre territoire ?
    options:
{options}
"""


@pytest.fixture(scope="module")
def long_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose data holds a poll with a long question and six long options."""
    import shutil

    from tests.conftest import DATA, start_server, stop_server

    tmp = tmp_path_factory.mktemp("long")
    data = tmp / "data"
    shutil.copytree(DATA, data)
    options = "\n".join(
        f'      - {{id: o{n}, label: "Option {n} : une réponse assez longue pour passer '
        f'à la ligne sur un écran de 1366 pixels, avec des mots comme co-construction"}}'
        for n in range(1, 7)
    )
    (data / "banks" / "sondage_long.yaml").write_text(
        LONG_POLL.format(options=options), encoding="utf-8"
    )
    running = start_server(tmp, {"PARCOURS_DATA_DIR": str(data)})
    yield running
    stop_server(running)


def test_a_long_question_still_fits_the_screen(
    long_server: Server, projection: tuple[Any, Guard]
) -> None:
    page, guard = projection
    code = Admin(long_server).create("sondage_long")["code"]
    page.goto(long_server.url(f"/parcours/live/admin/sessions/{code}/projection"))
    page.keyboard.press("ArrowRight")
    page.keyboard.press("r")
    page.locator("#choices.revealed li .bar").first.wait_for()
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        page.locator(f"#stage[data-fitted='{width}x{height}']").wait_for(state="attached")
        check_screen(page, "4-longue-question")
    assert guard.console_errors == []


def test_results_shown_always_reach_the_phone_before_any_reveal(
    long_server: Server, browser: Any
) -> None:
    """``results: always``: the phone shows the room's counts as they come, unrevealed."""
    admin = Admin(long_server)
    code = admin.create("sondage_long")["code"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    phone = guard_page(context, Guard())
    phone.goto(long_server.url(f"/parcours/live/j/{code}", token=False))
    phone.locator("#q-longue input").nth(2).check()
    phone.locator("#results:not([hidden]) .tag", has_text="votre réponse").wait_for()
    assert admin.get(code)["revealed"] is False
    # The phone's own answer shows at once; the room's count comes with the next broadcast.
    expect(phone.locator("#results-count")).to_contain_text("1\u00a0participant", timeout=30_000)
    assert admin.get(code)["revealed"] is False
    context.close()
