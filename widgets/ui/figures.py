"""Course-side glue for quoted figures: the barometer screens and sourced numbers in text.

The barometer's figures never change, yet they are shown as our ``FigureWidget``
(:mod:`widgets.ui.plotly_widget`) rather than as plain plotly output: the plain output needs
JupyterLab's plotly extension, a second copy of plotly.js (1.4 MB compressed) that Voilà pages
no longer load (``extension_denylist`` in ``jupyter-config/voila.json``). The widget's bundle is
the one every dashboard already uses, fetched once over HTTP and cached by the browser.
"""

from __future__ import annotations

import ipywidgets as ipw
from IPython.display import Markdown

from widgets.figures import barometer_figures, describe
from widgets.figures.barometer import BAROMETER_TITLES
from widgets.loaders import load_seed_figures
from widgets.quotes import figure_sentence
from widgets.templates import macro
from widgets.templates.notices import alt_html


def figure_text(figure_id: str) -> Markdown:
    """A quoted figure as a French Markdown fragment, read through the validated loader."""
    return Markdown(figure_sentence(figure_id, load_seed_figures()))


def barometer_widget() -> ipw.VBox:
    """The module 1 barometer: three screens, each a figure with its text alternative."""
    from widgets.ui.plotly_widget import FigureWidget  # here: figure_text needs no widget

    figures = barometer_figures(load_seed_figures())
    children: list[ipw.Widget] = []
    for key, figure in figures.items():
        widget = FigureWidget(figure)
        widget._config = {"displaylogo": False, "responsive": True}
        alt = ipw.HTML(alt_html(describe(figure), live=False))
        title = ipw.HTML(macro("blocks.html.j2", "heading", BAROMETER_TITLES.get(key, key)))
        children.extend([title, widget, alt])
    box = ipw.VBox(children, layout=ipw.Layout(width="100%"))
    box.add_class("parcours-barometer")
    return box
