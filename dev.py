#!/usr/bin/env python3
"""Set up and run parcours with nothing but Python 3.11+ on the machine.

    python3 dev.py run    # install, then serve the course and the dashboards
    python3 dev.py test   # install with test tools (+ Chromium, PostgreSQL), run every test

Only the standard library is used here: this script is what makes the rest installable. It
creates ``.venv`` from ``uv.lock`` (exact versions the tests ran with) using ``uv``, itself
installed from PyPI into ``.cache/bootstrap``.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
UV_VERSION = "0.13.9"
BOOTSTRAP = ROOT / ".cache" / "bootstrap"
VENV = ROOT / ".venv"


def say(message: str) -> None:
    print(f"[parcours] {message}", flush=True)


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, env=env)


def uv() -> Path:
    """Install uv (pinned) in a private virtual environment, once."""
    exe = BOOTSTRAP / "bin" / "uv"
    if exe.exists():
        return exe
    say(f"installation de uv {UV_VERSION} (gestionnaire de paquets)…")
    venv.EnvBuilder(with_pip=True, clear=True).create(BOOTSTRAP)
    run(BOOTSTRAP / "bin" / "python", "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}")
    return exe


def sync(extras: list[str], *, keep_extras: bool = False) -> None:
    """Create or update .venv to exactly the locked versions.

    ``keep_extras``: leave installed packages the lock does not ask for (the test tools, when
    ``run`` follows ``test``), instead of uninstalling them.
    """
    say("installation des dépendances verrouillées (uv.lock)…")
    # --compile-bytecode: kernels import plotly and pandas at every start; compiling them once
    # here saves seconds on each dashboard's first visit.
    args: list[str | Path] = [
        uv(),
        "sync",
        "--frozen",
        "--compile-bytecode",
        "--python",
        sys.executable,
    ]
    # Our Voilà template and server configuration are installed as data files: refresh them.
    args += ["--reinstall-package", "parcours"]
    for extra in extras:
        args += ["--extra", extra]
    if keep_extras:
        args.append("--inexact")
    run(*args, env={**os.environ, "UV_PROJECT_ENVIRONMENT": str(VENV)})


def apt_install(packages: list[str]) -> None:
    """Install Debian packages the tests need, when we are allowed to."""
    if not shutil.which("apt-get"):
        say(f"apt-get absent : installez vous-même {' '.join(packages)}")
        return
    if os.geteuid() != 0:
        say(f"non root : installez vous-même {' '.join(packages)} (sudo apt-get install …)")
        return
    say(f"installation des paquets Debian : {' '.join(packages)}…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)


def system_tools() -> None:
    missing = []
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        missing.append("chromium")
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        missing.append("postgresql")
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        missing.append("nginx-light")  # tests/live/test_nginx.py: the README's reverse proxy
    if missing:
        apt_install(missing)


def cmd_run(args: list[str]) -> int:
    sync([], keep_extras=True)
    say("démarrage du serveur…")
    return subprocess.call([str(VENV / "bin" / "parcours"), "serve", *args], cwd=ROOT)


def cmd_test(args: list[str]) -> int:
    sync(["test"])
    system_tools()
    say("lancement des tests…")
    return subprocess.call([str(VENV / "bin" / "python"), "-m", "pytest", *args], cwd=ROOT)


def main(argv: list[str]) -> int:
    commands = {"run": cmd_run, "test": cmd_test}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
