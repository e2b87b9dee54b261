"""The audience's questions, their votes, and the words a facilitator hid, in the live database.

Three tables beside those of :mod:`widgets.storage.live`, in the same database (SQLite or
PostgreSQL) and created with them:

* ``live_qa_questions``: one row per question the audience asked (its author stays here: it
  only serves to refuse a vote for one's own question);
* ``live_qa_votes``: one row per (question, participant). The primary key is the rule « one
  vote per participant per question »: a second vote fails in the database itself, whichever
  server process takes it, at whatever moment (:meth:`QAStore.vote`);
* ``live_hidden_words``: words of a session's clouds the facilitator hid, by their key
  (``widgets.room.words.word_key``: « Économie » and « économie » are one).

:meth:`widgets.storage.live.LiveStore.reset` empties all three for the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    String,
    Table,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from widgets.storage.live import LiveStore
from widgets.storage.live_tables import live_sessions, metadata, session_key
from widgets.storage.records import as_utc, new_id, utc_now


@dataclass(frozen=True)
class AudienceQuestion:
    """One question of the audience as stored (its author stays in the database)."""

    id: str
    item_id: str
    text: str
    votes: int
    answered: bool
    hidden: bool
    created_at: datetime

    def public(self) -> dict[str, object]:
        """What the room sees of it: no author, no time."""
        return {"id": self.id, "text": self.text, "votes": self.votes, "answered": self.answered}


Vote = Literal["counted", "own", "twice", "unknown", "closed"]
"""What became of a vote: counted, or why not (their own question, a second vote, a question
that does not exist or is hidden, a closed session)."""

live_qa_questions = Table(
    "live_qa_questions",
    metadata,
    Column("id", String(32), primary_key=True, comment="UUID as 32 hex digits"),
    session_key(primary_key=False, index=True),
    Column("item_id", String, nullable=False),
    Column("author", String(64), nullable=False, comment="participant id, never shown"),
    Column("text", String(400), nullable=False),
    Column("answered", Boolean, nullable=False),
    Column("hidden", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
)

live_qa_votes = Table(
    "live_qa_votes",
    metadata,
    Column(
        "question_id",
        String(32),
        ForeignKey("live_qa_questions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("participant_id", String(64), primary_key=True),
    Column("session_id", String(32), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
)

live_hidden_words = Table(
    "live_hidden_words",
    metadata,
    session_key(),
    Column("word", String(120), primary_key=True, comment="word_key of the hidden word"),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
)


class QAStore:
    """The audience's questions and hidden words of a :class:`LiveStore`'s database."""

    def __init__(self, store: LiveStore) -> None:
        self.store = store
        self._ready = False

    @property
    def engine(self) -> Engine:
        engine = self.store.engine
        if not self._ready:  # tables added after the store's first use (an older database)
            metadata.create_all(engine)
            self._ready = True
        return engine

    # -- questions --------------------------------------------------------------------------

    def ask(self, session_id: str, item_id: str, author: str, text: str) -> AudienceQuestion | None:
        """Store a question (``None`` when the session is closed); ``text`` is already checked."""
        asked = AudienceQuestion(new_id(), item_id, text, 0, False, False, utc_now())
        with self.engine.begin() as connection:
            state = connection.scalar(
                select(live_sessions.c.state).where(live_sessions.c.id == session_id)
            )
            if state != "open":
                return None
            connection.execute(
                live_qa_questions.insert().values(
                    id=asked.id,
                    session_id=session_id,
                    item_id=item_id,
                    author=author,
                    text=text,
                    answered=False,
                    hidden=False,
                    created_at=asked.created_at,
                )
            )
        return asked

    def questions(self, session_id: str) -> list[AudienceQuestion]:
        """Every question of a session (hidden ones included), with its count of votes."""
        votes = (
            select(live_qa_votes.c.question_id, func.count().label("votes"))
            .where(live_qa_votes.c.session_id == session_id)
            .group_by(live_qa_votes.c.question_id)
            .subquery()
        )
        q = live_qa_questions.c
        query = (
            select(q.id, q.item_id, q.text, q.answered, q.hidden, q.created_at, votes.c.votes)
            .outerjoin(votes, votes.c.question_id == q.id)
            .where(q.session_id == session_id)
        )
        with self.engine.connect() as connection:
            return [
                AudienceQuestion(
                    row.id,
                    row.item_id,
                    row.text,
                    int(row.votes or 0),
                    bool(row.answered),
                    bool(row.hidden),
                    as_utc(row.created_at),
                )
                for row in connection.execute(query)
            ]

    def vote(self, session_id: str, question_id: str, participant: str) -> Vote:
        """Count one vote of ``participant``; the table's primary key refuses a second one."""
        q = live_qa_questions.c
        try:
            with self.engine.begin() as connection:
                state = connection.scalar(
                    select(live_sessions.c.state).where(live_sessions.c.id == session_id)
                )
                if state != "open":
                    return "closed"
                row = connection.execute(
                    select(q.author, q.hidden).where(
                        q.id == question_id, q.session_id == session_id
                    )
                ).first()
                if row is None or row.hidden:
                    return "unknown"
                if row.author == participant:
                    return "own"
                connection.execute(
                    live_qa_votes.insert().values(
                        question_id=question_id,
                        participant_id=participant,
                        session_id=session_id,
                        created_at=utc_now(),
                    )
                )
        except IntegrityError:
            return "twice"
        return "counted"

    def mark(
        self,
        session_id: str,
        question_id: str,
        *,
        answered: bool | None = None,
        hidden: bool | None = None,
    ) -> AudienceQuestion | None:
        """Mark a question answered or hidden (or not); ``None`` if the session has no such one."""
        values = {
            name: value
            for name, value in (("answered", answered), ("hidden", hidden))
            if value is not None
        }
        q = live_qa_questions.c
        with self.engine.begin() as connection:
            found = connection.execute(
                update(live_qa_questions)
                .where(q.id == question_id, q.session_id == session_id)
                .values(**values)
            ).rowcount
        if not found:
            return None
        return next(a for a in self.questions(session_id) if a.id == question_id)

    # -- hidden words -------------------------------------------------------------------------

    def hide_word(self, session_id: str, key: str) -> None:
        """Hide a word from the session's clouds, by its key (``widgets.room.words.word_key``)."""
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    live_hidden_words.insert().values(
                        session_id=session_id, word=key[:120], created_at=utc_now()
                    )
                )
        except IntegrityError:  # hidden already (or by another process at the same moment)
            pass

    def show_word(self, session_id: str, key: str) -> None:
        """Show a hidden word again, by its key."""
        with self.engine.begin() as connection:
            connection.execute(
                delete(live_hidden_words).where(
                    live_hidden_words.c.session_id == session_id,
                    live_hidden_words.c.word == key[:120],
                )
            )

    def hidden_words(self, session_id: str) -> list[str]:
        """The session's hidden words (their keys), in alphabetical order."""
        query = (
            select(live_hidden_words.c.word)
            .where(live_hidden_words.c.session_id == session_id)
            .order_by(live_hidden_words.c.word)
        )
        with self.engine.connect() as connection:
            return list(connection.scalars(query))
