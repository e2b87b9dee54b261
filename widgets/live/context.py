"""What the live handlers share inside one server process: the store, the banks, the limiter.

Database calls run on a small thread pool rather than on the server's event loop, so a SQLite
file busy with the facilitator's kernel, or a slow PostgreSQL, delays one request instead of
freezing every JupyterLab and Voilà connection of the same server.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from widgets.banks import Bank, load_banks
from widgets.errors import DataError
from widgets.live.aggregate import summary
from widgets.live.ratelimit import RateLimiter
from widgets.live.store import LiveSession, LiveStore, normalise_code
from widgets.live.writer import AnswerWriter

log = logging.getLogger(__name__)
T = TypeVar("T")

SUMMARY_TTL = 1.0
"""Seconds a session's aggregate is reused: after the reveal every phone asks for it, and one
computation per second serves them all; the figure is at most one second old."""

BANK_RELOAD_AFTER = 10.0
"""An unknown bank id reloads the banks at most this often (a bank added while serving)."""


class LiveContext:
    """Shared by every live handler of one server, built by :func:`widgets.live.setup_handlers`."""

    def __init__(
        self,
        store: LiveStore | None = None,
        *,
        banks: Callable[[], dict[str, Bank]] = load_banks,
        limiter: RateLimiter | None = None,
        workers: int = 4,
    ) -> None:
        self.store = store or LiveStore()
        self.limiter = limiter or RateLimiter()
        self._load_banks = banks
        self._banks: dict[str, Bank] | None = None
        self._banks_loaded = 0.0
        self._lock = threading.Lock()
        self._summaries: dict[str, tuple[float, dict[str, Any]]] = {}
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="parcours-live")
        self.writer = AnswerWriter(self.store)
        self._identities: dict[str, LiveSession] = {}

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` on the worker threads."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    async def identity(self, code: str) -> LiveSession | None:
        """The session of a join code, for what never changes (id, bank): cached.

        Its state and reveal do change, so they must not be read from here: the group commit
        checks the state in its own transaction, and the other routes read the store.
        """
        key = normalise_code(code)
        found = self._identities.get(key)
        if found is None:
            found = await self.run(self.store.session_by_code, key)
            if found is not None:
                if len(self._identities) > 10_000:
                    self._identities.clear()
                self._identities[key] = found
        return found

    def banks(self) -> dict[str, Bank]:
        """Every valid bank by id; an invalid bank folder gives none (and a log line)."""
        with self._lock:
            if self._banks is None:
                self._banks = self._read_banks()
            return self._banks

    def bank(self, bank_id: str) -> Bank | None:
        found = self.banks().get(bank_id)
        if found is None and time.monotonic() - self._banks_loaded > BANK_RELOAD_AFTER:
            with self._lock:
                self._banks = self._read_banks()
            found = self._banks.get(bank_id)
        return found

    def _read_banks(self) -> dict[str, Bank]:
        self._banks_loaded = time.monotonic()
        try:
            return self._load_banks()
        except DataError as error:
            log.error("live: question banks are invalid: %s", error.message_fr())
            return {}

    def summary(self, session: LiveSession, bank: Bank) -> dict[str, Any]:
        """The session's aggregate, recomputed at most once per :data:`SUMMARY_TTL`."""
        now = time.monotonic()
        cached = self._summaries.get(session.id)
        if cached is not None and now - cached[0] < SUMMARY_TTL:
            return cached[1]
        document = summary(bank, self.store.answers(session.id))
        self._summaries[session.id] = (now, document)
        if len(self._summaries) > 1000:
            self._summaries.clear()
        return document

    def close(self) -> None:
        self.writer.close()
        self.executor.shutdown(wait=False)
        self.store.close()
