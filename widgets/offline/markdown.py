"""Markdown cells as HTML for the offline course, with links rewritten for a folder of pages.

``markdown-it-py`` (CommonMark, plus the tables and strikethrough the notebooks use) rather
than nbconvert's mistune filter: it is what JupyterLab's own renderer follows most closely,
it needs no Pygments or template, and it lets one rule rewrite links:

* ``m3_modeles_co_construction.ipynb`` becomes the page the export writes for that notebook;
* a link to the web stays a link (the sources a module cites are worth keeping) but is marked
  as external: it says it needs a connection, opens in a new tab and sends no referrer. The
  page itself never loads anything from it.

Headings get stable ``id`` attributes so that a learner can bookmark a section. Tables scroll
in their own box (class ``table-defile``, reachable with the keyboard) rather than making a
phone's whole page slide sideways.

Words that only make sense with a kernel (« exécutez le carnet : menu Exécution… », « cliquez
sur Actualiser ma progression ») are written in the notebooks between
``<!-- notebook-only -->`` and ``<!-- /notebook-only -->``: invisible comments in JupyterLab,
and left out here (:func:`without_notebook_only`), with the list item they filled.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt

from widgets.french import NBSP

EXTERNAL_TITLE = f"Lien externe{NBSP}: s'ouvre dans un nouvel onglet et nécessite une connexion"
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_NOTEBOOK_ONLY = re.compile(r"<!--\s*notebook-only\s*-->.*?<!--\s*/notebook-only\s*-->", re.DOTALL)
_EMPTY_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]*$")


def without_notebook_only(text: str) -> str:
    """``text`` without its notebook-only parts, and without a list item left empty by one."""
    if "notebook-only" not in text:
        return text
    kept = _NOTEBOOK_ONLY.sub("", text).splitlines()
    return "\n".join(line for line in kept if not _EMPTY_ITEM.match(line))


def is_external(href: str) -> bool:
    """True for an address that leaves the folder (``https:``, ``mailto:``, ``//host``…)."""
    return bool(_SCHEME.match(href)) or href.startswith("//")


def slug(text: str) -> str:
    """``Quatre métiers, seize activités`` → ``quatre-metiers-seize-activites``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "section"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def render_markdown(
    text: str, pages: Mapping[str, str] | None = None, anchors: set[str] | None = None
) -> str:
    """HTML of one markdown cell.

    ``pages`` maps notebook file names to their page names; ``anchors`` holds the heading ids
    already used on the page (shared by its cells, so that two « Quiz » headings differ).
    """
    parser = _parser()
    env: dict[str, Any] = {}
    tokens = parser.parse(without_notebook_only(text), env)
    targets = dict(pages or {})
    used = anchors if anchors is not None else set()
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            anchor = slug(tokens[index + 1].content)
            while anchor in used:
                anchor += "-"
            used.add(anchor)
            token.attrSet("id", anchor)
        elif token.type == "table_open":
            token.attrSet("class", "table-defile")
            token.attrSet("tabindex", "0")  # a box that scrolls must take the focus (WCAG)
        for child in token.children or []:
            if child.type == "link_open":
                _rewrite_link(child, targets)
    return parser.renderer.render(tokens, parser.options, env)


def _rewrite_link(token: Any, pages: Mapping[str, str]) -> None:
    href = str(token.attrGet("href") or "")
    if is_external(href):
        token.attrSet("rel", "noopener noreferrer")
        token.attrSet("target", "_blank")
        token.attrSet("class", "lien-externe")
        token.attrSet("title", EXTERNAL_TITLE)
        return
    path, hash_, fragment = href.partition("#")
    name = path.rsplit("/", 1)[-1]
    if name in pages:
        token.attrSet("href", pages[name] + (hash_ + fragment if hash_ else ""))
