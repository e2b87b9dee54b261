"""The facilitator's panel hears each change of its session from the server, instead of polling.

The live server pushes every change of a session's state and counts to a watch stream
(``GET /parcours/live/api/<code>/watch?key=…``, Server-Sent Events, :mod:`widgets.room.watch`).
One daemon thread per panel holds that connection and calls ``on_change`` once per message;
the panel then reads the store once. Nothing reads the database on a timer while the stream
holds. When the server cannot be reached (no server address known, a server restarting, a
proxy that drops the stream), the thread tries again every ``retry`` seconds and calls
``on_change`` at each attempt: the panel then still follows the room, a little later.

Standard library only (``http.client``): the kernel's event loop is not needed, and a thread
blocked on a socket costs nothing while the room is quiet.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import ssl
import threading
from collections.abc import Callable
from urllib.parse import urlsplit

from widgets.config import LIVE_SERVER_URL_VARIABLE, live_secret
from widgets.room.watch import watch_key, watch_path

READ_TIMEOUT = 60.0
"""Seconds without a byte before the stream is taken for lost (the server sends a comment line
every 20 s on a quiet stream)."""


class SessionWatch:
    """One held watch stream for the session the panel shows; ``follow`` switches session."""

    def __init__(self, on_change: Callable[[], None], retry: float = 2.0) -> None:
        self.on_change = on_change
        self.retry = retry
        self.connected = False  # whether the stream is held now (for tests and the panel)
        self._target: tuple[str, str] | None = None
        self._switched = threading.Event()
        self._stop = threading.Event()
        self._socket: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def follow(self, code: str, session_id: str) -> None:
        """Listen to this session from now on (the current stream, if any, is dropped)."""
        if self._target == (code, session_id):
            return
        self._target = (code, session_id)
        self._switched.set()
        self._drop()

    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="parcours-live-watch")
            self._thread.daemon = True
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._switched.set()
        self._drop()

    def _run(self) -> None:
        while not self._stop.is_set():
            target = self._target
            if target is None:
                self._switched.wait()
                self._switched.clear()
                continue
            self._switched.clear()
            try:
                self._listen(*target)
            except (OSError, http.client.HTTPException, ValueError):
                pass  # the server is away, restarting, or refused: read, then try again
            finally:
                self.connected = False
            if self._stop.is_set():
                break
            if not self._switched.is_set():
                self._changed()
                self._stop.wait(self.retry)

    def _listen(self, code: str, session_id: str) -> None:
        """Hold the stream and report each message, until it ends or the session changes."""
        base = os.environ.get(LIVE_SERVER_URL_VARIABLE, "")
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("no live server address")
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            context = ssl.create_default_context()
            connection = http.client.HTTPSConnection(
                parts.hostname, parts.port, timeout=READ_TIMEOUT, context=context
            )
        else:
            connection = http.client.HTTPConnection(
                parts.hostname, parts.port, timeout=READ_TIMEOUT
            )
        path = parts.path.rstrip("/") + watch_path(code, watch_key(live_secret(), session_id))
        connection.connect()
        self._socket = connection.sock
        connection.request("GET", path, headers={"Accept": "text/event-stream"})
        response = connection.getresponse()
        if response.status != 200:
            raise ValueError(f"watch refused: {response.status}")
        self.connected = True
        try:
            while (line := response.fp.readline()) and self._target == (code, session_id):
                if line.startswith(b"data:"):
                    self._changed()
        finally:
            connection.close()

    def _changed(self) -> None:
        with contextlib.suppress(Exception):  # the panel reports its own failures
            self.on_change()

    def _drop(self) -> None:
        """Wake the thread blocked on the stream (a shutdown ends its read at once)."""
        held, self._socket = self._socket, None
        if held is not None:
            with contextlib.suppress(OSError):
                held.shutdown(socket.SHUT_RDWR)
