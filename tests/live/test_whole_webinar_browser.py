"""A whole webinar in Debian's Chromium: the projected screen and 20 phones, question by question.

This is issue 16's « done when ». The facilitator drives the projected page with the keyboard
through four questions of one session: a quiz question (single choice, with a right answer, its
explanation and source), a multiple choice, a few words (the word cloud) and the audience's
questions (Q&A). Twenty phones, each a browser context of its own (its own storage, hence its
own signed identity), follow without reloading. At each step the projected page is
photographed at 1920×1080 and 1366×768 and checked by its boxes: no text clipped or outside the
screen, no control and no facilitator's tool shown. Then:

* the quiz answer is locked once its right answer was shown: the server refuses a change (409
  and a French message) and the phone says so, showing the answer it kept;
* the cloud counts « Économie » and « économie » as one word, shown with its accent, never shows
  « l' » or « de », nor a word hidden before or after it showed, even after the facilitator
  left the question and came back;
* the audience's questions are ordered by votes, one vote each (a second one is refused);
* axe-core finds no serious violation on the projected page nor on a phone.

A poll made in « Préparer un sondage » (the form's own class) and polls imported from a CSV and
an XLSX file are saved into the same private data folder and played too. Screenshots go to a
temporary folder (printed with ``-s``); how fast phones follow is the benchmark's to measure.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.axe import serious_violations
from tests.conftest import DATA, Guard, Server, guard_page, start_server, stop_server
from tests.live.conftest import Admin, answer, identity, request
from tests.live.sse import EventStream
from tests.live.test_projection_browser import CONTROLS, LAYOUT
from tests.polls import fill_poll_form
from widgets.banks.spreadsheet_template import template_csv, template_xlsx
from widgets.banks.writer import save_bank
from widgets.labels import live_message

pytestmark = pytest.mark.browser

PHONES = 20
SCREENS = [(1920, 1080), (1366, 768)]
BANK = "webinaire_complet"
WAIT = 30_000
"""Milliseconds any one wait may take on a busy 2-core machine (never a timed assertion)."""

WORDS = [
    "Économie sociale",
    "économie locale",
    "l'économie de proximité",
    "Économie",
    "Confiance",
    "confiance mutuelle",
    "L'alliance des acteurs",
    "alliances",
    "de",
    "l'écoute",
    "Proximité",
    "proximité des élus",
    "Territoire",
    "territoires vivants",
    "économie circulaire",
    "<b>Coopération</b>",
    "Coopération",
    "d'abord la confiance",
    "Économie du partage",
    "réseau",
]
"""One answer per phone: « économie » six times in two cases, stop words and elisions."""

ASKED = {
    0: "Comment financer un projet commun ?",
    1: "Qui anime le réseau des pionniers ?",
    2: "Quels outils pour <script>évaluer</script> une alliance ?",
}
VOTES = {1: [0, *range(3, 11)], 2: list(range(11, 16)), 0: [16, 17]}
"""Question (by asking phone) → the phones that vote for it: 9, 5 and 2 votes."""

ADMIN_TEXT = re.compile(
    r"Remettre à zéro|Export|Reprendre|Préparer un sondage|Banque|Révéler|tiroir"
)
"""What a facilitator's tool says (reset, exports, resume and bank pickers, the form, the
drawer's buttons): none of it may show on the projected page."""


def webinar_bank() -> dict[str, Any]:
    """The first question of module 1's quiz (with its source and quote), then the closing
    poll's multiple choice, words and audience's questions: one poll of four questions."""
    quiz = yaml.safe_load((DATA / "banks" / "quiz_module_1.yaml").read_text(encoding="utf-8"))
    poll = yaml.safe_load(
        (DATA / "banks" / "sondage_questions_salle.yaml").read_text(encoding="utf-8")
    )
    first = dict(quiz["items"][0])
    return {
        "schema_version": 1,
        "id": BANK,
        "version": "1.0",
        "kind": "poll",
        "title": "Un webinaire en quatre questions",
        "description": "Un quiz, un choix multiple, quelques mots et vos questions.",
        "sources": sorted({first["source"], *poll["sources"]}),
        "items": [first, *poll["items"]],
    }


