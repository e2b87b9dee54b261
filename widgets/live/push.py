"""Push: the phones of a session learn of every change through one held connection each.

A phone opens ``GET /parcours/live/api/<code>/events`` (Server-Sent Events) and keeps it for the
whole webinar. Per session and per server process, one watcher reads what changed — the
session's state and reveal, and its counts, two cheap queries whatever the size of the room —
at most every :data:`WATCH_INTERVAL` seconds, and only while a phone listens. When something
changed, it builds the event once (state, reveal, the question shown and what phones may see of
the room's aggregate, :mod:`widgets.room.pacing`) and
writes the same bytes to every phone it holds: a room of 10 000 costs one aggregate per change,
not one per phone, and what a phone sees of the state and of the results comes in one message,
so they never disagree.

Why Server-Sent Events rather than WebSocket: the messages only go one way (answers stay plain
POSTs, acknowledged one by one), SSE is plain HTTP through any reverse proxy that does not
buffer (``X-Accel-Buffering: no`` tells nginx), browsers reconnect by themselves, and the phone's
page needs no library. Why a watcher reading the database rather than PostgreSQL's
``LISTEN/NOTIFY``: the facilitator's kernel and every server process write to the same database
(SQLite or PostgreSQL); reading it twice a second per session reaches the phones held by every
process with the same code for both engines, at a cost that does not grow with the room.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from widgets.banks import Bank
from widgets.room.pacing import needs_results, pacing_state, phone_results
from widgets.storage.live import Counts, LiveSession, LiveStore

log = logging.getLogger(__name__)

WATCH_INTERVAL = 0.5
"""Seconds between two reads of a watched session: the delay of a change to the phones is at
most this, plus the network."""
HEARTBEAT = 20.0
"""Seconds between two comment lines on a quiet connection, so that proxies keep it open."""


class Listener(Protocol):
    """A held connection: something that can be sent an event's bytes."""

    def send_event(self, data: bytes) -> None: ...


@dataclass
class Room:
    """The phones of one session held by this process, and the last event they were sent."""

    session_id: str
    code: str
    listeners: set[Listener] = field(default_factory=set)
    event: bytes = b""
    seen: tuple[Any, ...] | None = None
    task: asyncio.Task[None] | None = None
    wake: asyncio.Event = field(default_factory=asyncio.Event)


def event_bytes(
    session: LiveSession,
    results: dict[str, Any] | None,
    sequence: int,
    pacing: dict[str, Any] | None = None,
    qa: dict[str, Any] | None = None,
) -> bytes:
    """One SSE message: the session's state, reveal, the question shown (``pacing``, see
    :func:`widgets.room.pacing.pacing_state`), what phones may see of the room's results, and
    the audience's questions (item id → list by votes) whenever the bank has some."""
    document = {
        "code": session.code,
        "state": session.state,
        "revealed": session.revealed,
        "results": results,
        "sequence": sequence,
        **(pacing or {}),
    }
    if qa is not None:
        document["qa"] = qa
    text = json.dumps(document, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return f"id: {sequence}\nevent: session\ndata: {text}\n\n".encode("ascii")


class Broadcaster:
    """Rooms of this process: one watcher per listened session, one event per change."""

    def __init__(
        self,
        store: LiveStore,
        bank: Callable[[str], Bank | None],
        summary: Callable[[LiveSession, Bank], dict[str, Any]],
        run: Callable[..., Any],
        audience: Callable[[LiveSession, Bank], dict[str, Any] | None] | None = None,
    ) -> None:
        self.store = store
        self._bank = bank
        self._summary = summary
        self._run = run
        self._audience = audience
        self.rooms: dict[str, Room] = {}
        self.events = 0  # built, for the tests and the benchmark

    async def join(self, session: LiveSession, listener: Listener) -> bytes:
        """Hold ``listener`` in its session's room; the current event, to send it first."""
        room = self.rooms.get(session.id)
        if room is None:
            room = self.rooms[session.id] = Room(session.id, session.code)
        room.listeners.add(listener)
        if not room.event:
            await self._refresh(room)
        if room.task is None or room.task.done():
            room.task = asyncio.ensure_future(self._watch(room))
        return room.event

    def leave(self, session_id: str, listener: Listener) -> None:
        room = self.rooms.get(session_id)
        if room is not None:
            room.listeners.discard(listener)  # the watcher stops when the room is empty

    def nudge(self, session_id: str) -> None:
        """Read a session now (a change made through this process): no wait for the next read."""
        room = self.rooms.get(session_id)
        if room is not None:
            room.wake.set()

    def listening(self) -> int:
        return sum(len(room.listeners) for room in self.rooms.values())

    async def _watch(self, room: Room) -> None:
        quiet_since = time.monotonic()
        while room.listeners:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(room.wake.wait(), WATCH_INTERVAL)
            room.wake.clear()
            try:
                changed = await self._refresh(room)
            except Exception as exc:  # a database that fails: phones keep the last event
                log.warning("live: session %s not read: %s", room.code, type(exc).__name__)
                changed = False
            if changed:
                self._send(room, room.event)
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since > HEARTBEAT:
                self._send(room, b": \n\n")
                quiet_since = time.monotonic()
        self.rooms.pop(room.session_id, None)

    async def _refresh(self, room: Room) -> bool:
        """Read the session; build a new event if anything a phone sees changed."""
        session, counts = await self._run(self._read, room.session_id)
        if session is None:
            return False
        bank = self._bank(session.bank_id)
        counted = bank is not None and needs_results(bank, session)
        # The audience's questions change without an answer (a question, a vote, a mark), and
        # a hidden word changes the clouds: both are part of what a phone sees.
        audience = None
        if self._audience is not None and bank is not None:
            audience = await self._run(self._audience, session, bank)
        shown = json.dumps(audience, sort_keys=True) if audience is not None else None
        seen = (
            session.state,
            session.revealed,
            session.current,
            session.shown,
            counts if counted else None,
            shown,
        )
        if seen == room.seen:
            return False
        results = pacing = None
        if bank is not None:
            pacing = pacing_state(bank, session)
            if counted:
                whole = await self._run(self._summary, session, bank)
                results = phone_results(bank, session, whole)
        self.events += 1
        qa = audience["qa"] if audience is not None else None
        room.event = event_bytes(session, results, self.events, pacing, qa)
        room.seen = seen
        return True

    def _read(self, session_id: str) -> tuple[LiveSession | None, Counts | None]:
        session = self.store.session(session_id)
        counts = self.store.counts(session_id) if session is not None else None
        return session, counts

    @staticmethod
    def _send(room: Room, data: bytes) -> None:
        for listener in list(room.listeners):
            listener.send_event(data)
