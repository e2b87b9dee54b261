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

The aggregate is prepared ahead of the reveal: when the answers changed, at most every
:data:`PREPARE_EVERY` seconds while they arrive, so that the reveal itself only reads the
session and sends bytes (at 10 000 phones, reading every answer again took longer than sending
the event to all of them). The facilitator's screen listens too (:meth:`Broadcaster.watch`): it
hears every change of the counts as well, which phones do not need.
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
from widgets.loaders.sources import source_titles
from widgets.room.pacing import needs_results, pacing_state, phone_results
from widgets.storage.live import Counts, LiveSession, LiveStore

log = logging.getLogger(__name__)

WATCH_INTERVAL = 0.5
"""Seconds between two reads of a watched session: the delay of a change to the phones is at
most this, plus the network."""
HEARTBEAT = 20.0
"""Seconds between two comment lines on a quiet connection, so that proxies keep it open."""
READ_GAP = 0.2
"""Seconds at least between two reads of a session woken early (:meth:`Broadcaster.answered`):
a burst of answers costs at most five reads a second, whatever its size."""
PREPARE_EVERY = 2.0
"""Seconds between two computations of a hidden room's aggregate while answers arrive: the
reveal then finds it ready (once revealed, every change is computed at once)."""


class Listener(Protocol):
    """A held connection: something that can be sent an event's bytes."""

    def send_event(self, data: bytes) -> None: ...


@dataclass
class Room:
    """The phones of one session held by this process, and the last event they were sent."""

    session_id: str
    code: str
    listeners: set[Listener] = field(default_factory=set)
    watchers: set[Listener] = field(default_factory=set)
    event: bytes = b""
    counted: bytes = b""
    seen: tuple[Any, ...] | None = None
    tally: tuple[Any, ...] | None = None
    prepared: tuple[tuple[Counts, str | None], dict[str, Any] | None] | None = None
    prepared_at: float = field(default_factory=time.monotonic)
    task: asyncio.Task[None] | None = None
    urgent: bool = False
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def held(self) -> bool:
        return bool(self.listeners or self.watchers)


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


