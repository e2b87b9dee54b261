"""Whether a store can be written, said in French: read-only, full, locked or missing.

``parcours serve`` asks before it starts, and the facilitator's panel when it opens
(:func:`store_warning`), so that a facilitator learns from the console or the dashboard that
the webinar's answers could not be saved, instead of from a room of phones. The same words
name what went wrong when a write fails later (:func:`reason_fr`).
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from widgets.french import NBSP, plural_word
from widgets.labels import problem_label

LOW_DISK_BYTES = 20_000_000
"""Below this much free space at start, a long webinar may fill the disk."""
FULL_DISK_BYTES = 1_000_000
"""Below this much the disk is as good as full: SQLite's ``-wal`` alone grows to about 4 MB
before it is folded back into the database."""
FULL_ERRORS = ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE")
"""SQLite's names for a full disk. ``SQLITE_IOERR_SHMSIZE`` (« disk I/O error ») is what an
existing WAL database gives when the disk is full: growing its ``-shm`` file is the first
write to fail."""


def classify(exc: BaseException) -> str:
    """The problem code of a store failure: ``store-read-only``, ``store-full``,
    ``store-locked`` or ``store-unavailable``."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    text = str(exc).lower()
    number = getattr(exc, "errno", None)
    name = getattr(exc, "sqlite_errorname", None) or ""
    if "readonly" in text or "read-only" in text or number in (errno.EROFS, errno.EACCES):
        return "store-read-only"
    if name in FULL_ERRORS or "disk is full" in text or "no space" in text:
        return "store-full"
    if number == errno.ENOSPC:  # e.g. the copy of a read-only database's -wal (database.py)
        return "store-full"
    if "locked" in text or "busy" in text:
        return "store-locked"
    return "store-unavailable"


def reason_fr(exc: BaseException) -> str:
    """French words for a store failure, e.g. « base de résultats en lecture seule »."""
    return problem_label(classify(exc))


def check_store(url: str) -> str | None:
    """What keeps the store at ``url`` from taking writes (French), or None.

    For SQLite, a write is attempted inside a transaction that is rolled back: nothing
    changes, but a read-only file or folder, a locked or corrupt file, a missing folder that
    cannot be created all show; so does a disk that is full or nearly so (:func:`disk_space`).
    PostgreSQL is only connected to.
    """
    found = _diagnose(url)
    return None if found is None else found[1]


def store_warning(label: str, url: str) -> str | None:
    """The sentence ``parcours serve`` writes at start and the facilitator's panel shows, for
    the store ``label`` (« des résultats des apprenants », « de la salle en direct ») at
    ``url``; None when it can take writes and its disk has room."""
    from widgets.storage.database import describe_url

    found = _diagnose(url)
    if found is None:
        return None
    code, problem = found
    where = f"la base {label} ({describe_url(url)})"
    if code == "store-low-disk":
        return (
            f"Attention{NBSP}: {where} est sur un {problem}{NBSP}; une longue session peut le "
            "remplir, et les réponses suivantes ne seraient plus gardées. Libérez de la place."
        )
    return (
        f"Attention{NBSP}: {where} ne peut pas enregistrer{NBSP}: {problem}. Les réponses ne "
        "seront pas gardées tant que ce n'est pas réglé."
    )


def _diagnose(url: str) -> tuple[str, str] | None:
    """(code, French words) for what :func:`check_store` finds, or None."""
    from widgets.storage.database import build_engine

    try:
        engine = build_engine(url, busy_timeout=0.5)
    except (SQLAlchemyError, OSError, ImportError) as exc:
        return classify(exc), f"{reason_fr(exc)} ({exc})"
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                version = connection.exec_driver_sql("PRAGMA user_version").scalar()
                connection.exec_driver_sql(f"PRAGMA user_version = {int(version or 0)}")
                connection.exec_driver_sql("ROLLBACK")
    except (SQLAlchemyError, OSError) as exc:
        code = classify(exc)
        free = disk_space(url)
        if code == "store-unavailable" and free is not None and free[0] < FULL_DISK_BYTES:
            code = "store-full"  # an I/O error SQLite does not name, on a disk with no room
        return code, f"{problem_label(code)} ({_first_line(exc)})"
    finally:
        engine.dispose()
    return _disk_note(url)


def disk_space(url: str) -> tuple[int, Path] | None:
    """Free bytes on the disk of a SQLite store, and its folder; None for other databases or
    when the folder cannot be asked."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    folder = Path(parsed.database.removeprefix("file:").split("?")[0]).expanduser().parent
    try:
        return shutil.disk_usage(folder).free, folder
    except OSError:
        return None


def _disk_note(url: str) -> tuple[str, str] | None:
    """A full or nearly full disk under a store that can still take a write."""
    space = disk_space(url)
    if space is None or space[0] >= LOW_DISK_BYTES:
        return None
    free, folder = space
    if free < FULL_DISK_BYTES:
        full = problem_label("store-full")
        return "store-full", f"{full} (moins de 1{NBSP}Mo libre dans {folder})"
    megabytes = free // 1_000_000
    free_fr = f"{megabytes}{NBSP}Mo {plural_word(megabytes, 'libre')}"
    return "store-low-disk", f"disque presque plein ({free_fr} dans {folder})"


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
