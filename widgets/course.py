"""What the course notebooks call: ``from widgets.course import quiz`` … ``quiz(3)``.

Each function passes the call to the edition that answers it (:mod:`widgets.facade`): the
notebook edition's widgets in JupyterLab and Voilà (:class:`widgets.ui.course.NotebookCourse`),
the offline edition's page fragments while ``parcours export`` runs the notebook. The edition is
imported on first use, so ``import widgets.course`` is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from widgets.facade import CourseFacade, active


def edition() -> CourseFacade:
    """The edition in use: the one made current by :func:`widgets.facade.use`, else notebooks."""
    current = active()
    if current is not None:
        return current
    from widgets.ui.course import NOTEBOOK

    return NOTEBOOK


def quiz(module: int) -> Any:
    """The quiz of a course module (``quiz_module_<n>``)."""
    return edition().quiz(module)


def diagnostic(bank_id: str) -> Any:
    """A self-diagnostic (``profil_catalyseur``, ``maturite_co_construction``…)."""
    return edition().diagnostic(bank_id)


def results() -> Any:
    """The learner's results: list, export, import and printable reports."""
    return edition().results()


def indices_explorer(**options: Any) -> Any:
    """The regional fragility explorer (radar, map, ranking) of module 2."""
    return edition().indices_explorer(**options)


def barometer() -> Any:
    """The partnership barometer of module 1 (figures quoted by the sources)."""
    return edition().barometer()


def figure_text(figure_id: str) -> Any:
    """A quoted figure as a French sentence with its value and source, read from ``data/``."""
    return edition().figure_text(figure_id)


def activity(activity_id: str) -> Any:
    """A binôme activity that saves like a quiz (``activite_quatre_dimensions``…)."""
    return edition().activity(activity_id)


def case_cards(ids: Sequence[str] | None = None, theme: str | None = None) -> Any:
    """Cards of field cases the sources name (``data/cases.csv``): by ``ids``, or one ``theme``."""
    return edition().case_cards(ids, theme)


def navigation(number: int) -> Any:
    """The navigation bar at the end of module ``number``."""
    return edition().navigation(number)


def home() -> Any:
    """The course home: the modules and this learner's progress."""
    return edition().home()
