"""A webinar whose live database cannot be written: ``serve`` says so at start, the earlier
session can still be read and exported, the facilitator's API names the cause in French, and a
phone is not promised a resend that cannot happen.

The database is ``frozen_live_db`` (``tests/storage/conftest.py``): made immutable with
``chattr +i``, since ``chmod`` blocks nothing for root; skipped where that is not allowed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.conftest import Server, start_server, stop_server
from tests.live.conftest import request
from tests.storage.conftest import FrozenLiveDatabase


@pytest.fixture(scope="module")
def frozen_server(
    frozen_live_db: FrozenLiveDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, str]]:
    """``parcours serve`` on the read-only live database of ``frozen_live_db``."""
    env = {"PARCOURS_LIVE_DATABASE_URL": frozen_live_db.url, "PARCOURS_LIVE_SECRET": "x" * 32}
    server = start_server(tmp_path_factory.mktemp("serveur"), env)
    try:
        yield server, frozen_live_db.session.code
    finally:
        stop_server(server)


def admin(server: Server, method: str, path: str, body: object = None) -> tuple[int, str]:
    status, _, text = request(
        f"{server.base}/parcours/live/admin{path}",
        method,
        body if body is not None else (b"" if method == "POST" else None),
        {"Authorization": f"token {server.token}"},
    )
    return status, text


def test_serve_says_the_live_database_is_read_only(frozen_server: tuple[Server, str]) -> None:
    server, _ = frozen_server
    assert "salle en direct" in server.log() and "lecture seule" in server.log()


def test_the_earlier_session_is_still_exported(frozen_server: tuple[Server, str]) -> None:
    server, code = frozen_server
    status, text = admin(server, "GET", f"/sessions/{code}/export.json")
    assert status == 200, text
    assert json.loads(text)["results"]


def test_a_new_session_is_refused_in_french(frozen_server: tuple[Server, str]) -> None:
    server, _ = frozen_server
    status, text = admin(server, "POST", "/sessions", {"bank": "sondage_ouverture"})
    assert status == 503 and "lecture seule" in json.loads(text)["message"], text


def test_a_phone_is_not_promised_a_resend(frozen_server: tuple[Server, str]) -> None:
    server, code = frozen_server
    status, _, text = request(f"{server.base}/parcours/live/api/{code}/join", "POST", {})
    if status == 200:
        who = json.loads(text)["participant"]
        status, _, text = request(
            f"{server.base}/parcours/live/api/{code}/answers",
            "POST",
            {"participant": who, "answers": {"profil": "association"}},
        )
    reply = json.loads(text)
    assert status == 507, (status, reply)
    assert "lecture seule" in reply["error"] and "renvoyée" not in reply["error"]
