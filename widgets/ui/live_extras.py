"""The facilitator's panel: the room's word clouds and the audience's questions, beside its bars.

Bar charts show choices; a cloud and a list of questions are HTML (rendered by
:func:`widgets.templates.room.room_extras_html`, escaped there). The audience's questions and
the hidden words change without an answer arriving, so the panel asks :meth:`RoomExtras.changed`
as well as the counts before it reads everything again.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as ipw

from widgets.banks import Bank
from widgets.storage.live import LiveSession, LiveStore
from widgets.storage.live_qa import AudienceQuestion, QAStore
from widgets.templates.room import room_extras_html


def has_extras(bank: Bank) -> bool:
    """Whether a bank has a ``words`` or ``questions`` item (else nothing is read)."""
    return any(getattr(item, "type", "choice") in ("words", "questions") for item in bank.items)


class RoomExtras:
    """One HTML widget that the panel puts under its figure, and what it was made from."""

    def __init__(self, store: LiveStore, banks: dict[str, Bank]) -> None:
        self.qa = QAStore(store)
        self.banks = banks
        self.widget = ipw.HTML()
        self._seen: Any = None

    def read(self, session: LiveSession) -> tuple[list[str], list[AudienceQuestion]]:
        """The session's hidden words and audience's questions (also what exports need)."""
        return self.qa.hidden_words(session.id), self.qa.questions(session.id)

    def changed(self, session: LiveSession) -> bool:
        """Whether a question, a vote, a mark or a hidden word changed since the last show
        (of a revealed session: the panel shows none of it before)."""
        bank = self.banks.get(session.bank_id)
        if not session.revealed or bank is None or not has_extras(bank):
            return False
        return self.read(session) != self._seen

    def show(self, session: LiveSession, bank: Bank, answers: Any) -> None:
        read = self.read(session) if has_extras(bank) else ([], [])
        self._seen = read
        self.widget.value = room_extras_html(bank, answers, *read)
