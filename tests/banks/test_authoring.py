"""A poll described as plain data → a bank mapping, validated like ``parcours validate``."""

from __future__ import annotations

import pytest

from widgets.banks import PollBank, QuizBank
from widgets.banks.authoring import PollDraft, QuestionDraft, slug, validated_bank
from widgets.banks.model import graded_items
from widgets.errors import DataError

SOURCE = "004_331fb6bdea7adcf7.txt"


def where(error: DataError) -> list[tuple[str, int | None, str | None, str | None, str]]:
    return [(p.file, p.row, p.column, p.item, p.code) for p in error.problems]


def test_a_poll_of_every_type() -> None:
    draft = PollDraft(
        "Sondage d'été",
        (
            QuestionDraft("Votre région ?", options=("Nord", "Sud")),
            QuestionDraft("Vos partenaires ?", "multiple", ("Élus", "Entreprises", "ÉLUS "), 2),
            QuestionDraft("En un mot ?", "words", results="always"),
            QuestionDraft("Vos questions ?", "questions"),
        ),
    )
    with pytest.raises(DataError) as caught:  # « Élus » and « ÉLUS » are one option
        validated_bank(draft)
    assert where(caught.value) == [("formulaire", None, "options", "question 2", "duplicate-id")]
    fixed = PollDraft(
        draft.title,
        (
            *draft.questions[:1],
            QuestionDraft("Vos partenaires ?", "multiple", ("Élus", "Entreprises"), 2),
            *draft.questions[2:],
        ),
    )
    data, bank = validated_bank(fixed)
    assert isinstance(bank, PollBank)
    assert data["id"] == "sondage_d_ete"
    assert [item.type for item in bank.items] == ["choice", "multiple", "words", "questions"]
    assert [o.id for o in bank.items[1].options or []] == ["elus", "entreprises"]
    assert bank.items[2].results == "always"
    assert data["description"]  # a default one: the phones show it


def test_a_quiz_takes_its_answer_by_label_or_number() -> None:
    question = QuestionDraft(
        "Combien ?", options=("Dix", "Vingt"), answer=" vingt ", explanation="Ainsi.", source=SOURCE
    )
    by_number = QuestionDraft(
        "Lequel ?", options=("A", "B"), answer="1", explanation="Ainsi.", source=SOURCE
    )
    data, bank = validated_bank(PollDraft("Quiz", (question, by_number)), data_root="data")
    assert isinstance(bank, QuizBank)
    assert [item.answer for item in bank.items] == ["vingt", "a"]
    assert data["sources"] == [SOURCE]


def test_quiz_problems_name_question_column_and_row() -> None:
    draft = PollDraft(
        "Quiz",
        (
            QuestionDraft(
                "Ok ?", options=("A", "B"), answer="A", explanation="x", source=SOURCE, row=4
            ),
            QuestionDraft("Faux ?", options=("A", "B"), answer="C", row=5),
            QuestionDraft("Nuage ?", "words", answer="A", row=6),
        ),
    )
    with pytest.raises(DataError) as caught:
        validated_bank(draft, file="sondage.csv", data_root="data")
    found = set(where(caught.value))
    assert ("sondage.csv", 5, "bonne_reponse", "question 2", "unknown-option") in found
    assert ("sondage.csv", 5, "explication", "question 2", "missing-field") in found
    assert ("sondage.csv", 5, "source", "question 2", "missing-field") in found
    assert ("sondage.csv", 6, "type", "question 3", "invalid-field") in found  # choice only
    assert all(p.row != 4 for p in caught.value.problems)
    assert "«\u00a0bonne_reponse\u00a0»" in caught.value.message_fr()


