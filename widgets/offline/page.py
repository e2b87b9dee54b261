"""The HTML of an offline page: the shared shell, and a notebook's cells as its content.

Every page is one file at the top of the export, next to ``assets/``, so that relative links
and ``<script src>`` work from ``file://`` wherever the folder is copied. The shell carries:

* the site menu (home, dashboards, replays, results) and previous / home / next links, at the
  top and, unless a cell drew the module navigation, at the bottom;
* the scripts the content needs, all local and ``defer``: the text is on screen before any
  script runs, and plotly.js (1.5 MB: only the trace types of our figures,
  :mod:`widgets.offline.plotlyjs`) is only loaded by ``parcours.js`` when a figure nears the
  screen, or with the page where the figure is the page (dashboards, replays);
* a Content-Security-Policy that allows nothing but the folder's own files: even a mistake in
  a figure could not make the page reach the network.

The markup is in ``widgets/templates/offline/`` (``page.html.j2``, ``links.html.j2``,
``cells.html.j2``, ``outputs.html.j2``), not beside this module: every template of the project
lives in one folder and one Jinja environment (:mod:`widgets.templates`), so the shell is
escaped, checked for French typography and held to the same strictness as the fragments it
wraps, and may include them. The sub-folder says that only this edition renders these files; a
template imports nothing, so keeping it there adds no import from the core to the edition. This
module keeps what is decided in Python: which scripts a page needs, which cell becomes what.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from widgets.french import NBSP
from widgets.offline.facade import (
    NEEDS_COURSE,
    NEEDS_FIGURES,
    NEEDS_INDICES,
    Fragment,
    Unsupported,
    figure_fragment,
)
from widgets.offline.markdown import render_markdown
from widgets.offline.runner import Printed, RunNotebook
from widgets.templates import macro, markup, render

LINKS = "offline/links.html.j2"
OUTPUTS = "offline/outputs.html.j2"
SITE_TITLE = f"Parcours «{NBSP}co-construction territoriale{NBSP}»"
CSP = (
    "default-src 'none'; script-src 'self' file: 'unsafe-inline'; "
    "style-src 'self' file: 'unsafe-inline'; img-src 'self' file: data: blob:; "
    "font-src 'self' file: data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)
PLOTLY_PATH = "assets/plotly.min.js"


@dataclass(frozen=True)
class Link:
    """A link of the menus: target page, words shown, and a longer title."""

    href: str
    text: str
    title: str = ""

    def html(self, css_class: str = "") -> str:
        return macro(LINKS, "link", self, css_class)


@dataclass(frozen=True)
class Page:
    """One page of the export before it is written."""

    filename: str
    title: str
    body: str
    needs: frozenset[str]
    bottom_navigation: bool = True
    eager_figures: bool = False
    """Load plotly.js with the page (dashboards, replays: the figure is the page) rather than
    when a figure nears the screen (modules: the text comes first)."""


def neighbours_html(previous: Link | None, following: Link | None, *, where: str) -> str:
    """« ← précédent · Accueil · suivant → » (the home link is always there)."""
    return macro(LINKS, "neighbours", previous, following, where)


def page_html(
    page: Page,
    *,
    menu: Iterable[Link],
    previous: Link | None,
    following: Link | None,
    generated: str,
) -> str:
    """The complete HTML document of ``page``."""
    scripts = []
    if NEEDS_COURSE in page.needs:
        scripts.append("assets/data/course.js")
    if NEEDS_INDICES in page.needs:
        scripts.append("assets/data/indices.js")
    if page.eager_figures and NEEDS_FIGURES in page.needs:
        scripts.append(PLOTLY_PATH)
    scripts.append("assets/parcours.js")
    document = render(
        "offline/page.html.j2",
        page=page,
        body=markup(page.body),
        scripts=scripts,
        menu=list(menu),
        previous=previous,
        following=following,
        generated=generated,
        site_title=SITE_TITLE,
        csp=markup(CSP),  # our constant: its quotes stay quotes
        plotly=PLOTLY_PATH,
    )
    return document + "\n"


def notebook_page(run: RunNotebook, filename: str, pages: Mapping[str, str]) -> Page:
    """A notebook's cells as page content: markdown as HTML, each output as its fragment.

    Code is never shown: the course's cells are hidden in JupyterLab too (``hide-input``).
    """
    anchors: set[str] = set()
    cells: list[dict[str, Any]] = []
    needs: set[str] = set()
    for cell in run.cells:
        if cell.kind == "markdown":
            text = render_markdown(cell.source, pages, anchors)
            cells.append({"text": True, "html": markup(text)})
            continue
        for output in cell.outputs:
            fragment = as_fragment(output, pages)
            needs |= fragment.needs
            cells.append({"text": False, "html": markup(fragment.html)})
    body = render("offline/cells.html.j2", cells=cells)
    return Page(filename, run.title, body, frozenset(needs))


def as_fragment(value: Any, pages: Mapping[str, str]) -> Fragment:
    """What a cell's output becomes in a static page.

    Fragments from the offline facade pass through; Markdown and HTML displays, plotly figures
    (``FigureWidget`` included: the figure is the same), printed text and anything with an HTML
    representation (a DataFrame) are rendered. Widgets that only show content (``HTML``,
    ``Label`` and boxes of them) become that content; a widget that needs a kernel to work
    raises :class:`Unsupported`.
    """
    from plotly.basedatatypes import BaseFigure

    if isinstance(value, Fragment):
        return value
    if isinstance(value, Printed):
        return Fragment(macro(OUTPUTS, "printed", value.text))
    if isinstance(value, BaseFigure):
        return _plotly_fragment(value)
    kind = type(value).__name__
    module = type(value).__module__
    if module.startswith("IPython") and kind == "Markdown":
        return Fragment(render_markdown(str(value.data), pages))
    if module.startswith("IPython") and kind == "HTML":
        return Fragment(str(value.data))
    if _is_widget(value):
        return _static_widget(value, pages)
    if hasattr(value, "_repr_mimebundle_"):
        raise Unsupported(f"{module}.{kind}")
    if hasattr(value, "_repr_html_"):
        return Fragment(str(value._repr_html_()))
    return Fragment(macro(OUTPUTS, "printed", repr(value)))


def _is_widget(value: Any) -> bool:
    try:
        import ipywidgets
    except ImportError:  # pragma: no cover - ipywidgets is a dependency
        return False
    return isinstance(value, ipywidgets.Widget)


def _static_widget(value: Any, pages: Mapping[str, str]) -> Fragment:
    """A display-only widget as its content; anything interactive is :class:`Unsupported`."""
    import ipywidgets as ipw

    if isinstance(value, ipw.HTML | ipw.HTMLMath):
        return Fragment(str(value.value))
    if isinstance(value, ipw.Label):
        return Fragment(macro(OUTPUTS, "label", str(value.value)))
    if isinstance(value, ipw.Box):  # tabs and accordions too: every pane, one after another
        parts = [as_fragment(child, pages) for child in value.children]
        needs = frozenset().union(*(part.needs for part in parts))
        return Fragment("".join(part.html for part in parts), needs)
    raise Unsupported(f"{type(value).__module__}.{type(value).__name__}")


def _plotly_fragment(figure: Any) -> Fragment:
    import json

    from widgets.figures import describe

    try:
        alt = describe(figure)
    except Exception:  # a figure from outside widgets.figures has no parcours meta
        alt = "Figure"
    return figure_fragment(json.loads(figure.to_json()), alt)
