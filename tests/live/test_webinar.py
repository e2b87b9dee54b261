"""A webinar played end to end: the facilitator's Voilà dashboard and 30 phones in one Chromium.

This is the issue's "done when": the facilitator creates a session from the opening poll in
``dashboards/audience_live.ipynb``, 30 participant pages answer it (some change their mind, one
also posts garbage), and the shared screen shows exactly the room's counts, first as totals while
the results are hidden, then per option after the reveal.

Phones come in three waves of ten browser contexts (each context is a phone with its own
storage, hence its own participant id), closed after answering, so the browser holds at most
eleven pages at once. The facilitator moves the room question by question with the dashboard's
« Question suivante » / « Question précédente »; the phones follow. The screen is checked after
each wave: it must follow the room live.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from tests.conftest import Guard, Server, guard_page
from tests.live.conftest import Admin
from widgets.banks import Bank
from widgets.room.questions import questions

pytestmark = pytest.mark.browser

WAIT = 60_000
"""Milliseconds for what the dashboard or a phone shows next: a click goes through the Voilà
kernel and the database, and 30 phone pages share the machine. The test checks what is shown,
never how fast (``benchmarks/`` measures that); 15 s failed on a busy 2-core machine."""

BANK = "sondage_ouverture"
PHONES = 30
WAVE = 10
CHANGERS = range(0, PHONES, 6)
"""Phones 0, 6, 12, 18, 24 change their first answer after it was acknowledged."""
GARBAGE_FROM = 7
IGNORED_CONSOLE = ("Unsatisfied version", "No satisfying version")
REFUSED = "Failed to load resource: the server responded with a status of 4"
"""What Chromium logs for each refused garbage POST: expected, and only those."""


def plan(bank: Bank) -> list[dict[str, str]]:
    """Each phone's first answers: option ``i mod n`` of each question, so counts differ."""
    asked = questions(bank)
    return [{q.id: str(q.choices[i % len(q.choices)].value) for q in asked} for i in range(PHONES)]


def change(first: dict[str, str]) -> dict[str, str]:
    """A change of mind: another profile."""
    return {"profil": "academique" if first["profil"] != "academique" else "collectivite"}


def show_question(screen: Any, number: int, total: int) -> None:
    """Click the dashboard's pacing buttons until the room is on question ``number`` (from 1)."""
    for _ in range(total):
        line = screen.get_by_text(re.compile(r"Question \d+\u00a0sur"))
        line.wait_for(timeout=WAIT)
        found = re.search(r"Question (\d+)", line.inner_text())
        current = int(found.group(1)) if found else 0
        if current == number:
            return
        step = 1 if current < number else -1
        name = "Question suivante →" if step > 0 else "← Question précédente"
        screen.get_by_role("button", name=name).click()
        moved = re.compile(rf"Question {current + step}\u00a0sur")
        screen.get_by_text(moved).wait_for(timeout=WAIT)
    raise AssertionError(f"the dashboard did not reach question {number}")


def wait_for_screen(page: Any, participants: int, answers: int) -> None:
    """The dashboard's count line reads exactly these totals (it polls once a second)."""
    pattern = re.compile(rf"(^|\D){participants}\s*participants\s*·\s*{answers}\s*réponses")
    page.get_by_text(pattern).wait_for(timeout=WAIT)


def new_phone(browser: Any, guard: Guard) -> tuple[Any, Any]:
    """A phone: its own context (storage, so participant id), recording requests that would
    leave the machine. A listener rather than a route: routing sends every request through
    Python, and thirty phones would spend the test's time there."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="fr-FR", has_touch=True
    )

    return context, guard_page(context, guard, abort=False)


def choose(page: Any, bank: Bank, answers: dict[str, str]) -> None:
    """Tap each option as a participant does (by its visible label, inside its question)."""
    labels = {q.id: {str(c.value): c.label for c in q.choices} for q in questions(bank)}
    for item, value in answers.items():
        page.locator(f"#q-{item}").get_by_label(labels[item][value], exact=True).check()


def wait_acknowledged(page: Any, items: list[str]) -> None:
    """Every question the phone answered says « Réponse enregistrée », nothing is pending."""
    selectors = ", ".join(f"#ack-{item}" for item in items)
    page.wait_for_function(
        """(selectors) => !document.querySelector('.ack.pending') &&
            [...document.querySelectorAll(selectors)].every(
                (node) => node.textContent === 'Réponse enregistrée')""",
        arg=selectors,
        timeout=WAIT,
    )


def post_garbage(page: Any) -> list[dict[str, Any]]:
    """Raw POSTs from the phone's page, as a script in its console would send them."""
    return page.evaluate(
        """async () => {
            const url = location.pathname.replace(/\\/j\\/([^/]+)\\/?$/, '/api/$1/answers');
            const me = JSON.parse(localStorage.getItem('parcours-live:' +
                url.split('/').slice(-2)[0])).participant;
            const bodies = [
                '{"participant": "' + me + '", "answers": {"profil": ',
                JSON.stringify({participant: me, answers: {profil: 'pirate', metier: 3}}),
                JSON.stringify({participant: me, answers: {'<script>': 'x'}}),
            ];
            const replies = [];
            for (const body of bodies) {
                const response = await fetch(url, {method: 'POST', body,
                    headers: {'Content-Type': 'application/json'}});
                replies.push({status: response.status, ...(await response.json())});
            }
            return replies;
        }"""
    )


