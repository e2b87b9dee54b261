"""Root pytest configuration: isolate every test and notebook from the developer's own folders.

Set at configure time, before any kernel starts, so that nbval's notebook kernels (which live
outside ``tests/``) inherit the same private results database, cache and log.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    base = Path(tempfile.mkdtemp(prefix="parcours-tests-"))
    os.environ["PARCOURS_CACHE_DIR"] = str(base / "cache")
    os.environ["PARCOURS_DATABASE_URL"] = f"sqlite:///{base / 'resultats.sqlite3'}"
    os.environ["PARCOURS_LIVE_DATABASE_URL"] = f"sqlite:///{base / 'live.sqlite3'}"
    os.environ["PARCOURS_LOG_FILE"] = str(base / "parcours.log")
    os.environ.setdefault("PARCOURS_PSEUDONYM", "testeur")
