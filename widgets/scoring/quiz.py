"""Score a quiz: chosen option per question → right or wrong, with the explanation and its source.

A quiz is for learning, not grading: every question comes back with its explanation and the
source document it is drawn from, answered or not, so the feedback screen can show them all.
Pure function, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from widgets.banks.model import QuizBank
from widgets.errors import DataError, Problem
from widgets.scoring.diagnostic import answers_origin


@dataclass(frozen=True)
class QuestionResult:
    """One question: what was chosen (``None`` if skipped), the right option, and why."""

    item_id: str
    question: str
    chosen: str | None
    chosen_label: str | None
    answer: str
    answer_label: str
    correct: bool
    explanation: str
    source: str

    @property
    def answered(self) -> bool:
        return self.chosen is not None


@dataclass(frozen=True)
class QuizResult:
    """The scored quiz in the bank's question order.

    ``correct`` counts right answers; ``score`` is ``correct / total × 100`` (a skipped question
    counts as not right); ``completion`` is answered / total (0–1). ``module`` is the bank's
    module (``None`` for a quiz outside the course plan), kept so a saved result says where
    it belongs.
    """

    bank_id: str
    bank_version: str
    module: int | None
    questions: tuple[QuestionResult, ...]
    correct: int
    answered: int
    total: int
    score: float
    completion: float
    partial: bool

    def question(self, item_id: str) -> QuestionResult:
        for question in self.questions:
            if question.item_id == item_id:
                return question
        raise KeyError(item_id)

    @property
    def scores(self) -> dict[str, int]:
        """What a saved quiz keeps as its scores: right answers out of how many."""
        return {"correct": self.correct, "total": self.total}

    @property
    def record_meta(self) -> dict[str, Any]:
        """What a saved result keeps besides the scores, in every edition (the notebook's
        quiz, the offline edition's script, a live participant's record): one shape, checked
        against the script by ``tests/offline/test_js_parity.py``."""
        return {
            "module": self.module,
            "answered": self.answered,
            "completion": self.completion,
            "partial": self.partial,
            "score": self.score,
        }


def score_quiz(
    bank: QuizBank, answers: Mapping[str, str | None], *, origin: str | None = None
) -> QuizResult:
    """Score ``answers`` (item id → option id; ``None`` = skipped) against ``bank``.

    Raise :class:`DataError` for an unknown question (``unknown-item``) or an option the question
    does not have (``unknown-option``), listing every one.
    """
    origin = origin or answers_origin(bank.id)
    items = {item.id: item for item in bank.items}
    problems: list[Problem] = []
    for item_id, chosen in answers.items():
        item = items.get(item_id)
        if item is None:
            problems.append(
                Problem(file=origin, code="unknown-item", item=str(item_id), value=str(chosen))
            )
        elif chosen is not None and (
            not isinstance(chosen, str) or chosen not in {option.id for option in item.options}
        ):
            problems.append(
                Problem(
                    file=origin,
                    code="unknown-option",
                    item=item_id,
                    expected=", ".join(option.id for option in item.options),
                    value=str(chosen),
                )
            )
    if problems:
        raise DataError.collect(problems)

    questions: list[QuestionResult] = []
    for item in bank.items:
        labels = {option.id: option.label for option in item.options}
        chosen = answers.get(item.id)
        questions.append(
            QuestionResult(
                item_id=item.id,
                question=item.question,
                chosen=chosen,
                chosen_label=labels.get(chosen) if chosen is not None else None,
                answer=item.answer,
                answer_label=labels[item.answer],
                correct=chosen == item.answer,
                explanation=item.explanation,
                source=item.source,
            )
        )
    correct = sum(question.correct for question in questions)
    answered = sum(question.answered for question in questions)
    total = len(questions)
    return QuizResult(
        bank_id=bank.id,
        bank_version=bank.version,
        module=bank.module,
        questions=tuple(questions),
        correct=correct,
        answered=answered,
        total=total,
        score=correct * 100 / total,
        completion=answered / total,
        partial=answered < total,
    )
