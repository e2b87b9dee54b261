"""What a pooled kernel does before anyone asks for it (:mod:`widgets.host.kernels`).

A dashboard's first cell pays for its imports (pandas, plotly, ipywidgets, our package), for
reading and validating ``data/`` and for plotly's own lazy imports the first time a figure is
built. A pooled kernel pays for all of that while it waits, so the first cell only builds its
widgets (:func:`widgets.ui.radar_updates.prepare` keeps the explorer's first figure). Nothing here
creates a widget: a widget made without a page would be sent to the page that later connects
to this kernel.

The loaders cache by file modification time, so a data file changed after the warm-up is read
again when the dashboard asks for it.
"""

from __future__ import annotations

import contextlib


def warm_up() -> None:
    """Import and compute what the dashboards' first cells need; never raises.

    A failure here (a broken data file, say) is not reported: the dashboard that needs the
    data meets the same problem and shows it in French, with the details in the log.
    """
    with contextlib.suppress(Exception):
        # Imported for their cost: pandas, plotly, ipywidgets, anywidget, the explorer.
        import widgets.ui.course  # noqa: F401
        from widgets.ui import indices, plotly_widget, radar_updates  # noqa: F401

        radar_updates.prepare()  # data read and validated, scores, the radar's first figure
