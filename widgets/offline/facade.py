"""The course facade offline: what ``widgets.course`` and the navigation return in an export.

In JupyterLab, ``quiz(3)`` returns an ipywidget. In the exported folder the same call, made by
:mod:`widgets.offline.runner`, returns a :class:`Fragment`: the HTML that stands for the widget
and the scripts it needs. Interactive parts (quiz, diagnostic, results, explorer, progress) are
placeholders that ``assets/parcours.js`` fills from the embedded banks and data; static figures
carry their plotly JSON. The wording comes from the core the widgets use too
(:func:`~widgets.quotes.figure_sentence`, :data:`~widgets.figures.barometer.BAROMETER_TITLES`,
the templates of :mod:`widgets.templates.course`), so it cannot drift.

Unlike the notebook facade, which never raises (a learner must always get a French sentence),
these functions raise on any problem: the export stops with the message rather than shipping a
module with an error in it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from widgets.activities import activity_title
from widgets.actors import ACTORS_MAP_ID
from widgets.banks import DiagnosticBank, QuizBank
from widgets.banks.course import course_bank, quiz_bank_id
from widgets.errors import DataError
from widgets.figures import barometer_figures, describe
from widgets.figures.barometer import BAROMETER_TITLES
from widgets.figures.fit import PHONE, fit
from widgets.french import NBSP
from widgets.loaders import load_cases, load_seed_figures
from widgets.loaders.sources import source_titles
from widgets.quotes import figure_sentence
from widgets.templates import markup, render
from widgets.templates.cases import case_cards_html
from widgets.templates.course import browser_progress_html, navigation_html

NEEDS_COURSE = "course"
"""The page loads ``assets/data/course.js`` (banks, source titles, modules, replays)."""
NEEDS_INDICES = "indices"
"""The page loads ``assets/data/indices.js`` (the explorer's selections)."""
NEEDS_FIGURES = "figures"
"""The page draws plotly figures (``assets/plotly.min.js``, loaded when a figure is near)."""

EXPLORER_OPTIONS = ("region", "compare", "view", "indicator")


@dataclass(frozen=True)
class Fragment:
    """HTML standing for one output of a cell, and what the page must load for it."""

    html: str
    needs: frozenset[str] = frozenset()


class Unsupported(Exception):
    """A cell asked for something that has no kernel-less equivalent."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(self.message_fr())

    def message_fr(self) -> str:
        return (
            f"«{NBSP}{self.what}{NBSP}» a besoin d'un noyau Python et n'a pas d'équivalent dans "
            "l'édition hors ligne"
        )


@dataclass
class Site:
    """What the facade needs to know about the export being built."""

    pages: Mapping[str, str]
    """Notebook file name → page file name (``m3_….ipynb`` → ``m3_….html``)."""
    explorer_controls: Mapping[str, list[list[str]]] | None = None
    """The explorer's options (to check ``indices_explorer(region=…)``), when it is built."""
    navigation_shown: bool = False
    """Set when a cell drew the module navigation (the page then adds none at the bottom)."""
    skipped: dict[str, str] = field(default_factory=dict)
    """Dashboards left out (they need a kernel): notebook name → why, in French."""


def widget_html(kind: str, **data: str) -> str:
    """A placeholder that ``parcours.js`` turns into the interactive part ``kind``."""
    attributes = [(key.replace("_", "-"), value) for key, value in data.items()]
    return render("offline/widget.html.j2", kind=kind, data=attributes)


def json_text(value: Any) -> str:
    """``value`` as JSON for an inline ``<script>`` block (``</`` escaped so it cannot close it)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("</", "<\\/")


def figure_fragment(
    figure: Mapping[str, Any],
    alt: str,
    heading: str | None = None,
    phone: Mapping[str, Any] | None = None,
) -> Fragment:
    """A static plotly figure: drawn by ``parcours.js`` when near the screen, alt text below;
    ``phone``, when given, is drawn instead on a narrow page."""
    body = render(
        "offline/figure.html.j2",
        heading=heading,
        alt=alt,
        data=markup(json_text(figure)),
        phone=markup(json_text(phone)) if phone is not None else None,
    )
    return Fragment(body, frozenset({NEEDS_FIGURES}))


def figure_json(figure: Any, *, fitted: bool = True) -> dict[str, Any]:
    """A plotly figure as plain JSON (numpy values converted by plotly's own encoder), fitted
    to the page (:data:`widgets.offline.explorer.PAGE_CONTEXT`) unless ``fitted`` is false (a
    base that ``parcours.js`` completes, e.g. the profile's, keeps the builder's sizes)."""
    from widgets.offline.explorer import PAGE_CONTEXT

    data = json.loads(figure.to_json())
    return fit(data, PAGE_CONTEXT) if fitted else data


class OfflineCourse:
    """:class:`widgets.facade.CourseFacade` for a notebook run by the exporter: page fragments.

    The same calls as the notebook edition (:class:`widgets.ui.course.NotebookCourse`), computed
    from the core; what a static page cannot do raises :class:`Unsupported`, which skips a
    dashboard and stops a module.
    """

    def __init__(self, site: Site) -> None:
        self._site = site

    def quiz(self, module: int) -> Fragment:
        bank = course_bank(quiz_bank_id(module), QuizBank)
        return Fragment(widget_html("quiz", bank=bank.id), frozenset({NEEDS_COURSE}))

    def diagnostic(self, bank_id: str) -> Fragment:
        bank = course_bank(bank_id, DiagnosticBank)
        needs = frozenset({NEEDS_COURSE, NEEDS_FIGURES})
        return Fragment(widget_html("diagnostic", bank=bank.id), needs)

    def results(self) -> Fragment:
        return Fragment(widget_html("results"), frozenset({NEEDS_COURSE}))

    def indices_explorer(self, **options: Any) -> Fragment:
        controls = self._site.explorer_controls
        if controls is None:
            raise Unsupported("indices_explorer (explorateur non construit)")
        chosen = {name: _explorer_choice(controls, name, value) for name, value in options.items()}
        needs = frozenset({NEEDS_INDICES, NEEDS_FIGURES})
        return Fragment(widget_html("explorer", options=json.dumps(chosen)), needs)

    def barometer(self) -> Fragment:
        parts = [
            markup(
                figure_fragment(
                    figure_json(figure),
                    describe(figure),
                    BAROMETER_TITLES.get(key, key),
                    phone=fit(figure_json(figure, fitted=False), PHONE),
                ).html
            )
            for key, figure in barometer_figures(load_seed_figures()).items()
        ]
        body = render("offline/barometer.html.j2", figures=parts)
        return Fragment(body, frozenset({NEEDS_FIGURES}))

    def figure_text(self, figure_id: str) -> Fragment:
        from widgets.offline.markdown import render_markdown

        return Fragment(render_markdown(figure_sentence(figure_id, load_seed_figures())))

    def activity(self, activity_id: str) -> Fragment:
        """A placeholder that ``activity.js`` turns into the form, saving in this browser."""
        if activity_title(activity_id) is None:
            raise DataError.single("activities", "unknown-item", item=activity_id)
        kind = "actors" if activity_id == ACTORS_MAP_ID else "activity"
        return Fragment(widget_html(kind, activity=activity_id), frozenset({NEEDS_COURSE}))

    def case_cards(self, ids: Sequence[str] | None = None, theme: str | None = None) -> Fragment:
        """The notebook edition's cards, same template: static HTML, nothing to load."""
        return Fragment(case_cards_html(load_cases(ids=ids, theme=theme), source_titles()))

    def navigation(self, number: int) -> Fragment:
        self._site.navigation_shown = True
        return Fragment(navigation_html(number, href=self._page))

    def home(self) -> Fragment:
        return Fragment(progress_table_html(self._site.pages), frozenset({NEEDS_COURSE}))

    def _page(self, filename: str) -> str:
        """A notebook's page in the export (``m1_….ipynb`` → ``m1_….html``)."""
        return self._site.pages.get(filename, filename)


def _explorer_choice(controls: Mapping[str, Any], name: str, value: Any) -> str:
    """One explorer option of a notebook, checked against what the export computed."""
    if name not in EXPLORER_OPTIONS:
        raise Unsupported(f"indices_explorer({name}=…)")
    allowed = {
        "region": controls["regions"],
        "compare": controls["comparisons"],
        "view": controls["views"],
        "indicator": controls["indicators"],
    }[name]
    codes = [code for _, code in allowed]
    text = "" if value is None and name == "compare" else value
    if text not in codes:
        raise DataError.single(
            "indices_explorer",
            "invalid-field",
            item=name,
            expected=", ".join(code or "(aucune)" for code in codes),
            value=str(value),
        )
    return str(text)


def progress_table_html(pages: Mapping[str, str]) -> str:
    """The home's module table; ``parcours.js`` fills the « fait / à faire » cells.

    The notebook edition's template (:mod:`widgets.templates.course`), with the progress read
    from this browser's results instead of the results store.
    """
    noscript = render("offline/noscript.html.j2")
    return browser_progress_html(lambda filename: pages.get(filename, filename), noscript)