def test_a_webinar_with_thirty_phones(
    server: Server,
    admin: Admin,
    browser: Any,
    guarded_page: tuple[Any, Guard],
    banks: dict[str, Bank],
) -> None:
    screen, guard = guarded_page
    bank = banks[BANK]
    screen.goto(server.url("/voila/render/dashboards/audience_live.ipynb"))
    create = screen.get_by_role("button", name="Créer la session")
    create.wait_for(timeout=90_000)
    screen.get_by_label("Questionnaire").select_option(label=f"{bank.title} (sondage)")
    create.click()
    screen.get_by_text("Rejoignez la session").wait_for(timeout=30_000)
    code = re.search(r"/parcours/live/j/([A-Z0-9]+)", screen.inner_text("body")).group(1)  # type: ignore[union-attr]
    screen.get_by_text(re.compile("Session ouverte")).wait_for()
    join = server.url(f"/parcours/live/j/{code}", token=False)
    ids = [q.id for q in questions(bank)]

    phones_guard = Guard()
    final = plan(bank)
    garbage: list[dict[str, Any]] = []
    kept: tuple[Any, Any] | None = None
    for start in range(0, PHONES, WAVE):
        wave = [new_phone(browser, phones_guard) for _ in range(WAVE)]
        for _, page in wave:
            page.goto(join, wait_until="commit")
        for number, item in enumerate(ids, start=1):  # the facilitator moves, phones follow
            show_question(screen, number, len(ids))
            for index, (_, page) in enumerate(wave, start=start):
                page.locator(f"#q-{item}").wait_for(state="visible", timeout=WAIT)
                choose(page, bank, {item: final[index][item]})
        show_question(screen, 1, len(ids))  # back to the first question, for the changes
        for index, (_, page) in enumerate(wave, start=start):
            wait_acknowledged(page, list(final[index]))
            page.locator(f"#q-{ids[0]}").wait_for(state="visible", timeout=WAIT)
            if index in CHANGERS:  # a change of mind replaces the answer, never adds one
                changed = change(final[index])
                choose(page, bank, changed)
                final[index] = {**final[index], **changed}
            if index == GARBAGE_FROM:
                garbage = post_garbage(page)
        for index, (context, page) in enumerate(wave, start=start):
            wait_acknowledged(page, list(final[index]))
            if index == PHONES - 1:
                kept = (context, page)  # stays open to see the room's results
            else:
                context.close()
        answered = start + WAVE
        wait_for_screen(screen, answered, 3 * answered)  # the screen follows the room

    assert [reply["status"] for reply in garbage] == [400, 422, 422]
    assert [reply["code"] for reply in garbage] == ["bad-json", "unknown-option", "unknown-item"]
    assert all(reply["error"].endswith(".") for reply in garbage)  # a French sentence
    assert "pirate" in garbage[1]["error"]
    assert screen.locator(".js-plotly-plot").count() == 0  # hidden until the reveal

    screen.get_by_role("button", name="Fermer").click()
    screen.get_by_text(re.compile("Session close")).wait_for(timeout=WAIT)
    screen.get_by_role("button", name="Révéler les résultats").click()
    screen.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    wait_for_screen(screen, PHONES, 3 * PHONES)

    shown = screen.evaluate(
        """() => document.querySelector('.js-plotly-plot').data.map(
            (trace) => [trace.name, Array.from(trace.x)])"""
    )
    expected = [
        [q.id, [Counter(a[q.id] for a in final)[str(c.value)] for c in q.choices]]
        for q in questions(bank)
    ]
    assert shown == expected
    assert sum(shown[0][1]) == PHONES and expected[0][1] != plan_counts(bank, "profil")
    seen = admin.get(code)
    assert (seen["participants"], seen["answers"], seen["state"]) == (PHONES, 90, "closed")

    assert kept is not None
    context, phone = kept
    phone.locator("#results-count", has_text=f"{PHONES}\u00a0participants").wait_for(timeout=WAIT)
    context.close()
    assert "Traceback" not in screen.inner_text("body")
    assert guard.external == [] and phones_guard.external == []
    refused = [m for m in phones_guard.console_errors if m.startswith(REFUSED)]
    assert len(refused) == len(garbage) and len(phones_guard.console_errors) == len(refused)
    assert [m for m in guard.console_errors if not m.startswith(IGNORED_CONSOLE)] == []


def plan_counts(bank: Bank, item: str) -> list[int]:
    """Counts of ``item`` had nobody changed their mind (the changes must show)."""
    (question,) = [q for q in questions(bank) if q.id == item]
    first = Counter(answers[item] for answers in plan(bank))
    return [first[str(c.value)] for c in question.choices]
