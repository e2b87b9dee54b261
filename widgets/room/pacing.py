"""A session question by question: which question the room is on, what its phones may see.

The facilitator moves through a bank's questions (:meth:`LiveStore.move`); the phones show only
the current one. Each question says when phones see the room's results (``results`` in the
bank: ``always``, ``answered``, ``revealed`` — the default — or ``never``). A self-diagnostic is
not paced: its profile needs every statement, answered at each person's own pace, and its
results are those of the whole session.

Pure functions over a bank, a stored session and the room's aggregate
(:func:`widgets.room.aggregate.summary`), so the push, the participant routes and the tests
agree on what a phone is sent. Every phone of a session is sent the same document (one event
built for all), so it holds only what every phone may see: a question whose results are
``never`` shown, not yet revealed, or shown to those who ``answered`` it, is not in it at all.
A phone that answered such a question asks for its results with its signed identity
(``GET …/results?participant=``), and the server checks in the store that it did.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from widgets.banks import Bank, DiagnosticBank, graded_items
from widgets.storage.live import LiveSession


def paced(bank: Bank) -> bool:
    """Whether phones show one question at a time, the facilitator's (quizzes and polls)."""
    return not isinstance(bank, DiagnosticBank)


def visibility(bank: Bank) -> list[str]:
    """Each question's results rule, in the bank's order."""
    return [getattr(item, "results", "revealed") for item in bank.items]


def clamp(bank: Bank, index: int) -> int:
    """``index`` kept inside the bank's questions."""
    return max(0, min(index, len(bank.items) - 1))


def revealed_now(session: LiveSession, index: int) -> bool:
    """Whether question ``index``'s results are revealed: once revealed, until the
    facilitator hides them while on that question (then until revealed again)."""
    if index == session.current:
        return session.revealed
    return index in session.visible


def lock_indices(bank: Bank, answers: Mapping[str, Any]) -> dict[str, int]:
    """The quiz questions among ``answers``, by their index: the store refuses a change to one
    whose right answer was shown (:class:`widgets.storage.live_batch.Submission`)."""
    graded = graded_items(bank)
    order = [item.id for item in bank.items]
    return {key: order.index(key) for key in graded if key in answers}


def needs_results(bank: Bank, session: LiveSession) -> bool:
    """Whether a phone's document carries any count, or a count a phone may ask for
    (``answered``), changes: the aggregate must then be computed and each change sent."""
    if not paced(bank):
        return session.revealed
    rules = visibility(bank)
    return any(
        rule in ("always", "answered") or (rule == "revealed" and revealed_now(session, i))
        for i, rule in enumerate(rules)
    )


def phone_results(
    bank: Bank,
    session: LiveSession,
    results: Mapping[str, Any] | None,
    answered: Collection[str] | None = None,
) -> dict[str, Any] | None:
    """The part of the room's aggregate a phone may see now, or ``None``.

    For a paced bank: only the questions whose rule allows it, each with its ``visible`` rule.
    Without ``answered`` it is what every phone may see (the pushed event, one for all): an
    ``answered`` question only once revealed. With ``answered`` (the questions one phone
    answered, read from the store for its signed identity) it is that phone's: an
    ``answered`` question once it answered it. A quiz question's right answer is kept out
    until it is revealed, whatever its rule.
    """
    if results is None:
        return None
    if not paced(bank):
        return dict(results) if session.revealed else None
    rules = visibility(bank)
    kept = []
    for index, question in enumerate(results.get("questions", [])):
        rule = rules[index] if index < len(rules) else "revealed"
        now = revealed_now(session, index)
        if rule == "answered" and not now:
            if answered is None or question.get("id") not in answered:
                continue
        elif rule == "never" or (rule == "revealed" and not now):
            continue
        shown = dict(question, visible="revealed" if rule == "answered" and now else rule)
        if not now:
            shown["answer"] = None
        kept.append(shown)
    if not kept:
        return None
    return {**results, "questions": kept, "profile": None}


def corrections(
    bank: Bank, session: LiveSession, titles: Mapping[str, str] | None = None
) -> dict[str, dict[str, str]]:
    """For each quiz question revealed: its right option, explanation and source (the source
    document's title from ``titles``, file name → title, rather than its file name).

    Never before the reveal: the phone's page must not hold a right answer the room has not
    been shown.
    """
    titles = titles or {}
    graded = graded_items(bank)
    found = {}
    for index in session.shown:
        if index < len(bank.items) and bank.items[index].id in graded:
            item = graded[bank.items[index].id]
            found[item.id] = {
                "answer": str(item.answer),
                "explanation": str(item.explanation),
                "source": titles.get(str(item.source), str(item.source)),
            }
    return found


def pacing_state(
    bank: Bank, session: LiveSession, titles: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """What a phone needs to follow the facilitator: the question shown, of how many, and the
    corrections revealed (sources named by ``titles``)."""
    return {
        "paced": paced(bank),
        "current": clamp(bank, session.current),
        "total": len(bank.items),
        "corrections": corrections(bank, session, titles),
    }
