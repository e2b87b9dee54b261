"""The answers' upsert of the live store: one statement per dialect, compiled once.

Apart from :mod:`widgets.storage.live` because it is a concept of its own (how a group commit
of answers reaches the database fast) and the store's module would otherwise pass 400 lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.dml import Insert

from widgets.storage.live_tables import live_answers


def upsert_answers(dialect_name: str) -> Insert:
    """``INSERT … ON CONFLICT (session, participant, item) DO UPDATE`` for SQLite and PostgreSQL.

    One statement, so two concurrent resubmissions never fail on the primary key nor leave two
    rows: the last one wins.
    """
    keys = ["session_id", "participant_id", "item_id"]
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement = pg_insert(live_answers)
    elif dialect_name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(live_answers)  # type: ignore[assignment]
    else:  # pragma: no cover - only the two databases above are supported
        raise NotImplementedError(f"unsupported database: {dialect_name}")
    return statement.on_conflict_do_update(
        index_elements=keys,
        set_={"value": statement.excluded.value, "updated_at": statement.excluded.updated_at},
    )


class CompiledUpsert:
    """:func:`upsert_answers` compiled once, its values bound as SQLAlchemy binds them.

    A group commit of a hundred answers spent more time in SQLAlchemy's per-row parameter
    processing than in SQLite itself, and that time holds the interpreter lock the request
    handlers need. Here the SQL is compiled once per dialect, the timestamp bound once per
    batch, each distinct value serialised once (a room sends the same few values over and
    over), and the driver's ``executemany`` does the rest. The bind processors are the column
    types' own, so what is stored is exactly what ``connection.execute`` would store.
    """

    KEYS = ("session_id", "participant_id", "item_id", "value", "updated_at")

    def __init__(self, dialect: Dialect) -> None:
        compiled = upsert_answers(dialect.name).compile(dialect=dialect)
        self.dialect = dialect
        self.sql = str(compiled)
        positions = compiled.positiontup
        self._order = [self.KEYS.index(name) for name in positions] if positions else None
        column = live_answers.c
        self._value = column.value.type.dialect_impl(dialect).bind_processor(dialect)
        self._time = column.updated_at.type.dialect_impl(dialect).bind_processor(dialect)

    def execute(
        self, connection: Connection, rows: Iterable[tuple[str, str, str, Any]], now: datetime
    ) -> None:
        """Upsert ``(session, participant, item, value)`` rows, all updated at ``now``."""
        when = self._time(now) if self._time else now
        bound: dict[tuple[type, Any], Any] = {}
        params: list[Any] = []
        for session_id, participant_id, item_id, value in rows:
            key = (type(value), value) if isinstance(value, int | str) else None
            stored = bound.get(key) if key is not None else None
            if stored is None:
                stored = self._value(value) if self._value else value
                if key is not None:
                    bound[key] = stored
            row = (session_id, participant_id, item_id, stored, when)
            if self._order is None:
                params.append(dict(zip(self.KEYS, row, strict=True)))
            else:
                params.append(tuple(row[i] for i in self._order))
        connection.exec_driver_sql(self.sql, params)
