"""Case cards as HTML, for the notebook and the offline editions alike.

A card says what the source says and no more: the title, year, territory and actors it names,
what it says was learned (or that it says nothing of it), the exact sentence it comes from and
the source's title. Cards of the 2020 map (doc. 004, OCR) carry only a territory's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from widgets.french import join_fr
from widgets.loaders.cases import Case
from widgets.templates import render

SILENT_FR = "La source nomme ce cas sans dire ce qui en a été appris."
EMPTY_FR = "Aucun cas de terrain pour ce choix."


def case_cards_html(cases: Iterable[Case], source_titles: Mapping[str, str]) -> str:
    """One card per case, in the order given; ``source_titles`` maps a file to its title."""
    cards = [
        {
            "case_id": case.case_id,
            "title": case.title,
            "year": case.year,
            "territory": case.territory,
            "theme": case.theme,
            "actors": join_fr(case.actors),
            "learned": case.learned,
            "silent": SILENT_FR,
            "quote": " ".join(case.quote.split()),
            "source": source_titles.get(case.source_document, case.source_document),
        }
        for case in cases
    ]
    return render("cases.html.j2", cards=cards, empty=EMPTY_FR)
