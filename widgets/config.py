"""Configuration of parcours: where data and results live, and who the learner is.

One place for every setting so that a notebook, a Voilà dashboard, the command line and the
tests agree. Each setting is read from an environment variable when the call is made (not at
import), so a test or a facilitator can change it without restarting the kernel, and each has a
default that works on a learner's laptop with nothing configured.

=========================  ===================================================================
Environment variable       Meaning and default
=========================  ===================================================================
``PARCOURS_DATA_DIR``      Folder of the course data (``datapackage.json``, ``banks/``…).
                           Default: ``data/`` of :func:`content_root`. Point it at a copy of
                           that folder to add a bank or a data file without touching the
                           installed package.
``PARCOURS_DATABASE_URL``  SQLAlchemy URL of the results store. Default: a SQLite file
                           ``resultats.sqlite3`` in the user's data folder (platformdirs).
                           Example for a shared server:
                           ``postgresql+psycopg://parcours@db.example/parcours``.
``PARCOURS_PSEUDONYM``     Pseudonym under which results are saved. Default: ``moi``.
``PARCOURS_CACHE_DIR``     Cache of data validation. Default: the user's cache folder.
``PARCOURS_LOG_FILE``      Facilitator's log. Default: ``parcours.log`` in the user's log
                           folder.
``PARCOURS_LIVE_DATABASE_URL``
                           SQLAlchemy URL of the live-audience answers (webinar sessions).
                           Default: ``live.sqlite3`` next to the SQLite results file (or in
                           the user's data folder when results live in PostgreSQL). Several
                           server processes share one PostgreSQL URL.
``PARCOURS_LIVE_PUBLIC_URL``
                           Address participants' phones use to reach the server, e.g.
                           ``https://webinaire.example.org`` behind a reverse proxy. Default:
                           found by ``parcours serve`` (the machine's LAN address when it
                           listens on 0.0.0.0).
``PARCOURS_LIVE_SECRET``   Key signing the participant identities the live server issues; set
                           the same value on every server process of one webinar. Default: a
                           random key in ``live-secret`` (mode 600) next to the live database.
``PARCOURS_LIVE_SESSION_HOURS``
                           Hours a live session accepts participants after its creation.
                           Default: 24.
``PARCOURS_LIVE_JOINS_PER_MINUTE``
                           Participants who may join per source address per minute (a NAT
                           counts as one address). Default: 1200.
``PARCOURS_DURABILITY``    What an acknowledged write survives, for SQLite stores (results and
                           live answers). ``normal`` (default): a crash of parcours or of its
                           process, not a power loss or an OS crash (the last commits may be
                           lost; the file stays consistent). ``full``: a power loss too (an
                           fsync per commit, each write then waits for the disk). PostgreSQL
                           follows its own ``synchronous_commit`` (durable by default).
=========================  ===================================================================

An empty variable counts as unset: ``PARCOURS_PSEUDONYM=`` in a shell script must not give an
empty pseudonym.

Folders that are not variables:

=========================  ===================================================================
Function                   Folder
=========================  ===================================================================
:func:`content_root`       The product: ``course/``, ``dashboards/``, ``data/``. In a source
                           checkout (editable install, ``dev.py``) the checkout itself, so that
                           developers see their edits; in an installed wheel the package's
                           copy, ``widgets/_content/`` (read-only: never served as such).
:func:`learner_dir`        The learner's own copies of ``course/`` and ``dashboards/``, which
                           ``parcours serve`` creates and updates
                           (:mod:`widgets.learner_folder`): ``parcours`` in the user's
                           documents folder, or ``parcours serve --dir PATH``. Installed only:
                           from a checkout, ``serve`` serves the checkout unless given ``--dir``.
=========================  ===================================================================
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TypeVar

import platformdirs

APP_NAME = "parcours"
"""Folder name under the user's data directory (``~/.local/share/parcours`` on Linux)."""

RESULTS_FILENAME = "resultats.sqlite3"
"""Name of the default SQLite results file."""

DEFAULT_PSEUDONYM = "moi"
"""Pseudonym used on a personal laptop, where there is only one learner."""


def _env(name: str) -> str | None:
    """The stripped value of an environment variable, or ``None`` when unset or blank."""
    value = os.environ.get(name, "").strip()
    return value or None


CONTENT_PACKAGE_FOLDER = "_content"
"""Folder of the ``widgets`` package that holds the product in an installed wheel
(``course/``, ``dashboards/``, ``data/``; mapped there by ``pyproject.toml``)."""


