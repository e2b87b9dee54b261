"""A throwaway PostgreSQL for the benchmarks, started as the tests start theirs.

The tests' fixture (``postgres_server`` in ``tests/storage/conftest.py``) is a pytest fixture
that skips or fails the test; its plain helpers are reused here (which Debian binaries, a free
port, the end of the log) and the few lines that start and stop the server are repeated with
plain exceptions. One difference: the tests turn ``fsync`` off (``-F``) to run fast; a
benchmark keeps PostgreSQL's defaults (``fsync`` and ``synchronous_commit`` on), as a
deployment would, so every group commit waits for the disk.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.storage.conftest import POSTGRES_ROOT, PostgresServer
from tests.storage.conftest import _free_port as free_port
from tests.storage.conftest import _log_tail as log_tail
from tests.storage.conftest import _postgres_bindir as postgres_bindir


@dataclass
class ThrowawayPostgres:
    """A running server and its one database; ``stop()`` removes everything."""

    server: PostgresServer
    base: Path
    prefix: list[str]
    database: str = "parcours_live"

    @property
    def url(self) -> str:
        return self.server.url(self.database)

    @property
    def data(self) -> Path:
        return self.base / "data"

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def cpu_seconds(self) -> float:
        """CPU used so far by the server: postmaster, live backends and helpers, and the
        children that have already exited (the postmaster waits for them, so they are counted
        in its ``children_*`` times)."""
        import psutil

        postmaster = psutil.Process(self.postmaster_pid())
        times = postmaster.cpu_times()
        total = times.user + times.system + times.children_user + times.children_system
        for child in postmaster.children():
            with contextlib.suppress(psutil.NoSuchProcess):  # exited meanwhile: counted next time
                total += sum(child.cpu_times()[:2])
        return total

    def _run(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [*self.prefix, *(str(a) for a in args)]
        return subprocess.run(
            command, cwd=self.base, capture_output=True, text=True, timeout=120, check=check
        )

    def stop(self) -> None:
        bindir = self.server.bindir
        self._run(bindir / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(self.base, ignore_errors=True)


def start_postgres(max_connections: int = 100) -> ThrowawayPostgres:
    """Start PostgreSQL on 127.0.0.1 and a free port, data in a temporary folder, and create
    one database. Raises :class:`RuntimeError` with the reason if it cannot."""
    bindir = postgres_bindir()
    if bindir is None:
        missing = f"{POSTGRES_ROOT}/*/bin/initdb"
        raise RuntimeError(f"PostgreSQL absent ({missing}): apt install postgresql")
    prefix: list[str] = []
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        runuser = shutil.which("runuser")
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            owner = None
        if runuser is None or owner is None:
            raise RuntimeError("running as root without runuser or a postgres user")
        prefix = [runuser, "-u", owner.pw_name, "--"]
    base = Path(tempfile.mkdtemp(prefix="parcours-bench-pg-"))
    if owner is not None:
        os.chown(base, owner.pw_uid, owner.pw_gid)
    user, port = "parcours", free_port()
    pg = ThrowawayPostgres(PostgresServer(port=port, user=user, bindir=bindir), base, prefix)
    log = base / "server.log"
    options = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c max_connections={max_connections}"
    )
    try:
        pg._run(bindir / "initdb", "-D", pg.data, "-U", user, "--auth=trust", "-E", "UTF8",
                "--no-locale", "--no-sync")  # fmt: skip
        pg._run(bindir / "pg_ctl", "-D", pg.data, "-l", log, "-o", options, "-w", "-t", "60",
                "start")  # fmt: skip
        import psycopg

        admin = pg.server.url("postgres").replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{pg.database}"')
    except Exception as exc:  # whatever failed, stop what started and say why
        output = getattr(exc, "stderr", "") or ""
        tail = log_tail(log)
        pg.stop()
        raise RuntimeError(f"PostgreSQL did not start: {exc}\n{output}\n{tail}") from exc
    return pg
