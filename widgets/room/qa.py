"""The audience's questions (a poll's ``questions`` item): their bounds and the room's order.

Participants ask questions of their own and vote for the others' (Slido's and Claper's « Q&A »).
Everything here is pure; the store (:mod:`widgets.storage.live_qa`) keeps the questions and
one vote per participant per question, the live server takes them (:mod:`widgets.live.qa`).

Rules, decided once for every room:

* a question is anonymous: no name is asked, and neither its author nor its voters ever leave
  the server (the room, the exports and the replay see its text and its count of votes only);
* a question is :data:`MIN_CHARS` to :data:`MAX_CHARS` characters once spaces are tidied;
* a participant votes at most once for a question, never for their own (their question is
  already theirs), and a vote is not taken back;
* the facilitator marks a question answered (it moves after the open ones) or hides it (no
  one sees it again, nor does any export).
"""

from __future__ import annotations

from collections.abc import Iterable

from widgets.room.words import clean_answer
from widgets.storage.live_qa import AudienceQuestion

__all__ = [
    "MAX_CHARS",
    "MIN_CHARS",
    "ROOM_LIST_SIZE",
    "AudienceQuestion",
    "clean_question",
    "room_lists",
    "room_order",
]

MIN_CHARS = 3
MAX_CHARS = 280
"""Characters of one audience question (a tweet's worth: a question, not a speech)."""


def clean_question(text: str) -> str | None:
    """The question as stored, or ``None`` when it is too short or too long."""
    cleaned = clean_answer(text)
    return cleaned if MIN_CHARS <= len(cleaned) <= MAX_CHARS else None


def room_order(asked: Iterable[AudienceQuestion]) -> list[AudienceQuestion]:
    """What the room sees, in order: hidden ones out; open questions first, most votes first,
    the earliest first on a tie; then the answered ones, in the same order."""
    shown = [question for question in asked if not question.hidden]
    return sorted(shown, key=lambda q: (q.answered, -q.votes, q.created_at, q.id))


ROOM_LIST_SIZE = 100
"""Questions of one item pushed to the phones at most (the most supported): every phone gets
every change, and a room reads no more than that; exports and replays keep them all."""


def room_lists(
    asked: Iterable[AudienceQuestion], limit: int = ROOM_LIST_SIZE
) -> dict[str, list[dict[str, object]]]:
    """Item id → its first ``limit`` questions as the room sees them (:func:`room_order`)."""
    lists: dict[str, list[dict[str, object]]] = {}
    for question in room_order(asked):
        listed = lists.setdefault(question.item_id, [])
        if len(listed) < limit:
            listed.append(question.public())
    return lists
