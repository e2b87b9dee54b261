"""The dashboard's pacing controls: « Question précédente », « Question suivante », where the
room is. The phones show the question chosen here or on the projected screen
(:mod:`widgets.room.pacing`); a self-diagnostic is not paced, so the buttons stay disabled."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as ipw

from widgets.banks import Bank
from widgets.french import NBSP
from widgets.room.pacing import clamp, paced
from widgets.storage.live import LiveSession, LiveStore
from widgets.templates.forms import paragraphs_html


class PacingControls(ipw.HBox):
    """Two buttons and a line; ``changed`` is called after each move (the panel refreshes)."""

    def __init__(self, store: LiveStore, changed: Callable[[], None]) -> None:
        self.store = store
        self.changed = changed
        self.session: LiveSession | None = None
        self.bank: Bank | None = None
        # sized to their label (ipywidgets' fixed width cut it to « ← Questi… »)
        sized = ipw.Layout(width="auto")
        self.previous_button = ipw.Button(
            description="← Question précédente", disabled=True, layout=sized
        )
        self.next_button = ipw.Button(
            description="Question suivante →", disabled=True, layout=sized
        )
        self.where = ipw.HTML()
        self.previous_button.on_click(lambda _: self.move(-1))
        self.next_button.on_click(lambda _: self.move(+1))
        super().__init__(
            [self.previous_button, self.next_button, self.where],
            # a gap: the « Question N sur M » line touched the button on the shared screen
            layout=ipw.Layout(align_items="center", flex_flow="row wrap", grid_gap="0.5em 1em"),
        )

    def show(self, session: LiveSession, bank: Bank | None) -> None:
        """Follow ``session`` as last read by the panel."""
        self.session, self.bank = session, bank
        total = len(bank.items) if bank is not None and paced(bank) else 0
        self.previous_button.disabled = total == 0 or session.current == 0
        self.next_button.disabled = total == 0 or session.current >= total - 1
        where = f"Question {session.current + 1}{NBSP}sur{NBSP}{total}"
        self.where.value = (
            paragraphs_html([f"{where} (celle que les téléphones affichent)"]) if total else ""
        )

    def move(self, step: int) -> None:
        """Show the next (``+1``) or previous (``-1``) question on the phones."""
        if self.session is None or self.bank is None:
            return
        current = self.store.session(self.session.id) or self.session
        self.store.move(current.id, clamp(self.bank, current.current + step))
        self.changed()
