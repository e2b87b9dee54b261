"""Blocks every form that saves results shows: a download link, paragraphs, a list of problems.

The quiz, the diagnostic, the activity and the results panel of the notebook edition show the
same ``<a download>`` links; their status box is :func:`widgets.templates.notices.status_html`
(the one the offline script writes too). Markup in ``forms.html.j2``.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

from markupsafe import Markup

from widgets.templates import macro

TEMPLATE = "forms.html.j2"


def download_link(content: str | bytes, filename: str, mime: str, label: str) -> str:
    """An ``<a download>`` link carrying ``content`` as a base64 ``data:`` URI."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    charset = ";charset=utf-8" if isinstance(content, str) else ""
    encoded = base64.b64encode(data).decode("ascii")
    href = f"data:{mime}{charset};base64,{encoded}"
    return macro(TEMPLATE, "download_link", filename=filename, href=href, label=label)


def paragraphs_html(items: Iterable[str | Markup], style: str = "") -> str:
    """One paragraph per item: ``Markup`` (a link) as it is, text escaped."""
    return macro(TEMPLATE, "paragraphs", items=list(items), style=style)


def problems_html(lines: Iterable[str]) -> str:
    """The French messages of a refused file, as a list."""
    return macro(TEMPLATE, "problems", lines=list(lines))
