"""Push: every change of a session reaches the phones through their held connection.

The first message is the session as it is; a reveal brings the room's results in the same
message as the state (they cannot disagree); one event is built per change whatever the number
of phones; and with two processes on one PostgreSQL, a reveal made through either reaches the
phones held by both.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Server
from tests.live.conftest import Admin, answer, participant
from tests.live.sse import EventStream
from widgets.live.push import Broadcaster
from widgets.room.aggregate import summary
from widgets.storage.live import LiveStore


def test_a_phone_hears_the_state_then_the_reveal_with_results(server: Server, admin: Admin) -> None:
    code = str(admin.create("sondage_ouverture")["code"])
    answer(server, code, participant(), {"profil": "association"})
    stream = EventStream(server.base, code)
    try:
        assert stream.status == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        assert stream.headers["x-accel-buffering"] == "no"
        first = stream.next_event()
        assert (first["state"], first["revealed"], first["results"]) == ("open", False, None)
        admin.act(code, "reveal")
        revealed = stream.wait_for(lambda e: e["revealed"])
        assert revealed["results"]["participants"] == 1
        choices = revealed["results"]["questions"][0]["choices"]
        assert {c["value"]: c["count"] for c in choices}["association"] == 1
        answer(server, code, participant(), {"profil": "academique"})
        grown = stream.wait_for(lambda e: e["results"] and e["results"]["participants"] == 2)
        assert grown["revealed"]
        admin.act(code, "close")
        assert stream.wait_for(lambda e: e["state"] == "closed")["revealed"]
        admin.act(code, "hide")
        assert stream.wait_for(lambda e: not e["revealed"])["results"] is None
    finally:
        stream.close()


class Phone:
    def __init__(self) -> None:
        self.received: list[bytes] = []

    def send_event(self, data: bytes) -> None:
        self.received.append(data)


def test_one_event_per_change_whatever_the_room(tmp_path: Path) -> None:
    store = LiveStore(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    session = store.create_session("sondage_ouverture", "1.0")
    from widgets.banks import load_banks

    banks = load_banks()
    computed: list[str] = []

    def counted_summary(live_session: Any, bank: Any) -> dict[str, Any]:
        computed.append(live_session.id)
        return summary(bank, store.answers(live_session.id))

    async def room() -> tuple[list[Phone], int]:
        loop = asyncio.get_running_loop()
        push = Broadcaster(
            store,
            banks.get,
            counted_summary,
            lambda function, *args: loop.run_in_executor(None, function, *args),
        )
        phones = [Phone() for _ in range(500)]
        for phone in phones:
            phone.received.append(await push.join(session, phone))
        before = push.events
        store.save_answers(session.id, "a", {"profil": "association"})
        store.set_revealed(session.id, True)
        push.nudge(session.id)
        await asyncio.sleep(1.2)
        for phone in phones:
            push.leave(session.id, phone)
        await asyncio.sleep(0.7)  # the watcher notices the empty room and stops
        return phones, push.events - before

    # A thread of its own: an earlier test (Playwright's sync API) may leave this thread's
    # event loop running, where asyncio.run() refuses to start.
    with ThreadPoolExecutor(1) as worker:
        phones, built = worker.submit(asyncio.run, room()).result()
    assert built == 1 and computed == [session.id]  # one aggregate for 500 phones
    assert all(phone.received[1:] == phones[0].received[1:] for phone in phones)
    assert b'"revealed":true' in phones[0].received[-1]
    store.close()


def test_a_reveal_reaches_phones_held_by_two_processes(
    two_processes: tuple[Server, Server],
) -> None:
    first, second = two_processes
    code = str(Admin(first).create("sondage_ouverture")["code"])
    streams = [EventStream(server.base, code) for server in (first, second)]
    try:
        for stream in streams:
            assert stream.next_event()["revealed"] is False
        Admin(second).act(code, "reveal")  # made through one process only
        for stream in streams:
            assert stream.wait_for(lambda e: e["revealed"])["results"] is not None
    finally:
        for stream in streams:
            stream.close()


def test_the_aggregate_is_ready_before_the_reveal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Prepared while the results are hidden, so the reveal only reads the session and sends."""
    import widgets.live.push as push_module

    monkeypatch.setattr(push_module, "PREPARE_EVERY", 0.0)
    store = LiveStore(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    session = store.create_session("sondage_ouverture", "1.0")
    from widgets.banks import load_banks

    banks = load_banks()
    computed: list[bool] = []

    def counted_summary(live_session: Any, bank: Any) -> dict[str, Any]:
        computed.append(live_session.revealed)
        return summary(bank, store.answers(live_session.id))

    async def room() -> Phone:
        loop = asyncio.get_running_loop()
        push = Broadcaster(
            store, banks.get, counted_summary, lambda f, *a: loop.run_in_executor(None, f, *a)
        )
        phone = Phone()
        phone.received.append(await push.join(session, phone))
        store.save_answers(session.id, "a", {"profil": "association"})
        push.nudge(session.id)
        await asyncio.sleep(0.8)
        store.set_revealed(session.id, True)
        push.nudge(session.id)
        await asyncio.sleep(0.8)
        push.leave(session.id, phone)
        await asyncio.sleep(0.7)
        return phone

    with ThreadPoolExecutor(1) as worker:
        phone = worker.submit(asyncio.run, room()).result()
    assert computed and not any(computed)  # computed while hidden only, none at the reveal
    assert b'"revealed":true' in phone.received[-1] and b'"participants":1' in phone.received[-1]
    store.close()
