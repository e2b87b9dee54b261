"""How every figure is shown by plotly.js: its toolbar (the « modebar ») and its words, in French.

Plotly's toolbar offers a dozen buttons by default (zoom, pan, lasso and box selection,
autoscale, hover modes…) whose tooltips are English (« Download plot as a PNG », « Lasso
Select »). On a shared screen or in a learner's page they are clutter, and a click on one of
them changes what the figure shows without changing its controls. One button helps: saving the
image (for a slide or a report). So the toolbar holds that button only, with a French tooltip,
no plotly logo and no link to an external service.

plotly.js reads these options from the *config* of each plot (not from the figure), so they are
given where a figure is drawn: the notebook widget (:mod:`widgets.ui.plotly_widget`) and the
offline edition's script (written into ``assets/parcours.js``). The French words travel inside
the config (plotly.js's ``locales`` option): nothing is registered globally, nothing is fetched.
Numbers on axes are French already through the theme's ``separators``
(:mod:`widgets.figures.theme`); the locale's formats add French day and month names.
"""

from __future__ import annotations

import copy
from typing import Any

from widgets.french import NBSP

LOCALE = "fr"

FRENCH_WORDS: dict[str, str] = {
    # The one button we keep: its tooltip (plotly.js says « Download plot » for other formats).
    "Download plot as a PNG": "Télécharger l'image",
    "Download plot": "Télécharger l'image",
    "Download plot as JSON": "Télécharger les données (JSON)",
    # What plotly.js says while it saves the image.
    "Preparing image - this may take a few seconds": (
        f"Préparation de l'image{NBSP}: quelques secondes…"
    ),
    "Taking snapshot - this may take a few seconds": (
        f"Préparation de l'image{NBSP}: quelques secondes…"
    ),
    "Snapshot succeeded": "Image enregistrée",
    "Sorry, there was a problem downloading your image!": ("L'image n'a pas pu être enregistrée."),
    "Sorry, there was a problem downloading your snapshot!": (
        "L'image n'a pas pu être enregistrée."
    ),
    # Tips plotly.js may show after a click on the legend or a double click.
    "Double-click on legend to isolate one trace": (
        "Double-cliquez sur la légende pour n'afficher qu'une série"
    ),
    "Double-click to zoom back out": "Double-cliquez pour revenir à la vue d'ensemble",
    "Click to enter Plot title": "Cliquez pour saisir le titre",
    "Click to enter X axis title": "Cliquez pour saisir le titre de l'axe horizontal",
    "Click to enter Y axis title": "Cliquez pour saisir le titre de l'axe vertical",
}
"""plotly.js's English strings (its ``_(gd, '…')`` calls) and what a French reader sees."""

FRENCH_FORMATS: dict[str, Any] = {
    "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
    "months": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "shortMonths": [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ],
    "date": "%d/%m/%Y",
}
"""French dates for plotly.js (d3's time format keys); numbers follow the theme's separators."""

TOOLBAR_BUTTONS = [["toImage"]]
"""The toolbar's only button: save the figure as an image."""


def plotly_config(filename: str = "parcours") -> dict[str, Any]:
    """The plotly.js config every parcours figure is drawn with (a fresh copy to edit).

    ``filename``: the saved image's name, without extension.
    """
    return {
        "displaylogo": False,
        "responsive": True,
        "locale": LOCALE,
        "locales": {
            LOCALE: {"dictionary": dict(FRENCH_WORDS), "format": copy.deepcopy(FRENCH_FORMATS)}
        },
        "modeBarButtons": copy.deepcopy(TOOLBAR_BUTTONS),
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showTips": False,
    }


__all__ = ["FRENCH_WORDS", "LOCALE", "TOOLBAR_BUTTONS", "plotly_config"]
