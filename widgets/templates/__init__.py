"""HTML presenters: Jinja templates shared by the notebook and offline editions.

A fragment of HTML that a learner reads (the navigation bar, the progress table, …) is written
once, as a template beside this file, and filled by a function of :mod:`.course`. Autoescape is
on for every template: text that comes from a file (a title, a bank's label) is escaped on the
way out, never by hand. Jinja2 and the standard library only: the core may import this.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2


@cache
def environment() -> jinja2.Environment:
    """The templates of this package, autoescaped, failing loudly on an undefined name."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("widgets", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(name: str, **context: Any) -> str:
    """``name`` (a file of this folder) filled with ``context``, as one line-joined string."""
    return environment().get_template(name).render(**context).strip()
