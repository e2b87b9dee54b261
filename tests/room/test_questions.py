"""Answers checked against the bank: what a phone may send, and what each mistake is called."""

from __future__ import annotations

from typing import Any

import pytest

from widgets.banks import Bank
from widgets.errors import DataError
from widgets.room.questions import check_answers, public_view, questions


def codes(bank: Bank, raw: dict[str, Any]) -> list[tuple[str, str | None]]:
    with pytest.raises(DataError) as caught:
        check_answers(bank, raw)
    return [(p.code, p.item) for p in caught.value.problems]


def test_valid_answers_come_back_canonical(banks: dict[str, Bank]) -> None:
    assert check_answers(banks["profil_catalyseur"], {"dt_enjeux": 3, "ec_besoins": 0.0}) == {
        "dt_enjeux": 3,
        "ec_besoins": 0,
    }
    assert check_answers(banks["sondage_ouverture"], {"profil": "association"}) == {
        "profil": "association"
    }
    assert check_answers(banks["quiz_module_1"], {"nombre_partenariats": "b"}) == {
        "nombre_partenariats": "b"
    }


@pytest.mark.parametrize(
    ("bank_id", "raw", "expected"),
    [
        ("profil_catalyseur", {"nope": 1}, [("unknown-item", "nope")]),
        ("profil_catalyseur", {"dt_enjeux": 4}, [("out-of-scale", "dt_enjeux")]),
        ("profil_catalyseur", {"dt_enjeux": -1}, [("out-of-scale", "dt_enjeux")]),
        ("profil_catalyseur", {"dt_enjeux": "3"}, [("invalid-field", "dt_enjeux")]),
        ("profil_catalyseur", {"dt_enjeux": True}, [("invalid-field", "dt_enjeux")]),
        ("profil_catalyseur", {"dt_enjeux": 1.5}, [("invalid-field", "dt_enjeux")]),
        ("profil_catalyseur", {"dt_enjeux": None}, [("invalid-field", "dt_enjeux")]),
        ("sondage_ouverture", {"profil": "martien"}, [("unknown-option", "profil")]),
        ("sondage_ouverture", {"profil": 1}, [("invalid-field", "profil")]),
        ("sondage_ouverture", {"profil": ["association"]}, [("invalid-field", "profil")]),
        (
            "sondage_ouverture",
            {"profil": "association", "x": "y", "metier": {"a": 1}},
            [("unknown-item", "x"), ("invalid-field", "metier")],
        ),
    ],
)
def test_every_bad_answer_is_named(
    banks: dict[str, Bank], bank_id: str, raw: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    assert codes(banks[bank_id], raw) == expected


def test_participants_never_receive_a_quiz_answer(banks: dict[str, Bank]) -> None:
    bank = banks["quiz_module_1"]
    view = public_view(bank)
    text = repr(view)
    assert "explanation" not in text and "answer" not in text and "quote" not in text
    for item in bank.items:
        assert item.explanation not in text
    assert [q["id"] for q in view["questions"]] == [item.id for item in bank.items]


def test_a_diagnostic_is_asked_on_its_scale(banks: dict[str, Bank]) -> None:
    bank = banks["profil_catalyseur"]
    first = questions(bank)[0]
    assert first.on_scale and first.axis == "dialogue_territorial"
    assert [c.value for c in first.choices] == [0, 1, 2, 3]
    assert first.choices[3].label == "C'est le cœur de mon action"