def upload(name: str, content: bytes) -> tuple[dict[str, Any], ...]:
    """A file as ``ipywidgets.FileUpload`` holds it."""
    return (
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime.now(UTC),
        },
    )


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A private ``data/`` holding the webinar, a poll made in the form, and the spreadsheet
    template imported once as CSV (retitled) and once as XLSX: their bank ids by origin."""
    from widgets.ui.poll_form import PollForm

    data = tmp_path_factory.mktemp("webinar") / "data"
    shutil.copytree(DATA, data)
    save_bank(webinar_bank(), data_dir=data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARCOURS_DATA_DIR", str(data))
        form = PollForm()
        fill_poll_form(form, "Fait dans le formulaire", words="En un mot, votre journée ?")
        made = {"form": form.save().bank.id}
        for name, content in (("csv", template_csv()), ("xlsx", template_xlsx())):
            imported = PollForm()
            imported.upload.value = upload(f"sondage_modele.{name}", content)
            imported.title.value = f"Sondage importé ({name.upper()})"
            made[name] = imported.save().bank.id
    return data, made


@pytest.fixture(scope="module")
def webinar_server(
    saved: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    data, _ = saved
    tmp = tmp_path_factory.mktemp("webinar-server")
    env = {
        "PARCOURS_DATA_DIR": str(data),
        "PARCOURS_LIVE_DATABASE_URL": f"sqlite:///{tmp / 'live.sqlite3'}",
    }
    running = start_server(tmp, env)
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("webinar-screens")
    print(f"\nscreenshots of the projected page: {folder}")
    return folder


class Phone:
    """One phone: its own context (storage, hence identity), its page, what it saw."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="fr-FR", has_touch=True
        )
        self.guard = Guard()
        self.page = guard_page(self.context, self.guard, abort=False)  # 20 pages: record only
        self.navigations: list[str] = []
        self.page.on(
            "framenavigated",
            lambda frame: (
                self.navigations.append(frame.url) if frame.parent_frame is None else None
            ),
        )

    def identity(self, code: str) -> str:
        """The participant identity the server signed for this phone, as the page keeps it."""
        kept = self.page.evaluate(f"() => localStorage.getItem('parcours-live:{code}')")
        return str(json.loads(kept)["participant"])

    def acked(self, item: str, text: str = "Réponse enregistrée") -> None:
        self.page.locator(f"#ack-{item}:not(.pending)", has_text=text).wait_for(timeout=WAIT)


@pytest.fixture(scope="module")
def phones(browser: Any) -> Iterator[list[Phone]]:
    made = [Phone(browser) for _ in range(PHONES)]
    yield made
    for phone in made:
        phone.context.close()


@pytest.fixture
def screen(browser: Any) -> Iterator[tuple[Any, Guard]]:
    """The projected page, in a context of its own (the facilitator's computer)."""
    guard = Guard()
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="fr-FR")
    yield guard_page(context, guard), guard
    context.close()


def check_screen(page: Any, shots: Path, name: str) -> None:
    """At both sizes: fitted, photographed, no text clipped or outside, no control, no tool."""
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        fitted = page.locator(f"#stage[data-fitted='{width}x{height}']")
        fitted.wait_for(state="attached", timeout=WAIT)
        page.screenshot(path=str(shots / f"{name}-{width}x{height}.png"))
        assert page.evaluate(LAYOUT) == [], (name, width)
        assert page.evaluate(CONTROLS) == [], (name, width)
        assert ADMIN_TEXT.findall(page.evaluate("() => document.body.innerText")) == []
    page.set_viewport_size({"width": 1920, "height": 1080})


