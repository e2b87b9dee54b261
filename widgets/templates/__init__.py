"""HTML presenters: Jinja templates shared by the notebook and offline editions.

A fragment of HTML that a learner reads (the navigation bar, the progress table, …) is written
once, as a template beside this file, and filled by a function of :mod:`.course`. Autoescape is
on for every template: text that comes from a file (a title, a bank's label) is escaped on the
way out, never by hand. Jinja2 and the standard library only: the core may import this.

Escaping writes what :func:`html.escape` writes (``&quot;``, ``&#x27;``), not Jinja's own
``&#34;``/``&#39;``: the offline edition's script builds the same fragments in the browser with
``Parcours.escape`` (``offline/static/js/core.js``), and its parity tests compare them byte for
byte with the templates' output. ``NBSP`` and the ``plural``/``plural_word`` filters of
:mod:`widgets.french` are available in every template.
"""

from __future__ import annotations

import html
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from widgets.french import NBSP, plural, plural_word


def escaped(value: object) -> Markup:
    """``value`` as HTML text, escaped as :func:`html.escape` does (markup passes through)."""
    if hasattr(value, "__html__"):
        return Markup(value)
    return Markup(html.escape(str(value)))


@cache
def environment() -> jinja2.Environment:
    """The templates of this package, autoescaped, failing loudly on an undefined name."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("widgets", "templates"),
        autoescape=True,
        finalize=escaped,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["NBSP"] = NBSP
    env.filters["plural"] = plural
    env.filters["plural_word"] = plural_word
    return env


def render(name: str, **context: Any) -> str:
    """``name`` (a file of this folder) filled with ``context``, as one line-joined string."""
    return environment().get_template(name).render(**context).strip()


def fragment(name: str, macro: str, **arguments: Any) -> str:
    """One macro of the template ``name`` called with ``arguments``: the blocks of one widget
    (a quiz's heading, question, feedback, score) live in one file, each filled on its own."""
    template = environment().get_template(name)
    return str(getattr(template.module, macro)(**arguments)).strip()
