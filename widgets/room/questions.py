"""What a participant's phone is shown of a bank, and the check of what it sends back.

The three kinds of bank ask differently (a diagnostic statement on the bank's scale, a poll
question with options or on a scale, a quiz question with options), but a phone only needs one
shape: a question, its choices, and the value each choice sends. :func:`questions` gives that
shape; :func:`check_answers` accepts only values that one of those choices would send.

A quiz's right answer and explanation are never part of it: participants must not be able to
read them from the page before the facilitator reveals the results.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from widgets.banks import Bank, DiagnosticBank, PollBank, PollItem, QuizBank
from widgets.errors import DataError, Problem
from widgets.scoring.diagnostic import answers_origin

Value = int | str
"""A stored answer: a scale level (``int``) or an option id (``str``)."""


@dataclass(frozen=True)
class Choice:
    value: Value
    label: str


@dataclass(frozen=True)
class Question:
    """One question as a phone shows it; ``axis`` is set for a diagnostic statement."""

    id: str
    text: str
    choices: tuple[Choice, ...]
    axis: str | None = None

    @property
    def on_scale(self) -> bool:
        return bool(self.choices) and isinstance(self.choices[0].value, int)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "choices": [{"value": c.value, "label": c.label} for c in self.choices],
        }


def questions(bank: Bank) -> list[Question]:
    """The bank's questions in order, each with the values its choices send."""
    if isinstance(bank, DiagnosticBank):
        scale = tuple(Choice(level.value, level.label) for level in bank.scale)
        return [Question(item.id, item.statement, scale, item.axis) for item in bank.items]
    if isinstance(bank, QuizBank):
        return [
            Question(item.id, item.question, tuple(Choice(o.id, o.label) for o in item.options))
            for item in bank.items
        ]
    return [_poll_question(bank, item) for item in bank.items]


def _poll_question(bank: PollBank, item: PollItem) -> Question:
    if item.options is not None:
        choices = tuple(Choice(o.id, o.label) for o in item.options)
    else:  # the loader guarantees a scale when an item has no options
        choices = tuple(Choice(level.value, level.label) for level in bank.scale or [])
    return Question(item.id, item.question, choices)


def public_view(bank: Bank) -> dict[str, Any]:
    """The bank as sent to participants: texts and choices only (no quiz answers)."""
    return {
        "bank": bank.id,
        "version": bank.version,
        "kind": bank.kind,
        "title": bank.title,
        "description": bank.description,
        "questions": [question.to_dict() for question in questions(bank)],
    }


def check_answers(bank: Bank, raw: Mapping[str, Any]) -> dict[str, Value]:
    """``raw`` (question id → value) checked against the bank, in canonical form.

    Raise :class:`DataError` naming every bad answer: ``unknown-item`` (no such question),
    ``invalid-field`` (a value of the wrong type: text for a scale, a number for options),
    ``out-of-scale`` or ``unknown-option``. A scale level may come as ``2`` or ``2.0`` (what
    JSON libraries produce), never as ``true`` or ``"2"``. A server checking many submissions
    keeps one :class:`AnswerCheck` per bank instead.
    """
    return AnswerCheck(bank)(raw)


@dataclass(frozen=True)
class _Allowed:
    """One question's accepted values: a set to test, the bank's order to name them."""

    on_scale: bool
    values: frozenset[Value]
    choices: tuple[Value, ...]


class AnswerCheck:
    """:func:`check_answers` for one bank, with the bank's questions prepared once.

    In a burst every phone's submission is checked; building the question list for each one
    was the largest cost of the answer route that was ours (profile in ``benchmarks/README.md``).
    Only ``bank`` is kept, so a bank reloaded from disk needs a new check (:attr:`bank` tells).
    """

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.origin = answers_origin(bank.id)
        self._allowed = {
            q.id: _Allowed(
                q.on_scale, frozenset(c.value for c in q.choices), tuple(c.value for c in q.choices)
            )
            for q in questions(bank)
        }

    def __call__(self, raw: Mapping[str, Any]) -> dict[str, Value]:
        """``raw`` in canonical form, or :class:`DataError` (see :func:`check_answers`)."""
        checked: dict[str, Value] = {}
        problems: list[Problem] = []
        for item_id, value in raw.items():
            allowed = self._allowed.get(item_id)
            if allowed is None:
                problems.append(
                    Problem(self.origin, "unknown-item", item=str(item_id), value=_shown(value))
                )
            elif allowed.on_scale:
                level = _as_int(value)
                if level is None:
                    problems.append(
                        _wrong_type(self.origin, item_id, value, "un niveau de l'échelle")
                    )
                elif level not in allowed.values:
                    problems.append(self._outside(allowed, "out-of-scale", item_id, value))
                else:
                    checked[item_id] = level
            elif not isinstance(value, str):
                problems.append(
                    _wrong_type(self.origin, item_id, value, "l'identifiant d'une option")
                )
            elif value not in allowed.values:
                problems.append(self._outside(allowed, "unknown-option", item_id, value))
            else:
                checked[item_id] = value
        if problems:
            raise DataError.collect(problems)
        return checked

    def _outside(self, allowed: _Allowed, code: str, item_id: str, value: Any) -> Problem:
        expected = ", ".join(map(str, allowed.choices))
        return Problem(self.origin, code, item=item_id, value=_shown(value), expected=expected)


def _wrong_type(origin: str, item_id: str, value: Any, expected: str) -> Problem:
    return Problem(origin, "invalid-field", item=item_id, value=_shown(value), expected=expected)


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _shown(value: Any, limit: int = 40) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
