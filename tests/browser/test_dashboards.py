"""Every dashboard opens in Debian's Chromium through the real server, offline, without error.

The page aborts and records any request that would leave the machine; a screenshot at
1920×1080 of each dashboard is written to ``tests/artifacts/`` (the README's comes from here).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.axe import serious_violations
from tests.conftest import ROOT, Guard, Server, fetch

pytestmark = pytest.mark.browser

DASHBOARDS = sorted(p.name for p in (ROOT / "dashboards").glob("*.ipynb"))
ARTIFACTS = ROOT / "tests" / "artifacts"
# Voilà's front end warns about JupyterLab package versions; these are not our errors.
IGNORED_CONSOLE = ("Unsatisfied version", "No satisfying version")


def open_dashboard(page: object, server: Server, name: str) -> None:
    page.goto(server.url(f"/voila/render/dashboards/{name}"), wait_until="load")  # type: ignore[attr-defined]
    page.wait_for_selector("#rendered_cells", state="visible", timeout=90_000)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle", timeout=60_000)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", DASHBOARDS)
def test_dashboard_loads_offline_without_errors(
    server: Server, guarded_page: tuple[object, Guard], name: str
) -> None:
    page, guard = guarded_page
    open_dashboard(page, server, name)
    text = page.inner_text("body")  # type: ignore[attr-defined]
    assert "Traceback" not in text and "Error" not in text
    assert page.locator(".jp-OutputArea-output[data-mime-type*='stderr']").count() == 0  # type: ignore[attr-defined]
    # Every plotting area is readable on the shared screen, not squeezed by its margins.
    areas = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".js-plotly-plot .nsewdrag, .js-plotly-plot .polar .bgcircle",
        # a plot in a tab not shown (the barometer's screens) is measured when shown
        "nodes => nodes.filter(n => n.closest('.js-plotly-plot').offsetParent !== null)"
        ".map(n => n.getBoundingClientRect().height)",
    )
    assert all(height >= 200 for height in areas), areas
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{Path(name).stem}.png"))  # type: ignore[attr-defined]
    assert guard.external == []
    assert [m for m in guard.console_errors if not m.startswith(IGNORED_CONSOLE)] == []


@pytest.mark.parametrize("name", DASHBOARDS)
def test_dashboard_has_no_serious_accessibility_violation(
    server: Server, guarded_page: tuple[object, Guard], name: str
) -> None:
    page, _ = guarded_page
    open_dashboard(page, server, name)
    assert serious_violations(page) == []


def test_dashboards_need_the_token(server: Server) -> None:
    for name in DASHBOARDS:
        status, where = fetch(server.url(f"/voila/render/dashboards/{name}", token=False))
        assert (status, where.split("?")[0]) == (302, "/login") or status == 403
