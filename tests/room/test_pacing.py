"""What a phone is sent of a paced session: the question shown, results by rule, corrections."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from widgets.banks import Bank, load_banks, validate_bank
from widgets.room.aggregate import summary
from widgets.room.pacing import (
    clamp,
    corrections,
    needs_results,
    paced,
    pacing_state,
    phone_results,
)
from widgets.room.questions import public_view
from widgets.storage.live import LiveSession

YES_NO = [{"id": "o", "label": "Oui"}, {"id": "n", "label": "Non"}]
RULES = ("always", "answered", "revealed", "never")
POLL: dict[str, Any] = {
    "schema_version": 1,
    "id": "sondage",
    "version": "1",
    "kind": "poll",
    "title": "Sondage",
    "description": "Une question par règle.",
    "items": [
        {"id": rule, "question": f"Question {rule}", "results": rule, "options": YES_NO}
        for rule in RULES
    ],
}


def session(current: int = 0, revealed: bool = False, shown: tuple[int, ...] = ()) -> LiveSession:
    now = datetime.now(UTC)
    return LiveSession("s", "ABCDE", "b", "1", "open", revealed, now, current, shown)


@pytest.fixture(scope="module")
def banks() -> dict[str, Bank]:
    return load_banks()


def test_polls_and_quizzes_are_paced_a_self_diagnostic_is_not(banks: dict[str, Bank]) -> None:
    assert paced(banks["sondage_ouverture"]) and paced(banks["quiz_module_1"])
    assert not paced(banks["profil_catalyseur"])


def test_each_rule_decides_what_phones_are_sent() -> None:
    bank = validate_bank(POLL)
    room = summary(bank, {"p": {"always": "o", "answered": "n", "revealed": "o", "never": "o"}})
    hidden = phone_results(bank, session(current=2), room)
    assert hidden is not None  # what every phone is sent: « answered » is not in it
    assert [(q["id"], q["visible"]) for q in hidden["questions"]] == [("always", "always")]
    mine = phone_results(bank, session(current=2), room, answered={"answered"})
    assert mine is not None  # what a phone that answered it may ask for
    assert [(q["id"], q["visible"]) for q in mine["questions"]] == [
        ("always", "always"),
        ("answered", "answered"),
    ]
    others = phone_results(bank, session(current=2), room, answered={"always", "revealed"})
    assert others is not None and [q["id"] for q in others["questions"]] == ["always"]
    revealed = phone_results(bank, session(current=1, revealed=True, shown=(1,)), room)
    assert revealed is not None  # revealed by the facilitator: every phone sees it
    assert [(q["id"], q["visible"]) for q in revealed["questions"]] == [
        ("always", "always"),
        ("answered", "revealed"),
    ]
    shown = phone_results(bank, session(current=2, revealed=True, shown=(2,)), room)
    assert shown is not None
    assert [q["id"] for q in shown["questions"]] == ["always", "revealed"]
    assert "never" not in {q["id"] for q in shown["questions"]}  # the projected screen only


def test_nothing_is_computed_when_nothing_may_be_shown(banks: dict[str, Bank]) -> None:
    quiz = banks["quiz_module_1"]
    assert not needs_results(quiz, session())
    assert phone_results(quiz, session(), summary(quiz, {})) is None
    assert needs_results(quiz, session(revealed=True, shown=(0,)))


def test_a_quiz_answer_stays_out_until_revealed(banks: dict[str, Bank]) -> None:
    quiz = banks["quiz_module_1"]
    assert pacing_state(quiz, session())["corrections"] == {}
    first = quiz.items[0]
    revealed = session(revealed=True, shown=(0,))
    assert corrections(quiz, revealed) == {
        first.id: {"answer": first.answer, "explanation": first.explanation, "source": first.source}
    }
    named = corrections(quiz, revealed, {first.source: "Le RAMEAU, « Titre »"})
    assert named[first.id]["source"] == "Le RAMEAU, « Titre »"  # not a file name
    results = phone_results(quiz, revealed, summary(quiz, {}))
    assert results is not None and [q["answer"] for q in results["questions"]] == [first.answer]


def test_hiding_keeps_the_correction_and_a_poll_has_none(banks: dict[str, Bank]) -> None:
    quiz, poll = banks["quiz_module_1"], banks["sondage_ouverture"]
    hidden_again = session(revealed=False, shown=(0,))
    assert set(corrections(quiz, hidden_again)) == {quiz.items[0].id}
    assert corrections(poll, session(revealed=True, shown=(0,))) == {}


@pytest.mark.parametrize(("index", "expected"), [(-3, 0), (0, 0), (2, 2), (99, 4)])
def test_moves_stay_inside_the_bank(banks: dict[str, Bank], index: int, expected: int) -> None:
    assert len(banks["quiz_module_1"].items) == 5
    assert clamp(banks["quiz_module_1"], index) == expected


MIXED: dict[str, Any] = {
    **POLL,
    "id": "webinaire",
    "items": [
        {"id": "avis", "question": "Votre avis ?", "options": YES_NO},
        {
            "id": "quiz",
            "question": "Vrai ?",
            "options": YES_NO,
            "answer": "o",
            "explanation": "La source le dit.",
            "source": "001_52d11ce732393435.txt",
        },
        {"id": "mots", "question": "En un mot ?", "type": "words"},
    ],
}


def test_a_poll_s_quiz_question_is_corrected_and_locked_alone() -> None:
    bank = validate_bank(MIXED)
    assert [q.get("graded", False) for q in public_view(bank)["questions"]] == [
        False,
        True,
        False,
    ]
    assert "answer" not in str(public_view(bank))  # which one is right: only at the reveal
    before = session(current=1)
    assert corrections(bank, before) == {}
    after = session(current=2, shown=(0, 1, 2))
    assert set(corrections(bank, after)) == {"quiz"}  # the poll's questions never lock
    assert corrections(bank, after) == {
        "quiz": {
            "answer": "o",
            "explanation": "La source le dit.",
            "source": "001_52d11ce732393435.txt",
        }
    }
    room = summary(bank, {"p": {"avis": "n", "quiz": "o"}})
    assert [q["answer"] for q in room["questions"]] == [None, "o", None]
    shown = phone_results(bank, session(current=1), room)
    assert shown is None or all(q["answer"] is None for q in shown["questions"])
