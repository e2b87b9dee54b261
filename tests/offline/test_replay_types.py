"""The offline replay page of a poll with every question type: bars, a cloud, the questions."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from widgets.banks import load_banks
from widgets.offline.replay_page import replay_body
from widgets.room.exports import session_replay
from widgets.room.replay import parse_replay
from widgets.storage.live import LiveSession
from widgets.storage.live_qa import AudienceQuestion

BANK = "sondage_questions_salle"


def test_each_type_has_its_block_and_nothing_hidden_shows() -> None:
    banks = load_banks()
    bank = banks[BANK]
    session = LiveSession(
        "0" * 32, "ABCDE", BANK, "1.0", "closed", True, datetime(2026, 12, 1, tzinfo=UTC)
    )
    answers = {
        "a": {"partenaires": ["associations", "aucun"], "evocation": "Économie <em>sociale</em>"},
        "b": {"partenaires": ["associations"], "evocation": "l'économie, grossièreté"},
    }
    asked = [
        AudienceQuestion(
            "1" * 32,
            "questions_salle",
            "Pourquoi <script>x</script> ?",
            1,
            False,
            False,
            datetime(2026, 12, 1, tzinfo=UTC),
        ),
        AudienceQuestion(
            "2" * 32,
            "questions_salle",
            "Qui anime ?",
            3,
            False,
            False,
            datetime(2026, 12, 1, tzinfo=UTC),
        ),
        AudienceQuestion(
            "3" * 32,
            "questions_salle",
            "Masquée",
            9,
            False,
            True,
            datetime(2026, 12, 1, tzinfo=UTC),
        ),
    ]
    document = session_replay(bank, session, answers, ["grossièreté"], asked)
    replay = parse_replay(json.dumps(document), banks)
    html = replay_body(replay, bank, {}).html
    assert "2 personnes · plusieurs réponses possibles" in html  # shares of people, not of ticks
    assert 'data-count="2"' in html and ">économie<" in html
    assert "grossièreté" not in html and "Masquée" not in html
    assert "<script>" not in html and "<em>" not in html
    assert html.index("Qui anime ?") < html.index("Pourquoi &lt;script&gt;")
    assert "3\u00a0votes" in html
    assert "2 personnes, plusieurs réponses possibles" in html  # the figure's text alternative
