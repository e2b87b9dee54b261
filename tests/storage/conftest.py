"""Fixtures for the results store: real SQLite files in ``tmp_path``, a real PostgreSQL server.

``postgres_url`` starts a throwaway PostgreSQL with Debian's own binaries
(``/usr/lib/postgresql/<version>/bin``, package ``postgresql``), once per test session, and gives
each test a fresh database. It needs:

* the ``psycopg`` (v3) driver: ``uv add --optional test 'psycopg[binary]'``;
* ``initdb`` and ``pg_ctl`` under ``/usr/lib/postgresql/*/bin`` (``apt install postgresql``);
* when the tests run as root (PostgreSQL refuses to), ``runuser`` and the ``postgres`` user that
  the Debian package creates.

Missing pieces skip the PostgreSQL tests with the reason; a server that is present but fails to
start fails them, with the end of its log, since then we would claim support we have not checked.
The server listens on 127.0.0.1 only, on a free port, with its socket and data in a temporary
folder that is removed afterwards. Its time zone is Europe/Paris so that the tests see the store
turn the session's zone back into UTC.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.postgres import PostgresServer, PostgresUnavailable, start_postgres
from tests.read_only import immutable
from widgets.storage import ResultRecord, ResultStore
from widgets.storage.live import LiveSession, LiveStore

T0 = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
"""A fixed instant, so that order-dependent assertions do not depend on the clock."""


@pytest.fixture
def make_record() -> Callable[..., ResultRecord]:
    """Factory of valid records; keyword arguments override the defaults. ``minutes`` shifts
    ``created_at`` from :data:`T0`, which keeps "newest first" easy to reason about."""

    def make(minutes: int = 0, **fields: Any) -> ResultRecord:
        values: dict[str, Any] = {
            "pseudonym": "moi",
            "bank_id": "autodiagnostic",
            "bank_version": "1",
            "kind": "diagnostic",
            "created_at": T0 + timedelta(minutes=minutes),
            "answers": {"q01": 4, "q02": 2, "q03": "b"},
            "scores": {"cooperation": 3.5, "ancrage": None},
            "meta": {"stage": {"cooperation": "émergence"}, "completion": 0.9},
        }
        values.update(fields)
        return ResultRecord(**values)

    return make


@dataclass(frozen=True)
class FrozenLiveDatabase:
    """A live database holding one earlier session with an answer, made read-only."""

    folder: Path
    url: str
    session: LiveSession


@pytest.fixture(scope="module")
def frozen_live_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FrozenLiveDatabase]:
    """One session with one answer (``profil``: ``association``) in a live database, then the
    file and its folder made immutable (``tests/read_only.py``); shared by the store's and the
    server's read-only tests."""
    folder = tmp_path_factory.mktemp("lecture-seule") / "base"
    folder.mkdir()
    url = f"sqlite:///{folder / 'live.sqlite3'}"
    store = LiveStore(url)
    session = store.create_session("sondage_ouverture", "1.0")
    store.save_answers(session.id, "p1", {"profil": "association"})
    store.close()
    with immutable(folder / "live.sqlite3", folder):
        yield FrozenLiveDatabase(folder, url, session)


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    """Where the SQLite file goes: in a folder that does not exist yet, as on first use."""
    return tmp_path / "profil" / "resultats.sqlite3"


@pytest.fixture
def sqlite_url(sqlite_path: Path) -> str:
    return f"sqlite:///{sqlite_path}"


@pytest.fixture
def store(sqlite_url: str) -> Iterator[ResultStore]:
    """A store on a fresh SQLite file, closed at the end."""
    with ResultStore(sqlite_url, busy_timeout=0.2) as opened:
        yield opened


# -- PostgreSQL -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway server for the session (``tests/postgres.py``), fsync off (``-F``)."""
    try:
        pg = start_postgres(
            options="-F -c timezone=Europe/Paris", max_connections=50, database=None
        )
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield pg.server
    finally:
        pg.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """SQLAlchemy URL of a new, empty database on the throwaway server, dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = postgres_server.url("postgres").replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.url(name)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
