"""Everything a person reads through our server is French: a dashboard while it loads and once
drawn (the figures' toolbar included), the error pages of our routes, a participant's phone
(where axe-core finds no serious accessibility violation either).

The English strings looked for are those of :mod:`tests.english`; the offline edition's pages
are scanned in ``tests/offline/test_french_offline.py``, the command's output in
``tests/test_cli.py``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.axe import serious_violations
from tests.browser.test_dashboards import DASHBOARDS, open_dashboard
from tests.conftest import Guard, Server, fetch
from tests.english import PAGE_TEXT, english_in
from tests.live.conftest import Admin

pytestmark = pytest.mark.browser

RECORD_LOADING = """
window.__parcoursLoading = [];
new MutationObserver(() => {
  const el = document.getElementById("loading_text");
  const seen = window.__parcoursLoading;
  if (el && seen[seen.length - 1] !== el.textContent) seen.push(el.textContent);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""
"""Every text the loading line showed, in order (installed before the page's own scripts)."""

TOOLBARS = """() => Array.from(document.querySelectorAll(".js-plotly-plot .modebar")).map(
  (bar) => Array.from(bar.querySelectorAll(".modebar-btn")).map(
    (button) => [button.getAttribute("data-title"), button.getAttribute("href")]
  )
)"""


@pytest.mark.parametrize("name", DASHBOARDS)
def test_a_dashboard_speaks_french_from_loading_to_drawn(
    server: Server, guarded_page: tuple[Any, Guard], name: str
) -> None:
    page, guard = guarded_page
    page.add_init_script(RECORD_LOADING)
    open_dashboard(page, server, name)

    loading = page.evaluate("() => window.__parcoursLoading")
    assert loading, "the loading line was never seen"
    assert all(text.startswith("Préparation du tableau de bord…") for text in loading), loading
    assert any(re.search(r"\d\u00a0/\u00a0\d", text) for text in loading), loading

    assert english_in(page.evaluate(PAGE_TEXT)) == []
    toolbars = page.evaluate(TOOLBARS)
    plots = page.locator(".js-plotly-plot").count()
    assert len(toolbars) == plots, (toolbars, plots)
    # Each figure's toolbar: one button, in French, and no link leaving the page.
    assert all(bar == [["Télécharger l'image", None]] for bar in toolbars), toolbars
    assert guard.external == []


def test_the_widget_renderers_english_lines_are_said_in_french(
    server: Server, guarded_page: tuple[Any, Guard]
) -> None:
    """JupyterLab's widget renderer writes « Loading widget... » while a control is on its way
    (seconds on a busy server, seen by the busy-machine runs) and « Error displaying widget »
    when it fails: the dashboard's page puts them in French as they are written."""
    page, _ = guarded_page
    open_dashboard(page, server, "catalyseur.ipynb")
    page.evaluate(
        """() => {
          const texts = ["Loading widget...", "Error displaying widget: model not found"];
          const cells = document.getElementById("rendered_cells");
          // written once attached
          for (const text of texts) {
            const node = document.createElement("div");
            node.className = "parcours-test-renderer";
            cells.appendChild(node);
            node.textContent = text;
          }
          // written while detached, then attached inside an output with other children (the
          // way Lumino attaches a renderer's node: seen on the shared screen by a CI run)
          const output = document.createElement("div");
          output.appendChild(document.createElement("span"));
          for (const text of texts) {
            const node = document.createElement("div");
            node.className = "parcours-test-renderer";
            node.textContent = text;
            output.appendChild(node);
          }
          cells.appendChild(output);
        }"""
    )
    nodes = page.locator(".parcours-test-renderer")
    for index in (0, 2):
        expect(nodes.nth(index)).to_have_text("Chargement…")
        expect(nodes.nth(index + 1)).to_have_text(
            "Ce contrôle n'a pas pu s'afficher\u00a0: rechargez la page."
        )
    assert english_in(page.evaluate(PAGE_TEXT)) == []


@pytest.mark.parametrize(
    "path",
    [
        "/voila/render/dashboards/absent.ipynb",
        "/files/absent.txt",
        "/absent",
    ],
)
def test_error_pages_of_our_routes_are_french(server: Server, path: str) -> None:
    status, body = fetch(server.url(path))
    assert status == 404
    assert '<html lang="fr">' in body and "<h1>Page introuvable</h1>" in body
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", body, flags=re.DOTALL)
    assert english_in(text) == []
    assert "cdn" not in body  # Voilà's own error page loaded Font Awesome from a CDN


def test_an_error_page_in_the_browser_is_french(
    server: Server, guarded_page: tuple[Any, Guard]
) -> None:
    page, guard = guarded_page
    page.goto(server.url("/voila/render/dashboards/absent.ipynb"))
    assert page.locator("h1").inner_text() == "Page introuvable"
    assert english_in(page.evaluate(PAGE_TEXT)) == []
    assert guard.external == []


def test_the_phone_page_is_french(server: Server, browser: Any) -> None:
    from tests.conftest import guard_page

    guard = Guard()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    try:
        page = guard_page(context, guard)
        code = Admin(server).create("sondage_ouverture")["code"]
        page.goto(server.url(f"/parcours/live/j/{code}", token=False))
        page.wait_for_selector("fieldset.question h2")  # a heading since pacing
        assert english_in(page.evaluate(PAGE_TEXT)) == []
        assert serious_violations(page) == []
        page.goto(server.url("/parcours/live/j/ZZZZZZ", token=False))
        page.locator("#error").wait_for()
        assert english_in(page.evaluate(PAGE_TEXT)) == []
        assert guard.external == []
    finally:
        context.close()


def test_the_login_page_is_french(server: Server, guarded_page: tuple[Any, Guard]) -> None:
    """An address opened without its token: jupyter_server's login page, in French (our
    ``login.html``), a wrong token refused in French, the right one let in."""
    page, guard = guarded_page
    page.goto(server.url("/lab", token=False))
    page.wait_for_url("**/login?**")
    assert page.locator("h1").inner_text() == "Connexion au parcours"
    assert english_in(page.evaluate(PAGE_TEXT)) == []
    assert serious_violations(page) == []
    page.fill("#password_input", "pas-le-bon-jeton")
    page.click("#login_submit")
    page.locator("p.erreur[role=alert]").wait_for()
    assert english_in(page.evaluate(PAGE_TEXT)) == []
    page.fill("#password_input", server.token)
    page.click("#login_submit")
    page.wait_for_url("**/lab**", timeout=60_000)
    assert "/login" not in page.url
    assert guard.external == []


FAILING = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# Un tableau de bord en panne"},
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": "raise ValueError('panne voulue par le test')",
        },
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def test_a_failed_cell_is_reported_in_french(
    server: Server, guarded_page: tuple[Any, Guard]
) -> None:
    """A dashboard whose cell raises: Voilà's « There was an error when executing cell […]
    Please run Voilà with --show_tracebacks=True… » is replaced by a French sentence (the
    template's ``data_priority`` block); nothing of the exception reaches the page."""
    import json

    served = server.log_path.parent / "root" / "dashboards" / "en_panne.ipynb"
    served.write_text(json.dumps(FAILING), encoding="utf-8")
    page, guard = guarded_page
    try:
        page.goto(server.url("/voila/render/dashboards/en_panne.ipynb"))
        shown = page.locator(".parcours-cell-error[role=alert]")
        shown.wait_for(timeout=120_000)
        assert shown.inner_text().startswith("Cette partie du tableau de bord n'a pas pu")
        text = page.evaluate(PAGE_TEXT)
        assert english_in(text) == []
        assert "panne voulue" not in text and "ValueError" not in text
        assert guard.external == []
    finally:
        served.unlink()
