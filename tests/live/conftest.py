"""Fixtures of the live-audience tests: stores, sessions on the real server, HTTP helpers.

The PostgreSQL fixtures are those of ``tests/storage/conftest.py`` (one throwaway server per
test session), imported rather than copied.
"""

from __future__ import annotations

import http.client
import json
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import Server, start_server, stop_server
from tests.storage.conftest import (  # noqa: F401 (fixtures)
    frozen_live_db,
    postgres_server,
    postgres_url,
)
from widgets.banks import Bank, load_banks
from widgets.storage.live import LiveStore


@pytest.fixture(scope="session")
def banks() -> dict[str, Bank]:
    return load_banks()


@pytest.fixture
def live_store(tmp_path: Path) -> Iterator[LiveStore]:
    """A live store on a fresh SQLite file."""
    with LiveStore(f"sqlite:///{tmp_path / 'live.sqlite3'}", busy_timeout=2) as store:
        yield store


def participant() -> str:
    """A fresh participant, named by the test: :func:`identity` gets the server's id for it."""
    return uuid.uuid4().hex


UNSIGNED = "A" * 22 + "." + "B" * 22
"""Shaped like an identity, signed by nobody."""
_IDENTITIES: dict[tuple[str, str], str] = {}


def identity(server: Server, code: str, who: str) -> str:
    """The identity the server issued to participant ``who`` of session ``code`` (joined once).

    A session that cannot be joined (unknown, expired) gives :data:`UNSIGNED`, so that the
    test sees how the route refuses it.
    """
    key = (code.upper(), who)  # any process of a webinar accepts what another issued
    if key not in _IDENTITIES:
        status, _, text = request(f"{server.base}/parcours/live/api/{code}/join", "POST", {})
        if status != 200:
            return UNSIGNED
        _IDENTITIES[key] = json.loads(text)["participant"]
    return _IDENTITIES[key]


def request(
    url: str,
    method: str = "GET",
    body: bytes | str | dict[str, Any] | Iterable[bytes] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    """One HTTP request, no redirects followed: (status, headers, body text)."""
    parts = urlsplit(url)
    if isinstance(body, dict):
        body = json.dumps(body)
        headers = {"Content-Type": "application/json", **(headers or {})}
    if isinstance(body, str):
        body = body.encode("utf-8")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text
    finally:
        connection.close()


class Admin:
    """The facilitator API of a running server, with the token in the Authorization header."""

    def __init__(self, server: Server) -> None:
        self.server = server

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        status, _, text = request(
            f"{self.server.base}/parcours/live/admin{path}",
            method,
            body if body is not None else (b"" if method == "POST" else None),
            {"Authorization": f"token {self.server.token}"},
        )
        assert status in (200, 201), (status, text)
        return json.loads(text)

    def create(self, bank: str) -> dict[str, Any]:
        return self.call("POST", "/sessions", {"bank": bank})

    def act(self, code: str, action: str) -> dict[str, Any]:
        return self.call("POST", f"/sessions/{code}/{action}")

    def get(self, code: str) -> dict[str, Any]:
        return self.call("GET", f"/sessions/{code}")


@pytest.fixture
def admin(server: Server) -> Admin:
    return Admin(server)


def answer(server: Server, code: str, who: str, answers: Any) -> tuple[int, dict[str, Any]]:
    """POST answers as a participant page does: (status, JSON reply)."""
    status, _, text = request(
        f"{server.base}/parcours/live/api/{code}/answers",
        "POST",
        {"participant": identity(server, code, who), "answers": answers},
    )
    return status, json.loads(text)


@pytest.fixture
def two_processes(
    postgres_url: str,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> Iterator[tuple[Server, Server]]:
    """Two ``parcours serve`` on one real PostgreSQL, as behind a load balancer."""
    env = {"PARCOURS_LIVE_DATABASE_URL": postgres_url}
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    first = start_server(tmp_path / "a", env)
    try:
        second = start_server(tmp_path / "b", env)
        try:
            yield first, second
        finally:
            stop_server(second)
    finally:
        stop_server(first)


def wait_until_held(page: Any, held: list[Any], what: str) -> None:
    """Let Playwright run ``page``'s route handlers until one of them held a request in ``held``
    (within 30 s): the tests that deliver a reply late hold it first."""
    for _ in range(600):
        if held:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never asked: {what}")
