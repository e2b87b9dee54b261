"""What the room answered, as numbers: counts per choice, the group's profile, participants.

Pure functions over plain values (the bank and ``{participant: {question: value}}``), so the
facilitator's dashboard, the server's results route and the tests compute the same thing. Values
are checked when they arrive (:func:`widgets.room.questions.check_answers`); here a value the
bank does not know (a bank edited during the session) is skipped rather than trusted, so one
stale answer cannot break the room's figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from widgets.banks import Bank, DiagnosticBank, graded_items
from widgets.room.questions import Answer, Question, Value, questions
from widgets.room.words import WordCount, word_cloud
from widgets.scoring.diagnostic import DiagnosticResult, score_diagnostic

Answers = Mapping[str, Mapping[str, Any]]
"""Participant id → {question id → value}."""


@dataclass(frozen=True)
class ChoiceCount:
    value: Value
    label: str
    count: int


@dataclass(frozen=True)
class QuestionCounts:
    """How many chose each choice of one question, in the bank's order (zeros included)."""

    id: str
    text: str
    choices: tuple[ChoiceCount, ...]
    answer: str | None = None
    """The right option of a quiz question, ``None`` otherwise."""
    type: str = "choice"
    respondents: int | None = None
    """People who answered a ``multiple`` question (each may choose several options)."""

    @property
    def answered(self) -> int:
        if self.respondents is not None:
            return self.respondents
        return sum(choice.count for choice in self.choices)


@dataclass(frozen=True)
class WordsSummary:
    """The cloud of one ``words`` question: how many answered, the words they share."""

    id: str
    text: str
    answered: int
    words: tuple[WordCount, ...]


@dataclass(frozen=True)
class AxisMean:
    """The room's mean score (0–100) on one axis, over the participants who answered it."""

    id: str
    label: str
    mean: float | None
    respondents: int


def participant_count(answers: Answers) -> int:
    """Participants who gave at least one answer."""
    return sum(1 for given in answers.values() if given)


def answer_count(answers: Answers) -> int:
    return sum(len(given) for given in answers.values())


def option_counts(bank: Bank, answers: Answers) -> list[QuestionCounts]:
    """Counts per choice for every question of ``bank`` that has choices, in order.

    A ``multiple`` question counts each option chosen, and how many people answered it
    (:attr:`QuestionCounts.respondents`); ``words`` and ``questions`` items have no choices
    and are left out (:func:`word_clouds`, :mod:`widgets.room.qa`).
    """
    right = {key: str(item.answer) for key, item in graded_items(bank).items()}
    result = []
    for question in questions(bank):
        if question.type not in ("choice", "multiple"):
            continue
        tally: dict[Value, int] = {choice.value: 0 for choice in question.choices}
        people = 0
        for given in answers.values():
            value = _known(question, given.get(question.id))
            chosen = value if isinstance(value, list) else [] if value is None else [value]
            people += bool(chosen)
            for choice in chosen:
                tally[choice] += 1
        result.append(
            QuestionCounts(
                id=question.id,
                text=question.text,
                choices=tuple(
                    ChoiceCount(c.value, c.label, tally[c.value]) for c in question.choices
                ),
                answer=right.get(question.id),
                type=question.type,
                respondents=people if question.type == "multiple" else None,
            )
        )
    return result


def word_clouds(bank: Bank, answers: Answers, hidden: Iterable[str] = ()) -> list[WordsSummary]:
    """The word cloud of every ``words`` question, ``hidden`` words left out."""
    hidden = tuple(hidden)
    clouds = []
    for question in questions(bank):
        if question.type != "words":
            continue
        texts = [
            text
            for given in answers.values()
            if isinstance(text := _known(question, given.get(question.id)), str)
        ]
        cloud = tuple(word_cloud(texts, hidden))
        clouds.append(WordsSummary(question.id, question.text, len(texts), cloud))
    return clouds