def projected(page: Any, selector: str, text: str) -> None:
    page.locator(selector, has_text=text).wait_for(timeout=WAIT)


@dataclass
class Webinar:
    """One session played: the server, its projected page, its phones, its four questions."""

    server: Server
    code: str
    page: Any
    phones: list[Phone]
    shots: Path
    ids: list[str]

    @property
    def admin(self) -> Admin:
        return Admin(self.server)

    def results(self, index: int) -> dict[str, Any]:
        return dict(self.admin.get(self.code)["results"]["questions"][index])

    def next(self, number: int) -> None:
        """The facilitator's clicker: the next question, shown as « Question n sur 4 »."""
        self.page.keyboard.press("ArrowRight")
        projected(self.page, "#position", f"Question {number} sur 4")


def test_a_whole_webinar_with_twenty_phones(
    webinar_server: Server,
    screen: tuple[Any, Guard],
    phones: list[Phone],
    shots: Path,
) -> None:
    page, guard = screen
    code = str(Admin(webinar_server).create(BANK)["code"])
    ids = [q["id"] for q in Admin(webinar_server).get(code)["results"]["questions"]]
    webinar = Webinar(webinar_server, code, page, phones, shots, ids)
    join(webinar)
    play_quiz(webinar)
    refuse_a_late_change(webinar)
    play_multiple(webinar)
    play_words(webinar)
    play_audience(webinar)
    come_back_to_the_cloud(webinar)
    assert [len(phone.navigations) for phone in phones] == [1] * PHONES  # never reloaded
    assert [phone.guard.external for phone in phones] == [[]] * PHONES
    logged = [e for p in phones for e in p.guard.console_errors if "status of 409" not in e]
    assert logged == []  # the only console error: the refused change, as Chromium logs it
    assert guard.external == [] and guard.console_errors == []


def join(webinar: Webinar) -> None:
    """The join screen; twenty phones open the address and show the first question."""
    page, server, code = webinar.page, webinar.server, webinar.code
    page.goto(server.url(f"/parcours/live/admin/sessions/{code}/projection"))
    page.locator("#join .code", has_text=code).wait_for(timeout=WAIT)
    for phone in webinar.phones:
        phone.page.goto(server.url(f"/parcours/live/j/{code}", token=False), wait_until="commit")
    for phone in webinar.phones:
        phone.page.locator(f"#q-{webinar.ids[0]}").wait_for(state="visible", timeout=WAIT)
        phone.page.evaluate("() => { window.notReloaded = true; }")
    projected(page, "#joined", f"{PHONES}\u00a0personnes connectées")
    qr = page.locator("#join .qr svg").bounding_box()
    assert qr is not None and qr["height"] >= 0.4 * 1080
    check_screen(page, webinar.shots, "1-accueil")
    assert serious_violations(page) == []


def play_quiz(webinar: Webinar) -> None:
    """The quiz question: answered (one change of mind before the reveal), revealed, locked."""
    page, phones, quiz = webinar.page, webinar.phones, webinar.ids[0]
    webinar.next(1)
    for index, phone in enumerate(phones):
        phone.page.locator(f"#q-{quiz} input").nth(index % 3).check()
    for phone in phones:
        phone.acked(quiz)
    phones[0].page.locator(f"#q-{quiz} input").nth(1).check()  # before the reveal: taken
    phones[0].acked(quiz)
    projected(page, "#live-count", f"{PHONES}\u00a0réponses")
    check_screen(page, webinar.shots, "2-quiz-question")
    page.keyboard.press("r")
    page.locator("#choices.revealed li.right .tag").wait_for(timeout=WAIT)
    assert page.locator("#correction").is_visible()
    check_screen(page, webinar.shots, "3-quiz-resultats")
    assert serious_violations(page) == []
    counts = [c["count"] for c in webinar.results(0)["choices"]]
    assert counts == [6, 8, 6]  # phone i chose option i mod 3, then phone 0 the second
    for phone in phones:
        phone.page.locator(f"#q-{quiz} .correction .source").wait_for(timeout=WAIT)
        assert phone.page.locator(f"#q-{quiz} input:enabled").count() == 0


