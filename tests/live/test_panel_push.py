"""The facilitator's panel learns of answers from the server's push, not by polling the store.

A real server, the panel in this process on the same database (as the dashboard's kernel is):
while the room is quiet the panel reads nothing; an answer posted to the server reaches the
panel, read once. A phone cannot open the facilitator's watch stream.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import Server
from tests.live.conftest import Admin, answer, participant, request
from widgets.banks import Bank
from widgets.config import LIVE_SERVER_URL_VARIABLE
from widgets.storage.live import LiveStore
from widgets.ui.live import LiveSessionPanel


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout  # how fast is measured in benchmarks/, not here
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_an_answer_reaches_the_panel_without_a_timer(
    server: Server, banks: dict[str, Bank], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LIVE_SERVER_URL_VARIABLE, f"{server.base}/")
    store = LiveStore()  # the server's database (same environment)
    reads: list[str] = []
    original = store.counts

    def counted(session_id: str) -> Any:
        reads.append(session_id)
        return original(session_id)

    monkeypatch.setattr(store, "counts", counted)
    panel = LiveSessionPanel(store=store, banks=banks, interval=60.0)
    try:
        session = panel.create("sondage_ouverture")
        wait_until(lambda: panel.watch.connected, "the panel never held the watch stream")
        time.sleep(2.0)  # a quiet room: a poller would have read the counts several times
        quiet = len(reads)
        time.sleep(2.0)
        assert len(reads) == quiet, "the panel read the store while nothing changed"
        assert answer(server, session.code, participant(), {"profil": "association"})[0] == 200
        wait_until(
            lambda: panel.counts is not None and panel.counts.answers == 1,
            "the answer never reached the panel",
        )
        assert "<strong>1</strong> participant" in panel.count_text.value
        Admin(server).act(session.code, "reveal")  # made elsewhere: the panel hears it too
        wait_until(lambda: panel.revealed, "the reveal never reached the panel")
    finally:
        panel.stop()
        store.close()


def test_a_phone_cannot_watch_the_counts(server: Server, admin: Admin) -> None:
    code = str(admin.create("sondage_ouverture")["code"])
    for key in ("", "A" * 43):
        status, _, text = request(f"{server.base}/parcours/live/api/{code}/watch?key={key}")
        assert status == 403 and "animateur" in text
