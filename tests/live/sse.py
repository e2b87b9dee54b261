"""A minimal Server-Sent Events client for tests: read a session's pushed events."""

from __future__ import annotations

import http.client
import json
import time
from typing import Any
from urllib.parse import urlsplit


class EventStream:
    """One held ``GET …/events`` connection, read line by line."""

    def __init__(self, base: str, code: str, timeout: float = 30) -> None:
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self.connection.request("GET", f"/parcours/live/api/{code}/events")
        self.response = self.connection.getresponse()
        self.status = self.response.status
        self.headers = {k.lower(): v for k, v in self.response.getheaders()}

    def next_event(self) -> dict[str, Any]:
        """The next ``session`` message's JSON (comments and fields skipped)."""
        data: list[str] = []
        while True:
            line = self.response.fp.readline().decode("utf-8")
            if line == "":
                raise EOFError("the server closed the stream")
            line = line.rstrip("\n")
            if line.startswith("data: "):
                data.append(line[6:])
            elif line == "" and data:
                return dict(json.loads("\n".join(data)))

    def wait_for(self, predicate: Any, timeout: float = 15) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            event = self.next_event()
            if predicate(event):
                return event
        raise TimeoutError("no such event")

    def close(self) -> None:
        self.connection.close()
