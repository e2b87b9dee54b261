"""HTML presenters: Jinja templates shared by the notebook and offline editions.

A fragment of HTML that a learner reads (the navigation bar, the progress table, a diagnostic's
summary, a notice, the printable report…) is written once, as a template in this folder, and
filled by a small function of a module beside it (:mod:`.course`, :mod:`.diagnostic`,
:mod:`.notices`…) or of the edition that shows it. Where the notebook and the offline editions
show the same thing, both call the same function, so the two cannot drift.

Every template the package renders itself lives here, in one environment (Voilà's page template
is Voilà's, in ``share/jupyter/voila/templates/parcours/``): what only one edition shows sits
in a sub-folder named after it (``offline/``: the page shell, the replay page, the placeholders
``parcours.js`` fills; ``ui/``: the blocks between the notebook forms' controls). A template
imports nothing, so an edition's page kept here adds no import from the core to the edition; in
exchange every template gets the same escaping, the same strictness, and the same checks
(``tests/course/test_typography.py`` reads them all).

Escaping: autoescape is on, so text that comes from a file (a title, a bank's label) is escaped
on the way out, never by hand. Values are escaped as :func:`html.escape` does (``&quot;``,
``&#x27;``), not as Jinja's default (``&#34;``, ``&#39;``): the offline script
(``offline/static/js/core.js``, ``P.escape``) builds the same fragments in the browser and the
two must be equal string for string (``tests/offline/test_js_parity.py``). A no-break space is
written as the character itself (U+00A0) in the templates that script mirrors, since the script
writes the character, not ``&nbsp;``.

``NBSP`` and the ``plural``/``plural_word`` filters of :mod:`widgets.french` are available
in every template.

Core: imports Jinja2, MarkupSafe, and the core below it (``plan``, ``french``, ``room``,
``loaders``, ``scoring``); never an edition.
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


def markup(html_text: str) -> Markup:
    """HTML that a presenter of ours already rendered, to be placed in a template as it is."""
    return Markup(html_text)


def macro(name: str, macro_name: str, *args: Any, **kwargs: Any) -> str:
    """Macro ``macro_name`` of template ``name`` called with the arguments, as a string.

    For the small blocks a widget puts in several ``ipywidgets.HTML`` (a heading, a note): one
    template per widget holds them all, as macros.
    """
    module = environment().get_template(name).module
    return str(getattr(module, macro_name)(*args, **kwargs)).strip()
