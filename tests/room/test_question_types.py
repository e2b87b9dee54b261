"""Multiple choice, words and the audience's questions, from the phone's answer to the replay."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from widgets.banks import Bank
from widgets.errors import DataError
from widgets.room.aggregate import option_counts, summary, word_clouds
from widgets.room.exports import session_export, session_replay
from widgets.room.qa import clean_question, room_lists, room_order
from widgets.room.questions import check_answers, public_view
from widgets.room.records import participant_record
from widgets.room.replay import parse_replay
from widgets.storage.live import LiveSession
from widgets.storage.live_qa import AudienceQuestion

BANK = "sondage_questions_salle"
SESSION = LiveSession(
    "0" * 32, "ABCDE", BANK, "1.0", "closed", True, datetime(2026, 12, 1, tzinfo=UTC)
)
ANSWERS = {
    "p1": {"partenaires": ["associations", "collectivites"], "evocation": "Économie sociale"},
    "p2": {"partenaires": ["associations"], "evocation": "l'économie, la confiance"},
    "p3": {"evocation": "Confiance des acteurs"},
}


def asked(text: str, votes: int, *, answered: bool = False, hidden: bool = False, at: int = 0):
    return AudienceQuestion(
        f"{at:032x}",
        "questions_salle",
        text,
        votes,
        answered,
        hidden,
        datetime(2026, 12, 1, 10, at, tzinfo=UTC),
    )


AUDIENCE = [
    asked("Comment financer ?", 1, at=1),
    asked("Qui anime ?", 4, at=2),
    asked("Déjà répondu ?", 9, answered=True, at=3),
    asked("Insulte", 20, hidden=True, at=4),
    asked("Et les élus ?", 4, at=5),
]


def problems(bank: Bank, raw: dict[str, Any]) -> list[tuple[str, str | None]]:
    with pytest.raises(DataError) as caught:
        check_answers(bank, raw)
    return [(p.code, p.item) for p in caught.value.problems]


def test_the_phone_sees_each_type_and_its_bounds(banks: dict[str, Bank]) -> None:
    view = public_view(banks[BANK])
    kinds = {q["id"]: q for q in view["questions"]}
    assert kinds["partenaires"]["type"] == "multiple" and kinds["partenaires"]["max_choices"] == 3
    assert (kinds["evocation"]["max_chars"], kinds["evocation"]["max_words"]) == (60, 5)
    assert kinds["questions_salle"]["type"] == "questions"
    assert kinds["evocation"]["choices"] == [] == kinds["questions_salle"]["choices"]


def test_multiple_answers_come_back_in_the_bank_order(banks: dict[str, Bank]) -> None:
    checked = check_answers(banks[BANK], {"partenaires": ["associations", "collectivites"]})
    assert checked == {"partenaires": ["collectivites", "associations"]}


def test_words_are_tidied(banks: dict[str, Bank]) -> None:
    assert check_answers(banks[BANK], {"evocation": "  Économie \n sociale "}) == {
        "evocation": "Économie sociale"
    }


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"partenaires": ["associations", "collectivites", "aucun", "academiques"]},
            [("too-many-choices", "partenaires")],
        ),
        ({"partenaires": ["martiens"]}, [("unknown-option", "partenaires")]),
        ({"partenaires": []}, [("invalid-field", "partenaires")]),
        ({"partenaires": "associations"}, [("invalid-field", "partenaires")]),
        ({"partenaires": [1]}, [("invalid-field", "partenaires")]),
        ({"evocation": "un deux trois quatre cinq six"}, [("too-long", "evocation")]),
        ({"evocation": "x" * 61}, [("too-long", "evocation")]),
        ({"evocation": "   "}, [("missing-field", "evocation")]),
        ({"evocation": 3}, [("invalid-field", "evocation")]),
        ({"questions_salle": "Une question ?"}, [("invalid-field", "questions_salle")]),
    ],
)
def test_what_the_server_refuses(
    banks: dict[str, Bank], raw: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    assert problems(banks[BANK], raw) == expected


def test_aggregate_counts_options_and_people(banks: dict[str, Bank]) -> None:
    (counts,) = option_counts(banks[BANK], ANSWERS)
    assert counts.type == "multiple" and counts.answered == 2
    assert {c.value: c.count for c in counts.choices} == {
        "collectivites": 1,
        "acteurs_economiques": 0,
        "associations": 2,
        "academiques": 0,
        "aucun": 0,
    }


def test_summary_holds_the_cloud_without_hidden_words(banks: dict[str, Bank]) -> None:
    document = summary(banks[BANK], ANSWERS, ["CONFIANCE"])
    assert [q["type"] for q in document["questions"]] == ["multiple", "words", "questions"]
    words = document["questions"][1]
    assert words["answered"] == 3
    assert words["words"] == [
        {"word": "économie", "count": 2},
        {"word": "acteurs", "count": 1},
        {"word": "sociale", "count": 1},
    ]
    assert "confiance" not in json.dumps(document).casefold()
    (cloud,) = word_clouds(banks[BANK], ANSWERS)
    assert cloud.words[0].word == "confiance" and cloud.words[0].count == 2


def test_the_audience_sees_questions_by_votes_answered_last_hidden_never() -> None:
    assert [q.text for q in room_order(AUDIENCE)] == [
        "Qui anime ?",
        "Et les élus ?",
        "Comment financer ?",
        "Déjà répondu ?",
    ]
    lists = room_lists(AUDIENCE)
    assert list(lists) == ["questions_salle"]
    assert lists["questions_salle"][0] == {
        "id": f"{2:032x}",
        "text": "Qui anime ?",
        "votes": 4,
        "answered": False,
    }
    assert "Insulte" not in json.dumps(lists)


def test_the_pushed_list_is_bounded() -> None:
    many = [asked(f"Question {n} ?", n % 7, at=n % 60) for n in range(150)]
    lists = room_lists(many, limit=100)
    assert len(lists["questions_salle"]) == 100
    assert lists["questions_salle"][0]["votes"] == 6


@pytest.mark.parametrize(
    ("text", "kept"),
    [("  Pourquoi\n donc ? ", "Pourquoi donc ?"), ("ok", None), ("x" * 281, None)],
)
def test_question_bounds(text: str, kept: str | None) -> None:
    assert clean_question(text) == kept


def test_a_record_keeps_one_text_per_question(banks: dict[str, Bank]) -> None:
    record = participant_record(banks[BANK], SESSION, "p1", ANSWERS["p1"])
    assert record.answers == {
        "partenaires": "collectivites,associations",
        "evocation": "Économie sociale",
    }


def test_exports_leave_hidden_words_and_questions_out(banks: dict[str, Bank]) -> None:
    bank = banks[BANK]
    room = session_export(bank, SESSION, ANSWERS, "room", ["confiance"], AUDIENCE)
    rows = list(csv.DictReader(io.StringIO(room.text)))
    by_type = {
        kind: [r for r in rows if r["type"] == kind] for kind in ("multiple", "words", "questions")
    }
    assert [(r["element"], r["count"]) for r in by_type["words"]] == [
        ("économie", "2"),
        ("acteurs", "1"),
        ("sociale", "1"),
    ]
    assert by_type["multiple"][2] == {
        "question_id": "partenaires",
        "question": bank.items[0].question,
        "type": "multiple",
        "element": "Associations",
        "count": "2",
        "answered": "2",
    }
    assert [(r["element"], r["count"], r["answered"]) for r in by_type["questions"]] == [
        ("Qui anime ?", "4", "non"),
        ("Et les élus ?", "4", "non"),
        ("Comment financer ?", "1", "non"),
        ("Déjà répondu ?", "9", "oui"),
    ]
    assert "confiance" not in room.text.casefold() and "Insulte" not in room.text
    records = session_export(bank, SESSION, ANSWERS, "csv")
    assert "collectivites,associations" in records.text


def test_the_room_table_never_holds_a_formula(banks: dict[str, Bank]) -> None:
    """A question typed as a spreadsheet formula is written as text (CSV injection)."""
    typed = [asked('=HYPERLINK("http://example.org","x")', 2), asked("@SUM(A1)", 1, at=1)]
    room = session_export(banks[BANK], SESSION, {}, "room", (), typed).text
    rows = list(csv.DictReader(io.StringIO(room)))
    assert [r["element"] for r in rows if r["type"] == "questions"] == [
        '\'=HYPERLINK("http://example.org","x")',
        "'@SUM(A1)",
    ]


def test_replay_v2_round_trip(banks: dict[str, Bank]) -> None:
    bank = banks[BANK]
    document = session_replay(bank, SESSION, ANSWERS, ["confiance"], AUDIENCE)
    assert document["version"] == 2
    text = json.dumps(document)
    assert "confiance" not in text.casefold() and "Insulte" not in text
    replay = parse_replay(text, banks)
    assert replay.counts["partenaires"]["associations"] == 2
    assert replay.answered("partenaires") == 2 and replay.answered("evocation") == 3
    assert replay.extras.words["evocation"][0] == ("économie", 2)
    assert [q[0] for q in replay.extras.audience["questions_salle"]] == [
        "Qui anime ?",
        "Et les élus ?",
        "Comment financer ?",
        "Déjà répondu ?",
    ]


def test_replay_v1_is_still_read(banks: dict[str, Bank]) -> None:
    document = {
        "format": "parcours-replay",
        "version": 1,
        "bank_id": "sondage_ouverture",
        "bank_version": "1.0",
        "participants": 2,
        "questions": [{"id": "profil", "counts": {"association": 2}}],
    }
    assert parse_replay(json.dumps(document), banks).counts["profil"]["association"] == 2


@pytest.mark.parametrize(
    ("entry", "item"),
    [
        (
            {"id": "partenaires", "counts": {"associations": 4}, "answered": 2},
            "questions[0].counts",
        ),
        ({"id": "partenaires", "counts": {}, "answered": 9}, "questions[0].answered"),
        (
            {"id": "evocation", "answered": 2, "words": [{"word": "x", "count": 3}]},
            "questions[0].words[0]",
        ),
        (
            {"id": "evocation", "answered": 2, "words": [{"word": "", "count": 1}]},
            "questions[0].words[0]",
        ),
        (
            {"id": "questions_salle", "questions": [{"text": "?", "votes": -1}]},
            "questions[0].questions[0]",
        ),
        ({"id": "questions_salle", "questions": "non"}, "questions[0].questions"),
    ],
)
def test_replay_v2_defects_are_located(
    banks: dict[str, Bank], entry: dict[str, Any], item: str
) -> None:
    document = {
        "format": "parcours-replay",
        "version": 2,
        "bank_id": BANK,
        "bank_version": "1.0",
        "participants": 3,
        "questions": [entry],
    }
    with pytest.raises(DataError) as caught:
        parse_replay(json.dumps(document), banks)
    assert [(p.item, p.code) for p in caught.value.problems] == [(item, "invalid-field")]
