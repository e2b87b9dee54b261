"""What a group commit of answers checks in the transaction that writes them.

Apart from :mod:`widgets.storage.live` because it is a concept of its own: an answer must not
slip in after a change that refuses it. A session closed, or a quiz question revealed (its
answers lock), commits wholly before or wholly after a batch of answers, never in between:
the batch reads the session's row under a share lock (PostgreSQL) or after taking the
database's write lock (SQLite), and refuses there what the change forbids.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.engine import Connection

from widgets.storage.live_tables import live_answers


class Submission(NamedTuple):
    """A participant's answers as queued for a group commit.

    ``locks`` names the questions among ``answers`` whose answer locks once their results are
    revealed (a quiz question: item id → its index in the bank); the store checks them in the
    transaction that writes, so a reveal and an answer never cross (:meth:`LiveStore.save_batch`).
    """

    session_id: str
    participant_id: str
    answers: Mapping[str, Any]
    locks: Mapping[str, int] = {}


Outcome = bool | str
"""What became of a submission: stored (``True``), refused because its session is closed
(``False``), or refused because it changes a locked answer (that question's id)."""


def write_first(connection: Connection) -> None:
    """SQLite: take the write lock now (``BEGIN IMMEDIATE``), so that what the transaction reads
    before it writes cannot change under it. Python's sqlite3 begins a transaction only at the
    first write, leaving the reads before it outside; PostgreSQL locks rows instead."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def locked_change(
    connection: Connection,
    submission: Submission,
    shown: Mapping[str, tuple[int, ...]],
    pending: Mapping[tuple[str, str, str], Any],
) -> str | None:
    """The first locked question whose answer ``submission`` gives or changes, if any.

    Locked: among its :attr:`Submission.locks`, those whose index was revealed. What it had
    answered is read in the same transaction (or taken from the batch written with it).
    """
    revealed = shown.get(submission.session_id, ())
    locked = sorted(
        item
        for item, index in submission.locks.items()
        if index in revealed and item in submission.answers
    )
    if not locked:
        return None
    keys = (submission.session_id, submission.participant_id)
    query = select(live_answers.c.item_id, live_answers.c.value).where(
        live_answers.c.session_id == keys[0],
        live_answers.c.participant_id == keys[1],
        live_answers.c.item_id.in_(locked),
    )
    given = {item: value for item, value in connection.execute(query)}
    for item in locked:
        before = pending.get((*keys, item), given.get(item))
        if before != submission.answers[item]:
            return item
    return None
