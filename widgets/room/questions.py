"""What a participant's phone is shown of a bank, and the check of what it sends back.

The three kinds of bank ask differently (a diagnostic statement on the bank's scale, a poll
question with options or on a scale, a quiz question with options), but a phone only needs one
shape: a question, its type, its choices, and the value each choice sends. :func:`questions`
gives that shape; :func:`check_answers` accepts only values that one of those choices would
send. A poll's question may also be ``multiple`` (a list of at most ``max_choices`` option ids,
stored in the bank's order), ``words`` (a short text, :mod:`widgets.room.words` bounds it) or
``questions`` (the audience's questions: they come through their own route,
:mod:`widgets.room.qa`, never as an answer).

A quiz's right answer and explanation are never part of it: participants must not be able to
read them from the page before the facilitator reveals the results.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from widgets.banks import Bank, DiagnosticBank, PollBank, PollItem, QuizBank
from widgets.errors import DataError, Problem
from widgets.room import qa, words
from widgets.scoring.diagnostic import answers_origin

Value = int | str
"""A choice's value: a scale level (``int``) or an option id (``str``)."""

Answer = int | str | list[str]
"""A stored answer: a choice's value, the text of a ``words`` answer, or the option ids of a
``multiple`` answer (in the bank's order)."""


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
    type: str = "choice"
    """``choice``, ``multiple``, ``words`` or ``questions`` (:class:`widgets.banks.PollItem`)."""
    max_choices: int | None = None
    graded: bool = False
    """Whether it has a right answer (never which one: that comes with the reveal)."""
    results: str = "revealed"
    """When phones see the room's results (:data:`widgets.banks.model.ResultsVisibility`)."""

    @property
    def on_scale(self) -> bool:
        return bool(self.choices) and isinstance(self.choices[0].value, int)

    def to_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "type": self.type,
            "choices": [{"value": c.value, "label": c.label} for c in self.choices],
            "results": self.results,
        }
        if self.graded:
            document["graded"] = True
        if self.type == "multiple":
            document["max_choices"] = self.max_choices
        elif self.type == "words":
            document["max_chars"], document["max_words"] = words.MAX_CHARS, words.MAX_WORDS
        elif self.type == "questions":
            document["max_chars"] = qa.MAX_CHARS
        return document


def questions(bank: Bank) -> list[Question]:
    """The bank's questions in order, each with the values its choices send."""
    if isinstance(bank, DiagnosticBank):
        scale = tuple(Choice(level.value, level.label) for level in bank.scale)
        return [Question(item.id, item.statement, scale, item.axis) for item in bank.items]
    if isinstance(bank, QuizBank):
        return [
            Question(
                item.id,
                item.question,
                tuple(Choice(o.id, o.label) for o in item.options),
                graded=True,
                results=item.results,
            )
            for item in bank.items
        ]
    return [_poll_question(bank, item) for item in bank.items]


def _poll_question(bank: PollBank, item: PollItem) -> Question:
    if item.options is not None:
        choices = tuple(Choice(o.id, o.label) for o in item.options)
    elif item.type == "choice":  # the loader guarantees a scale when such an item has no options
        choices = tuple(Choice(level.value, level.label) for level in bank.scale or [])
    else:
        choices = ()
    graded = item.answer is not None
    return Question(
        item.id, item.question, choices, None, item.type, item.max_choices, graded, item.results
    )


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


def check_answers(bank: Bank, raw: Mapping[str, Any]) -> dict[str, Answer]:
    """``raw`` (question id → value) checked against the bank, in canonical form.

    Raise :class:`DataError` naming every bad answer: ``unknown-item`` (no such question),
    ``invalid-field`` (a value of the wrong type: text for a scale, a number for options),
    ``out-of-scale``, ``unknown-option``, ``too-many-choices`` (a ``multiple`` question) or
    ``too-long`` (a ``words`` answer beyond its bounds). A scale level may come as ``2`` or
    ``2.0`` (what JSON libraries produce), never as ``true`` or ``"2"``. A server checking
    many submissions keeps one :class:`AnswerCheck` per bank instead.
    """
    return AnswerCheck(bank)(raw)


