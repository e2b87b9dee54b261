"""The notebook edition of the course facade: each call a widget, ready to display, never raising.

Whatever goes wrong (a broken bank, an unreadable database, a module that does not exist)
becomes a French message in the cell through :func:`~widgets.ui.messages.build_or_message`, the
details going to the facilitator's log. Imports sit inside the methods, so a notebook pays only
for the widgets it shows. One results store is shared per database URL: a result that a quiz
had to keep pending is then listed, and exportable, in :meth:`NotebookCourse.results`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from widgets import config
from widgets.banks.course import course_bank, quiz_bank_id
from widgets.loaders.sources import source_titles

if TYPE_CHECKING:
    import ipywidgets

    from widgets.storage import ResultStore

_STORES: dict[str, ResultStore] = {}


def store() -> ResultStore:
    """The results store of the configured database, shared by the widgets of this kernel."""
    from widgets.storage import ResultStore

    url = config.results_url()
    if url not in _STORES:
        _STORES[url] = ResultStore(url)
    return _STORES[url]


def _safely(build: Callable[[], Any], where: str) -> ipywidgets.Widget:
    from widgets.ui.messages import build_or_message

    return build_or_message(build, where)


class NotebookCourse:
    """:class:`widgets.facade.CourseFacade` with ipywidgets (JupyterLab and Voilà)."""

    def quiz(self, module: int) -> ipywidgets.Widget:
        """The quiz of a course module (``quiz_module_<n>``), or a French message."""

        def build() -> ipywidgets.Widget:
            from widgets.banks import QuizBank
            from widgets.ui.quiz import QuizWidget

            bank = course_bank(quiz_bank_id(module), QuizBank)
            return QuizWidget(bank, store=store(), source_titles=source_titles())

        return _safely(build, f"course.quiz({module!r})")

    def diagnostic(self, bank_id: str) -> ipywidgets.Widget:
        """A self-diagnostic form (``profil_catalyseur``, ``maturite_co_construction``…)."""

        def build() -> ipywidgets.Widget:
            from widgets.banks import DiagnosticBank
            from widgets.ui.diagnostic import DiagnosticForm

            bank = course_bank(bank_id, DiagnosticBank)
            return DiagnosticForm(bank, store=store(), source_titles=source_titles())

        return _safely(build, f"course.diagnostic({bank_id!r})")

    def results(self) -> ipywidgets.Widget:
        """The learner's results: list, export, import and printable reports."""

        def build() -> ipywidgets.Widget:
            from widgets.ui.results import ResultsPanel

            return ResultsPanel(store=store(), source_titles=source_titles())

        return _safely(build, "course.results()")

    def indices_explorer(self, **options: Any) -> ipywidgets.Widget:
        """The regional fragility explorer (radar, map, ranking) of module 2."""
        from widgets.ui.indices import IndicesExplorer

        return _safely(lambda: IndicesExplorer(**options), "indices_explorer")

    def barometer(self) -> ipywidgets.Widget:
        """The partnership barometer of module 1 (figures quoted by the sources)."""
        from widgets.ui.figures import barometer_widget

        return _safely(barometer_widget, "barometer")

    def figure_text(self, figure_id: str) -> Any:
        """A quoted figure as a French sentence with its value and source, read from ``data/``."""
        from widgets.ui.figures import figure_text as text

        try:
            return text(figure_id)
        except Exception as exc:  # the text of a module must still read
            from widgets.ui.messages import message_widget, report

            report(exc, f"figure_text({figure_id})")
            return message_widget(exc)

    def activity(self, activity_id: str) -> ipywidgets.Widget:
        """A binôme activity (:mod:`widgets.activities`) as a form saving to the results."""

        def build() -> ipywidgets.Widget:
            from widgets.activities import load_activities
            from widgets.actors import ACTORS_MAP_ID
            from widgets.errors import DataError
            from widgets.ui.activity import ActivityWidget

            if activity_id == ACTORS_MAP_ID:
                from widgets.ui.actors import ActorsMapWidget

                return ActorsMapWidget(store=store(), source_titles=source_titles())
            activities = load_activities()
            if activity_id not in activities:
                raise DataError.single("activities", "unknown-item", item=activity_id)
            return ActivityWidget(
                activities[activity_id], store=store(), source_titles=source_titles()
            )

        return _safely(build, f"course.activity({activity_id!r})")

    def case_cards(
        self, ids: Sequence[str] | None = None, theme: str | None = None
    ) -> ipywidgets.Widget:
        """Cards of field cases the sources name (``data/cases.csv``), as an HTML widget."""

        def build() -> ipywidgets.Widget:
            import ipywidgets

            from widgets.loaders import load_cases
            from widgets.templates.cases import case_cards_html

            cases = load_cases(ids=ids, theme=theme)
            return ipywidgets.HTML(case_cards_html(cases, source_titles()))

        return _safely(build, f"course.case_cards({ids!r}, {theme!r})")

    def navigation(self, number: int) -> ipywidgets.Widget:
        """The « ← Module précédent · Accueil · Module suivant → » bar of module ``number``."""
        from widgets.ui.navigation import navigation

        return navigation(number)

    def home(self) -> ipywidgets.Widget:
        """The course home: the modules with this learner's progress."""
        from widgets.ui.navigation import home

        return home()


NOTEBOOK = NotebookCourse()
