"""Kill the server with SIGKILL while answers arrive, start it again: nothing acknowledged is lost.

An answer is acknowledged (2xx) only after its commit, so every acknowledged answer must be in
the database after the crash; the session resumes as it was; a participant page whose answer
got no acknowledgement sends it again by itself once the server is back.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import tests.conftest as harness
from tests.conftest import Server, start_server, stop_server
from tests.live.conftest import answer, participant
from widgets.live.store import LiveStore

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
                acknowledged.append(who)

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{server.base}/parcours/live/j/{session.code}")
        page.wait_for_selector("fieldset.question legend")
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
