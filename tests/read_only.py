"""Files and folders that even root cannot write, for the read-only store tests.

Tests run as root here, for whom ``chmod`` blocks nothing: a read-only store is made with
``chattr +i`` (an immutable file or folder, which root cannot write either), and a test that
needs one is skipped where ``chattr`` is missing or not allowed (some container file systems).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def chattr(flag: str, *paths: Path) -> bool:
    tool = shutil.which("chattr")
    if tool is None:
        return False
    result = subprocess.run([tool, flag, *map(str, paths)], capture_output=True, check=False)
    return result.returncode == 0


@contextmanager
def immutable(*paths: Path) -> Iterator[None]:
    """``paths`` immutable for the block (files first, then their folder), writable after."""
    if not chattr("+i", *paths):
        chattr("-i", *paths)  # a partial success must not outlive the test
        pytest.skip("chattr +i indisponible : pas de base en lecture seule possible ici")
    try:
        yield
    finally:
        chattr("-i", *paths)