def refuse_a_late_change(webinar: Webinar) -> None:
    """Phone 2 chose the third option, wrong, and tries the right one once it was shown: the
    server refuses (409, in French) and the phone says so, back to the answer kept."""
    quiz, late = webinar.ids[0], webinar.phones[2]
    status, _, text = request(
        f"{webinar.server.base}/parcours/live/api/{webinar.code}/answers",
        "POST",
        {"participant": late.identity(webinar.code), "answers": {quiz: "b"}},
    )
    refused = json.loads(text)
    assert (status, refused["code"]) == (409, "answer-locked")
    assert refused["error"] == live_message("answer-locked", item=quiz)
    # A page that had not heard of the reveal yet: its option still enabled, tapped.
    late.page.evaluate(
        "(selector) => { const box = document.querySelector(selector);"
        " box.disabled = false; box.click(); }",
        f"#q-{quiz} input[value='1']",
    )
    late.page.locator("#error", has_text="ne peut plus changer").wait_for(timeout=WAIT)
    late.acked(quiz, "Non enregistrée")
    assert late.page.locator(f"#q-{quiz} input").nth(2).is_checked()  # what the server kept
    assert "Pas tout à fait" in late.page.locator(f"#q-{quiz} .correction").inner_text()
    late.page.screenshot(path=str(webinar.shots / "telephone-reponse-verrouillee.png"))
    assert webinar.results(0)["choices"][1]["count"] == 8
    assert serious_violations(late.page) == []


MULTIPLE = {
    "collectivites": "Collectivités",
    "acteurs_economiques": "Acteurs économiques",
    "associations": "Associations",
    "academiques": "Acteurs académiques",
}
"""Options of the multiple choice (value → the start of its label)."""


def play_multiple(webinar: Webinar) -> None:
    """The multiple choice: every phone follows, unreloaded, and ticks one or two options."""
    page, phones, multiple = webinar.page, webinar.phones, webinar.ids[1]
    webinar.next(2)
    values = list(MULTIPLE)
    expected = dict.fromkeys([*values, "aucun"], 0)
    for index, phone in enumerate(phones):
        phone.page.locator(f"#q-{multiple}").wait_for(state="visible", timeout=WAIT)
        assert phone.page.locator(f"#q-{webinar.ids[0]}").is_hidden()
        chosen = [values[index % 4]] + ([values[(index + 1) % 4]] if index % 2 else [])
        for value in chosen:
            phone.page.locator(f"#q-{multiple}").get_by_label(MULTIPLE[value]).check()
            expected[value] += 1
    for phone in phones:
        phone.acked(multiple)
    projected(page, "#live-count", f"{PHONES}\u00a0réponses")
    check_screen(page, webinar.shots, "4-choix-multiple")
    page.keyboard.press("r")
    page.locator("#choices.revealed li .bar").first.wait_for(timeout=WAIT)
    check_screen(page, webinar.shots, "5-choix-multiple-resultats")
    assert {c["value"]: c["count"] for c in webinar.results(1)["choices"]} == expected
    phones[5].page.locator("#results .bars li").first.wait_for(timeout=WAIT)


def cloud_words(page: Any, selector: str) -> set[str]:
    """The words a cloud shows, without their counts."""
    return {text.split("\u00a0")[0] for text in page.locator(selector).all_inner_texts()}


