"""The course's links and progress as HTML, for the notebook and the offline editions alike.

``href`` turns a notebook's file name into the address a page links to: the notebook edition
links notebooks (JupyterLab resolves ``m1_….ipynb`` next to the open one), the offline edition
its own ``.html`` pages. Everything else is the same template, so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup

from widgets.plan import DONE, HOME_FILE, MODULES, NONE, TODO, module, progress
from widgets.templates import render

MARKS = {"done_mark": DONE, "todo_mark": TODO, "none_mark": NONE}
"""How the progress table marks a part done, to do, or absent (both editions)."""


def _same(filename: str) -> str:
    return filename


def navigation_html(number: int, href: Callable[[str], str] = _same) -> str:
    """The navigation bar of module ``number``: previous module, home, next module.

    Module 0 has no previous module and module 9 no next one; an unknown number gets only the
    link home, so a mistyped call still leaves the learner a way out.
    """
    current = module(number)
    return render(
        "navigation.html.j2",
        current=current,
        previous=module(number - 1) if current else None,
        following=module(number + 1) if current else None,
        home_file=HOME_FILE,
        href=href,
    )


def progress_html(
    done: Iterable[str] | None, problem_fr: str | None = None, href: Callable[[str], str] = _same
) -> str:
    """The home table: one row per module, with a link and, when known, the progress.

    ``done`` is ``None`` when the results could not be read: the table then lists the modules
    without progress and ``problem_fr`` is shown above it.
    """
    return render(
        "progress.html.j2",
        rows=progress(done or ()),
        known=done is not None,
        browser=False,
        problem_fr=problem_fr,
        href=href,
        **MARKS,
    )


def browser_progress_html(href: Callable[[str], str], noscript: str = "") -> str:
    """The offline home's table, filled by ``parcours.js`` from this browser's results."""
    return render(
        "browser_progress.html.j2",
        rows=progress(()),
        known=False,
        browser=True,
        problem_fr=None,
        href=href,
        noscript=Markup(noscript),
        **MARKS,
    )


__all__ = ["MODULES", "browser_progress_html", "navigation_html", "progress_html"]
