"""parcours: data loading, scoring, figures and widgets for the co-construction course.

The package is also a jupyter_server extension (enabled by the configuration file installed
with it), so the one server that runs JupyterLab and Voilà prints the course's addresses and
serves the live-audience routes.

Its folders (each ``__init__`` says what it holds and may import, ``pyproject.toml``
``[tool.importlinter]`` checks it): the three editions ``ui/``, ``live/`` and ``offline/``,
which never import each other; ``host/``, which mounts them; and the core they stand on,
``templates/``, ``figures/``, ``room/``, ``scoring/``, ``loaders/``, ``banks/``, ``storage/``
and the modules at this level. ``static/`` holds the notebook edition's plotly front-end.
"""

from __future__ import annotations

__version__ = "0.1.0"


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "widgets.host.server"}]
