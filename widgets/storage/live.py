"""Live-audience sessions and answers, in SQLite (WAL) or PostgreSQL through SQLAlchemy Core.

The database is the only shared state: the server processes that take participants' answers
and the facilitator's kernel that counts them never talk to each other, they read and write the
same two tables. That is what lets several server processes share one PostgreSQL, and what lets
a killed server restart without losing an acknowledged answer (an answer is acknowledged only
after its commit).

* ``live_sessions``: one row per session (join code, bank, open/closed, revealed or not, the
  question shown now and those whose results were revealed; :mod:`.live_tables`).
* ``live_answers``: one row per (session, participant, question). The primary key makes a
  resubmission replace the earlier answer (an upsert), so a participant who changes their mind
  or whose page retries never counts twice.

Nothing identifies a person: the participant id is a random string made by their browser, and
no IP address, name or user agent is stored.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from widgets.config import live_url
from widgets.storage.database import ClosedOnExit, build_engine
from widgets.storage.live_batch import Outcome, Submission, locked_change, write_first
from widgets.storage.live_tables import (
    indices,
    live_answers,
    live_sessions,
    metadata,
    stored_indices,
    upgrade,
)
from widgets.storage.live_upsert import CompiledUpsert
from widgets.storage.records import as_utc, new_id, utc_now

State = Literal["open", "closed"]

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Join-code letters: no 0/O, 1/I/L, so a code read aloud or off a projected slide is typed
right the first time on a phone."""

CODE_LENGTH = 5
"""31⁵ ≈ 29 million codes: collisions are rare and retried; guessing one is pointless since a
session holds nothing readable before the facilitator reveals it."""


Answers = dict[str, dict[str, Any]]
"""Participant id → {item id → value}: everything a session holds, as aggregation wants it."""


@dataclass(frozen=True)
class LiveSession:
    """One session as stored; ``code`` is what participants type or scan."""

    id: str
    code: str
    bank_id: str
    bank_version: str
    state: State
    revealed: bool
    created_at: datetime
    current: int = 0
    """Index of the question the facilitator shows now (pacing), 0 for the first."""
    shown: tuple[int, ...] = ()
    """Indices of the questions whose results were revealed at least once (they stay locked)."""
    visible: tuple[int, ...] = ()
    """Indices of the questions whose results are revealed now: a question the facilitator
    hid again stays hidden when the room comes back to it (it stays in :attr:`shown`)."""

    @property
    def open(self) -> bool:
        return self.state == "open"

    def row(self) -> dict[str, Any]:
        """The session as a row of ``live_sessions``."""
        values = {
            k: v for k, v in self.__dict__.items() if k not in ("current", "shown", "visible")
        }
        values["current_index"] = self.current
        values["revealed_items"] = stored_indices(self.shown)
        values["visible_items"] = stored_indices(self.visible)
        return values


@dataclass(frozen=True)
class Counts:
    """What the facilitator watches arrive: participants, answers, and the latest change."""

    participants: int
    answers: int
    last_update: datetime | None


