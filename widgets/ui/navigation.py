"""The course's table of contents, the links between modules, and the course home.

The course plan is :data:`widgets.plan.MODULES`; the HTML comes from the shared templates
(:mod:`widgets.templates.course`). Here, the notebook edition's widgets:

* :func:`navigation` — the « ← Module précédent · Accueil · Module suivant → » bar at the end of
  each module, as relative links, so the course works wherever the ``course/`` folder is served
  (JupyterLab resolves ``m1_etat_des_lieux.ipynb`` next to the open notebook);
* :func:`home` — the ten modules with this learner's progress (quiz done, diagnostic done), read
  from the results store. A store that cannot be read shows one French sentence and the list of
  modules still works: a learner must always be able to reach a module.

The HTML is built by pure functions (:func:`navigation_html`, :func:`progress_html`) so that tests
check links and progress without a kernel or a browser.
"""

from __future__ import annotations

import ipywidgets as ipw

from widgets.french import NBSP
from widgets.templates.course import navigation_html, progress_html

# -- navigation between modules ---------------------------------------------------------------


def navigation(number: int) -> ipw.HTML:
    """The navigation bar shown at the end of module ``number``."""
    return ipw.HTML(navigation_html(number))


# -- the course home --------------------------------------------------------------------------


def _read_done() -> tuple[set[str] | None, str | None]:
    """The learner's finished banks, or ``None`` and a French sentence saying why not."""
    try:
        from widgets.config import learner_pseudonym
        from widgets.storage import ResultStore

        with ResultStore() as store:
            return store.banks_done(learner_pseudonym()), None
    except Exception as exc:  # the learner's home must always open
        _report(exc)
        from widgets.errors import DataError

        reason = f" ({exc.message_fr().rstrip('.')})" if isinstance(exc, DataError) else ""
        return None, (
            f"Votre progression n'a pas pu être lue{reason}. Les modules restent accessibles "
            f"ci-dessous{NBSP}; le détail est noté dans le journal du formateur."
        )


def _report(exc: BaseException) -> None:
    """Log the details for the facilitator; never let logging itself break the home."""
    try:
        from widgets.ui.messages import report

        report(exc, "home")
    except Exception:  # pragma: no cover - logging must not break the home
        pass


def home_html() -> str:
    """The home table for the current learner (see :func:`progress_html`); never raises."""
    done, problem = _read_done()
    return progress_html(done, problem)


def home() -> ipw.VBox:
    """The course home: the ten modules with this learner's progress, and a refresh button.

    The button re-reads the store, for a learner who keeps the home open in a tab while working
    through a module.
    """
    table = ipw.HTML(home_html())
    refresh = ipw.Button(
        description="Actualiser ma progression",
        icon="refresh",
        tooltip="Relire vos résultats enregistrés",
        layout=ipw.Layout(width="max-content"),
    )

    def update(_: object = None) -> None:
        table.value = home_html()

    refresh.on_click(update)
    return ipw.VBox([table, refresh])
