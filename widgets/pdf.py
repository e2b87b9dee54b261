"""HTML to PDF through the headless Chromium Debian ships (the one the browser tests use).

Kept apart from what it prints (:mod:`widgets.report` writes the page): this module only knows
how to find Chromium and run it once on a file, with no network and a throw-away profile. Where
Chromium is missing, :func:`print_pdf` raises a :class:`DataError` whose French message says so
and how to print the HTML instead.

Core: imports ``errors`` and the standard library only.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from widgets.errors import DataError

log = logging.getLogger(__name__)

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")


def chromium_path() -> str | None:
    """Debian's Chromium if installed (``python3 dev.py test`` installs it), else ``None``."""
    for candidate in CHROMIUM_CANDIDATES:
        found = candidate if Path(candidate).is_absolute() else shutil.which(candidate)
        if found and Path(found).exists():
            return found
    return None


def print_pdf(page_html: str, out_path: str | Path, executable: str | None, timeout: float) -> Path:
    """Print ``page_html`` to ``out_path`` with the Chromium at ``executable``; returns the path.

    ``executable`` is ``None`` when no Chromium was found. Raises :class:`DataError` with code
    ``pdf-unavailable`` then, and ``pdf-failed`` when Chromium did not produce the file
    (details in the log).
    """
    out = Path(out_path).resolve()
    if executable is None:
        raise DataError.single(out.name, "pdf-unavailable")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="parcours-pdf-") as tmp:
        page = Path(tmp) / "rapport.html"
        page.write_text(page_html, encoding="utf-8")
        command = [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-dev-shm-usage",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.info("Chromium failed to print %s", out, exc_info=exc)
            raise DataError.single(out.name, "pdf-failed", value=type(exc).__name__) from exc
    if not out.is_file() or out.stat().st_size == 0:
        log.info("Chromium gave no PDF (exit %s): %s", done.returncode, done.stderr[-2000:])
        raise DataError.single(out.name, "pdf-failed", value=f"code {done.returncode}")
    return out
