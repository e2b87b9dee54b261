"""The ``results`` table and the engine that reaches it, for SQLite and PostgreSQL alike.

Only portable SQLAlchemy Core types are used (``JSON``, ``DateTime(timezone=True)``, unbounded
``String``), so one table definition serves a learner's SQLite file and a shared PostgreSQL
server. What differs between the two (SQLite's pragmas, the driver to install, the
``ON CONFLICT`` clause) is confined to this module.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Index,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    select,
)
from sqlalchemy.engine import URL, Connection, Engine, Row, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.sql.dml import Insert

from widgets.french import NBSP
from widgets.storage.records import ResultRecord, as_utc

metadata = MetaData()

results = Table(
    "results",
    metadata,
    Column("id", String(32), primary_key=True, comment="UUID as 32 hex digits"),
    Column("pseudonym", String, nullable=False),
    Column("bank_id", String, nullable=False),
    Column("bank_version", String, nullable=False),
    Column("kind", String(16), nullable=False, comment="diagnostic, quiz, poll or activity"),
    Column("created_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Column("answers", JSON, nullable=False),
    Column("scores", JSON, nullable=False),
    Column("meta", JSON, nullable=False),
    # Every read filters on the pseudonym, then on the bank, newest first.
    Index("ix_results_pseudonym_bank_created", "pseudonym", "bank_id", "created_at"),
)
"""One row per :class:`~widgets.storage.records.ResultRecord`."""

DRIVER_HINTS: dict[str, str] = {
    "psycopg": "pip install 'psycopg[binary]'  (ou\u00a0: uv add 'psycopg[binary]')",
    "psycopg2": "pip install psycopg2-binary",
}

_ID_CHUNK = 500
"""Ids per ``IN (…)`` clause, well under SQLite's limit on bound parameters."""