@dataclass(frozen=True)
class _Allowed:
    """One question's accepted values: a set to test, the bank's order to name them."""

    type: str
    on_scale: bool
    values: frozenset[Value]
    choices: tuple[Value, ...]
    max_choices: int | None = None


Outcome = tuple[Answer | None, Problem | None]


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
                q.type,
                q.on_scale,
                frozenset(c.value for c in q.choices),
                tuple(c.value for c in q.choices),
                q.max_choices,
            )
            for q in questions(bank)
        }

    def __call__(self, raw: Mapping[str, Any]) -> dict[str, Answer]:
        """``raw`` in canonical form, or :class:`DataError` (see :func:`check_answers`)."""
        checked: dict[str, Answer] = {}
        problems: list[Problem] = []
        for item_id, value in raw.items():
            allowed = self._allowed.get(item_id)
            problem: Problem | None
            if allowed is None:
                problem = Problem(
                    self.origin, "unknown-item", item=str(item_id), value=_shown(value)
                )
                answer = None
            else:
                answer, problem = self._one(allowed, item_id, value)
            if problem is not None:
                problems.append(problem)
            elif answer is not None:
                checked[item_id] = answer
        if problems:
            raise DataError.collect(problems)
        return checked

    def _one(self, allowed: _Allowed, item_id: str, value: Any) -> Outcome:
        """One answer, checked as its question's type wants it."""
        if allowed.type == "multiple":
            return self._many(allowed, item_id, value)
        if allowed.type == "words":
            return self._words(item_id, value)
        if allowed.type == "questions":
            expected = "une question posée par «\u00a0Poser une question\u00a0»"
            return None, _wrong_type(self.origin, item_id, value, expected)
        if allowed.on_scale:
            level = _as_int(value)
            if level is None:
                return None, _wrong_type(self.origin, item_id, value, "un niveau de l'échelle")
            if level not in allowed.values:
                return None, self._outside(allowed, "out-of-scale", item_id, value)
            return level, None
        if not isinstance(value, str):
            return None, _wrong_type(self.origin, item_id, value, "l'identifiant d'une option")
        if value not in allowed.values:
            return None, self._outside(allowed, "unknown-option", item_id, value)
        return value, None

    def _many(self, allowed: _Allowed, item_id: str, value: Any) -> Outcome:
        """Option ids, at least one, at most ``max_choices``, each known: in the bank's order."""
        limit = allowed.max_choices or len(allowed.choices)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            expected = f"une liste de 1 à {limit} identifiants d'options"
            return None, _wrong_type(self.origin, item_id, value, expected)
        unknown = [v for v in value if v not in allowed.values]
        if unknown:
            return None, self._outside(allowed, "unknown-option", item_id, unknown[0])
        chosen = [c for c in allowed.choices if c in value]
        if len(chosen) > limit:
            expected = f"au plus {limit} option{'s' if limit > 1 else ''}"
            shown = _shown(", ".join(value))
            return None, Problem(
                self.origin, "too-many-choices", item=item_id, value=shown, expected=expected
            )
        return [str(c) for c in chosen], None

    def _words(self, item_id: str, value: Any) -> Outcome:
        """A few words: text, tidied (:func:`widgets.room.words.clean_answer`), within bounds."""
        if not isinstance(value, str):
            return None, _wrong_type(self.origin, item_id, value, "quelques mots (un texte)")
        text = words.clean_answer(value)
        if not words.answer_fits(text):
            expected = f"de 1 à {words.MAX_CHARS} caractères et {words.MAX_WORDS} mots au plus"
            code = "missing-field" if not text else "too-long"
            return None, Problem(
                self.origin, code, item=item_id, value=_shown(value), expected=expected
            )
        return text, None

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