def packaged_content() -> Path | None:
    """The product's copy inside the installed package, or ``None`` in a source checkout.

    An installed wheel carries ``widgets/_content/``; an editable install (``dev.py``) imports
    ``widgets`` from the checkout, which has no such folder.
    """
    packaged = resources.files("widgets") / CONTENT_PACKAGE_FOLDER
    if not packaged.is_dir():
        return None
    return Path(str(packaged))


def content_root() -> Path:
    """Folder holding the product: ``course/``, ``dashboards/`` and ``data/``.

    The packaged copy when ``widgets`` is installed from a wheel (:func:`packaged_content`);
    the checkout's root otherwise, found from this file rather than from the current
    directory (notebooks and Voilà run in the notebook's own folder), so that developers'
    edits are what they see.
    """
    return packaged_content() or Path(__file__).resolve().parents[1]


def running_from_checkout() -> bool:
    """Whether ``widgets`` is imported from a source checkout (editable install, tests)."""
    return packaged_content() is None


def project_root() -> Path:
    """Former name of :func:`content_root`, kept for callers that still use it."""
    return content_root()


LEARNER_FOLDER_NAME = "parcours"
"""Name of the learner's folder under their documents folder."""


def learner_dir() -> Path:
    """Default folder of the learner's own copies of the course (``parcours serve``).

    Under the user's documents (``~/Documents/parcours`` on most systems), where a learner
    looks for their files and where backups usually reach; never inside the installed
    package, which a new version replaces. ``parcours serve --dir PATH`` chooses another.
    """
    return Path(platformdirs.user_documents_dir()) / LEARNER_FOLDER_NAME


def data_dir() -> Path:
    """Folder holding the course data (``data/datapackage.json`` and its resources).

    Defaults to the product's own ``data/`` folder (see :func:`content_root`), the installed
    package's copy when installed. ``PARCOURS_DATA_DIR`` points elsewhere: a copy of that
    folder with a bank of one's own, test fixtures.
    """
    configured = _env("PARCOURS_DATA_DIR")
    if configured is not None:
        return Path(configured).expanduser()
    return content_root() / "data"


def default_results_path() -> Path:
    """Path of the default SQLite results file, in the user's data folder.

    Results go in the user's folder, not in the project, so that updating or re-cloning the
    course never deletes a learner's history and results are never committed by mistake.
    """
    return Path(platformdirs.user_data_dir(APP_NAME)) / RESULTS_FILENAME


def results_url() -> str:
    """SQLAlchemy URL of the results store.

    ``PARCOURS_DATABASE_URL`` lets a facilitator point every learner of a shared JupyterHub at
    one PostgreSQL database; without it, each learner gets a private SQLite file, which needs no
    server and works offline.
    """
    configured = _env("PARCOURS_DATABASE_URL")
    if configured is not None:
        return configured
    from sqlalchemy.engine import URL  # imported here: SQLAlchemy costs 0.4 s to import

    return URL.create("sqlite", database=str(default_results_path())).render_as_string()


def learner_pseudonym() -> str:
    """Pseudonym under which the learner's results are saved and looked up.

    Only a pseudonym is ever stored, never a name or an e-mail address. On a personal laptop
    the default ``moi`` is enough; a shared server sets ``PARCOURS_PSEUDONYM`` per user.
    """
    return _env("PARCOURS_PSEUDONYM") or DEFAULT_PSEUDONYM