class ClosedOnExit:
    """``with store:`` releases the store's connections when the block ends."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def describe_url(url: str) -> str:
    """Where the results live, for messages: the file path for SQLite, else the URL without
    its password, so a message shown on screen never leaks a credential."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "PARCOURS_DATABASE_URL"
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def build_engine(url: str, busy_timeout: float) -> Engine:
    """An engine for ``url``, creating the folder of a SQLite file first.

    SQLite gets WAL (readers never wait for the writer, so a dashboard reading results does not
    block a learner saving one), ``synchronous`` from :func:`widgets.config.durability`
    (``NORMAL`` by default: no fsync per commit, a save stays within a few milliseconds, and a
    commit survives a crash of the process but not a power loss; ``FULL`` survives a power
    loss) and a busy timeout (a concurrent writer makes us wait briefly instead of failing).
    A SQLite file that exists but cannot be written (read-only file, folder or disk) is opened
    read-only, ``-wal`` included (:func:`_read_only_engine`), so that earlier sessions can
    still be read and exported; writes then fail with « attempt to write a readonly
    database ».
    A missing driver raises :class:`ImportError` naming the package to install.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        from widgets.config import durability

        if read_only_file(parsed):
            return _read_only_engine(parsed)
        _make_parent_folder(parsed)
        engine = create_engine(parsed, connect_args={"timeout": busy_timeout})
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout, durability()))
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        # An unreachable server must not freeze the notebook: fail fast, keep the result pending.
        connect_args["connect_timeout"] = max(1, round(busy_timeout * 2))
    try:
        return create_engine(parsed, connect_args=connect_args, pool_pre_ping=True)
    except ImportError as exc:
        driver = parsed.get_driver_name()
        hint = DRIVER_HINTS.get(driver, f"installez le pilote «\u00a0{driver}\u00a0»")
        raise ImportError(
            f"La base de résultats {describe_url(url)} demande le pilote {driver}\u00a0: {hint}"
        ) from exc


def _make_parent_folder(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    Path(database).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(busy_timeout: float, durability: str = "normal") -> Any:
    milliseconds = int(busy_timeout * 1000)
    synchronous = "FULL" if durability == "full" else "NORMAL"

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
        finally:
            cursor.close()

    return on_connect


def read_only_file(url: URL) -> bool:
    """Whether the SQLite file of ``url`` exists but neither it nor its folder can be written.

    Tried rather than asked (``os.access`` says yes to root on a read-only mount or an
    immutable file): open the file for writing, and create an unnamed file in its folder
    (where SQLite keeps its ``-wal`` and ``-shm`` files).
    """
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return False
    path = Path(database)
    if not path.is_file():
        return False
    try:
        os.close(os.open(path, os.O_RDWR))
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError:
        return True
    return False


def _read_only_engine(url: URL) -> Engine:
    """A read-only engine on a SQLite file that cannot be written, reading what it holds.

    Committed changes may still sit in the ``-wal`` file beside it (the writer stopped without
    a clean close, or the files were copied while in use): how the file is opened depends on
    what is there, so that none of them is missed.

    * No ``-wal``, or an empty one: ``immutable=1``. SQLite then needs neither a lock nor the
      ``-shm`` file it cannot create in a read-only folder (``mode=ro`` alone cannot open a
      WAL database there).
    * A ``-wal`` and its ``-shm``: ``mode=ro``, which reads the ``-wal`` (SQLite builds its
      index in memory when it cannot write ``-shm``). ``immutable=1`` would ignore the ``-wal``.
    * A ``-wal`` without ``-shm``: SQLite must create ``-shm`` to read the ``-wal``, which the
      folder forbids; the file and its ``-wal`` are copied into a private temporary folder,
      read there, and the copy removed with the engine. If the copy fails, an
      :class:`OSError` says why in French.
    """
    path = Path(str(url.database)).absolute()
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    if not _has_content(wal):
        return _uri_engine(path, "immutable=1")
    if shm.is_file():
        return _uri_engine(path, "mode=ro")
    folder = _private_copy(path, wal)
    engine = _uri_engine(folder / path.name, "mode=ro")
    weakref.finalize(engine, shutil.rmtree, folder, True)
    return engine


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _uri_engine(path: Path, options: str) -> Engine:
    address = f"file:{quote(str(path))}?{options}"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(address, uri=True, check_same_thread=False)

    return create_engine("sqlite://", creator=connect)


def _private_copy(path: Path, wal: Path) -> Path:
    """A temporary folder holding copies of ``path`` and its ``-wal``."""
    temporary = Path(tempfile.gettempdir())
    folder: Path | None = None
    try:
        folder = Path(tempfile.mkdtemp(prefix="parcours-lecture-seule-", dir=temporary))
        shutil.copyfile(path, folder / path.name)
        shutil.copyfile(wal, folder / wal.name)
    except OSError as exc:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        raise OSError(
            exc.errno,
            f"la base {path} est en lecture seule et des enregistrements attendent encore dans "
            f"son journal {wal.name}{NBSP}; pour les lire sans rien écrire à côté d'elle, elle "
            f"est copiée dans {temporary}, ce qui a échoué ({exc.strerror}){NBSP}: libérez de "
            f"la place dans {temporary} ou rendez le dossier {path.parent} inscriptible",
        ) from exc
    return folder


def insert_ignoring_duplicates(dialect_name: str) -> Insert:
    """``INSERT`` that skips rows whose id is already stored.

    Saving twice, retrying after a timeout whose commit did succeed, or importing a file twice
    must never duplicate a result nor fail; ``ON CONFLICT DO NOTHING`` does that in one
    statement on both supported databases.
    """
    if dialect_name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(results).on_conflict_do_nothing(index_elements=["id"])
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(results).on_conflict_do_nothing(index_elements=["id"])
    return results.insert()


def write(connection: Connection, records: Sequence[ResultRecord]) -> None:
    """Insert ``records`` in one statement, skipping ids already stored."""
    if records:
        statement = insert_ignoring_duplicates(connection.dialect.name)
        connection.execute(statement, [to_row(record) for record in records])


def existing_ids(connection: Connection, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` are already stored."""
    found: set[str] = set()
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = ids[start : start + _ID_CHUNK]
        found.update(connection.scalars(select(results.c.id).where(results.c.id.in_(chunk))))
    return found


def to_row(record: ResultRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "pseudonym": record.pseudonym,
        "bank_id": record.bank_id,
        "bank_version": record.bank_version,
        "kind": record.kind,
        "created_at": record.created_at,
        "answers": record.answers,
        "scores": record.scores,
        "meta": record.meta,
    }


def from_rows(rows: Iterable[Row[Any] | tuple[Any, ...]]) -> list[ResultRecord]:
    """Records from rows of ``select(results)``, without re-validating what we wrote.

    SQLite hands back naive datetimes and PostgreSQL datetimes in the session's zone; both
    become aware UTC here.
    """
    trusted = ResultRecord._trusted
    return [
        trusted(
            id=id_,
            pseudonym=pseudonym,
            bank_id=bank_id,
            bank_version=bank_version,
            kind=kind,
            created_at=as_utc(created_at),
            answers=answers,
            scores=scores,
            meta=meta,
        )
        for id_, pseudonym, bank_id, bank_version, kind, created_at, answers, scores, meta in map(
            tuple, rows
        )
    ]