def new_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(code: str) -> str:
    """Codes are case-insensitive and may be typed with spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


class LiveStore(ClosedOnExit):
    """Sessions and answers of the live audience; thread-safe (one pooled engine).

    Construction does not touch the database; the tables are created on first use, so a
    dashboard or a server can be built while the database is still starting.
    """

    def __init__(self, url: str | None = None, *, busy_timeout: float = 5.0) -> None:
        self.url = url or live_url()
        self._busy_timeout = busy_timeout
        self._engine: Engine | None = None
        self._opening = threading.Lock()
        self._compiled: CompiledUpsert | None = None

    @property
    def engine(self) -> Engine:
        """The engine, built and the database upgraded on first use, once: the live server's
        worker threads all ask at once when the first phones arrive, and two upgrades side by
        side failed with « table live_sessions already exists » (503 for those phones)."""
        if self._engine is None:
            with self._opening:
                if self._engine is None:
                    engine = build_engine(self.url, self._busy_timeout)
                    upgrade(engine)  # creates the tables, or adds what an older version lacked
                    self._engine = engine
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            self._compiled = None

    # -- sessions ---------------------------------------------------------------------------

    def create_session(self, bank_id: str, bank_version: str, *, attempts: int = 20) -> LiveSession:
        """A new open session with a fresh join code (a code already taken is drawn again)."""
        for _ in range(attempts):
            session = LiveSession(
                id=new_id(),
                code=new_code(),
                bank_id=bank_id,
                bank_version=bank_version,
                state="open",
                revealed=False,
                created_at=utc_now(),
            )
            try:
                with self.engine.begin() as connection:
                    connection.execute(live_sessions.insert().values(**session.row()))
            except IntegrityError:
                continue
            return session
        raise RuntimeError("no free join code found")  # pragma: no cover - 29 million codes

    def session(self, session_id: str) -> LiveSession | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(live_sessions).where(live_sessions.c.id == session_id)
            ).first()
        return _session(row) if row is not None else None

    def session_by_code(self, code: str) -> LiveSession | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(live_sessions).where(live_sessions.c.code == normalise_code(code))
            ).first()
        return _session(row) if row is not None else None

    def sessions(self, limit: int = 50) -> list[LiveSession]:
        """The latest sessions, newest first."""
        query = select(live_sessions).order_by(live_sessions.c.created_at.desc()).limit(limit)
        with self.engine.connect() as connection:
            return [_session(row) for row in connection.execute(query)]

    def set_state(self, session_id: str, state: State) -> None:
        if state not in ("open", "closed"):
            raise ValueError(f"state must be open or closed, not {state!r}")
        self._update(session_id, state=state)

    def set_revealed(self, session_id: str, revealed: bool) -> None:
        """Show or hide the results of the current question (revealing also records it).

        The record of revealed questions is never shortened by hiding: a quiz question whose
        right answer was shown stays locked (:attr:`LiveSession.shown`). What is revealed now
        (:attr:`LiveSession.visible`) is: hidden, a question stays hidden when the room leaves
        it and comes back.
        """
        with self.engine.begin() as connection:
            write_first(connection)
            row = self._locked_row(connection, session_id)
            current, visible = row.current_index, set(indices(row.visible_items))
            values: dict[str, Any] = {
                "revealed": bool(revealed),
                "visible_items": stored_indices(
                    visible | {current} if revealed else visible - {current}
                ),
            }
            if revealed:
                values["revealed_items"] = stored_indices({*indices(row.revealed_items), current})
            connection.execute(
                update(live_sessions).where(live_sessions.c.id == session_id).values(**values)
            )

    def move(self, session_id: str, index: int) -> None:
        """Show question ``index`` (the caller keeps it inside the bank); its results are shown
        again only if they were revealed when the room left it."""
        if index < 0:
            raise ValueError(f"question index must be ≥ 0, not {index}")
        with self.engine.begin() as connection:
            write_first(connection)
            row = self._locked_row(connection, session_id)
            connection.execute(
                update(live_sessions)
                .where(live_sessions.c.id == session_id)
                .values(current_index=index, revealed=index in indices(row.visible_items))
            )

    @staticmethod
    def _locked_row(connection: Connection, session_id: str) -> Any:
        """The session's row, locked until the transaction ends (PostgreSQL; SQLite writes
        one at a time anyway)."""
        query = select(live_sessions).where(live_sessions.c.id == session_id).with_for_update()
        row = connection.execute(query).first()
        if row is None:
            raise KeyError(session_id)
        return row

    def reset(self, session_id: str) -> None:
        """Delete every answer, hide the results, back to the first question: the same code
        starts again, empty.

        Every table of the session's rows goes (answers, and the audience's questions, votes
        and hidden words of :mod:`widgets.storage.live_qa`), dependent tables first.
        """
        with self.engine.begin() as connection:
            metadata.create_all(connection)  # tables of a module imported after the store opened
            for table in reversed(metadata.sorted_tables):
                if table is not live_sessions and "session_id" in table.c:
                    connection.execute(delete(table).where(table.c.session_id == session_id))
            connection.execute(
                update(live_sessions)
                .where(live_sessions.c.id == session_id)
                .values(revealed=False, current_index=0, revealed_items="", visible_items="")
            )

    def _update(self, session_id: str, **values: Any) -> None:
        with self.engine.begin() as connection:
            found = connection.execute(
                update(live_sessions).where(live_sessions.c.id == session_id).values(**values)
            ).rowcount
        if not found:
            raise KeyError(session_id)

    # -- answers ----------------------------------------------------------------------------

    def save_answers(
        self, session_id: str, participant_id: str, answers: Mapping[str, Any]
    ) -> datetime:
        """Store (or replace) a participant's answers in one transaction; returns their time.

        Callers validate ``answers`` against the bank first: the store keeps what it is given.
        """
        now = utc_now()
        rows = [(session_id, participant_id, item, value) for item, value in answers.items()]
        if rows:
            with self.engine.begin() as connection:
                self._upsert(connection).execute(connection, rows, now)
        return now

    def save_batch(
        self, batch: Sequence[Submission | tuple[str, str, Mapping[str, Any]]]
    ) -> list[Outcome]:
        """Store many submissions in one transaction (a group commit); what became of each.

        A submission to a session that is closed is refused (``False``); one that gives or
        changes the answer of a locked question (:attr:`Submission.locks` whose results were
        revealed) is refused with that question's id, a resubmission of the same value is not.
        Both are checked inside the transaction that writes, the session's row read with a
        share lock (PostgreSQL) or the database's write lock taken first (SQLite, ``BEGIN
        IMMEDIATE``): a close or a reveal commits wholly before or wholly after the batch,
        never in between. Several submissions of one participant in one batch keep the last
        value per question, in batch order: PostgreSQL refuses one ``INSERT … ON CONFLICT``
        touching a row twice.
        """
        if not batch:
            return []
        submissions = [Submission(*entry) for entry in batch]
        now = utc_now()
        outcomes: list[Outcome] = []
        with self.engine.begin() as connection:
            write_first(connection)
            ids = {s.session_id for s in submissions}
            query = (
                select(live_sessions.c.id, live_sessions.c.revealed_items)
                .where(live_sessions.c.id.in_(ids), live_sessions.c.state == "open")
                .with_for_update(read=True)
            )
            shown = {row.id: indices(row.revealed_items) for row in connection.execute(query)}
            rows: dict[tuple[str, str, str], Any] = {}
            for submission in submissions:
                if submission.session_id not in shown:
                    outcomes.append(False)
                    continue
                locked = locked_change(connection, submission, shown, rows)
                outcomes.append(locked if locked is not None else True)
                if locked is None:
                    for item_id, value in submission.answers.items():
                        rows[(submission.session_id, submission.participant_id, item_id)] = value
            if rows:
                flat = [(*key, value) for key, value in rows.items()]
                self._upsert(connection).execute(connection, flat, now)
        return outcomes

    def _upsert(self, connection: Connection) -> CompiledUpsert:
        if self._compiled is None or self._compiled.dialect is not connection.dialect:
            self._compiled = CompiledUpsert(connection.dialect)
        return self._compiled

    def answers(self, session_id: str) -> Answers:
        """Every answer of a session, grouped by participant (for aggregation and export)."""
        query = select(
            live_answers.c.participant_id, live_answers.c.item_id, live_answers.c.value
        ).where(live_answers.c.session_id == session_id)
        grouped: Answers = {}
        with self.engine.connect() as connection:
            for participant, item, value in connection.execute(query):
                grouped.setdefault(participant, {})[item] = value
        return grouped

    def participant_answers(self, session_id: str, participant_id: str) -> dict[str, Any]:
        query = select(live_answers.c.item_id, live_answers.c.value).where(
            live_answers.c.session_id == session_id,
            live_answers.c.participant_id == participant_id,
        )
        with self.engine.connect() as connection:
            return {item: value for item, value in connection.execute(query)}

    def counts(self, session_id: str) -> Counts:
        """Counts in one cheap query, so a dashboard can poll it twice a second."""
        query = select(
            func.count(func.distinct(live_answers.c.participant_id)),
            func.count(),
            func.max(live_answers.c.updated_at),
        ).where(live_answers.c.session_id == session_id)
        with self.engine.connect() as connection:
            participants, answers, last = connection.execute(query).one()
        return Counts(int(participants), int(answers), as_utc(last) if last else None)


def _session(row: Any) -> LiveSession:
    return LiveSession(
        id=row.id,
        code=row.code,
        bank_id=row.bank_id,
        bank_version=row.bank_version,
        state=row.state,
        revealed=bool(row.revealed),
        created_at=as_utc(row.created_at),
        current=int(row.current_index),
        shown=indices(row.revealed_items),
        visible=indices(row.visible_items),
    )