def cache_dir() -> Path:
    """Folder for caches that can be deleted at any time (e.g. the data validation verdict).

    In the user's cache folder so that it is never committed nor shipped with the course.
    """
    configured = _env("PARCOURS_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME))


def log_file() -> Path:
    """The facilitator's log file: details of errors that participants only see in French.

    A file rather than stderr, because Voilà and JupyterLab show a cell's stderr on screen.
    """
    configured = _env("PARCOURS_LOG_FILE")
    if configured is not None:
        return Path(configured).expanduser()
    return Path(platformdirs.user_log_dir(APP_NAME)) / "parcours.log"


LIVE_FILENAME = "live.sqlite3"
"""Name of the default SQLite file of live-audience sessions and answers."""

LIVE_SERVER_URL_VARIABLE = "PARCOURS_LIVE_SERVER_URL"
"""Set by the server extension in its own environment, hence in every kernel it starts, so
that the facilitator's dashboard knows the server's address without being told."""


def live_url() -> str:
    """SQLAlchemy URL of the live-audience store (sessions and participants' answers).

    A separate database from the learners' results: live answers are anonymous, short-lived and
    written by hundreds of phones at once, while results belong to a learner. By default a
    SQLite file next to the results file, so that the server process and the facilitator's
    kernel, which both use it, find the same file. ``PARCOURS_LIVE_DATABASE_URL`` points every
    server process of a large webinar at one PostgreSQL database.
    """
    configured = _env("PARCOURS_LIVE_DATABASE_URL")
    if configured is not None:
        return configured
    from sqlalchemy.engine import make_url

    results = make_url(results_url())
    if results.get_backend_name() == "sqlite" and results.database not in (None, "", ":memory:"):
        folder = Path(results.database).expanduser().parent
    else:
        folder = Path(platformdirs.user_data_dir(APP_NAME))
    from sqlalchemy.engine import URL  # imported here: SQLAlchemy costs 0.4 s to import

    return URL.create("sqlite", database=str(folder / LIVE_FILENAME)).render_as_string()


N = TypeVar("N", int, float)
LIVE_SECRET_FILENAME = "live-secret"
DEFAULT_SESSION_HOURS = 24.0


def live_secret() -> bytes:
    """The key that signs the participant identities the live server issues.

    ``PARCOURS_LIVE_SECRET`` (any text, the same for every server process of a webinar behind
    a load balancer); otherwise a random key kept in a private file next to the live database,
    so that a restarted server and the other processes of this machine accept the identities
    they gave. The file is created, owner-readable only, on first use.
    """
    configured = _env("PARCOURS_LIVE_SECRET")
    if configured is not None:
        return configured.encode("utf-8")
    from sqlalchemy.engine import make_url

    live = make_url(live_url())
    if live.get_backend_name() == "sqlite" and live.database not in (None, "", ":memory:"):
        folder = Path(live.database).expanduser().parent
    else:
        folder = Path(platformdirs.user_data_dir(APP_NAME))
    path = folder / LIVE_SECRET_FILENAME
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    import secrets

    key = secrets.token_bytes(32)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(key.hex())
    except FileExistsError:  # another process wrote it first: use theirs
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except OSError:  # a read-only folder: identities last as long as this process
        pass
    return key


DURABILITY_LEVELS = ("normal", "full")


def durability() -> str:
    """``normal`` or ``full`` (``PARCOURS_DURABILITY``): SQLite's ``synchronous`` setting.

    An unknown value is refused loudly rather than silently weakened.
    """
    configured = (_env("PARCOURS_DURABILITY") or "normal").strip().lower()
    if configured not in DURABILITY_LEVELS:
        raise ValueError(
            f"PARCOURS_DURABILITY={configured!r} : valeurs possibles « normal » ou « full »"
        )
    return configured


def live_session_hours() -> float:
    """Hours after its creation during which a live session accepts participants.

    ``PARCOURS_LIVE_SESSION_HOURS`` (a positive number; default 24): an old join code printed on
    a slide cannot be used to write into a session weeks later.
    """
    return _positive("PARCOURS_LIVE_SESSION_HOURS", float, DEFAULT_SESSION_HOURS)


DEFAULT_JOINS_PER_MINUTE = 1200


def live_joins_per_minute() -> int:
    """Participant identities issued per source address per minute.

    ``PARCOURS_LIVE_JOINS_PER_MINUTE`` (default 1200): a company network shows the server one
    address for everyone behind it, so the default lets two rooms of 600 join within a minute
    through one NAT, and stops a script from minting thousands of participants.
    """
    return _positive("PARCOURS_LIVE_JOINS_PER_MINUTE", int, DEFAULT_JOINS_PER_MINUTE)


def _positive(name: str, kind: Callable[[str], N], default: N) -> N:
    """A positive number from the environment; the default when unset, unreadable or ≤ 0."""
    configured = _env(name)
    try:
        value = kind(configured) if configured is not None else default
    except ValueError:
        return default
    return value if value > 0 else default


def live_public_url() -> str | None:
    """Base address that participants reach (no trailing slash), or ``None`` when unknown.

    ``PARCOURS_LIVE_PUBLIC_URL`` wins (a reverse proxy, a DNS name); otherwise the address that
    ``parcours serve`` found for itself (see :mod:`widgets.room.join`).
    """
    configured = _env("PARCOURS_LIVE_PUBLIC_URL") or _env(LIVE_SERVER_URL_VARIABLE)
    return configured.rstrip("/") if configured else None