def test_a_source_must_exist_in_the_data_folder() -> None:
    question = QuestionDraft(
        "Q ?", options=("A", "B"), answer="A", explanation="x", source="absent.txt"
    )
    with pytest.raises(DataError) as caught:
        validated_bank(PollDraft("Quiz", (question,)), data_root="data")
    assert ("formulaire", None, "source", "question 1", "missing-source") in where(caught.value)


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        (
            PollDraft("", (QuestionDraft("Q ?", "words"),)),
            ("formulaire", None, "titre", None, "missing-field"),
        ),
        (PollDraft("T", ()), ("formulaire", None, "question", None, "missing-field")),
        (
            PollDraft("T", (QuestionDraft("Q ?", "multiple", ("a", "b")),)),
            ("formulaire", None, "max_choices", "question 1", "missing-field"),
        ),
        (
            PollDraft("T", (QuestionDraft("Q ?", "multiple", ("a", "b"), 3),)),
            ("formulaire", None, "max_choices", "question 1", "invalid-field"),
        ),
        (
            PollDraft("T", (QuestionDraft("Q ?", "words", ("a", "b")),)),
            ("formulaire", None, "options", "question 1", "invalid-field"),
        ),
        (
            PollDraft("T", (QuestionDraft("Q ?", explanation="x"),)),
            ("formulaire", None, "explication", "question 1", "invalid-field"),
        ),
        (
            PollDraft("T", (QuestionDraft("   ", "words"),)),
            ("formulaire", None, "question", "question 1", "missing-field"),
        ),
    ],
)
def test_what_the_form_refuses(draft: PollDraft, expected: tuple[object, ...]) -> None:
    with pytest.raises(DataError) as caught:
        validated_bank(draft)
    assert expected in where(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Sondage d'été 2026 !", "sondage_d_ete_2026"), ("«  »", "sondage"), ("Œuvre", "oeuvre")],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


LEVELS = ("Pas du tout", "Un peu", "Beaucoup")


def test_scale_questions_share_the_poll_s_scale() -> None:
    """Typed as options, the levels become the poll's scale (1 to n): one per poll."""
    draft = PollDraft(
        "Sondage sur une échelle",
        (
            QuestionDraft("Vous sentez-vous prêt ?", "scale", LEVELS),
            QuestionDraft("Et votre équipe ?", "scale", tuple(level.upper() for level in LEVELS)),
            QuestionDraft("Votre région ?", options=("Nord", "Sud")),
        ),
    )
    data, bank = validated_bank(draft)
    assert isinstance(bank, PollBank) and bank.scale is not None
    assert [(level.value, level.label) for level in bank.scale] == [
        (1, "Pas du tout"),
        (2, "Un peu"),
        (3, "Beaucoup"),
    ]
    assert [(item.type, item.options is None) for item in bank.items] == [
        ("choice", True),
        ("choice", True),
        ("choice", False),
    ]
    assert "type" not in data["items"][0]  # a choice on the scale, as a YAML bank writes it


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (("Pas du tout", "Beaucoup"), [(None, "options", "question 2", "invalid-field")]),
        (("Seul",), [(None, "options", "question 2", "missing-field")]),
    ],
)
def test_scale_levels_are_the_same_for_every_scale_question(
    second: tuple[str, ...], expected: list[tuple[object, ...]]
) -> None:
    draft = PollDraft(
        "Deux échelles",
        (QuestionDraft("Prêt ?", "scale", LEVELS), QuestionDraft("Et l'équipe ?", "scale", second)),
    )
    with pytest.raises(DataError) as caught:
        validated_bank(draft)
    assert [(p.row, p.column, p.item, p.code) for p in caught.value.problems] == expected


def test_a_quiz_has_no_scale_question() -> None:
    draft = PollDraft(
        "Quiz",
        (
            QuestionDraft(
                "Combien ?", options=("Dix", "Vingt"), answer="Dix", explanation="Ainsi."
            ),
            QuestionDraft("Prêt ?", "scale", LEVELS, answer="1"),
        ),
    )
    with pytest.raises(DataError) as caught:
        validated_bank(draft)
    assert ("type", "question 2", "invalid-field") in [
        (p.column, p.item, p.code) for p in caught.value.problems
    ]


def test_a_poll_with_some_right_answers_is_a_poll_with_quiz_questions() -> None:
    """Typed in the form or a spreadsheet: the questions with a right answer are quiz questions
    (locked and graded once revealed, live), the others stay poll questions."""
    draft = PollDraft(
        "Webinaire",
        (
            QuestionDraft("Votre profil ?", options=("Élu", "Association")),
            QuestionDraft(
                "Combien ?",
                options=("Dix", "Vingt"),
                answer="Vingt",
                explanation="Ainsi.",
                source=SOURCE,
            ),
            QuestionDraft("En un mot ?", "words"),
        ),
    )
    data, bank = validated_bank(draft, data_root="data")
    assert data["kind"] == "poll" and not isinstance(bank, QuizBank)
    assert [getattr(item, "answer", None) for item in bank.items] == [None, "vingt", None]
    assert set(graded_items(bank)) == {"q2"}
