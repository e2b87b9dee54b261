"""Group commits: the answers that many phones send at once are written in one transaction.

A commit costs far more than a row, and a room answers in bursts (everyone taps when the
facilitator shows a question). So each request queues its answers and waits; one writer thread
takes everything queued, writes it in one transaction and only then releases the requests.
An answer is thus acknowledged only once committed: a crash loses nothing that was
acknowledged, and a burst of 500 answers costs a handful of commits instead of 500.

Under a light load a batch is a single answer, written at once: grouping adds no delay.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Mapping
from typing import Any

from widgets.storage.live import LiveStore
from widgets.storage.live_batch import Outcome, Submission

log = logging.getLogger(__name__)

_Pending = tuple[Submission, asyncio.AbstractEventLoop, "asyncio.Future[Outcome]"]


class AnswerWriter:
    """One writer thread per server process, fed by the request handlers."""

    def __init__(self, store: LiveStore, *, max_batch: int = 1000) -> None:
        self.store = store
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.batches = 0
        """Transactions written so far (for benchmarks and tests)."""

    async def submit(
        self,
        session_id: str,
        participant_id: str,
        answers: Mapping[str, Any],
        locks: Mapping[str, int] | None = None,
    ) -> Outcome:
        """Write once committed: ``True`` if stored, ``False`` if the session is closed, the id
        of a locked question (``locks``, :class:`~widgets.storage.live_batch.Submission`) whose
        answer it would change.

        Database errors are raised here, in the request that waits for them.
        """
        self._ensure_thread()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Outcome] = loop.create_future()
        submission = Submission(session_id, participant_id, answers, locks or {})
        self._queue.put((submission, loop, future))
        return await future

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="parcours-live-writer", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)  # stop after this batch
                    break
                batch.append(item)
            self._write(batch)

    def _write(self, batch: list[_Pending]) -> None:
        outcomes = self._commit([submission for submission, _, _ in batch])
        # One wake-up of each event loop per batch, not one per request: each
        # call_soon_threadsafe writes to the loop's self-pipe, a system call the loop then reads.
        by_loop: dict[asyncio.AbstractEventLoop, list[_Outcome]] = {}
        for (_, loop, future), outcome in zip(batch, outcomes, strict=True):
            by_loop.setdefault(loop, []).append((future, outcome))
        for loop, settled in by_loop.items():
            loop.call_soon_threadsafe(_settle, settled)

    def _commit(self, submissions: list[Any]) -> list[Outcome | BaseException]:
        """Commit the batch at once; if that fails, each submission alone.

        One bad submission (a value the database refuses, a row too long for PostgreSQL) must
        not fail the honest answers committed with it: only the ones that fail alone are
        refused (503, the phone sends them again), the others are acknowledged.
        """
        try:
            outcomes: list[Outcome | BaseException] = list(self.store.save_batch(submissions))
        except Exception as exc:
            log.error(
                "live: group commit of %d answers failed: %s", len(submissions), type(exc).__name__
            )
            if len(submissions) == 1:
                return [exc]
            return [outcome for one in submissions for outcome in self._commit([one])]
        self.batches += 1
        return outcomes


_Outcome = tuple["asyncio.Future[Outcome]", Outcome | BaseException]


def _settle(settled: list[_Outcome]) -> None:
    for future, outcome in settled:
        if future.done():  # the request was cancelled (client gone): nothing to tell
            continue
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)
