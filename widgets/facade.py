"""The course facade: what a course notebook calls, and which edition answers it.

A module's code cells are one-liners (``from widgets.course import quiz``; ``quiz(3)``). The
same cells make a widget in JupyterLab and Voilà (the notebook edition, :mod:`widgets.ui`) and
a fragment of a static page when ``parcours export`` runs them (the offline edition,
:mod:`widgets.offline`). Both implement :class:`CourseFacade`; :mod:`widgets.course` passes each
call to the edition made current by :func:`use`, the notebook edition when none is.

Core: no import of an edition here, so the editions stay side by side.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol


class CourseFacade(Protocol):
    """What a course notebook may call (each returns something a cell displays)."""

    def quiz(self, module: int) -> Any: ...

    def diagnostic(self, bank_id: str) -> Any: ...

    def results(self) -> Any: ...

    def indices_explorer(self, **options: Any) -> Any: ...

    def barometer(self) -> Any: ...

    def figure_text(self, figure_id: str) -> Any: ...

    def activity(self, activity_id: str) -> Any: ...

    def case_cards(self, ids: Sequence[str] | None = None, theme: str | None = None) -> Any: ...

    def navigation(self, number: int) -> Any: ...

    def home(self) -> Any: ...


_ACTIVE: ContextVar[CourseFacade | None] = ContextVar("parcours_course_edition", default=None)


@contextmanager
def use(edition: CourseFacade) -> Iterator[CourseFacade]:
    """Make ``edition`` answer the course facade's calls within the ``with`` block."""
    token = _ACTIVE.set(edition)
    try:
        yield edition
    finally:
        _ACTIVE.reset(token)


def active() -> CourseFacade | None:
    """The edition made current by :func:`use`, or ``None`` (the notebook edition's case)."""
    return _ACTIVE.get()