def counts_bytes(session: LiveSession, counts: Counts, sequence: int) -> bytes:
    """One SSE message for the facilitator's screen: state, reveal and counts (no results)."""
    document = {
        "code": session.code,
        "state": session.state,
        "revealed": session.revealed,
        "participants": counts.participants,
        "answers": counts.answers,
        "sequence": sequence,
    }
    text = json.dumps(document, ensure_ascii=True, separators=(",", ":"))
    return f"id: {sequence}\nevent: counts\ndata: {text}\n\n".encode("ascii")


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

    async def ready(self, session: LiveSession) -> None:
        """Make sure this process holds an event for ``session`` (read it if not)."""
        room = self._room(session)
        if not room.event:
            await self._refresh(room)

    def hold(self, session: LiveSession, listener: Listener, *, watcher: bool = False) -> bytes:
        """Hold ``listener`` in its session's room; the current event, to send it first.

        Synchronous, so that nothing is broadcast between the listener's arrival and its first
        message. A ``watcher`` (the facilitator's screen) also hears every change of the counts.
        """
        room = self._room(session)
        (room.watchers if watcher else room.listeners).add(listener)
        if room.task is None or room.task.done():
            room.task = asyncio.ensure_future(self._watch(room))
        return room.counted if watcher else room.event

    async def join(self, session: LiveSession, listener: Listener) -> bytes:
        """:meth:`ready`, then :meth:`hold`: the current event, to send first."""
        await self.ready(session)
        return self.hold(session, listener)

    def leave(self, session_id: str, listener: Listener) -> None:
        room = self.rooms.get(session_id)
        if room is not None:  # the watcher stops when the room is empty
            room.listeners.discard(listener)
            room.watchers.discard(listener)

    def _room(self, session: LiveSession) -> Room:
        room = self.rooms.get(session.id)
        if room is None:
            room = self.rooms[session.id] = Room(session.id, session.code)
        return room

    def nudge(self, session_id: str) -> None:
        """Read a session now (a change made through this process): no wait for the next read."""
        room = self.rooms.get(session_id)
        if room is not None:
            room.urgent = True
            room.wake.set()

    def answered(self, session_id: str) -> None:
        """An answer was committed through this process: the facilitator's screen, if one
        watches, hears of it without waiting for the next read (phones need not)."""
        room = self.rooms.get(session_id)
        if room is not None and room.watchers:
            room.wake.set()

    def listening(self) -> int:
        return sum(len(room.listeners) for room in self.rooms.values())

    async def _watch(self, room: Room) -> None:
        quiet_since = time.monotonic()
        while room.held():
            read_at = time.monotonic()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(room.wake.wait(), WATCH_INTERVAL)
            if not room.urgent:  # answers: a few reads a second at most; a change: at once
                await asyncio.sleep(max(0.0, read_at + READ_GAP - time.monotonic()))
            room.wake.clear()
            room.urgent = False
            try:
                changed = await self._refresh(room)
            except Exception as exc:  # a database that fails: phones keep the last event
                log.warning("live: session %s not read: %s", room.code, type(exc).__name__)
                changed = False
            if changed:
                self._send(room.listeners, room.event)
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since > HEARTBEAT:
                self._send(room.listeners | room.watchers, b": \n\n")
                quiet_since = time.monotonic()
        self.rooms.pop(room.session_id, None)

    async def _refresh(self, room: Room) -> bool:
        """Read the session; build a new event if anything a phone sees changed.

        The facilitator's screens are sent every change of the counts here, phones only what
        they see (state, reveal and, once revealed, the results).
        """
        session, counts = await self._run(self._read, room.session_id)
        if session is None or counts is None:
            return False
        bank = self._bank(session.bank_id)
        # The audience's questions change without an answer (a question, a vote, a mark), and
        # a hidden word changes the clouds: both are part of what a phone sees.
        audience = None
        if self._audience is not None and bank is not None:
            audience = await self._run(self._audience, session, bank)
        shown = json.dumps(audience, sort_keys=True) if audience is not None else None
        counted = bank is not None and needs_results(bank, session)
        whole = await self._aggregate(room, session, bank, (counts, shown), needed=counted)
        tally = (session.state, session.revealed, session.current, session.shown, counts)
        if tally != room.tally:
            room.tally = tally
            room.counted = counts_bytes(session, counts, self.events + 1)
            self._send(room.watchers, room.counted)
        seen = (
            session.state,
            session.revealed,
            session.current,
            session.shown,
            session.visible,
            counts if counted else None,
            shown,
        )
        if seen == room.seen:
            return False
        results = pacing = None
        if bank is not None:
            pacing = pacing_state(bank, session, source_titles())
            if counted:
                results = phone_results(bank, session, whole)
        self.events += 1
        qa = audience["qa"] if audience is not None else None
        room.event = event_bytes(session, results, self.events, pacing, qa)
        room.seen = seen
        return True

    async def _aggregate(
        self,
        room: Room,
        session: LiveSession,
        bank: Bank | None,
        key: tuple[Counts, str | None],
        *,
        needed: bool,
    ) -> dict[str, Any] | None:
        """The room's aggregate for ``key`` (the counts, and the audience's questions and hidden
        words that change its clouds): computed now when phones may see it, else prepared
        ahead of the reveal, at most every :data:`PREPARE_EVERY` seconds while answers arrive."""
        if room.prepared is not None and room.prepared[0] == key:
            return room.prepared[1]
        if not needed and time.monotonic() - room.prepared_at < PREPARE_EVERY:
            return None  # answers are arriving: prepare it a little later, once for all of them
        results = await self._run(self._summary, session, bank) if bank is not None else None
        room.prepared, room.prepared_at = (key, results), time.monotonic()
        return results

    def _read(self, session_id: str) -> tuple[LiveSession | None, Counts | None]:
        session = self.store.session(session_id)
        counts = self.store.counts(session_id) if session is not None else None
        return session, counts

    @staticmethod
    def _send(listeners: set[Listener], data: bytes) -> None:
        for listener in list(listeners):
            listener.send_event(data)
