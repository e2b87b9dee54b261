"""What one server process keeps between requests: cached session state, checks, views."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

import widgets.live.context as context_module
from widgets.banks import Bank
from widgets.live.context import LiveContext
from widgets.storage.live import LiveStore

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: in the whole suite, the browser tests' Playwright
    keeps an event loop running in the main thread, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


@pytest.fixture
def live(live_store: LiveStore, banks: dict[str, Bank]) -> Iterator[LiveContext]:
    made = LiveContext(live_store, banks=lambda: dict(banks))
    yield made
    made.close()


def counting(live_store: LiveStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    original = live_store.session_by_code
    monkeypatch.setattr(
        live_store, "session_by_code", lambda code: reads.append(code) or original(code)
    )
    return reads


def test_a_room_joining_reads_the_session_once(
    live: LiveContext, live_store: LiveStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = live_store.create_session("sondage_ouverture", "1.0").code
    reads = counting(live_store, monkeypatch)

    async def room() -> list[Any]:
        first = await live.session(code)
        return [first] + [await live.session(code.lower()) for _ in range(50)]

    sessions = run(room())
    assert reads == [code] and {s.code for s in sessions} == {code}


def test_a_change_is_seen_after_the_ttl_or_at_once_when_forgotten(
    live: LiveContext, live_store: LiveStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = live_store.create_session("sondage_ouverture", "1.0")
    assert run(live.session(session.code)).open  # type: ignore[union-attr]
    live_store.set_state(session.id, "closed")  # as the facilitator's kernel does, directly
    assert run(live.session(session.code)).open  # type: ignore[union-attr]
    monkeypatch.setattr(context_module, "SESSION_TTL", 0.0)
    assert not run(live.session(session.code)).open  # type: ignore[union-attr]

    monkeypatch.setattr(context_module, "SESSION_TTL", 60.0)
    live_store.set_state(session.id, "open")
    live.forget(session.code.lower())  # what the facilitator's API does after an action
    assert run(live.session(session.code)).open  # type: ignore[union-attr]


def test_unknown_codes_are_not_remembered(live: LiveContext) -> None:
    for index in range(20):
        assert run(live.session(f"NOPE{index}")) is None
    assert live._sessions == {}


def test_checks_and_views_are_built_once_per_bank(
    live: LiveContext, banks: dict[str, Bank]
) -> None:
    bank = banks["sondage_ouverture"]
    assert live.check(bank) is live.check(bank) and live.view(bank) is live.view(bank)
    reloaded = bank.model_copy()  # a bank read again from disk is a new object
    assert live.check(reloaded) is not live.check(bank)
    assert live.check(reloaded)({"profil": "association"}) == {"profil": "association"}
    assert live.view(reloaded) == live.view(bank)


def test_a_bank_saved_over_another_is_read_again(
    live_store: LiveStore, data_copy: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """« Préparer un sondage » with « Remplacer »: the server serves the new questions."""
    from widgets.banks.authoring import PollDraft, QuestionDraft
    from widgets.banks.writer import save_draft

    monkeypatch.setenv("PARCOURS_DATA_DIR", str(data_copy))
    monkeypatch.setattr(context_module, "BANK_RELOAD_AFTER", 0.0)
    save_draft(PollDraft("Remplacé", (QuestionDraft("Avant ?", "words"),)))
    made = LiveContext(live_store)
    try:
        before = made.bank("remplace")
        assert before is not None and before.items[0].question == "Avant ?"
        save_draft(PollDraft("Remplacé", (QuestionDraft("Après ?", "words"),)), replace=True)
        found = made.bank("remplace")
        assert found is not None and found.items[0].question == "Après ?"
    finally:
        made.close()
