"""The held connection of each phone: the session's changes, pushed (:mod:`widgets.live.push`)."""

from __future__ import annotations

import asyncio

from tornado.iostream import StreamClosedError

from widgets.live.base import _ParticipantHandler


class EventsHandler(_ParticipantHandler):
    """The session's changes, pushed (Server-Sent Events) for as long as the phone listens.

    The first message is the session as it is now; then one message per change, the same
    bytes for every phone (:mod:`widgets.live.push`). The browser reconnects by itself.
    """

    async def get(self, code: str) -> None:
        session = self.usable(await self.guarded(self.live.session(code)))
        self.set_header("Content-Type", "text/event-stream; charset=UTF-8")
        self.set_header("X-Accel-Buffering", "no")  # nginx: pass each message on at once
        self._gone = asyncio.Event()
        first = await self.guarded(self.live.push.join(session, self))
        try:
            self.send_event(b"retry: 3000\n\n" + first)
            await self._gone.wait()
        finally:
            self.live.push.leave(session.id, self)

    def send_event(self, data: bytes) -> None:
        if self._gone.is_set():
            return
        try:
            self.write(data)
            self.flush()
        except StreamClosedError:
            self._gone.set()

    def on_connection_close(self) -> None:
        gone = getattr(self, "_gone", None)
        if gone is not None:
            gone.set()
