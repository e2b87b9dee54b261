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
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from widgets.banks import Bank
from widgets.banks.loader import usable_banks
from widgets.config import data_dir, live_joins_per_minute, live_secret, live_session_hours
from widgets.errors import DataError
from widgets.live.identity import Identities
from widgets.live.push import Broadcaster
from widgets.live.ratelimit import RateLimiter
from widgets.live.writer import AnswerWriter
from widgets.room.aggregate import summary
from widgets.room.qa import room_lists
from widgets.room.questions import AnswerCheck, public_view
from widgets.storage.live import LiveSession, LiveStore, normalise_code
from widgets.storage.live_qa import QAStore

log = logging.getLogger(__name__)


def live_banks() -> dict[str, Bank]:
    """Every valid bank; the broken ones are named in the log, and the others still play
    live (one broken file must not take every webinar with it)."""
    banks, problems = usable_banks()
    for problem in problems:
        log.error("live: banque de questions invalide\u00a0: %s", problem.message_fr())
    return banks


T = TypeVar("T")


def _folder_stamp() -> int | None:
    """The banks folder's modification time: moved by any bank file written into it."""
    try:
        return (data_dir() / "banks").stat().st_mtime_ns
    except OSError:
        return None


SUMMARY_TTL = 1.0
"""Seconds a session's aggregate is reused: after the reveal every phone asks for it, and one
computation per second serves them all; the figure is at most one second old."""

SESSION_TTL = 0.5
"""Seconds a session's state is reused by the participant routes that only read it (questions,
state, results). When a room joins, every phone asks for the same session within seconds; one
read per half second serves them all without a trip through the worker threads. A phone polls
every 4 to 5 s, so a close or a reveal reaches it at most half a second later; an answer never
relies on it (the group commit checks the state in its own transaction), and the facilitator's
API forgets the cached state when it changes it."""

BANK_RELOAD_AFTER = 10.0
"""An unknown bank id reloads the banks at most this often (a bank added while serving)."""


UNKNOWN_CODES_PER_ADDRESS = 300
"""Lookups of codes that do not exist per source address per minute: a venue behind one NAT
mistypes a code now and then; a script probing codes is slowed to a crawl (a code has 31⁶
values)."""


