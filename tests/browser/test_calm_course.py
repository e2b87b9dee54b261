"""The course in JupyterLab is calm: a module opens without being marked modified, its buttons
are sized to their label, and the widgets of every module have no serious accessibility
violation (axe-core, scoped to the cells' outputs: JupyterLab's own interface is not ours to
fix, and axe finds violations there that no notebook can change)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.axe import serious_violations
from tests.browser.page_text import text_problems
from tests.browser.test_course import open_in_lab, run_until_shown
from tests.conftest import ROOT, Guard, Server

pytestmark = pytest.mark.browser


def test_a_module_opens_without_being_marked_modified(
    server: Server, guarded_page: tuple[Any, Guard]
) -> None:
    page, _ = guarded_page
    open_in_lab(page, server, "m0_catalyseur.ipynb")
    page.wait_for_timeout(2000)  # the kernel's info has reached the notebook's metadata
    tab = page.locator(".lm-TabBar-tab", has_text="m0_catalyseur.ipynb").first
    assert "jp-mod-dirty" not in (tab.get_attribute("class") or "")


def test_module_buttons_are_sized_to_their_label(
    server: Server, guarded_page: tuple[Any, Guard]
) -> None:
    """(Their accessibility: every module's, below.)"""
    page, guard = guarded_page
    open_in_lab(page, server, "m1_etat_des_lieux.ipynb")
    run_until_shown(page, "button:has-text('Valider')")
    page.wait_for_timeout(2000)  # the barometer's figures drawn
    button = page.locator("button:has-text('Valider')").first
    width, row = button.evaluate(
        "b => [b.getBoundingClientRect().width, b.parentElement.getBoundingClientRect().width]"
    )
    assert width < min(250, row / 3), (width, row)  # sized to « Valider », not the cell's width
    assert guard.external == []


NOTEBOOKS = sorted(path.name for path in (ROOT / "course").glob("*.ipynb"))

RUN_AND_DRAWN = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return false;
  const cells = [...panel.querySelectorAll('.jp-CodeCell')];
  const ran = cells.length > 0
    && cells.every((cell) => cell.querySelector('.jp-OutputArea-output'));
  const views = [...panel.querySelectorAll(
    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.widget-view+json']")];
  const drawn = views.every((view) => view.querySelector('.jupyter-widgets'));
  const plots = [...panel.querySelectorAll('.js-plotly-plot')].every((gd) => gd._fullLayout);
  return ran && drawn && plots;
}"""
"""Every code cell of the shown notebook has its output (each course cell shows something), its
widgets are drawn, its figures too."""


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_module_is_whole_and_accessible_in_jupyterlab(
    server: Server, guarded_page: tuple[Any, Guard], notebook: str
) -> None:
    """Each notebook of the course, run in JupyterLab: axe-core on our widgets' outputs, and no
    label cut by its button nor letters taller than their line (:mod:`tests.browser.page_text`)."""
    page, guard = guarded_page
    open_in_lab(page, server, notebook)
    run_until_shown(page, ".jp-OutputArea-output")
    page.wait_for_function(RUN_AND_DRAWN, timeout=180_000)
    assert serious_violations(page, ".jp-OutputArea-output") == []
    assert text_problems(page, ".jp-OutputArea-output") == []
    assert guard.external == []
