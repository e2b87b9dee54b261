"""What a participant sees when something goes wrong: one French sentence, never a traceback.

The details go to a log file for the facilitator (``parcours.log`` in the user's log folder,
or ``PARCOURS_LOG_FILE``). Logging to the kernel's stderr would print on the shared screen,
since Voilà and JupyterLab show a cell's stderr as output.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

import ipywidgets as ipw

from widgets.config import log_file
from widgets.errors import DataError
from widgets.french import NBSP
from widgets.templates.notices import alert_html

T = TypeVar("T")
GENERIC_FR = (
    f"Cet élément n'a pas pu s'afficher. Le détail est noté dans le journal du formateur{NBSP}; "
    "la suite du module reste lisible."
)
_logger: logging.Logger | None = None


def log() -> logging.Logger:
    """The facilitator's log: a file, never the kernel's stderr."""
    global _logger
    if _logger is None:
        _logger = logging.getLogger("parcours.ui")
        _logger.propagate = False
        _logger.setLevel(logging.INFO)
        try:
            path = log_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _logger.addHandler(handler)
    return _logger


def message_text(exc: BaseException) -> str:
    """French text for an exception: the data problems themselves, what keeps a database from
    being used (read-only, full, locked), or a generic sentence."""
    if isinstance(exc, DataError):
        return exc.message_fr()
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, SQLAlchemyError | OSError):
        from widgets.labels import problem_label
        from widgets.storage.health import classify

        return (
            f"La base de données ne peut pas être utilisée{NBSP}: "
            f"{problem_label(classify(exc))}. Le détail est noté dans le journal du formateur."
        )
    return GENERIC_FR


def message_html(exc: BaseException) -> str:
    """An accessible alert block (``role="alert"``) with the French text, escaped."""
    files = exc.files if isinstance(exc, DataError) else ()
    return alert_html(message_text(exc), files)


def message_widget(exc: BaseException) -> ipw.HTML:
    return ipw.HTML(message_html(exc))


def report(exc: BaseException, where: str) -> None:
    """Log the full details for the facilitator."""
    log().error("%s: %s", where, exc, exc_info=(type(exc), exc, exc.__traceback__))


def build_or_message(build: Callable[[], T], where: str = "") -> T | ipw.HTML:
    """Build a widget; on failure return the French message widget instead of raising."""
    try:
        return build()
    except Exception as exc:  # the edge where tracebacks must stop
        report(exc, where or getattr(build, "__name__", "build"))
        return message_widget(exc)


@contextmanager
def shown_in(output: ipw.Output, where: str) -> Iterator[None]:
    """Run a callback; on failure show the French message in ``output`` and log it."""
    try:
        yield
    except Exception as exc:  # callbacks must never print a traceback
        report(exc, where)
        output.clear_output()
        with output:
            from IPython.display import HTML, display

            display(HTML(message_html(exc)))


def guarded_callback(output: ipw.Output) -> Callable[[Callable[..., Any]], Callable[..., None]]:
    """Decorator for observers: exceptions become a French message in ``output``."""

    def decorate(callback: Callable[..., Any]) -> Callable[..., None]:
        @wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            with shown_in(output, callback.__name__):
                callback(*args, **kwargs)

        return wrapper

    return decorate
