"""The « catalyseur » screens: the four métiers and their activities, and the room's profile.

The métiers and activities are read from the « Profil du catalyseur » bank, so the dashboard,
the self-diagnostic and the live poll always show the same sixteen activities. The room's
profile comes from the latest live session of that bank that has answers.
"""

from __future__ import annotations

import ipywidgets as ipw

from widgets.banks import DiagnosticBank, load_banks
from widgets.french import NBSP
from widgets.templates import render
from widgets.templates.notices import empty_state_html

BANK_ID = "profil_catalyseur"
COLOURS = ("#0072B2", "#009E73", "#D55E00", "#CC79A7")  # Okabe–Ito: safe for colour blindness


def metiers_html(bank: DiagnosticBank) -> str:
    """Four cards, one per métier, with its activities as a list."""
    cards = [
        {
            "colour": colour,
            "label": axis.label,
            "activities": [item.statement for item in bank.items if item.axis == axis.id],
        }
        for axis, colour in zip(bank.axes, COLOURS * 2, strict=False)
    ]
    return render("ui/catalyst.html.j2", cards=cards)


def _bank() -> DiagnosticBank:
    bank = load_banks()[BANK_ID]
    if not isinstance(bank, DiagnosticBank):  # pragma: no cover - the shipped bank is one
        raise TypeError(f"{BANK_ID} is not a diagnostic bank")
    return bank


def metiers() -> ipw.HTML:
    """The four métiers screen (a French message if the bank cannot be read)."""
    from widgets.ui.messages import build_or_message

    return build_or_message(lambda: ipw.HTML(metiers_html(_bank())), "metiers")


EMPTY_GROUP = empty_state_html(
    f"Pas encore de profil de groupe{NBSP}: lancez l'autodiagnostic «{NBSP}Profil du "
    f"catalyseur{NBSP}» depuis le tableau de bord «{NBSP}Audience en direct{NBSP}», puis "
    "revenez ici."
)
"""The empty state of :func:`group_profile_widget` (the notice every empty figure shows)."""


def group_profile_widget() -> ipw.Widget:
    """The room's average profile from the latest live session of the bank, or an empty state."""
    from widgets.figures.room import radar_figure
    from widgets.room.aggregate import group_profile, participant_count
    from widgets.storage.live import LiveStore
    from widgets.ui.plotly_widget import FigureWidget

    bank = _bank()
    with LiveStore() as store:
        for session in store.sessions():
            if session.bank_id != BANK_ID:
                continue
            answers = store.answers(session.id)
            people = participant_count(answers)
            if people:
                figure = radar_figure(group_profile(bank, answers), bank.title, people)
                return FigureWidget(figure)
    return ipw.HTML(EMPTY_GROUP)


def group_profile() -> ipw.Widget:
    """:func:`group_profile_widget`, or a French message if the live store cannot be read."""
    from widgets.ui.messages import build_or_message

    return build_or_message(group_profile_widget, "group_profile")