def play_words(webinar: Webinar) -> None:
    """A few words each; a word hidden before the reveal, another after it showed."""
    page, phones, cloud = webinar.page, webinar.phones, webinar.ids[2]
    webinar.next(3)
    for phone, said in zip(phones, WORDS, strict=True):
        field = phone.page.get_by_label("Votre réponse en quelques mots")
        field.wait_for(timeout=WAIT)
        field.fill(said)
        field.press("Enter")
    for phone in phones:
        phone.acked(cloud)
    hide = f"/sessions/{webinar.code}/words/hide"
    webinar.admin.call("POST", hide, {"word": "Proximité"})  # before it shows
    projected(page, "#live-count", f"{PHONES}\u00a0réponses")
    assert page.locator("#cloud").is_hidden()  # not revealed yet
    check_screen(page, webinar.shots, "6-mots")
    page.keyboard.press("r")
    page.locator("#cloud li").first.wait_for(timeout=WAIT)
    assert page.locator("#cloud li").first.inner_text() == "économie\u00a06"
    check_screen(page, webinar.shots, "7-nuage")
    assert serious_violations(page) == []
    shown = cloud_words(page, "#cloud li")
    assert {"économie", "confiance", "alliance", "Coopération"} <= shown
    assert not shown & {"Économie", "l'", "l", "de", "proximité", "Proximité"}
    assert page.locator("#cloud b").count() == 0  # « <b>Coopération</b> » is text
    on_phone = phones[7].page.locator("#room .cloud li")
    on_phone.first.wait_for(timeout=WAIT)
    assert on_phone.first.inner_text().startswith("économie")

    webinar.admin.call("POST", hide, {"word": "confiance"})  # after it showed
    page.locator("#cloud li", has_text="confiance").wait_for(state="detached", timeout=WAIT)
    for phone in phones:
        gone = phone.page.locator("#room .cloud li", has_text="confiance")
        gone.wait_for(state="detached", timeout=WAIT)
        assert not cloud_words(phone.page, "#room .cloud li") & {"proximité", "de", "l'"}


def play_audience(webinar: Webinar) -> None:
    """Three phones ask, sixteen vote once each; the order follows the votes everywhere."""
    page, phones, audience = webinar.page, webinar.phones, webinar.ids[3]
    webinar.next(4)
    for number, text in ASKED.items():
        phone = phones[number]
        phone.page.get_by_label("Votre question (anonyme)").fill(text)
        phone.page.get_by_role("button", name="Poser la question").click()
        phone.acked(audience, "Question envoyée")
    for asker, voters in VOTES.items():
        for voter in voters:
            phone = phones[voter].page
            phone.get_by_role("button", name=f"Voter pour\u00a0: {ASKED[asker]}").click()
            voted = phone.get_by_role("button", name=f"Déjà voté pour\u00a0: {ASKED[asker]}")
            voted.wait_for(timeout=WAIT)
    order = [ASKED[1], ASKED[2], ASKED[0]]
    projected(page, "#audience li:first-child .votes", "9\u00a0votes")
    projected(page, "#audience li:nth-child(2) .votes", "5\u00a0votes")
    assert page.locator("#audience .text").all_inner_texts() == order
    assert page.locator("#audience script").count() == 0
    first = f"document.querySelector('#qa-{audience} li .text').textContent === {order[0]!r}"
    for phone in phones:
        phone.page.wait_for_function(first, timeout=WAIT)
    assert phones[19].page.locator(f"#qa-{audience} .text").all_inner_texts() == order
    listed = webinar.admin.call("GET", f"/sessions/{webinar.code}/questions")["questions"]
    assert [(q["text"], q["votes"]) for q in listed] == list(zip(order, [9, 5, 2], strict=True))
    status, _, text = request(  # phone 3 votes again for the question it voted for
        f"{webinar.server.base}/parcours/live/api/{webinar.code}/questions/{listed[0]['id']}/vote",
        "POST",
        {"participant": phones[3].identity(webinar.code)},
    )
    voted_twice = {"error": live_message("voted-twice"), "code": "voted-twice"}
    assert (status, json.loads(text)) == (409, voted_twice)
    again = phones[3].page.get_by_role("button", name=f"Déjà voté pour\u00a0: {order[0]}")
    assert again.is_disabled()
    check_screen(page, webinar.shots, "8-questions-salle")
    assert serious_violations(page) == []
    assert serious_violations(phones[3].page) == []
    phones[3].page.screenshot(path=str(webinar.shots / "telephone-questions-salle.png"))
    hide = f"/sessions/{webinar.code}/questions/{listed[2]['id']}/hide"  # the least supported
    webinar.admin.call("POST", hide)
    page.locator("#audience .text", has_text=ASKED[0]).wait_for(state="detached", timeout=WAIT)


