"""A poll's question types (multiple, words, questions): what each needs, named where it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from widgets.banks import PollBank, bank_json_schema, bank_problems, validate_bank
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
