"""Notices, alerts and text alternatives: the small boxes every edition shows the same way.

* :func:`status_html`: a status box (« Résultat enregistré », an import's outcome), the one the
  offline script builds too (``P.notice`` in ``offline/static/js/core.js``);
* :func:`empty_state_html`: a quiet notice where a figure cannot be drawn yet;
* :func:`alert_html`: what a learner reads instead of a traceback;
* :func:`alt_html`: a figure's text alternative.
"""

from __future__ import annotations

from collections.abc import Iterable

from widgets.templates import markup, render

OK_COLOURS = ("#009e73", "#eefaf5")
PROBLEM_COLOURS = ("#d55e00", "#fff4ec")


def status_html(text: str, *, ok: bool = True, extra: str = "") -> str:
    """A short status box; ``role="status"`` so a screen reader reads it when it changes.

    ``extra`` is HTML of ours placed after the sentence (a download link).
    """
    colour, background = OK_COLOURS if ok else PROBLEM_COLOURS
    return render(
        "status.html.j2", text=text, colour=colour, background=background, extra=markup(extra)
    )


def empty_state_html(text: str) -> str:
    """An empty state, in French, where the figure would be."""
    return render("notice.html.j2", text=text)


def alert_html(text: str, files: Iterable[str] = ()) -> str:
    """An accessible alert block (``role="alert"``): ``text`` line by line, the files to check."""
    shown = ", ".join(f"data/{name}" for name in files)
    return render("alert.html.j2", lines=text.splitlines(), files=shown)


def alt_html(text: str, *, live: bool = True) -> str:
    """A figure's text alternative; ``live`` when it changes with the figure's controls."""
    return render("alt.html.j2", text=text, live=live)