def come_back_to_the_cloud(webinar: Webinar) -> None:
    """Back to the cloud and forth: what was hidden stays hidden; the phones follow; « merci »
    and the score."""
    page, phones = webinar.page, webinar.phones
    page.keyboard.press("ArrowLeft")
    projected(page, "#position", "Question 3 sur 4")
    page.locator("#cloud li").first.wait_for(timeout=WAIT)
    assert not cloud_words(page, "#cloud li") & {"proximité", "confiance"}
    for phone in phones:
        phone.page.locator(f"#q-{webinar.ids[2]}").wait_for(state="visible", timeout=WAIT)
        assert phone.page.evaluate("() => window.notReloaded") is True
    webinar.next(4)  # and forth: the hidden question stays hidden, here and on the phones
    projected(page, "#audience li:first-child .votes", "9\u00a0votes")
    kept = [ASKED[1], ASKED[2]]
    assert page.locator("#audience .text").all_inner_texts() == kept
    phones[19].page.locator(f"#q-{webinar.ids[3]}").wait_for(state="visible", timeout=WAIT)
    assert phones[19].page.locator(f"#qa-{webinar.ids[3]} .text").all_inner_texts() == kept
    right = phones[1].page  # chose the right option: « merci » and the score
    right.locator("#thanks h2", has_text="Merci\u00a0!").wait_for(timeout=WAIT)
    score = right.locator("#score").inner_text()
    assert score.startswith("Votre score\u00a0: 1\u00a0sur\u00a01")


@pytest.mark.parametrize("origin", ["form", "csv", "xlsx"])
def test_polls_from_the_form_and_spreadsheets_run_live(
    origin: str,
    saved: tuple[Path, dict[str, str]],
    webinar_server: Server,
    screen: tuple[Any, Guard],
    phones: list[Phone],
    shots: Path,
) -> None:
    """Each saved poll is played: three phones answer every question, the results show."""
    _, made = saved
    server, (page, guard) = webinar_server, screen
    admin = Admin(server)
    code = str(admin.create(made[origin])["code"])
    questions = admin.get(code)["results"]["questions"]
    page.goto(server.url(f"/parcours/live/admin/sessions/{code}/projection"))
    page.locator("#join .code", has_text=code).wait_for(timeout=WAIT)
    page.keyboard.press("ArrowRight")
    room = phones[:3]
    for phone in room:  # a new session: a new identity for each phone
        phone.page.goto(server.url(f"/parcours/live/j/{code}", token=False))
    rules = {q["id"]: q["results"] for q in public(server, code)["questions"]}
    for number, question in enumerate(questions, start=1):
        projected(page, "#position", f"Question {number} sur {len(questions)}")
        for index, phone in enumerate(room):
            answer_one(phone, question, index)
        heading = room[0].page.locator("#results #room h3", has_text=question["text"][:20])
        if rules[question["id"]] in ("always", "answered") and question["type"] != "questions":
            heading.wait_for(timeout=WAIT)  # before any reveal: shown to those who answered
        if question["type"] != "questions":
            projected(page, "#live-count", f"{len(room)}\u00a0réponses")
            page.keyboard.press("r")
            revealed = "#cloud li" if question["type"] == "words" else "#choices.revealed .bar"
            page.locator(revealed).first.wait_for(timeout=WAIT)
            heading.wait_for(timeout=WAIT)
        else:
            projected(page, f"#audience li:nth-child({len(room)}) .votes", "0\u00a0vote")
        if number == len(questions):  # the last one photographed; every one fits
            check_screen(page, shots, f"9-{origin}")
        assert page.evaluate(LAYOUT) == [], (origin, number)
        page.keyboard.press("ArrowRight")
    results = admin.get(code)["results"]
    assert results["participants"] == len(room)
    assert all(q["answered"] == len(room) for q in results["questions"] if q["type"] != "questions")
    assert guard.external == [] and guard.console_errors == []