def usable_answers(bank: Bank, given: Mapping[str, Any]) -> dict[str, Answer]:
    """The answers of one participant that the bank knows, in canonical form."""
    usable: dict[str, Answer] = {}
    for question in questions(bank):
        value = _known(question, given.get(question.id))
        if value is not None:
            usable[question.id] = value
    return usable


def participant_profile(bank: DiagnosticBank, given: Mapping[str, Any]) -> DiagnosticResult:
    """One participant's diagnostic profile, scored exactly as in the course notebooks."""
    usable = usable_answers(bank, given)
    return score_diagnostic(bank, {k: v for k, v in usable.items() if isinstance(v, int)})


def group_profile(bank: DiagnosticBank, answers: Answers) -> list[AxisMean]:
    """The room's average profile: each participant scored, then the mean per axis.

    Averaging profiles rather than raw answers keeps each participant's weight equal, and an
    axis a participant left blank does not pull the room's mean towards 0.
    """
    sums = {axis.id: 0.0 for axis in bank.axes}
    counts = dict.fromkeys(sums, 0)
    for given in answers.values():
        if not given:
            continue
        for axis_id, score in participant_profile(bank, given).scores.items():
            if score is not None:
                sums[axis_id] += score
                counts[axis_id] += 1
    return [
        AxisMean(
            id=axis.id,
            label=axis.label,
            mean=sums[axis.id] / counts[axis.id] if counts[axis.id] else None,
            respondents=counts[axis.id],
        )
        for axis in bank.axes
    ]


def summary(bank: Bank, answers: Answers, hidden: Iterable[str] = ()) -> dict[str, Any]:
    """Everything the room may see after the reveal, as JSON-ready values, in the bank's order.

    No participant id and no individual answer: only counts and means, and for a ``words``
    question its cloud (words shared by answers, ``hidden`` ones left out). A ``questions``
    item is listed with no choices: the audience's questions come apart
    (:func:`widgets.room.qa.room_lists`).
    """
    entries: dict[str, dict[str, Any]] = {
        counts.id: {
            "id": counts.id,
            "text": counts.text,
            "type": counts.type,
            "answered": counts.answered,
            "answer": counts.answer,
            "choices": [
                {"value": c.value, "label": c.label, "count": c.count} for c in counts.choices
            ],
        }
        for counts in option_counts(bank, answers)
    }
    for cloud in word_clouds(bank, answers, hidden):
        entries[cloud.id] = {
            "id": cloud.id,
            "text": cloud.text,
            "type": "words",
            "answered": cloud.answered,
            "answer": None,
            "choices": [],
            "words": [{"word": w.word, "count": w.count} for w in cloud.words],
        }
    document: dict[str, Any] = {
        "bank": bank.id,
        "kind": bank.kind,
        "title": bank.title,
        "participants": participant_count(answers),
        "answers": answer_count(answers),
        "questions": [
            entries.get(q.id)
            or {
                "id": q.id,
                "text": q.text,
                "type": q.type,
                "answered": 0,
                "answer": None,
                "choices": [],
            }
            for q in questions(bank)
        ],
        "profile": None,
    }
    if isinstance(bank, DiagnosticBank):
        document["profile"] = [
            {"id": a.id, "label": a.label, "mean": a.mean, "respondents": a.respondents}
            for a in group_profile(bank, answers)
        ]
    return document


def _known(question: Question, value: Any) -> Answer | None:
    """``value`` if it is one of the question's choices (``2.0`` counts as level 2); for a
    ``multiple`` question the known options chosen, in the bank's order; for ``words``, text."""
    if value is None or isinstance(value, bool):
        return None
    if question.type == "multiple":
        chosen = value if isinstance(value, list) else []
        known = [str(c.value) for c in question.choices if c.value in chosen]
        return known or None
    if question.type == "words":
        return value if isinstance(value, str) and value.strip() else None
    if question.type == "questions":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    for choice in question.choices:
        if type(choice.value) is type(value) and choice.value == value:
            return choice.value
    return None
