"""The module quiz: no default answer, feedback with source, score « n / m », saved once."""

from __future__ import annotations

import html

import pytest

from widgets.banks import QuizBank
from widgets.errors import DataError
from widgets.french import NBSP
from widgets.storage import ResultStore
from widgets.ui.quiz import QuizWidget

from .conftest import PSEUDONYM

DOC_001 = "001_52d11ce732393435.txt"
TITLES = {DOC_001: f"Le RAMEAU, «{NBSP}Le mouvement de co-construction territoriale{NBSP}»"}


def wrong(bank: QuizBank, item_id: str) -> str:
    item = next(i for i in bank.items if i.id == item_id)
    return next(o.id for o in item.options if o.id != item.answer)


def right(bank: QuizBank, item_id: str) -> str:
    return next(i.answer for i in bank.items if i.id == item_id)


@pytest.fixture
def quiz(quiz_bank: QuizBank, store: ResultStore) -> QuizWidget:
    return QuizWidget(quiz_bank, store=store, source_titles=TITLES)


def test_questions_start_unanswered(quiz: QuizWidget, quiz_bank: QuizBank) -> None:
    assert list(quiz.choices) == [item.id for item in quiz_bank.items]
    assert all(choice.value is None for choice in quiz.choices.values())
    assert all(button.disabled for button in quiz.validate_buttons.values())
    first = quiz.choices["nombre_partenariats"]
    nnbsp = "\u202f"  # French thousands separator, as the bank writes it
    assert first.options == (
        (f"Plus de 675{nnbsp}000", "a"),
        ("1,2 million", "b"),
        (f"180{nnbsp}000", "c"),
    )
    assert first.description_allow_html is False
    assert "5 questions" in quiz.score.value


def test_right_answer_feedback_with_explanation_and_source(quiz: QuizWidget) -> None:
    quiz.answer("nombre_partenariats", "b")
    assert not quiz.validate_buttons["nombre_partenariats"].disabled
    quiz.validate_buttons["nombre_partenariats"].click()
    shown = html.unescape(quiz.feedback["nombre_partenariats"].value)
    assert "✔ Bonne réponse." in shown
    assert "1,2 million de partenariats ont été établis" in shown
    assert f"Source{NBSP}: {TITLES[DOC_001]}" in shown
    assert quiz.choices["nombre_partenariats"].disabled  # first answers count
    assert f"1 / 1{NBSP}: bonnes réponses" in quiz.score.value


def test_wrong_answer_names_the_right_one(quiz: QuizWidget) -> None:
    quiz.answer("nombre_partenariats", "a")
    quiz.validate("nombre_partenariats")
    shown = html.unescape(quiz.feedback["nombre_partenariats"].value)
    assert f"✘ Ce n'est pas cela{NBSP}: la bonne réponse est «{NBSP}1,2 million{NBSP}»." in shown
    assert f"0 / 1{NBSP}: bonnes réponses" in quiz.score.value


def test_validating_every_question_scores_and_saves(
    quiz: QuizWidget, quiz_bank: QuizBank, store: ResultStore
) -> None:
    ids = [item.id for item in quiz_bank.items]
    chosen = {k: right(quiz_bank, k) for k in ids[:3]} | {k: wrong(quiz_bank, k) for k in ids[3:]}
    for item_id, option in chosen.items():
        quiz.answer(item_id, option)
        quiz.validate_buttons[item_id].click()

    assert quiz.result is not None and quiz.result.correct == 3
    assert f"Score{NBSP}: 3 / 5" in quiz.score.value
    (record,) = store.history(PSEUDONYM, quiz_bank.id)
    assert record.kind == "quiz"
    assert record.scores == {"correct": 3, "total": 5}
    assert record.answers == chosen
    assert record.meta["module"] == 1 and record.meta["completion"] == 1.0
    assert "Résultat enregistré le" in quiz.save_notice.value
    assert quiz.finish_button.disabled and not quiz.restart_button.disabled


def test_finish_early_counts_skipped_questions_and_explains_them(
    quiz: QuizWidget, quiz_bank: QuizBank, store: ResultStore
) -> None:
    quiz.answer("nombre_partenariats", "b")
    quiz.answer("echelle_locale", "a")  # answered, never validated: finishing validates it
    quiz.validate("nombre_partenariats")
    quiz.finish_button.click()

    assert quiz.result.partial and quiz.result.correct == 2
    assert f"Score{NBSP}: 2 / 5" in quiz.score.value and "3 sans réponse" in quiz.score.value
    assert "Bonne réponse" in quiz.feedback["echelle_locale"].value
    skipped = html.unescape(quiz.feedback["lire_les_parts"].value)
    assert f"Sans réponse{NBSP}: la bonne réponse est" in skipped
    assert all(choice.disabled for choice in quiz.choices.values())
    (record,) = store.history(PSEUDONYM, quiz_bank.id)
    assert record.scores == {"correct": 2, "total": 5}
    assert record.answers == {"nombre_partenariats": "b", "echelle_locale": "a"}


def test_submit_twice_saves_once_and_restart_saves_a_new_attempt(
    quiz: QuizWidget, quiz_bank: QuizBank, store: ResultStore
) -> None:
    quiz.answer("nombre_partenariats", "b")
    quiz.submit()
    quiz.submit()
    assert len(store.history(PSEUDONYM, quiz_bank.id)) == 1

    quiz.restart_button.click()
    assert quiz.result is None and quiz.answers == {}
    assert not quiz.choices["nombre_partenariats"].disabled
    assert quiz.feedback["nombre_partenariats"].value == ""
    quiz.answer("nombre_partenariats", "a")
    result = quiz.submit()
    assert result.correct == 0
    assert len(store.history(PSEUDONYM, quiz_bank.id)) == 2


def test_finishing_without_any_answer_asks_for_one(quiz: QuizWidget, store: ResultStore) -> None:
    quiz.finish_button.click()
    assert quiz.result is None
    assert "Choisissez au moins une réponse" in quiz.save_notice.value
    assert store.history(PSEUDONYM) == []


@pytest.mark.parametrize(
    ("item_id", "option", "code"),
    [("inconnue", "a", "unknown-item"), ("nombre_partenariats", "z", "unknown-option")],
)
def test_answer_refuses_unknown_questions_and_options(
    quiz: QuizWidget, item_id: str, option: str, code: str
) -> None:
    with pytest.raises(DataError) as caught:
        quiz.answer(item_id, option)
    assert [p.code for p in caught.value.problems] == [code]


def test_a_validated_answer_cannot_be_changed(quiz: QuizWidget) -> None:
    quiz.answer("nombre_partenariats", "a")
    quiz.validate("nombre_partenariats")
    with pytest.raises(DataError):
        quiz.answer("nombre_partenariats", "b")
    assert quiz.answers["nombre_partenariats"] == "a"


def test_unavailable_store_keeps_the_quiz_result(
    quiz_bank: QuizBank, broken_store: ResultStore
) -> None:
    quiz = QuizWidget(quiz_bank, store=broken_store)
    quiz.answer("nombre_partenariats", "b")
    quiz.submit()
    assert not quiz.outcome.stored
    assert broken_store.pending == (quiz.record,)
    assert "data:application/json" in quiz.save_notice.value
    # Without titles, the source is still named, by its file.
    assert f"Source{NBSP}: {DOC_001}" in quiz.feedback["nombre_partenariats"].value
