"""What a phone is told when the live database fails: a resend only when it can help."""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from widgets.live.base import Refusal, _ParticipantHandler


async def failing(reason: str) -> Any:
    raise OperationalError("INSERT", {}, sqlite3.OperationalError(reason))


@pytest.mark.parametrize(
    ("reason", "status", "code"),
    [
        ("attempt to write a readonly database", 507, "store-read-only"),
        ("database or disk is full", 507, "store-full"),
        ("database is locked", 503, "unavailable"),
    ],
)
def test_a_failed_write_tells_the_phone_whether_to_send_again(
    reason: str, status: int, code: str
) -> None:
    with pytest.raises(Refusal) as caught:
        handler = object.__new__(_ParticipantHandler)  # guarded() reads nothing of it
        # In a thread of its own: a browser test run earlier may leave an event loop running
        # in this one, and asyncio.run refuses to start inside it.
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, handler.guarded(failing(reason))).result()
    refusal = caught.value
    assert (refusal.status_code, refusal.code) == (status, code)
    promises_resend = "renvoyée" in refusal.message
    assert promises_resend is (status == 503), refusal.message


def test_the_page_does_not_retry_a_507() -> None:
    from pathlib import Path

    script = (Path(__file__).parents[2] / "widgets/live/static/participant.js").read_text("utf-8")
    assert "reply.status >= 500 && reply.status !== 507" in script
