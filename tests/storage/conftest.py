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

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from widgets.storage import ResultRecord, ResultStore

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

POSTGRES_ROOT = Path("/usr/lib/postgresql")


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway server; ``url(name)`` addresses one of its databases."""

    port: int
    user: str
    bindir: Path

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"


def _postgres_bindir() -> Path | None:
    """The newest Debian PostgreSQL ``bin`` folder that has initdb and pg_ctl."""

    def version(path: Path) -> tuple[int, ...]:
        digits = path.parent.parent.name.split(".")
        return tuple(int(d) for d in digits if d.isdigit())

    found = [
        p.parent
        for p in sorted(POSTGRES_ROOT.glob("*/bin/initdb"), key=version)
        if (p.parent / "pg_ctl").exists()
    ]
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(pas de journal)"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    pytest.importorskip(
        "psycopg",
        reason="pilote psycopg (v3) absent : uv add --optional test 'psycopg[binary]'",
    )
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip(f"PostgreSQL absent ({POSTGRES_ROOT}/*/bin/initdb) : apt install postgresql")

    prefix: list[str] = []
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            owner = None
        if runuser is None or owner is None:
            pytest.skip("tests lancés en root sans runuser ni utilisateur postgres")
        prefix = [runuser, "-u", owner.pw_name, "--"]

    # Not tmp_path: pytest's folders are private to root, the server user must reach this one.
    base = Path(tempfile.mkdtemp(prefix="parcours-pg-"))
    if owner is not None:
        os.chown(base, owner.pw_uid, owner.pw_gid)
    data, log = base / "data", base / "server.log"
    user, port = "parcours", _free_port()

    def run(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [*prefix, *(str(a) for a in args)]
        return subprocess.run(
            command, cwd=base, capture_output=True, text=True, timeout=120, check=check
        )

    options = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -F "
        "-c timezone=Europe/Paris -c max_connections=50"
    )
    try:
        run(bindir / "initdb", "-D", data, "-U", user, "--auth=trust", "-E", "UTF8",
            "--no-locale", "--no-sync")  # fmt: skip
        run(bindir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        output = getattr(exc, "stderr", "") or ""
        run(bindir / "pg_ctl", "-D", data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"PostgreSQL n'a pas démarré : {exc}\n{output}\n{_log_tail(log)}")
    try:
        yield PostgresServer(port=port, user=user, bindir=bindir)
    finally:
        run(bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(base, ignore_errors=True)


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
