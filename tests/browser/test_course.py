"""The course in JupyterLab, as a participant uses it: open a module, run it, answer its quiz."""

from __future__ import annotations

import contextlib
import json
import re
import time
import urllib.error
import urllib.request
import uuid

import pytest
from playwright.sync_api import expect

from tests.conftest import Guard, Server

pytestmark = pytest.mark.browser


def end_sessions(server: Server) -> None:
    """Shut down every notebook session (and its kernel) a previous test left on the server.

    A module opened again found the previous test's session and connected to its kernel;
    JupyterLab then replaced that kernel by a new one while the test ran the cells (on a busy
    machine: « 11 » kernels in the status bar, the module's cells never shown), and the
    widgets stayed bound to the kernel that was shut down. A learner opening a module meets
    no one else's session: each test starts as they do.
    """
    sessions = f"{server.base}/api/sessions"
    headers = {"Authorization": f"token {server.token}"}
    with urllib.request.urlopen(urllib.request.Request(sessions, headers=headers)) as reply:
        found = json.loads(reply.read())
    for session in found:
        gone = urllib.request.Request(
            f"{sessions}/{session['id']}", headers=headers, method="DELETE"
        )
        with contextlib.suppress(urllib.error.HTTPError):  # already ended by its page
            urllib.request.urlopen(gone).close()


def open_in_lab(page: object, server: Server, notebook: str) -> None:
    end_sessions(server)
    # A workspace of its own: JupyterLab would otherwise reopen the previous test's notebooks.
    workspace = f"test-{uuid.uuid4().hex[:8]}"
    page.goto(server.url(f"/lab/workspaces/{workspace}/tree/course/{notebook}"))  # type: ignore[attr-defined]
    wait_until_ready(page, notebook)


KERNEL_READY = """async (name) => {
  const config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
  const url = (config.baseUrl || "/") + "api/sessions";
  const response = await fetch(url, {credentials: "same-origin", cache: "no-store"});
  if (!response.ok) { return false; }
  const sessions = await response.json();
  return sessions.some((s) => s.path.endsWith(name) && s.kernel
                              && s.kernel.execution_state === "idle");
}"""


def wait_until_ready(page: object, notebook: str) -> None:
    """The notebook shown and its own kernel started and idle, as the server sees it.

    The toolbar's execution indicator says "idle" before any kernel exists; running the cells
    then brought up « Sélectionnez le noyau », and accepting it while JupyterLab was starting
    the default kernel by itself started a second kernel that replaced the first, on a page
    that then rendered no widget.
    """
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)  # type: ignore[attr-defined]
    deadline = time.monotonic() + 90
    # ``page.evaluate`` awaits the check's promise; ``wait_for_function`` would not (a promise
    # is truthy), and cells then ran before the session existed: JupyterLab started a second
    # session, and the widget manager, bound to the first kernel, showed « model not found ».
    while not page.evaluate(KERNEL_READY, notebook):  # type: ignore[attr-defined]
        if time.monotonic() > deadline:
            raise AssertionError(f"no idle kernel for {notebook} after 90 s")
        page.wait_for_timeout(250)  # type: ignore[attr-defined]
    page.wait_for_selector(  # type: ignore[attr-defined]
        ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000
    )


def run_all(page: object) -> None:
    """Menu « Exécution › Exécuter toutes les cellules » (JupyterLab in French), retried until a
    cell runs: the command is ignored while the notebook's session is still connecting."""
    visible = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    outputs = page.locator(f"{visible} .jp-Cell .jp-OutputArea-output")  # type: ignore[attr-defined]
    for _ in range(6):
        dialog = page.locator(".jp-Dialog .jp-mod-accept")  # type: ignore[attr-defined]
        if dialog.count():  # « Sélectionnez le noyau » if the session was still starting
            dialog.first.click()
        page.click(".lm-MenuBar-itemLabel:text-is('Exécution')")  # type: ignore[attr-defined]
        page.click(".lm-Menu-itemLabel:text-is('Exécuter toutes les cellules')")  # type: ignore[attr-defined]
        try:
            outputs.first.wait_for(state="attached", timeout=10_000)
            return
        except Exception:
            page.keyboard.press("Escape")  # type: ignore[attr-defined]
    raise AssertionError("the notebook never ran")


def run_until_shown(page: object, selector: str, timeout: float = 120_000) -> object:
    """Run all cells and wait for ``selector`` (the first match, returned)."""
    target = page.locator(selector).first  # type: ignore[attr-defined]
    run_all(page)
    target.wait_for(timeout=timeout)
    return target


