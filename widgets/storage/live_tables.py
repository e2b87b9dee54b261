"""The two tables of the live audience, and the upgrade of a database made by an older version.

A webinar's database outlives a version of parcours: a facilitator upgrades between two
sessions and takes up an old one from « Ou reprendre ». ``metadata.create_all`` creates missing
tables but never adds a column to an existing one, so :func:`upgrade` adds the columns that
later versions brought, each with a default that means what the older version did.

=================  =======  =====================================================================
Column             Since    Meaning
=================  =======  =====================================================================
``current_index``  pacing   the question the facilitator shows (0 for the first; an old session
                            starts at its first question)
``revealed_items`` pacing   indices of the questions whose results were revealed, comma-separated
                            (``""`` for none): a quiz answer stays locked once its right answer
                            was shown, even if the results are hidden again
``visible_items``  hiding   indices of the questions whose results are revealed now: hidden
                            again, a question stays hidden when the room comes back to it (an
                            older session gets ``revealed_items``, what it showed before)
=================  =======  =====================================================================

Two processes starting on one PostgreSQL may both try to add a column: the second one's
``ALTER TABLE`` fails, and the column is then there, which is all that was wanted.
"""

from __future__ import annotations

import logging

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    inspect,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

log = logging.getLogger(__name__)

metadata = MetaData()

live_sessions = Table(
    "live_sessions",
    metadata,
    Column("id", String(32), primary_key=True, comment="UUID as 32 hex digits"),
    Column("code", String(16), nullable=False, unique=True, comment="join code, upper case"),
    Column("bank_id", String, nullable=False),
    Column("bank_version", String, nullable=False),
    Column("state", String(8), nullable=False, comment="open or closed"),
    Column("revealed", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("current_index", Integer, nullable=False, server_default="0", comment="shown now"),
    Column(
        "revealed_items", String, nullable=False, server_default="", comment="e.g. 0,2 (indices)"
    ),
    Column("visible_items", String, nullable=False, server_default="", comment="revealed now"),
)


def session_key(*, primary_key: bool = True, index: bool | None = None) -> Column[str]:
    """A row's session: the first column of every table of a session's rows (the answers, the
    audience's questions, votes and hidden words); its rows go with the session."""
    return Column(
        "session_id",
        String(32),
        ForeignKey("live_sessions.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
        index=index,
    )


live_answers = Table(
    "live_answers",
    metadata,
    session_key(),
    Column("participant_id", String(64), primary_key=True, comment="random, from the browser"),
    Column("item_id", String, primary_key=True),
    Column("value", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, comment="UTC"),
)

ADDED_COLUMNS = {
    "current_index": "INTEGER NOT NULL DEFAULT 0",
    "revealed_items": "VARCHAR NOT NULL DEFAULT ''",
    "visible_items": "VARCHAR NOT NULL DEFAULT ''",
}
FILLED_FROM = {"visible_items": "revealed_items"}
"""An added column that starts as a copy of another, so an older session shows what it did."""
"""Columns of ``live_sessions`` added after its first version, with their SQL (both engines)."""


def upgrade(engine: Engine) -> list[str]:
    """Create the tables, then add the columns an older database lacks; the columns added."""
    try:
        metadata.create_all(engine)
    except (OperationalError, ProgrammingError):  # created meanwhile by another process
        metadata.create_all(engine)  # what is still missing, if anything
    present = {column["name"] for column in inspect(engine).get_columns("live_sessions")}
    added = []
    for name, definition in ADDED_COLUMNS.items():
        if name in present:
            continue
        try:
            with engine.begin() as connection:
                statement = f"ALTER TABLE live_sessions ADD COLUMN {name} {definition}"
                connection.execute(text(statement))
                if name in FILLED_FROM:
                    connection.execute(
                        text(f"UPDATE live_sessions SET {name} = {FILLED_FROM[name]}")
                    )
        except (OperationalError, ProgrammingError) as error:  # added meanwhile by another process
            if name not in {c["name"] for c in inspect(engine).get_columns("live_sessions")}:
                raise
            log.info("live: column %s added by another process (%s)", name, type(error).__name__)
            continue
        added.append(name)
        log.info("live: database upgraded, column live_sessions.%s added", name)
    return added


def indices(stored: str | None) -> tuple[int, ...]:
    """``"0,2"`` → ``(0, 2)``; anything unreadable in it is skipped."""
    return tuple(sorted({int(part) for part in (stored or "").split(",") if part.isdigit()}))


def stored_indices(values: tuple[int, ...] | set[int]) -> str:
    return ",".join(str(value) for value in sorted(set(values)))
