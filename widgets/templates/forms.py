"""Blocks every form that saves results shows: a status notice, a download link, a list.

The quiz, the diagnostic, the activity and the results panel of the notebook edition show the
same « Résultat enregistré » box and the same ``<a download>`` links; the offline edition's
script writes the same box (``Parcours.notice``). Markup in ``forms.html.j2``.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

from markupsafe import Markup

from widgets.templates import fragment

NOTICE_STYLE = "border-left:6px solid {color};padding:0.4em 1em;margin:0.4em 0;background:{bg}"
OK_STYLE = NOTICE_STYLE.format(color="#009e73", bg="#eefaf5")
PROBLEM_STYLE = NOTICE_STYLE.format(color="#d55e00", bg="#fff4ec")
TEMPLATE = "forms.html.j2"


def notice_html(text: str, *, ok: bool = True, extra: str = "") -> str:
    """A short status box (green when ``ok``, orange otherwise); ``extra`` is HTML put under
    the text (made by this module: links, a list of problems)."""
    style = OK_STYLE if ok else PROBLEM_STYLE
    return fragment(TEMPLATE, "notice", style=style, text=text, extra=Markup(extra))


def download_link(content: str | bytes, filename: str, mime: str, label: str) -> str:
    """An ``<a download>`` link carrying ``content`` as a base64 ``data:`` URI."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    charset = ";charset=utf-8" if isinstance(content, str) else ""
    encoded = base64.b64encode(data).decode("ascii")
    href = f"data:{mime}{charset};base64,{encoded}"
    return fragment(TEMPLATE, "download_link", filename=filename, href=href, label=label)


def paragraphs_html(items: Iterable[str | Markup], style: str = "") -> str:
    """One paragraph per item: ``Markup`` (a link) as it is, text escaped."""
    return fragment(TEMPLATE, "paragraphs", items=list(items), style=style)


def problems_html(lines: Iterable[str]) -> str:
    """The French messages of a refused file, as a list."""
    return fragment(TEMPLATE, "problems", lines=list(lines))