def public(server: Server, code: str) -> dict[str, Any]:
    """The session as a phone reads it (``GET /parcours/live/api/<code>``)."""
    status, _, text = request(f"{server.base}/parcours/live/api/{code}")
    assert status == 200, text
    return dict(json.loads(text))


def test_results_once_answered_reach_only_those_who_answered(
    saved: tuple[Path, dict[str, str]], webinar_server: Server
) -> None:
    """The template's multiple choice shows its results « once answered » (``answered``):
    never in what every phone is sent, only to a phone the store says answered it."""
    _, made = saved
    server, admin = webinar_server, Admin(webinar_server)
    code = str(admin.create(made["csv"])["code"])
    rules = [(q["id"], q["results"]) for q in public(server, code)["questions"]]
    index, (item, _) = next((i, r) for i, r in enumerate(rules) if r[1] == "answered")
    admin.call("POST", f"/sessions/{code}/goto", {"index": index})
    choice = public(server, code)["questions"][index]["choices"][0]["value"]
    assert answer(server, code, "answered", {item: [choice]})[0] == 200
    identity(server, code, "silent")  # joined, answered nothing

    def shown(who: str | None) -> list[str]:
        """The questions whose results ``who`` (a participant, or nobody) may read."""
        query = f"?participant={identity(server, code, who)}" if who else ""
        status, _, text = request(f"{server.base}/parcours/live/api/{code}/results{query}")
        assert status in (200, 403), text
        return [q["id"] for q in json.loads(text).get("questions", [])]

    status, _, text = request(
        f"{server.base}/parcours/live/api/{code}/results?participant="
        + identity(server, code, "answered")
    )
    mine = {q["id"]: q for q in json.loads(text)["questions"]}
    assert status == 200 and mine[item]["choices"][0]["count"] == 1
    assert item not in shown("silent") and item not in shown(None)
    status, _, text = request(f"{server.base}/parcours/live/api/{code}/state")
    assert item not in [q["id"] for q in (json.loads(text)["results"] or {}).get("questions", [])]
    stream = EventStream(server.base, code)  # what every phone is pushed
    try:
        pushed = stream.next_event()["results"] or {}
    finally:
        stream.close()
    assert item not in [q["id"] for q in pushed.get("questions", [])]
    admin.act(code, "reveal")  # the facilitator shows them: every phone may see them
    assert item in shown("silent")


def answer_one(phone: Phone, question: dict[str, Any], index: int) -> None:
    """Answer ``question`` on ``phone`` as a person would, by its type."""
    item, kind = question["id"], question["type"]
    box = phone.page.locator(f"#q-{item}")
    box.wait_for(state="visible", timeout=WAIT)
    if kind in ("choice", "multiple"):
        box.locator("input").nth(index % len(question["choices"])).check()
    elif kind == "words":
        field = phone.page.get_by_label("Votre réponse en quelques mots")
        field.fill(WORDS[index])
        field.press("Enter")
    else:
        phone.page.get_by_label("Votre question (anonyme)").fill(ASKED[index])
        phone.page.get_by_role("button", name="Poser la question").click()
        phone.acked(item, "Question envoyée")
        return
    phone.acked(item)
