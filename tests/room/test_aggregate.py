"""What the room answered: counts per choice, the group's profile, participants."""

from __future__ import annotations

import json

import pytest

from widgets.banks import Bank, DiagnosticBank
from widgets.room.aggregate import (
    answer_count,
    group_profile,
    option_counts,
    participant_count,
    summary,
)
from widgets.scoring.diagnostic import score_diagnostic

ROOM = {
    "p1": {"profil": "association", "dynamique": "non"},
    "p2": {"profil": "association"},
    "p3": {"profil": "academique", "metier": "aucun"},
    "p4": {},
}


def test_counts_per_choice_in_bank_order_with_zeros(banks: dict[str, Bank]) -> None:
    counts = option_counts(banks["sondage_ouverture"], ROOM)
    assert [q.id for q in counts] == ["profil", "dynamique", "metier"]
    profil = counts[0]
    assert [(c.value, c.count) for c in profil.choices] == [
        ("collectivite", 0),
        ("acteur_economique", 0),
        ("association", 2),
        ("academique", 1),
    ]
    assert profil.answered == 3 and counts[1].answered == 1 and counts[2].answered == 1
    assert profil.answer is None


def test_participants_and_answers(banks: dict[str, Bank]) -> None:
    assert participant_count(ROOM) == 3  # p4 gave nothing
    assert answer_count(ROOM) == 5
    assert participant_count({}) == 0


def test_unknown_values_are_skipped_not_counted(banks: dict[str, Bank]) -> None:
    stale = {"p1": {"profil": "supprimee", "ancienne_question": "x", "dynamique": 3}}
    counts = option_counts(banks["sondage_ouverture"], stale)
    assert sum(q.answered for q in counts) == 0


def test_quiz_counts_carry_the_right_answer(banks: dict[str, Bank]) -> None:
    counts = option_counts(banks["quiz_module_1"], {"p": {"nombre_partenariats": "b"}})
    assert counts[0].answer == "b"


def test_group_profile_is_the_mean_of_each_participants_profile(banks: dict[str, Bank]) -> None:
    bank = banks["profil_catalyseur"]
    assert isinstance(bank, DiagnosticBank)
    room = {
        "a": {"dt_enjeux": 3, "dt_rencontres": 3},  # dialogue 100
        "b": {"dt_enjeux": 0, "ec_besoins": 3},  # dialogue 0, expérimentations 100
        "c": {"dt_enjeux": 1.0},  # a JSON float still counts: dialogue 33.3
    }
    means = {axis.id: axis for axis in group_profile(bank, room)}
    expected = [
        score_diagnostic(bank, {k: int(v) for k, v in given.items()}) for given in room.values()
    ]
    dialogue = [r.scores["dialogue_territorial"] for r in expected]
    assert means["dialogue_territorial"].mean == pytest.approx(sum(dialogue) / 3)  # type: ignore[arg-type]
    assert means["dialogue_territorial"].respondents == 3
    assert means["experimentations_collectives"].mean == pytest.approx(100)
    assert means["experimentations_collectives"].respondents == 1
    assert means["gestion_lieu"].mean is None and means["gestion_lieu"].respondents == 0


def test_group_profile_of_an_empty_room(banks: dict[str, Bank]) -> None:
    bank = banks["profil_catalyseur"]
    assert isinstance(bank, DiagnosticBank)
    assert all(axis.mean is None for axis in group_profile(bank, {}))


def test_summary_holds_no_participant_id_and_is_json(banks: dict[str, Bank]) -> None:
    document = summary(banks["sondage_ouverture"], ROOM)
    text = json.dumps(document, allow_nan=False)
    assert not any(pid in text for pid in ROOM)
    assert document["participants"] == 3 and document["profile"] is None
    diagnostic = summary(banks["profil_catalyseur"], {"x": {"dt_enjeux": 3}})
    assert diagnostic["profile"][0] == {
        "id": "dialogue_territorial",
        "label": "Dialogue territorial",
        "mean": 100.0,
        "respondents": 1,
    }
