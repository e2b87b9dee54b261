"""Texts of a page a reader cannot read whole, measured in Chromium: letters taller than their
line, labels cut by their control. Bounding boxes alone miss both: a 6em code on ipywidgets'
fixed 28 px line has a box that overlaps nothing while its glyphs cover the line above, and a
button's box is whole while its label ends in « … ».

``scope`` is the CSS selector of what is ours: Voilà's ``#rendered_cells``, JupyterLab's cell
outputs (JupyterLab's own interface is not ours to fix).
"""

from __future__ import annotations

from typing import Any

CRAMPED_LINES = """(scope) => [...document.querySelectorAll(scope)]
  .flatMap((root) => [root, ...root.querySelectorAll('*')])
  .filter((el) => el.offsetParent !== null && [...el.childNodes]
    .some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
  .map((el) => { const s = getComputedStyle(el);
    return { text: el.textContent.trim().slice(0, 40), size: parseFloat(s.fontSize),
             line: s.lineHeight === 'normal' ? Infinity : parseFloat(s.lineHeight) }; })
  .filter((t) => t.line < t.size)"""

CLIPPED_LABELS = """(scope) => [...document.querySelectorAll(scope)]
  .flatMap((root) => [...root.querySelectorAll('button, .widget-label, label')])
  .filter((el) => el.offsetParent !== null && el.textContent.trim()
    && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
  .map((el) => el.textContent.trim().slice(0, 40))"""
"""Buttons and labels whose text is wider than their box and cut (ipywidgets gives a button
148 px and an ellipsis: « ← Question précédente » showed « ← Questi… »)."""


def cramped_lines(page: Any, scope: str = "#rendered_cells") -> list[str]:
    """:data:`CRAMPED_LINES` as sentences."""
    return [
        f"« {t['text']} »: {t['size']:.0f} px letters on a {t['line']:.0f} px line"
        for t in page.evaluate(CRAMPED_LINES, scope)
    ]


def clipped_labels(page: Any, scope: str = "#rendered_cells") -> list[str]:
    """:data:`CLIPPED_LABELS` as sentences."""
    return [f"« {text} » is cut by its control" for text in page.evaluate(CLIPPED_LABELS, scope)]


def text_problems(page: Any, scope: str = "#rendered_cells") -> list[str]:
    """Both checks of this module."""
    return cramped_lines(page, scope) + clipped_labels(page, scope)
