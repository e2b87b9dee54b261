"""A poll's question types (multiple, words, questions): what each needs, named where it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from widgets.banks import PollBank, bank_json_schema, bank_problems, graded_items, validate_bank
from widgets.errors import DataError
from widgets.labels import problem_label

OPTIONS = [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}]


def poll(*items: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": "essai",
        "version": "1",
        "kind": "poll",
        "title": "Essai",
        "description": "Un sondage d'essai.",
        "items": list(items),
    }


def where(data: dict[str, Any]) -> list[tuple[str | None, str | None, str]]:
    with pytest.raises(DataError) as caught:
        validate_bank(data)
    return [(p.item, p.column, p.code) for p in caught.value.problems]


def test_each_type_validates_and_keeps_its_fields() -> None:
    bank = validate_bank(
        poll(
            {"id": "un", "question": "Un ?", "options": OPTIONS},
            {
                "id": "plusieurs",
                "question": "Plusieurs ?",
                "type": "multiple",
                "options": OPTIONS,
                "max_choices": 2,
            },
            {"id": "mots", "question": "En quelques mots ?", "type": "words"},
            {"id": "salle", "question": "Vos questions ?", "type": "questions"},
        )
    )
    assert isinstance(bank, PollBank)
    assert [i.type for i in bank.items] == ["choice", "multiple", "words", "questions"]
    assert bank.items[1].max_choices == 2


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            {"type": "multiple", "options": OPTIONS},
            [("items[0].max_choices", "max_choices", "missing-field")],
        ),
        (
            {"type": "multiple", "options": OPTIONS, "max_choices": 4},
            [("items[0].max_choices", "max_choices", "invalid-field")],
        ),
        (
            {"type": "multiple", "options": OPTIONS, "max_choices": 0},
            [("items[0].max_choices", "max_choices", "invalid-field")],
        ),
        (
            {"type": "multiple", "max_choices": 2},
            [("items[0].options", "options", "missing-field")],
        ),
        ({"type": "words", "options": OPTIONS}, [("items[0].options", "options", "invalid-field")]),
        (
            {"type": "questions", "max_choices": 2},
            [("items[0].max_choices", "max_choices", "invalid-field")],
        ),
        (
            {"options": OPTIONS, "max_choices": 2},
            [("items[0].max_choices", "max_choices", "invalid-field")],
        ),
        ({"type": "nuage"}, [("items[0].type", "type", "invalid-field")]),
        (
            {
                "type": "multiple",
                "options": [*OPTIONS, {"id": "a", "label": "Encore A"}],
                "max_choices": 2,
            },
            [("items[0].options[3].id", "id", "duplicate-id")],
        ),
    ],
)
def test_what_a_type_needs_is_named(item: dict[str, Any], expected: list[Any]) -> None:
    assert where(poll({"id": "q", "question": "Question ?", **item})) == expected


def test_a_quiz_has_no_question_types() -> None:
    quiz = {
        **poll(),
        "kind": "quiz",
        "items": [
            {
                "id": "q",
                "question": "?",
                "type": "multiple",
                "options": OPTIONS,
                "answer": "a",
                "explanation": "Parce que.",
                "source": "x.txt",
            }
        ],
    }
    assert where(quiz) == [("items[0].type", "type", "unknown-field")]


def test_a_file_names_the_line_and_the_message_is_french(tmp_path: Path) -> None:
    (tmp_path / "banks").mkdir()
    path = tmp_path / "banks" / "essai.yaml"
    path.write_text(
        "schema_version: 1\nid: essai\nversion: '1'\nkind: poll\ntitle: Essai\n"
        "description: Un essai.\nitems:\n"
        "  - id: q\n    question: Plusieurs ?\n    type: multiple\n    max_choices: 5\n"
        "    options:\n      - {id: a, label: A}\n      - {id: b, label: B}\n",
        encoding="utf-8",
    )
    (problem,) = bank_problems(path)
    assert (problem.file, problem.row, problem.item, problem.code) == (
        "banks/essai.yaml",
        11,
        "items[0].max_choices",
        "invalid-field",
    )
    assert problem.expected == "un nombre de 1 à 2 (le nombre d'options)"
    assert "essai.yaml" in problem.message_fr() and "ligne 11" in problem.message_fr()
    assert problem_label("too-many-choices").startswith("trop d'options")


def test_json_schema_lists_the_types() -> None:
    text = str(bank_json_schema())
    for name in ("multiple", "words", "questions", "max_choices"):
        assert name in text


QUIZ_QUESTION = {
    "id": "q",
    "question": "Combien ?",
    "options": OPTIONS,
    "answer": "b",
    "explanation": "Parce que la source le dit.",
    "source": "001_52d11ce732393435.txt",
}


def test_a_poll_s_choice_may_have_a_right_answer() -> None:
    """A webinar's quiz question among its poll questions (graded, locked once revealed)."""
    bank = validate_bank(
        poll(QUIZ_QUESTION, {"id": "mots", "question": "En un mot ?", "type": "words"})
    )
    assert isinstance(bank, PollBank)
    assert {key: item.answer for key, item in graded_items(bank).items()} == {"q": "b"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"answer": "z"}, [("items[0].answer", "answer", "unknown-option")]),
        ({"explanation": None}, [("items[0].explanation", "explanation", "missing-field")]),
        ({"source": None}, [("items[0].source", "source", "missing-field")]),
        (
            {"type": "multiple", "max_choices": 2},
            [("items[0].answer", "answer", "invalid-field")],
        ),
        (
            {"answer": None},
            [
                ("items[0].explanation", "explanation", "invalid-field"),
                ("items[0].source", "source", "invalid-field"),
            ],
        ),
    ],
)
def test_a_right_answer_needs_its_option_explanation_and_source(
    change: dict[str, Any], expected: list[Any]
) -> None:
    item = {k: v for k, v in {**QUIZ_QUESTION, **change}.items() if v is not None}
    assert where(poll(item)) == expected


def test_a_poll_s_right_answer_cites_a_source_that_exists(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / QUIZ_QUESTION["source"]).write_text("Le texte.", encoding="utf-8")
    data_copy = tmp_path
    validate_bank(poll({**QUIZ_QUESTION, "quote": "le texte"}), data_root=data_copy)
    item = {**QUIZ_QUESTION, "source": "absent.txt"}
    with pytest.raises(DataError) as caught:
        validate_bank(poll(item), data_root=data_copy)
    assert [(p.item, p.code) for p in caught.value.problems] == [
        ("items[0].source", "missing-source")
    ]
    quoted = {**QUIZ_QUESTION, "quote": "une phrase que la source ne contient pas"}
    with pytest.raises(DataError) as caught:
        validate_bank(poll(quoted), data_root=data_copy)
    assert [(p.item, p.code) for p in caught.value.problems] == [
        ("items[0].quote", "quote-not-found")
    ]
