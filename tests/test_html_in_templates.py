"""HTML is written in Jinja templates (``widgets/templates/``), not built in Python strings.

A presenter chooses the words and the template holds the markup, autoescaped; an f-string that
writes tags escapes by hand, or forgets to. This test reads every module of ``widgets/`` and
fails on an f-string (or a ``+`` of a string) that writes an HTML tag, with two exceptions:

* plotly's text markup in the figure builders (``widgets/figures/``): ``<b>``, ``<br>``,
  ``<i>``, ``<sup>``… inside titles and hover texts is plotly's, not HTML a page shows;
* :data:`NOT_YET_MOVED`: modules whose f-strings are still to be moved, each with the number it
  has; the number may go down, never up, and no other module may start.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WIDGETS = ROOT / "widgets"

TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)(?=[\s>/]|$)")
PLOTLY_TAGS = {"b", "br", "i", "em", "sup", "sub", "span", "a", "s", "u"}
"""The markup plotly reads in a figure's texts (``plotly.js`` ``svg_text_utils``)."""
FIGURE_BUILDERS = "widgets/figures/"

NOT_YET_MOVED: dict[str, int] = {}
"""Modules still building HTML in f-strings (changed in parallel work when this test was
written): their count may only go down. Remove a line when its module reaches zero."""


def _literal_text(node: ast.AST) -> str:
    """The literal characters of a string or f-string (what is between the ``{…}``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_literal_text(part) for part in node.values)
    return ""


def _html_tags(text: str) -> set[str]:
    return {match.group(1).lower() for match in TAG.finditer(text)}


def html_strings(source: str, relative: str) -> list[tuple[int, str]]:
    """(line, tags) of each f-string or string concatenation of ``source`` that writes HTML."""
    tree = ast.parse(source)
    found = []
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inside |= {id(part) for part in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = _literal_text(node)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            text = _literal_text(node.left) + " " + _literal_text(node.right)
        else:
            continue
        if id(node) in inside:
            continue
        tags = _html_tags(text)
        if relative.startswith(FIGURE_BUILDERS):
            tags -= PLOTLY_TAGS
        if tags:
            found.append((node.lineno, ", ".join(sorted(tags))))
    return sorted(found)


def modules() -> list[Path]:
    return sorted(WIDGETS.rglob("*.py"))


def test_the_checker_finds_tags_and_lets_plotly_markup_pass() -> None:
    source = (
        "a = f'<p>{x}</p>'\n"
        "b = f'Score {x}'\n"
        "c = '<li>' + x\n"
        "d = f'{x}<br>{y}'\n"
        "e = ('<div class=\"x\">' f'{x}')\n"
        "f = 'x < y'\n"
        "g = f'{a} <{b}'\n"
    )
    found = html_strings(source, "widgets/ui/x.py")
    assert found == [(1, "p"), (3, "li"), (4, "br"), (5, "div")]
    assert html_strings(source, "widgets/figures/x.py") == [(1, "p"), (3, "li"), (5, "div")]


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(WIDGETS).as_posix())
def test_html_is_written_in_templates(path: Path) -> None:
    relative = path.relative_to(ROOT).as_posix()
    found = html_strings(path.read_text(encoding="utf-8"), relative)
    allowed = NOT_YET_MOVED.get(relative, 0)
    where = "; ".join(f"line {line}: <{tags}>" for line, tags in found)
    assert len(found) <= allowed, (
        f"{relative} builds HTML in Python strings ({where}): write it in a template of "
        "widgets/templates/ (see widgets/templates/__init__.py)"
    )


def test_templates_escape_like_the_offline_script() -> None:
    """``{{ value }}`` gives :func:`html.escape`'s entities, which ``P.escape`` (core.js) writes."""
    from widgets.templates import environment

    text = 'l\'« axe » <b> & "x"'
    shown = environment().from_string('<p title="{{ t }}">{{ t }}</p>').render(t=text)
    assert shown == f'<p title="{html.escape(text)}">{html.escape(text)}</p>'
