"""Kill the server with SIGKILL while answers arrive, start it again: nothing acknowledged is lost.

An answer is acknowledged (2xx) only after its commit, so every acknowledged answer must be in
the database after the crash; the session resumes as it was; a participant page whose answer
got no acknowledgement sends it again by itself once the server is back.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import tests.conftest as harness
from tests.conftest import Server, start_server, stop_server
from tests.live.conftest import answer, identity, participant
from widgets.storage.live import LiveStore

pytestmark = pytest.mark.browser


def start_on(port: int, tmp: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Server:
    """``start_server`` on a given port: the page must find the server again where it was."""
    monkeypatch.setattr(harness, "free_port", lambda: port)
    tmp.mkdir(parents=True, exist_ok=True)
    return start_server(tmp, env)


def test_sigkill_loses_no_acknowledged_answer(
    tmp_path: Path, browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    env = {"PARCOURS_LIVE_DATABASE_URL": url}
    port = harness.free_port()
    store = LiveStore(url)
    session = store.create_session("sondage_ouverture", "1.0")
    server = start_on(port, tmp_path / "first", env, monkeypatch)

    acknowledged: list[str] = []
    stop = threading.Event()

    def phones() -> None:
        while not stop.is_set():
            who = participant()
            try:
                status, _ = answer(server, session.code, who, {"profil": "association"})
            except OSError:
                continue  # the server is down: not acknowledged, nothing to check
            if status == 200:
                acknowledged.append(identity(server, session.code, who))  # as stored

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{server.base}/parcours/live/j/{session.code}")
        page.wait_for_selector("fieldset.question h2")
        sender = threading.Thread(target=phones)
        sender.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 50 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(acknowledged) >= 50
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait()
        page.get_by_label("Académique").check()  # sent while the server is dead
        page.locator("#status", has_text="nouvel essai").wait_for()
        stop.set()
        sender.join()

        server = start_on(port, tmp_path / "second", env, monkeypatch)
        page.locator("#ack-profil", has_text="Réponse enregistrée").wait_for(timeout=60_000)
        stored = store.answers(session.id)
        assert [who for who in acknowledged if who not in stored] == []
        assert sum(1 for given in stored.values() if given.get("profil") == "academique") == 1
        assert answer(server, session.code, participant(), {"metier": "aucun"})[0] == 200
        resumed = store.session_by_code(session.code)
        assert resumed is not None and resumed.open and resumed.id == session.id
    finally:
        stop.set()
        context.close()
        stop_server(server)
        store.close()


def test_the_dashboard_comes_back_with_its_session(
    tmp_path: Path, browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGKILL under the facilitator's open dashboard: it says so, then reloads by itself once
    the server is back and shows the same session with every answer stored meanwhile."""
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    env = {"PARCOURS_LIVE_DATABASE_URL": url}
    port = harness.free_port()
    server = start_on(port, tmp_path / "first", env, monkeypatch)
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto(server.url("/voila/render/dashboards/audience_live.ipynb"))
        page.get_by_role("button", name="Créer la session").wait_for(timeout=90_000)
        page.get_by_label("Questionnaire").select_option(
            label="Sondage d'ouverture du webinaire (sondage)"
        )
        page.get_by_role("button", name="Créer la session").click()
        shown = page.locator("[data-live-code]")
        shown.wait_for(timeout=30_000)
        code = shown.get_attribute("data-live-code")
        assert code
        for _ in range(2):
            assert answer(server, code, participant(), {"profil": "association"})[0] == 200
        page.get_by_text(re.compile(r"2\s*participants")).wait_for(timeout=10_000)

        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait()
        page.get_by_role("status").filter(has_text="Connexion au serveur perdue").wait_for(
            timeout=10_000
        )
        with LiveStore(url) as store:  # answers keep coming to the database meanwhile
            session = store.session_by_code(code)
            assert session is not None
            store.save_answers(session.id, participant(), {"profil": "academique"})

        server = start_on(port, tmp_path / "second", env, monkeypatch)
        page.wait_for_url(re.compile(rf"session={code}"), timeout=60_000)
        page.get_by_text(re.compile(r"3\s*participants")).wait_for(timeout=90_000)
        assert page.locator("[data-live-code]").get_attribute("data-live-code") == code
        assert "Traceback" not in page.inner_text("body")
    finally:
        context.close()
        stop_server(server)
