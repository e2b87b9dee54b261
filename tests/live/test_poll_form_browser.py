"""« Préparer un sondage » in the Voilà dashboard, in Chromium: a poll typed in the form is
saved into the data folder and its session created from the same page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Guard, Server, start_server, stop_server
from tests.live.conftest import Admin
from widgets.banks import load_bank

pytestmark = pytest.mark.browser


@pytest.fixture
def data_server(data_copy: Path, tmp_path: Path) -> Iterator[Server]:
    """A server on a private copy of ``data/``: the form writes there, never in the checkout."""
    env = {
        "PARCOURS_DATA_DIR": str(data_copy),
        "PARCOURS_LIVE_DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
    }
    running = start_server(tmp_path / "server", env)
    yield running
    stop_server(running)


def test_a_poll_typed_in_the_dashboard_is_saved_and_played(
    data_server: Server, data_copy: Path, guarded_page: tuple[Any, Guard]
) -> None:
    page, guard = guarded_page
    page.goto(data_server.url("/voila/render/dashboards/audience_live.ipynb"))
    page.get_by_role("button", name="Créer la session").wait_for(timeout=90_000)
    page.get_by_text("Préparer un sondage", exact=True).click()
    page.get_by_label("Titre", exact=True).fill("Sondage du navigateur")
    page.get_by_label("Question", exact=True).fill("En un mot, votre journée ?")
    page.get_by_label("Type", exact=True).select_option(label="Quelques mots (nuage de mots)")
    page.get_by_role("button", name="Aperçu (téléphone)").click()
    page.get_by_text("Quelques mots (5\u00a0au plus)").wait_for(timeout=30_000)
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("est enregistré").wait_for(timeout=30_000)

    bank = load_bank(data_copy / "banks" / "sondage_du_navigateur.yaml")
    assert [item.type for item in bank.items] == ["words"]
    page.get_by_role("button", name="Créer la session").click()
    page.get_by_text("Rejoignez la session").wait_for(timeout=30_000)
    sessions = Admin(data_server).call("GET", "/sessions")
    assert "sondage_du_navigateur" in str(sessions)
    assert "Traceback" not in page.inner_text("body")
    assert guard.external == []
