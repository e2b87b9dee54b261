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


def barometer_widget() -> ipw.Box:
    """The module 1 barometer: three screens, each a figure with its text alternative.

    On a shared screen (a Voilà dashboard) the three are tabs, one idea per screen, each named
    by its heading (the figure's title says the rest; its text alternative is for screen
    readers only, see the template's stylesheet). In a notebook they follow one another.
    """
    from widgets.ui.plotly_widget import (  # here: figure_text needs no widget
        FigureWidget,
        figure_context,
    )

    figures = barometer_figures(load_seed_figures())
    screen = figure_context() == "screen"
    panels: list[ipw.Widget] = []
    for key, figure in figures.items():
        widget = FigureWidget(figure)
        alt = ipw.HTML(alt_html(describe(figure), live=False))
        parts: list[ipw.Widget] = [widget, alt]
        if not screen:
            heading = macro("blocks.html.j2", "heading", BAROMETER_TITLES.get(key, key))
            parts.insert(0, ipw.HTML(heading))
        panels.append(ipw.VBox(parts, layout=ipw.Layout(width="100%")))
    box: ipw.Box
    if screen:
        box = ipw.Tab(panels, layout=ipw.Layout(width="100%"))
        box.titles = tuple(BAROMETER_TITLES.get(key, key) for key in figures)
    else:
        box = ipw.VBox(
            [part for panel in panels for part in panel.children], layout=ipw.Layout(width="100%")
        )
    box.add_class("parcours-barometer")
    return box
