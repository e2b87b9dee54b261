"""parcours: data loading, scoring, figures and widgets for the co-construction course.

The package is also a jupyter_server extension (enabled by the configuration file installed
with it), so the one server that runs JupyterLab and Voilà prints the course's addresses and
serves the live-audience routes.
"""

from __future__ import annotations

__version__ = "0.1.0"


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "widgets.host.server"}]
