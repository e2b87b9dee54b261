"""A throwaway PostgreSQL server, with Debian's own binaries: for the tests and the benchmarks.

:func:`start_postgres` runs ``initdb`` and ``pg_ctl`` from ``/usr/lib/postgresql/<version>/bin``
(package ``postgresql``) in a temporary folder, listening on 127.0.0.1 and a free port only.
As root (PostgreSQL refuses to run as root) it runs them as the ``postgres`` user the Debian
package creates, through ``runuser``. :meth:`ThrowawayPostgres.stop` stops it and removes
everything.

Missing pieces raise :class:`PostgresUnavailable` (the tests skip with the reason); a server
that is present but fails to start raises :class:`RuntimeError` with the end of its log (the
tests fail: we would otherwise claim support we have not checked).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

POSTGRES_ROOT = Path("/usr/lib/postgresql")


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot run here (binaries, driver or user missing): a reason to skip."""


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway server; ``url(name)`` addresses one of its databases."""

    port: int
    user: str
    bindir: Path

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"


def postgres_bindir() -> Path | None:
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


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(pas de journal)"


@dataclass
class ThrowawayPostgres:
    """A running server, optionally with one database made for the caller."""

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

    def run(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [*self.prefix, *(str(a) for a in args)]
        return subprocess.run(
            command, cwd=self.base, capture_output=True, text=True, timeout=120, check=check
        )

    def stop(self) -> None:
        """Stop at once (nothing here is kept) and remove the folder."""
        bindir = self.server.bindir
        self.run(bindir / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.base, ignore_errors=True)


def start_postgres(
    *, options: str = "", max_connections: int = 100, database: str | None = "parcours_live"
) -> ThrowawayPostgres:
    """Start a server (extra ``postgres`` command-line ``options``, e.g. ``-F`` to skip fsync)
    and create ``database`` unless it is None. See the module docstring for what it raises."""
    try:
        import psycopg
    except ImportError:
        raise PostgresUnavailable(
            "pilote psycopg (v3) absent : uv add --optional test 'psycopg[binary]'"
        ) from None
    bindir = postgres_bindir()
    if bindir is None:
        raise PostgresUnavailable(
            f"PostgreSQL absent ({POSTGRES_ROOT}/*/bin/initdb) : apt install postgresql"
        )
    prefix: list[str] = []
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            owner = None
        if runuser is None or owner is None:
            raise PostgresUnavailable("lancé en root sans runuser ni utilisateur postgres")
        prefix = [runuser, "-u", owner.pw_name, "--"]
    # Not pytest's tmp_path: its folders are private to root, the server user must reach this.
    base = Path(tempfile.mkdtemp(prefix="parcours-pg-"))
    if owner is not None:
        os.chown(base, owner.pw_uid, owner.pw_gid)
    user, port = "parcours", free_port()
    pg = ThrowawayPostgres(PostgresServer(port=port, user=user, bindir=bindir), base, prefix)
    if database is not None:
        pg.database = database
    log = base / "server.log"
    flags = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 "
        f"-c max_connections={max_connections} {options}"
    ).strip()
    try:
        pg.run(bindir / "initdb", "-D", pg.data, "-U", user, "--auth=trust", "-E", "UTF8",
               "--no-locale", "--no-sync")  # fmt: skip
        pg.run(bindir / "pg_ctl", "-D", pg.data, "-l", log, "-o", flags, "-w", "-t", "60",
               "start")  # fmt: skip
        if database is not None:
            admin = pg.server.url("postgres").replace("postgresql+psycopg://", "postgresql://")
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{database}"')
    except Exception as exc:  # whatever failed, stop what started and say why
        output = getattr(exc, "stderr", "") or ""
        tail = log_tail(log)
        pg.stop()
        raise RuntimeError(f"PostgreSQL n'a pas démarré : {exc}\n{output}\n{tail}") from exc
    return pg
