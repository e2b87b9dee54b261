"""Course-side glue for quoted figures: the barometer screens and sourced numbers in text.

The barometer's figures never change, yet they are shown as our ``FigureWidget``
(:mod:`widgets.ui.plotly_widget`) rather than as plain plotly output: the plain output needs
JupyterLab's plotly extension, a second copy of plotly.js (1.4 MB compressed) that Voilà pages
no longer load (``extension_denylist`` in ``jupyter-config/voila.json``). The widget's bundle is
the one every dashboard already uses, fetched once over HTTP and cached by the browser.
"""

from __future__ import annotations

import html

import ipywidgets as ipw
import pandas as pd
from IPython.display import Markdown

from widgets.figures import barometer_figures, describe
from widgets.french import format_number
from widgets.loaders import load_seed_figures

BAROMETER_TITLES = {
    "pratiques": "Ce que font les entreprises de plus de 10 salariés avec les associations",
    "perimetre": "À quelle échelle se nouent les partenariats",
    "dynamique": "Une dynamique qui progresse",
}


def french_amount(value: float, unit: str) -> str:
    """« 1,2 million de partenariats », « 42 % », « 8,5 points », « 675 000 partenariats »."""
    if unit == "%":
        return f"{format_number(value)}\u00a0%"
    if value >= 1_000_000 and value % 100_000 == 0:
        millions = format_number(value / 1_000_000)
        word = "million" if value < 2_000_000 else "millions"
        return f"{millions} {word} de {unit}" if unit else f"{millions} {word}"
    return f"{format_number(value)} {unit}".strip()


def figure_sentence(figure_id: str, figures: pd.DataFrame) -> str:
    """Markdown: the value in bold, its label, and its source with the exact quote."""
    from widgets.course import source_title

    row = figures.loc[figure_id]
    amount = french_amount(float(row["value"]), str(row["unit"]))
    title = source_title(str(row["source_document"]))
    return (
        f"**{amount}** — {row['label_fr']} "
        f"*(source : {title} : « {str(row['quote']).replace('**', '').strip()} »)*"
    )


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
        alt = ipw.HTML(
            f'<p class="parcours-alt" style="font-size:0.9em;color:#333">'
            f"{html.escape(describe(figure))}</p>"
        )
        title = ipw.HTML(f"<h3>{html.escape(BAROMETER_TITLES.get(key, key))}</h3>")
        children.extend([title, widget, alt])
    box = ipw.VBox(children, layout=ipw.Layout(width="100%"))
    box.add_class("parcours-barometer")
    return box
