"""The results store: saves learners' results and never loses one.

A learner who has just answered forty questions must not lose them because the database is
locked by another process, sits on a read-only disk or is not a database at all. So
:meth:`ResultStore.save` never raises for database trouble. It returns a :class:`SaveOutcome`:

* ``stored=True``: the result is in the database;
* ``stored=False``: the result is kept in memory (:attr:`ResultStore.pending`), will be written
  by the next successful :meth:`~ResultStore.save` or :meth:`~ResultStore.flush_pending`, and
  ``message_fr`` says so in French. :meth:`~ResultStore.export_pending_json` lets the learner
  download it meanwhile.

A returned value rather than an exception, because the widget has nothing to recover: the
answers are safe either way, it only shows a notice. Widget code stays one ``if``::

    outcome = store.save(record)
    if not outcome.stored:
        with output:
            print(outcome.message_fr)

Reading (``history``, ``latest``, ``banks_done``…) cannot fall back on anything, so a database
that cannot be read raises :class:`~widgets.errors.DataError` with code ``store-unavailable``,
the one exception every user-facing edge already catches. Results still pending are included
in what the reads return.

The database is reached only on first use: constructing a store never fails, which lets a
notebook build it at import time even when the database is down.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.sql import Select

from widgets.config import results_url
from widgets.errors import DataError, Problem
from widgets.labels import problem_label
from widgets.storage import database
from widgets.storage.database import ClosedOnExit, results
from widgets.storage.exchange import export_json
from widgets.storage.records import ResultRecord, _normalise_id

log = logging.getLogger(__name__)

UNAVAILABLE: tuple[type[BaseException], ...] = (SQLAlchemyError, OSError, ImportError)
"""What "the database cannot be used right now" looks like: a locked or corrupt SQLite file
(``OperationalError``/``DatabaseError``), a folder we cannot create (``OSError``), a server
that does not answer, a driver that is not installed (``ImportError``)."""


def _pending_notice(problem: Problem, count: int) -> str:
    notice = problem_label("result-pending")
    prefix = "" if count <= 1 else f"{count} résultats en attente. "
    return f"{problem.message_fr()} {prefix}{notice[:1].upper()}{notice[1:]}."


@dataclass(frozen=True)
class SaveOutcome:
    """What became of one :meth:`ResultStore.save`.

    ``problem`` (code ``store-unavailable``, ``file`` = where the store is) is there for logs
    and tests; ``message_fr`` is what the learner reads.
    """

    record: ResultRecord
    stored: bool
    problem: Problem | None = None
    pending_count: int = 0

    @property
    def message_fr(self) -> str | None:
        if self.problem is None:
            return None
        return _pending_notice(self.problem, self.pending_count)


@dataclass(frozen=True)
class FlushOutcome:
    """What became of one :meth:`ResultStore.flush_pending`: how many results were written,
    how many still wait, and why."""

    stored: int
    pending: int
    problem: Problem | None = None

    @property
    def message_fr(self) -> str | None:
        if self.problem is None:
            return None
        return _pending_notice(self.problem, self.pending)


class ResultStore(ClosedOnExit):
    """Results of one database (SQLite file or PostgreSQL), plus those waiting to be written.

    ``url`` defaults to :func:`widgets.config.results_url`. ``busy_timeout`` (seconds) is how
    long SQLite waits for another writer, and bounds PostgreSQL's connection attempt, before
    the result is kept pending: long enough to ride out a concurrent save, short enough that
    the learner is not left waiting.

    Only SQLite and PostgreSQL are supported. Safe to share between threads.
    """

    def __init__(self, url: str | None = None, *, busy_timeout: float = 2.0) -> None:
        self.url = url if url is not None else results_url()
        self.busy_timeout = busy_timeout
        self.location = database.describe_url(self.url)
        self._engine: Engine | None = None
        self._pending: dict[str, ResultRecord] = {}
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"ResultStore({self.location!r}, pending={len(self._pending)})"

    # -- writing ---------------------------------------------------------------------------

    def save(self, record: ResultRecord) -> SaveOutcome:
        """Write ``record`` (after any pending results); on failure keep it pending.

        Never raises for database trouble: see the module docstring. Saving the same record
        twice stores it once.
        """
        if not isinstance(record, ResultRecord):
            raise TypeError(f"save() takes a ResultRecord, not {type(record).__name__}")
        with self._lock:
            batch = [*self._pending.values()]
            if record.id not in self._pending:
                batch.append(record)
            try:
                with self._connect().begin() as connection:
                    database.write(connection, batch)
            except UNAVAILABLE as exc:
                self._pending[record.id] = record
                problem = self._failed(exc, "save")
                return SaveOutcome(record, False, problem, len(self._pending))
            self._pending.clear()
            return SaveOutcome(record, True)

    def flush_pending(self) -> FlushOutcome:
        """Try again to write the pending results (e.g. behind a « Réessayer » button)."""
        with self._lock:
            batch = list(self._pending.values())
            if not batch:
                return FlushOutcome(stored=0, pending=0)
            try:
                with self._connect().begin() as connection:
                    database.write(connection, batch)
            except UNAVAILABLE as exc:
                problem = self._failed(exc, "flush")
                return FlushOutcome(stored=0, pending=len(batch), problem=problem)
            self._pending.clear()
            return FlushOutcome(stored=len(batch), pending=0)

    @property
    def pending(self) -> tuple[ResultRecord, ...]:
        """Results kept in memory because the database could not take them, oldest first."""
        with self._lock:
            return tuple(self._pending.values())

    def export_pending_json(self) -> str:
        """The pending results in the exchange format, for the learner to download and keep."""
        return export_json(self.pending)

    def import_records(self, records: Iterable[ResultRecord]) -> int:
        """Add results from elsewhere (a file, the offline edition); returns how many were new.

        Idempotent: a result whose id is already stored is skipped, so importing the same file
        twice changes nothing. Raises :class:`DataError` (``store-unavailable``) if the database
        cannot be written; the file being imported still holds everything.
        """
        unique: dict[str, ResultRecord] = {}
        for record in records:
            if not isinstance(record, ResultRecord):
                raise TypeError(f"import_records() takes ResultRecords, not {record!r}")
            unique.setdefault(record.id, record)
        if not unique:
            return 0
        with self._lock:
            try:
                with self._connect().begin() as connection:
                    known = database.existing_ids(connection, list(unique))
                    new = [r for r in unique.values() if r.id not in known]
                    database.write(connection, new)
            except UNAVAILABLE as exc:
                raise DataError([self._failed(exc, "import")]) from exc
            return len(new)

    def delete(self, id: str) -> bool:
        """Remove one result (stored or pending); ``False`` if there was none with that id.

        Lets a learner withdraw a result, e.g. a test run before the real one.
        """
        try:
            key = _normalise_id(id)
        except (TypeError, ValueError):
            return False
        with self._lock:
            try:
                with self._connect().begin() as connection:
                    deleted = connection.execute(results.delete().where(results.c.id == key))
            except UNAVAILABLE as exc:
                raise DataError([self._failed(exc, "delete")]) from exc
            was_pending = self._pending.pop(key, None) is not None
            return was_pending or deleted.rowcount > 0

    # -- reading ---------------------------------------------------------------------------

    def history(
        self, pseudonym: str, bank_id: str | None = None, limit: int | None = None
    ) -> list[ResultRecord]:
        """The learner's results, newest first, optionally for one bank and at most ``limit``.

        One ``SELECT`` served by the (pseudonym, bank_id, created_at) index.
        """
        pseudonym = pseudonym.strip()
        query = select(results).where(results.c.pseudonym == pseudonym)
        if bank_id is not None:
            bank_id = bank_id.strip()
            query = query.where(results.c.bank_id == bank_id)
        query = query.order_by(results.c.created_at.desc(), results.c.id.desc())
        if limit is not None:
            if limit <= 0:
                return []
            query = query.limit(limit)
        records = database.from_rows(self._read(query))
        waiting = [
            r
            for r in self.pending
            if r.pseudonym == pseudonym and (bank_id is None or r.bank_id == bank_id)
        ]
        if waiting:
            known = {r.id for r in records}
            records.extend(r for r in waiting if r.id not in known)
            records.sort(key=lambda r: (r.created_at, r.id), reverse=True)
            if limit is not None:
                del records[limit:]
        return records

    def latest(self, pseudonym: str, bank_id: str) -> ResultRecord | None:
        """The learner's most recent result for ``bank_id``, or ``None`` if never done."""
        found = self.history(pseudonym, bank_id, limit=1)
        return found[0] if found else None

    def get(self, id: str) -> ResultRecord | None:
        """The result with this id, stored or pending, or ``None``."""
        try:
            key = _normalise_id(id)
        except (TypeError, ValueError):
            return None
        with self._lock:
            if key in self._pending:
                return self._pending[key]
        found = database.from_rows(self._read(select(results).where(results.c.id == key)))
        return found[0] if found else None

    def banks_done(self, pseudonym: str) -> set[str]:
        """Ids of the banks the learner has at least one result for (course home progress)."""
        pseudonym = pseudonym.strip()
        query = select(results.c.bank_id).where(results.c.pseudonym == pseudonym).distinct()
        done = {row[0] for row in self._read(query)}
        done.update(r.bank_id for r in self.pending if r.pseudonym == pseudonym)
        return done

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        """Release the database connections. Pending results stay in memory, and the store
        can be used again (it reconnects on demand)."""
        with self._lock:
            if self._pending:
                log.info(
                    "%d résultat(s) non enregistré(s) à la fermeture de %s",
                    len(self._pending),
                    self.location,
                )
            self._dispose()

    # -- internals -------------------------------------------------------------------------

    def _connect(self) -> Engine:
        """The engine, built and the table created on first use (or after a failure)."""
        if self._engine is None:
            engine = database.build_engine(self.url, self.busy_timeout)
            try:
                database.metadata.create_all(engine)
            except BaseException:
                engine.dispose()
                raise
            self._engine = engine
        return self._engine

    def _read(self, query: Select[Any]) -> list[Any]:
        with self._lock:
            try:
                with self._connect().connect() as connection:
                    return list(connection.execute(query).all())
            except UNAVAILABLE as exc:
                raise DataError([self._failed(exc, "read")]) from exc

    def _dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def _failed(self, exc: BaseException, action: str) -> Problem:
        """Log the details, drop the engine so the next attempt starts afresh (the folder may
        have been fixed, the garbage file replaced), and describe the failure.

        Logged at INFO: in a notebook without logging configured, a WARNING would print a
        traceback under the learner's cell; the caller shows the French message instead.
        """
        log.info("Base de résultats %s indisponible (%s)", self.location, action, exc_info=exc)
        self._dispose()
        return Problem(file=self.location, code="store-unavailable", value=_reason(exc))


def _reason(exc: BaseException) -> str:
    """The driver's own one-line reason, without SQLAlchemy's SQL and parameters (which would
    show the learner's answers)."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
