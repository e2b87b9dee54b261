"""The « catalyseur » screens: the four métiers and their activities, and the room's profile.

The métiers and activities are read from the « Profil du catalyseur » bank, so the dashboard,
the self-diagnostic and the live poll always show the same sixteen activities. The room's
profile comes from the latest live session of that bank that has answers.
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.banks import DiagnosticBank, load_banks
from widgets.french import NBSP

BANK_ID = "profil_catalyseur"
COLOURS = ("#0072B2", "#009E73", "#D55E00", "#CC79A7")  # Okabe–Ito: safe for colour blindness


def metiers_html(bank: DiagnosticBank) -> str:
    """Four cards, one per métier, with its activities as a list."""
    cards = []
    for axis, colour in zip(bank.axes, COLOURS * 2, strict=False):
        items = "".join(
            f"<li>{html.escape(item.statement)}</li>" for item in bank.items if item.axis == axis.id
        )
        cards.append(
            f'<section class="parcours-card" style="border-top:8px solid {colour};'
            'padding:0.6em 1em;background:#f7f7f7;flex:1 1 20em">'
            f"<h3 style='margin-top:0.2em'>{html.escape(axis.label)}</h3><ul>{items}</ul></section>"
        )
    return f'<div style="display:flex;flex-wrap:wrap;gap:1em">{"".join(cards)}</div>'


def _bank() -> DiagnosticBank:
    bank = load_banks()[BANK_ID]
    if not isinstance(bank, DiagnosticBank):  # pragma: no cover - the shipped bank is one
        raise TypeError(f"{BANK_ID} is not a diagnostic bank")
    return bank


def metiers() -> ipw.HTML:
    """The four métiers screen (a French message if the bank cannot be read)."""
    from widgets.ui.messages import build_or_message

    return build_or_message(lambda: ipw.HTML(metiers_html(_bank())), "metiers")


EMPTY_GROUP = (
    "<p role='status' style='font-size:1.1em;padding:0.6em 1em;background:#f2f2f2;"
    f"border-left:6px solid #0072b2'>Pas encore de profil de groupe{NBSP}: lancez l'autodiagnostic "
    f"«{NBSP}Profil du catalyseur{NBSP}» depuis le tableau de bord «{NBSP}Audience en "
    f"direct{NBSP}», puis revenez ici."
    "</p>"
)


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
