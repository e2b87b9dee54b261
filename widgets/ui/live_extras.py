"""The facilitator's panel: the room's word clouds and the audience's questions, beside its bars.

Bar charts show choices; a cloud and a list of questions are HTML (rendered by
:func:`widgets.templates.room.room_extras_html`, escaped there). The audience's questions and
the hidden words change without an answer arriving, so the panel asks :meth:`RoomExtras.changed`
as well as the counts before it reads everything again.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw

from widgets.banks import Bank
from widgets.room.words import word_key
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
        self.moderation: Moderation | None = None
        """Set by the panel: the facilitator's controls over what the room typed."""

    def refresh_moderation(self) -> None:
        if self.moderation is not None:
            self.moderation.refresh()

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
        if self.moderation is not None:
            self.moderation.show(session, bank, read)


class Moderation(ipw.VBox):
    """The facilitator's hands on what the room typed: hide a word of the clouds (or show it
    again), mark an audience question answered, hide one. Not for the projected screen: it sits
    with the panel's controls. The same changes as the admin API (:mod:`widgets.live.qa`).
    """

    def __init__(
        self,
        extras: RoomExtras,
        session: Callable[[], LiveSession | None],
        changed: Callable[[], None],
        guard: Callable[[Callable[..., Any]], Callable[..., None]],
    ) -> None:
        self.extras, self._session, self._changed = extras, session, changed
        wide = ipw.Layout(width="auto")
        self.word = ipw.Text(description="Mot", placeholder="un mot du nuage")
        self.hide_word = ipw.Button(description="Masquer le mot", layout=wide)
        self.show_word = ipw.Button(description="Réafficher", layout=wide)
        self.hidden = ipw.HTML()
        self.question = ipw.Dropdown(
            description="Question du public", layout=ipw.Layout(width="40em")
        )
        self.answered = ipw.Button(description="Marquer répondue", layout=wide)
        self.hide_question = ipw.Button(description="Masquer la question", layout=wide)
        self.reload = ipw.Button(description="Actualiser la liste", layout=wide)
        self.hide_word.on_click(guard(lambda _: self._word(hide=True)))
        self.show_word.on_click(guard(lambda _: self._word(hide=False)))
        self.answered.on_click(guard(lambda _: self._mark(answered=True)))
        self.hide_question.on_click(guard(lambda _: self._mark(hidden=True)))
        self.reload.on_click(guard(lambda _: self.refresh()))
        super().__init__(
            [
                ipw.HBox([self.word, self.hide_word, self.show_word, self.hidden]),
                ipw.HBox([self.question, self.answered, self.hide_question, self.reload]),
            ]
        )
        self.layout.display = "none"

    def show(self, session: LiveSession, bank: Bank, read: tuple[list[str], list[Any]]) -> None:
        """Offer what this bank has (a cloud, audience questions), with the current lists."""
        kinds = {getattr(item, "type", "choice") for item in bank.items}
        self.layout.display = None if kinds & {"words", "questions"} else "none"
        self.children[0].layout.display = None if "words" in kinds else "none"
        self.children[1].layout.display = None if "questions" in kinds else "none"
        hidden, asked = read
        shown = html.escape(", ".join(hidden))
        self.hidden.value = f"Masqués\u00a0: {shown}" if hidden else ""
        # In the order they were asked, not by votes: a vote arriving must not move the question
        # the facilitator is about to mark; the one chosen stays chosen.
        ordered = sorted((q for q in asked if not q.hidden), key=lambda q: (q.created_at, q.id))
        options = [(f"{q.text} ({q.votes})", q.id) for q in ordered]
        if options != list(self.question.options):
            chosen = self.question.value
            self.question.options = options
            if chosen in {value for _, value in options}:
                self.question.value = chosen

    def refresh(self) -> None:
        """Read the session's hidden words and questions again (results shown or not)."""
        session = self._session()
        bank = self.extras.banks.get(session.bank_id) if session is not None else None
        if session is not None and bank is not None:
            self.show(session, bank, self.extras.read(session) if has_extras(bank) else ([], []))

    def _word(self, *, hide: bool) -> None:
        session = self._session()
        if session is None or not self.word.value.strip():
            return
        change = self.extras.qa.hide_word if hide else self.extras.qa.show_word
        change(session.id, word_key(self.word.value))
        self.word.value = ""
        self._changed()
        self.refresh()

    def _mark(self, **change: bool) -> None:
        session = self._session()
        if session is not None and self.question.value:
            self.extras.qa.mark(session.id, self.question.value, **change)
            self._changed()
            self.refresh()