class LiveContext:
    """Shared by every live handler of one server, built by :func:`widgets.live.setup_handlers`."""

    def __init__(
        self,
        store: LiveStore | None = None,
        *,
        banks: Callable[[], dict[str, Bank]] | None = None,
        limiter: RateLimiter | None = None,
        workers: int = 4,
    ) -> None:
        self.store = store or LiveStore()
        self.limiter = limiter or RateLimiter()
        # Per source address, in memory only (never logged, never stored): a room behind one
        # company NAT joins through one address, so the bound is a whole room per minute.
        self.joins = RateLimiter(live_joins_per_minute(), 60.0)
        self.lookups = RateLimiter(UNKNOWN_CODES_PER_ADDRESS, 60.0)
        self.secret = live_secret()  # signs identities and the facilitator's watch key
        self.identities = Identities(self.secret)
        self.qa = QAStore(self.store)
        self.push = Broadcaster(
            self.store,
            self.bank,
            lambda session, bank: summary(
                bank, self.store.answers(session.id), self.hidden_words(session, bank)
            ),
            self.run,
            audience=self.audience,
        )
        self.session_hours = live_session_hours()
        self._load_banks = banks if banks is not None else live_banks
        self._banks: dict[str, Bank] | None = None
        self._banks_loaded = self._banks_checked = 0.0
        self._banks_stamp: int | None = None
        self._lock = threading.Lock()
        self._summaries: dict[str, tuple[float, dict[str, Any]]] = {}
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="parcours-live")
        self.writer = AnswerWriter(self.store)
        self._identities: dict[str, LiveSession] = {}
        self._checks: dict[str, AnswerCheck] = {}
        self._views: dict[str, tuple[Bank, dict[str, Any]]] = {}
        self._sessions: dict[str, tuple[float, LiveSession]] = {}

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

    async def session(self, code: str) -> LiveSession | None:
        """The session of a join code as stored at most :data:`SESSION_TTL` seconds ago.

        Unknown codes are not remembered: a script guessing codes must not fill the memory.
        """
        key = normalise_code(code)
        now = time.monotonic()
        cached = self._sessions.get(key)
        if cached is not None and now - cached[0] < SESSION_TTL:
            return cached[1]
        found = await self.run(self.store.session_by_code, key)
        if found is not None:
            if len(self._sessions) > 10_000:
                self._sessions.clear()
            self._sessions[key] = (now, found)
        return found

    def expired(self, session: LiveSession) -> bool:
        """Whether ``session`` is older than the configured lifetime (it no longer takes anyone)."""
        age = datetime.now(UTC) - session.created_at
        return age > timedelta(hours=self.session_hours)

    def forget(self, code: str) -> None:
        """Drop a session's cached state (after the facilitator changed it through this server)."""
        self._sessions.pop(normalise_code(code), None)

    def banks(self) -> dict[str, Bank]:
        """Every valid bank by id; an invalid bank folder gives none (and a log line)."""
        with self._lock:
            if self._banks is None:
                self._banks = self._read_banks()
            return self._banks

    def bank(self, bank_id: str) -> Bank | None:
        banks = self._banks  # read without the lock: replaced whole, never changed in place
        found = (banks if banks is not None else self.banks()).get(bank_id)
        stale = found is None or self._banks_folder_changed()
        if stale and time.monotonic() - self._banks_loaded > BANK_RELOAD_AFTER:
            with self._lock:
                self._banks = self._read_banks()
            found = self._banks.get(bank_id)
        return found

    def check(self, bank: Bank) -> AnswerCheck:
        """The answer check of ``bank``, prepared once (and again if the bank was reloaded)."""
        found = self._checks.get(bank.id)
        if found is None or found.bank is not bank:
            found = self._checks[bank.id] = AnswerCheck(bank)
        return found

    def view(self, bank: Bank) -> dict[str, Any]:
        """What phones are shown of ``bank`` (:func:`.questions.public_view`), built once."""
        cached = self._views.get(bank.id)
        if cached is None or cached[0] is not bank:
            cached = self._views[bank.id] = (bank, public_view(bank))
        return cached[1]

    def _banks_folder_changed(self) -> bool:
        """A bank saved over another since the last read (« Préparer un sondage »,
        « Remplacer »): the banks folder's modification time moved. One ``stat`` at most
        every :data:`BANK_RELOAD_AFTER` seconds."""
        now = time.monotonic()
        if now - self._banks_checked < BANK_RELOAD_AFTER:
            return False
        self._banks_checked = now
        return _folder_stamp() != self._banks_stamp

    def _read_banks(self) -> dict[str, Bank]:
        self._banks_loaded = self._banks_checked = time.monotonic()
        self._banks_stamp = _folder_stamp()
        try:
            return self._load_banks()
        except DataError as error:
            log.error("live: question banks are invalid: %s", error.message_fr())
            return {}

    def hidden_words(self, session: LiveSession, bank: Bank) -> list[str]:
        """The words hidden from the session's clouds (no query for a bank without a cloud)."""
        if not any(getattr(item, "type", "") == "words" for item in bank.items):
            return []
        return self.qa.hidden_words(session.id)

    def audience(self, session: LiveSession, bank: Bank) -> dict[str, Any] | None:
        """What the room sees of the audience's questions, and the hidden words (which change
        its clouds): read by the push watcher, ``None`` for a bank that has neither."""
        types = {getattr(item, "type", "") for item in bank.items}
        if not types & {"questions", "words"}:
            return None
        lists = room_lists(self.qa.questions(session.id)) if "questions" in types else {}
        return {"qa": lists, "hidden": self.hidden_words(session, bank)}

    def forget_summary(self, session_id: str) -> None:
        """Recompute the aggregate at the next request (a word was hidden or shown)."""
        self._summaries.pop(session_id, None)

    def summary(self, session: LiveSession, bank: Bank) -> dict[str, Any]:
        """The session's aggregate, recomputed at most once per :data:`SUMMARY_TTL`."""
        now = time.monotonic()
        cached = self._summaries.get(session.id)
        if cached is not None and now - cached[0] < SUMMARY_TTL:
            return cached[1]
        document = summary(bank, self.store.answers(session.id), self.hidden_words(session, bank))
        self._summaries[session.id] = (now, document)
        if len(self._summaries) > 1000:
            self._summaries.clear()
        return document

    def close(self) -> None:
        self.writer.close()
        self.executor.shutdown(wait=False)
        self.store.close()