def test_home_opens_in_jupyterlab_offline(
    server: Server, guarded_page: tuple[object, Guard]
) -> None:
    page, guard = guarded_page
    open_in_lab(page, server, "accueil.ipynb")
    run_until_shown(page, ".jp-OutputArea tr[data-module]")
    rows = page.locator(".jp-OutputArea tr[data-module]")  # type: ignore[attr-defined]
    assert rows.count() == 10
    assert guard.external == []


def test_answer_a_module_quiz_in_jupyterlab(
    server: Server, guarded_page: tuple[object, Guard]
) -> None:
    page, guard = guarded_page
    open_in_lab(page, server, "m1_etat_des_lieux.ipynb")
    run_until_shown(page, "button:has-text('Valider')")
    quiz = page.locator(".jp-OutputArea-output", has=page.locator("button:has-text('Valider')"))  # type: ignore[attr-defined]
    radio = quiz.first.locator(".widget-radio-box input[type=radio]").first
    radio.scroll_into_view_if_needed()
    radio.check()
    page.locator("button:has-text('Valider')").first.click()  # type: ignore[attr-defined]
    feedback = page.locator("text=/Bonne réponse|Ce n'est pas cela/").first  # type: ignore[attr-defined]
    feedback.wait_for(timeout=30_000)
    assert re.search(r"Bonne réponse|Ce n'est pas cela", feedback.inner_text())
    assert page.locator("text=Source").count() > 0  # type: ignore[attr-defined]
    assert guard.external == []


def test_build_the_actors_map_in_jupyterlab(
    server: Server, guarded_page: tuple[object, Guard]
) -> None:
    """Module 5's actors map in JupyterLab: two actors typed, linked through the lists, drawn."""
    page, guard = guarded_page
    open_in_lab(page, server, "m5_tiers_lieux.ipynb")
    form = run_until_shown(page, ".parcours-actors")
    selects = form.locator("select")  # type: ignore[attr-defined]
    for name, profile in (("Mairie", 0), ("IUT", 3)):
        field = form.locator("input[type=text]").first  # type: ignore[attr-defined]
        field.scroll_into_view_if_needed()
        field.fill(name)
        selects.nth(0).select_option(index=profile)
        form.locator('button:has-text("Ajouter l\'acteur")').click()  # type: ignore[attr-defined]
        form.locator(f"svg text:text-is('{name}')").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    selects.nth(1).select_option(label="Mairie")
    selects.nth(2).select_option(label="IUT")
    form.locator("button:has-text('Ajouter le lien')").click()  # type: ignore[attr-defined]
    link = form.locator("svg.parcours-actors-map path")  # type: ignore[attr-defined]
    link.wait_for(state="attached", timeout=30_000)
    numbers = re.findall(r"-?[\d.]+", link.get_attribute("d") or "")  # M x1 y1 Q cx cy x2 y2
    assert len(numbers) == 6 and numbers[0] != numbers[4]  # two columns: two profiles
    assert form.locator("svg.parcours-actors-map rect").count() == 2  # type: ignore[attr-defined]
    assert guard.external == []


def test_focus_lands_on_the_feedback_after_valider_in_jupyterlab(
    server: Server, guarded_page: tuple[object, Guard]
) -> None:
    """« Valider » with the keyboard: the button is disabled once used, and the focus goes to
    the feedback it showed (as offline), not back to the top of the notebook."""
    page, guard = guarded_page
    open_in_lab(page, server, "m1_etat_des_lieux.ipynb")
    run_until_shown(page, "button:has-text('Valider')")
    valider = page.locator("button:has-text('Valider')")  # type: ignore[attr-defined]
    quiz = page.locator(".jp-OutputArea-output", has=valider).first  # type: ignore[attr-defined]
    radio = quiz.locator(".widget-radio-box input[type=radio]").first
    radio.scroll_into_view_if_needed()
    radio.check()
    button = quiz.locator("button:has-text('Valider')").first
    expect(button).to_be_enabled(timeout=60_000)  # the kernel heard the choice
    button.focus()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => { const active = document.activeElement;"
        " const feedback = active && active.closest && active.closest('.parcours-feedback');"
        " return !!feedback && /Bonne réponse|Ce n'est pas cela/.test(feedback.textContent); }",
        timeout=30_000,
    )
    assert guard.external == []
