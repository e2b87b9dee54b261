"""The pages and shared files of an export, once the inputs are loaded.

:func:`notebook_page_for` runs one notebook through the offline facade and lays it out;
:func:`write_pages` adds the menus and the previous / next links of the reading order;
:func:`write_assets` copies plotly.js (as ``assets/plotly.min.js``, whichever
:func:`~widgets.offline.plotlyjs.choose_plotly_js` picked), the style sheet and the script (the
sources in ``static/js/`` concatenated, so a page loads one file). Notebooks run inside
:func:`isolated_stores`, so nothing a learner or a live room saved can end up in an export.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from widgets.errors import DataError
from widgets.facade import use
from widgets.figures.toolbar import plotly_config
from widgets.french import NBSP
from widgets.offline.facade import (
    NEEDS_COURSE,
    OfflineCourse,
    Site,
    Unsupported,
    widget_html,
)
from widgets.offline.page import Link, Page, notebook_page, page_html
from widgets.offline.runner import CellError, run_notebook
from widgets.offline.target import ExportError
from widgets.templates import markup, render

STATIC = Path(__file__).parent / "static"
JS_FILES = (
    "core.js",
    "scoring.js",
    "records.js",
    "exchange.js",
    "figures.js",
    "quiz.js",
    "activity.js",
    "actors.js",
    "diagnostic.js",
    "results.js",
    "explorer.js",
    "boot.js",
)
"""Sources of ``assets/parcours.js``, concatenated in this order (each adds to ``Parcours``)."""


def notebook_page_for(path: Path, filename: str, site: Site, *, dashboard: bool) -> Page | None:
    """One notebook as a page; ``None`` for a dashboard that needs a kernel (it is skipped)."""
    site.navigation_shown = False
    try:
        with use(OfflineCourse(site)):
            run = run_notebook(path)
        page = notebook_page(run, filename, site.pages)
    except CellError as exc:
        if dashboard and isinstance(exc.error, Unsupported):
            site.skipped[path.name] = exc.message_fr()
            return None
        raise ExportError(
            f"Le carnet «{NBSP}{path.name}{NBSP}» n'a pas pu être exécuté{NBSP}: rien n'a été "
            "écrit.",
            [exc.message_fr()],
        ) from exc
    except (Unsupported, DataError) as exc:  # raised while laying out the outputs
        if dashboard and isinstance(exc, Unsupported):
            site.skipped[path.name] = exc.message_fr()
            return None
        raise ExportError(
            f"Le carnet «{NBSP}{path.name}{NBSP}» n'a pas pu être mis en page{NBSP}: rien n'a "
            "été écrit.",
            [exc.message_fr()],
        ) from exc
    return Page(
        page.filename,
        page.title,
        page.body,
        page.needs,
        bottom_navigation=not site.navigation_shown,
        eager_figures=dashboard,
    )


@contextmanager
def isolated_stores() -> Iterator[None]:
    """Run the notebooks against empty results and live-audience stores.

    An export is handed to people: it must never carry a learner's saved results or a live
    session's answers that a dashboard happened to read while it was built. A replay is the one
    way a room's answers enter an export, and it is explicit (``--replay``).
    """
    scratch = Path(tempfile.mkdtemp(prefix="parcours-export-stores-"))
    names = ("PARCOURS_DATABASE_URL", "PARCOURS_LIVE_DATABASE_URL")
    saved = {name: os.environ.get(name) for name in names}
    os.environ["PARCOURS_DATABASE_URL"] = f"sqlite:///{scratch / 'resultats.sqlite3'}"
    os.environ["PARCOURS_LIVE_DATABASE_URL"] = f"sqlite:///{scratch / 'live.sqlite3'}"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(scratch, ignore_errors=True)


def results_page() -> Page:
    """« Mes résultats »: the list, the JSON export and the import, outside any module."""
    body = render("offline/results.html.j2", widget=markup(widget_html("results")))
    return Page("resultats.html", "Mes résultats", body, frozenset({NEEDS_COURSE}))


def with_extras(home: Page, others: list[Page]) -> Page:
    """The home, with a word on this edition first and the pages that are not modules last.

    The course home speaks of running the notebook; offline there is nothing to run.
    """
    links = [Link(page.filename, page.title) for page in others]
    body = render("offline/home.html.j2", body=markup(home.body), others=links)
    return Page(home.filename, home.title, body, home.needs | {NEEDS_COURSE})


def write_pages(folder: Path, pages: list[Page], course_pages: int, generated: str) -> None:
    """Every page as a file; the menu lists the home and every page after the course."""
    menu = [Link("index.html", "Accueil")]
    menu += [Link(p.filename, p.title) for p in pages[course_pages:]]
    for index, page in enumerate(pages):
        previous = page_link(pages[index - 1]) if index > 0 else None
        following = page_link(pages[index + 1]) if index + 1 < len(pages) else None
        text = page_html(
            page, menu=menu, previous=previous, following=following, generated=generated
        )
        (folder / page.filename).write_text(text, encoding="utf-8")


def page_link(page: Page) -> Link:
    """Short words for previous / next: « Module 3 » rather than the whole title."""
    if page.filename == "index.html":
        return Link(page.filename, "Accueil du parcours", page.title)
    head = page.title.split(" — ", 1)[0]
    return Link(page.filename, head if head.startswith("Module") else page.title, page.title)


def write_assets(folder: Path, plotly_js: Path) -> None:
    """The files every page shares, and the read-me next to the pages.

    ``plotly_js`` is copied as ``assets/plotly.min.js``, the name the pages load
    (:data:`~widgets.offline.page.PLOTLY_PATH`), partial or full.
    """
    assets = folder / "assets"
    shutil.copyfile(plotly_js, assets / "plotly.min.js")
    shutil.copyfile(STATIC / "parcours.css", assets / "parcours.css")
    script = "\n".join((STATIC / "js" / name).read_text(encoding="utf-8") for name in JS_FILES)
    header = "/* parcours — édition hors ligne. Sources\u00a0: widgets/offline/static/js/ */\n"
    # The figures' toolbar and French words, as the notebook's figures have them (figures.js).
    config = json.dumps(plotly_config(), ensure_ascii=False, sort_keys=True)
    header += f"window.PARCOURS_PLOTLY_CONFIG = {config};\n"
    (assets / "parcours.js").write_text(header + script, encoding="utf-8")
    shutil.copyfile(STATIC / "LISEZMOI.txt", folder / "LISEZMOI.txt")
