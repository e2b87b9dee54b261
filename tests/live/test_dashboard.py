"""The facilitator's Voilà dashboard in Chromium: create, watch answers arrive, reveal.

Answers are posted as phones post them; the dashboard's kernel polls the database, so the count
on screen must follow within about a second (how long exactly is measured in ``benchmarks/``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import Guard, Server
from tests.live.conftest import Admin, answer, participant

pytestmark = pytest.mark.browser
IGNORED_CONSOLE = ("Unsatisfied version", "No satisfying version")


def test_the_dashboard_counts_live_and_reveals(
    server: Server, admin: Admin, guarded_page: tuple[Any, Guard]
) -> None:
    page, guard = guarded_page
    page.goto(server.url("/voila/render/dashboards/audience_live.ipynb"))
    page.get_by_role("button", name="Créer la session").wait_for(timeout=90_000)
    page.get_by_label("Questionnaire").select_option(
        label="Sondage d'ouverture du webinaire (sondage)"
    )
    page.get_by_role("button", name="Créer la session").click()
    page.get_by_text("Rejoignez la session").wait_for(timeout=30_000)
    text = page.inner_text("body")
    code = re.search(r"/parcours/live/j/([A-Z0-9]+)", text).group(1)  # type: ignore[union-attr]
    assert f"{server.base}/parcours/live/j/{code}" in text  # the address phones reach
    assert page.locator("svg[aria-label='Code QR']").count() == 1

    for _ in range(3):
        status, _ = answer(
            server, code, participant(), {"profil": "association", "metier": "aucun"}
        )
        assert status == 200
    # Polled twice a second by the kernel; the delay itself is measured in benchmarks/.
    page.get_by_text(re.compile(r"3\s*participants\s*·\s*6\s*réponses")).wait_for(timeout=10_000)
    assert page.locator(".js-plotly-plot").count() == 0  # hidden until revealed

    page.get_by_role("button", name="Révéler les résultats").click()
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    assert admin.get(code)["revealed"] is True
    assert "Traceback" not in page.inner_text("body")
    assert guard.external == []
    assert [m for m in guard.console_errors if not m.startswith(IGNORED_CONSOLE)] == []
