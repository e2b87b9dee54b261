"""Scoring a quiz: right or wrong per question, always with the explanation and the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.banks import QuizBank, load_bank, load_banks
from widgets.errors import DataError
from widgets.scoring.quiz import score_quiz

BANKS = Path(__file__).resolve().parents[2] / "data" / "banks"


@pytest.fixture(scope="module")
def quiz() -> QuizBank:
    bank = load_bank(BANKS / "quiz_module_0.yaml")
    assert isinstance(bank, QuizBank)
    return bank


def _key(bank: QuizBank) -> dict[str, str]:
    return {item.id: item.answer for item in bank.items}


def test_all_right(quiz: QuizBank) -> None:
    result = score_quiz(quiz, _key(quiz))
    assert (result.correct, result.answered, result.total) == (5, 5, 5)
    assert (result.score, result.completion, result.partial) == (100.0, 1.0, False)
    assert all(q.correct for q in result.questions)


def test_wrong_and_skipped_answers(quiz: QuizBank) -> None:
    answers: dict[str, str | None] = {"tiers_de_confiance": "b", "quatre_metiers": "c"}
    answers["trois_ingenieries"] = None
    result = score_quiz(quiz, answers)
    first = result.question("tiers_de_confiance")
    assert (first.correct, first.chosen, first.answer) == (False, "b", "a")
    assert first.chosen_label == "Un opérateur de projets territoriaux"
    assert first.answer_label == "Un tiers de confiance"
    assert result.question("quatre_metiers").correct is True
    skipped = result.question("trois_ingenieries")
    assert (skipped.answered, skipped.correct, skipped.chosen_label) == (False, False, None)
    assert (result.correct, result.answered, result.total) == (1, 2, 5)
    assert result.score == 20.0
    assert result.completion == pytest.approx(0.4)
    assert result.partial is True


def test_every_question_carries_its_explanation_and_source(quiz: QuizBank) -> None:
    result = score_quiz(quiz, {})
    assert [q.item_id for q in result.questions] == [item.id for item in quiz.items]
    for question, item in zip(result.questions, quiz.items, strict=True):
        assert question.explanation == item.explanation
        assert question.source == item.source
    assert (result.correct, result.score, result.completion) == (0, 0.0, 0.0)


def test_unknown_question_and_unknown_option(quiz: QuizBank) -> None:
    with pytest.raises(DataError) as caught:
        score_quiz(quiz, {"nope": "a", "tiers_de_confiance": "z"})
    assert [(p.file, p.item, p.code) for p in caught.value.problems] == [
        ("réponses/quiz_module_0", "nope", "unknown-item"),
        ("réponses/quiz_module_0", "tiers_de_confiance", "unknown-option"),
    ]
    assert caught.value.problems[1].expected == "a, b, c"


@pytest.mark.parametrize("chosen", [1, ["a"], True])
def test_an_option_is_an_option_id(quiz: QuizBank, chosen: object) -> None:
    with pytest.raises(DataError) as caught:
        score_quiz(quiz, {"tiers_de_confiance": chosen})  # type: ignore[dict-item]
    assert [p.code for p in caught.value.problems] == ["unknown-option"]


@pytest.mark.parametrize("module", range(10))
def test_answer_key_of_each_shipped_quiz_scores_100(module: int) -> None:
    bank = load_banks(BANKS)[f"quiz_module_{module}"]
    assert isinstance(bank, QuizBank)
    assert score_quiz(bank, _key(bank)).score == 100.0


def test_record_meta_is_what_a_saved_quiz_keeps(quiz: QuizBank) -> None:
    result = score_quiz(quiz, {"tiers_de_confiance": "a", "quatre_metiers": "b"})
    assert result.scores == {"correct": result.correct, "total": 5}
    assert result.record_meta == {
        "module": 0,
        "answered": 2,
        "completion": pytest.approx(0.4),
        "partial": True,
        "score": result.score,
    }
    outside = score_quiz(quiz.model_copy(update={"module": None}), {})
    assert outside.record_meta["module"] is None and outside.record_meta["answered"] == 0
