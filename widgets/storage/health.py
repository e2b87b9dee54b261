"""Whether a store can be written, said in French: read-only, full, locked or missing.

``parcours serve`` asks before it starts, so that a facilitator learns from the console that
the webinar's answers could not be saved, instead of from a room of phones. The same words
name what went wrong when a write fails later (:func:`reason_fr`).
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from widgets.french import NBSP
from widgets.labels import problem_label

LOW_DISK_BYTES = 20_000_000
"""Below this much free space at start, a long webinar may fill the disk."""


def classify(exc: BaseException) -> str:
    """The problem code of a store failure: ``store-read-only``, ``store-full``,
    ``store-locked`` or ``store-unavailable``."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    text = str(exc).lower()
    number = getattr(exc, "errno", None)
    if "readonly" in text or "read-only" in text or number in (errno.EROFS, errno.EACCES):
        return "store-read-only"
    if "disk is full" in text or "no space" in text or number == errno.ENOSPC:
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
    cannot be created all show. PostgreSQL is only connected to.
    """
    from widgets.storage.database import build_engine

    try:
        engine = build_engine(url, busy_timeout=0.5)
    except (SQLAlchemyError, OSError, ImportError) as exc:
        return reason_fr(exc) + f" ({exc})"
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                version = connection.exec_driver_sql("PRAGMA user_version").scalar()
                connection.exec_driver_sql(f"PRAGMA user_version = {int(version or 0)}")
                connection.exec_driver_sql("ROLLBACK")
    except (SQLAlchemyError, OSError) as exc:
        return f"{reason_fr(exc)} ({_first_line(exc)})"
    finally:
        engine.dispose()
    return _low_disk(url)


def _low_disk(url: str) -> str | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    folder = Path(parsed.database.removeprefix("file:").split("?")[0]).expanduser().parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    if free >= LOW_DISK_BYTES:
        return None
    return f"disque presque plein ({free // 1_000_000}{NBSP}Mo libres dans {folder})"


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
