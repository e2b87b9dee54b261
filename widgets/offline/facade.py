"""The course facade offline: what ``widgets.course`` and the navigation return in an export.

In JupyterLab, ``quiz(3)`` returns an ipywidget. In the exported folder the same call, made by
:mod:`widgets.offline.runner`, returns a :class:`Fragment`: the HTML that stands for the widget
and the scripts it needs. Interactive parts (quiz, diagnostic, results, explorer, progress) are
placeholders that ``assets/parcours.js`` fills from the embedded banks and data; static figures
carry their plotly JSON. The wording comes from the same functions the widgets use
(:func:`~widgets.ui.figures.figure_sentence`, :data:`~widgets.ui.figures.BAROMETER_TITLES`,
:func:`~widgets.ui.navigation.navigation_html`), so it cannot drift.

Unlike the notebook facade, which never raises (a learner must always get a French sentence),
these functions raise on any problem: the export stops with the message rather than shipping a
module with an error in it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from widgets.errors import DataError

NEEDS_COURSE = "course"
"""The page loads ``assets/data/course.js`` (banks, source titles, modules, replays)."""
NEEDS_INDICES = "indices"
"""The page loads ``assets/data/indices.js`` (the explorer's selections)."""
NEEDS_FIGURES = "figures"
"""The page draws plotly figures (``assets/plotly.min.js``, loaded when a figure is near)."""

NOSCRIPT = (
    '<noscript><p class="parcours-notice">Cette partie interactive a besoin de JavaScript, '
    "désactivé dans ce navigateur.</p></noscript>"
)
EXPLORER_OPTIONS = ("region", "compare", "view", "indicator")
_E = html.escape


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
            f"« {self.what} » a besoin d'un noyau Python et n'a pas d'équivalent dans "
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
    attributes = "".join(
        f' data-{key.replace("_", "-")}="{_E(value)}"' for key, value in data.items()
    )
    return (
        f'<div class="parcours-widget parcours-{kind}" data-parcours="{kind}"{attributes}>'
        f"{NOSCRIPT}</div>"
    )


def json_script(value: Any, css_class: str) -> str:
    """``value`` as an inline JSON block (``</`` escaped so it cannot close the script)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    safe = text.replace("</", "<\\/")
    return f'<script type="application/json" class="{css_class}">{safe}</script>'


def figure_fragment(figure: Mapping[str, Any], alt: str, heading: str | None = None) -> Fragment:
    """A static plotly figure: drawn by ``parcours.js`` when near the screen, alt text below."""
    title = f"<h3>{_E(heading)}</h3>" if heading else ""
    body = (
        f'<figure class="parcours-figure">{title}'
        f'<div class="figure-plotly" data-parcours="figure" role="img" aria-label="{_E(alt)}">'
        f"</div>{json_script(figure, 'figure-data')}"
        f'<figcaption class="parcours-alt">{_E(alt)}</figcaption></figure>'
    )
    return Fragment(body, frozenset({NEEDS_FIGURES}))


def figure_json(figure: Any) -> dict[str, Any]:
    """A plotly figure as plain JSON (numpy values converted by plotly's own encoder)."""
    return json.loads(figure.to_json())


class OfflineCourse:
    """Stands for ``widgets.course`` in a notebook run by the exporter."""

    def __init__(self, site: Site) -> None:
        self._site = site

    def quiz(self, module: int) -> Fragment:
        from widgets.banks import QuizBank
        from widgets.course import course_bank

        if isinstance(module, bool) or not isinstance(module, int):
            raise DataError.single(
                "banks", "invalid-field", item="module", expected="un entier de 0 à 9"
            )
        bank = course_bank(f"quiz_module_{module}", QuizBank)
        return Fragment(widget_html("quiz", bank=bank.id), frozenset({NEEDS_COURSE}))

    def diagnostic(self, bank_id: str) -> Fragment:
        from widgets.banks import DiagnosticBank
        from widgets.course import course_bank

        bank = course_bank(bank_id, DiagnosticBank)
        needs = frozenset({NEEDS_COURSE, NEEDS_FIGURES})
        return Fragment(widget_html("diagnostic", bank=bank.id), needs)

    def results(self) -> Fragment:
        return Fragment(widget_html("results"), frozenset({NEEDS_COURSE}))

    def indices_explorer(self, **options: Any) -> Fragment:
        controls = self._site.explorer_controls
        if controls is None:
            raise Unsupported("indices_explorer (explorateur non construit)")
        chosen: dict[str, str] = {}
        for name, value in options.items():
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
            chosen[name] = text
        needs = frozenset({NEEDS_INDICES, NEEDS_FIGURES})
        return Fragment(widget_html("explorer", options=json.dumps(chosen)), needs)

    def barometer(self) -> Fragment:
        from widgets.figures import barometer_figures, describe
        from widgets.loaders import load_seed_figures
        from widgets.ui.figures import BAROMETER_TITLES

        parts = []
        for key, figure in barometer_figures(load_seed_figures()).items():
            fragment = figure_fragment(
                figure_json(figure), describe(figure), BAROMETER_TITLES.get(key, key)
            )
            parts.append(fragment.html)
        body = f'<div class="parcours-barometer">{"".join(parts)}</div>'
        return Fragment(body, frozenset({NEEDS_FIGURES}))

    def figure_text(self, figure_id: str) -> Fragment:
        from widgets.loaders import load_seed_figures
        from widgets.offline.markdown import render_markdown
        from widgets.ui.figures import figure_sentence

        return Fragment(render_markdown(figure_sentence(figure_id, load_seed_figures())))

    def source_titles(self) -> dict[str, str]:
        from widgets.course import source_titles

        return source_titles()

    def source_title(self, file_name: str) -> str:
        return self.source_titles().get(file_name, file_name)

    def __getattr__(self, name: str) -> Any:
        """Anything else is the real facade's (``course_bank``, ``store``…): what it returns is
        judged when displayed (see :func:`widgets.offline.page.as_fragment`)."""
        import widgets.course

        return getattr(widgets.course, name)


class OfflineNavigation:
    """Stands for ``widgets.ui.navigation``: the same links, pointing at pages."""

    def __init__(self, site: Site) -> None:
        self._site = site

    def navigation(self, number: int) -> Fragment:
        from widgets.ui.navigation import navigation_html

        self._site.navigation_shown = True
        return Fragment(self.relinked(navigation_html(number)))

    def home(self) -> Fragment:
        return Fragment(progress_table_html(self._site.pages), frozenset({NEEDS_COURSE}))

    def relinked(self, text: str) -> str:
        """``href="m1_….ipynb"`` → ``href="m1_….html"`` for every page of the export."""
        pages = self._site.pages
        return re.sub(
            r'href="([^"#]+\.ipynb)(#[^"]*)?"',
            lambda m: f'href="{_E(pages.get(m[1], m[1]))}{m[2] or ""}"',
            text,
        )

    def __getattr__(self, name: str) -> Any:
        """``MODULES``, ``module()``, ``navigation_html()``… are the real ones."""
        from widgets.ui import navigation

        return getattr(navigation, name)


def progress_table_html(pages: Mapping[str, str]) -> str:
    """The home's module table; ``parcours.js`` fills the « fait / à faire » cells.

    Same columns and captions as :func:`widgets.ui.navigation.progress_html`, with the
    progress read from this browser's results instead of the results store.
    """
    from widgets.ui.navigation import MODULES, NONE

    cell = "padding:0.35em 0.8em;border-bottom:1px solid #D0D0D0;text-align:left"
    head = "".join(
        f'<th scope="col" style="{cell}">{label}</th>'
        for label in ("Module", "Quiz", "Autodiagnostic")
    )
    rows = []
    for module in MODULES:
        page = pages.get(module.filename, module.filename)
        diagnostic = module.diagnostic_bank or ""
        rows.append(
            f'<tr data-module="{module.number}" data-quiz-bank="{_E(module.quiz_bank)}" '
            f'data-diagnostic-bank="{_E(diagnostic)}">'
            f'<th scope="row" style="{cell};font-weight:normal">'
            f'<a href="{_E(page)}" title="Ouvrir le module {module.number}">'
            f"{_E(module.label)}</a></th>"
            f'<td data-part="quiz" style="{cell}">{NONE}</td>'
            f'<td data-part="diagnostic" style="{cell}">{NONE}</td></tr>'
        )
    return (
        '<div class="parcours-widget parcours-progress" data-parcours="progress">'
        '<p data-part="summary" role="status"></p>'
        '<table style="border-collapse:collapse;font-size:1.05em">'
        "<caption style='text-align:left;font-weight:600;padding-bottom:0.4em'>"
        "Les modules du parcours et votre progression</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        '<p class="parcours-note">Votre progression est lue dans ce navigateur : elle '
        "n'apparaît pas dans un autre navigateur ni sur un autre ordinateur. Pour la garder ou "
        'la transférer, exportez vos résultats depuis <a href="resultats.html">Mes résultats</a>.'
        f"</p>{NOSCRIPT}</div>"
    )
