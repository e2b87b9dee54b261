"""The held connections: each phone's, and the facilitator's screen's (:mod:`widgets.live.push`).

Once the session is known, the handler takes the connection from Tornado (``detach``, as
WebSocket does) and writes the response itself: a head without chunked encoding or gzip (the
body ends when the connection does, which every ``EventSource`` and nginx accept), then each
event's bytes as built once for the whole room, with one system call per phone. Through
Tornado, each write to each phone went through the response's transforms (gzip of ``text/*``
included), the chunk framing and a future: at 10 000 phones, most of a reveal's time.
"""

from __future__ import annotations

import contextlib
import hmac
from asyncio import Future, ensure_future
from collections.abc import Callable

from tornado.iostream import IOStream, StreamClosedError

from widgets.live.base import API_POLICY, Refusal, _ParticipantHandler
from widgets.room.watch import watch_key
from widgets.storage.live import LiveSession

HEAD = (
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/event-stream; charset=UTF-8\r\n"
    "Cache-Control: no-store\r\n"
    "X-Accel-Buffering: no\r\n"  # nginx: pass each message on at once
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: no-referrer\r\n"
    f"Content-Security-Policy: {API_POLICY}\r\n"
    "Connection: close\r\n"
    "\r\n"
    "retry: 3000\n\n"  # the browser's delay before it reconnects
).encode("ascii")


class HeldConnection:
    """A detached connection that events are written to, in the order they come."""

    def __init__(self, stream: IOStream) -> None:
        self.stream = stream
        # Straight to the socket only for plain TCP; TLS goes through the stream.
        self._direct = type(stream) is IOStream

    def send_event(self, data: bytes) -> None:
        stream = self.stream
        if stream.closed():
            return
        sent = 0
        if self._direct and not stream.writing():  # nothing queued: write now, in place
            try:
                sent = stream.socket.send(data)
            except BlockingIOError:
                sent = 0
            except OSError:
                stream.close()
                return
        if sent < len(data):
            with contextlib.suppress(StreamClosedError):
                stream.write(data[sent:] if sent else data)  # the stream sends the rest

    def until_closed(self, then: Callable[[], None]) -> None:
        """Call ``then`` when the other end leaves. A phone sends nothing more: what it sends
        is read and dropped, which is also how its leaving is noticed. Callbacks, not a
        coroutine per phone: the handler and its request are freed once the stream is held."""
        self.stream.set_close_callback(then)
        self._drain()

    def _drain(self, done: Future[bytes] | None = None) -> None:
        if done is not None and done.exception() is not None:
            return  # closed: the close callback runs
        with contextlib.suppress(StreamClosedError):
            reading = ensure_future(self.stream.read_bytes(1024, partial=True))  # a Future
            reading.add_done_callback(self._drain)


class _HeldHandler(_ParticipantHandler):
    """Take the connection of a known session, hold it in the room until the other end leaves."""

    watcher = False

    async def hold(self, session: LiveSession) -> None:
        await self.guarded(self.live.push.ready(session))
        push = self.live.push
        held = HeldConnection(self.detach())
        held.send_event(HEAD + push.hold(session, held, watcher=self.watcher))
        held.until_closed(lambda: push.leave(session.id, held))


class EventsHandler(_HeldHandler):
    """The session's changes, pushed (Server-Sent Events) for as long as the phone listens.

    The first message is the session as it is now; then one message per change, the same
    bytes for every phone (:mod:`widgets.live.push`). The browser reconnects by itself.
    """

    async def get(self, code: str) -> None:
        await self.hold(self.usable(await self.guarded(self.live.session(code))))


class WatchHandler(_HeldHandler):
    """The facilitator's screen: state, reveal and counts at every change (``?key=``).

    The key (:func:`widgets.room.watch.watch_key`) is signed with the server's live secret,
    which the facilitator's kernel reads from the same place; a phone cannot make it up.
    """

    watcher = True

    async def get(self, code: str) -> None:
        session = self.usable(await self.guarded(self.live.session(code)))
        given = self.get_query_argument("key", "")
        if not hmac.compare_digest(given, watch_key(self.live.secret, session.id)):
            raise Refusal(403, "bad-key")
        await self.hold(session)
