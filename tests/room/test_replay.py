"""The ``parcours-replay`` format: valid documents, every defect located, and its figures."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from widgets.banks import DiagnosticBank, QuizBank, load_banks
from widgets.errors import DataError
from widgets.figures.room import choice_counts_figure, describe_replay, group_profile_figure
from widgets.french import NBSP
from widgets.room.replay import choices, load_replay, parse_replay, replay_document

BANKS = load_banks()
DATA = Path(__file__).parents[1] / "offline" / "data"
MATURITE = json.loads((DATA / "replay_maturite.json").read_text(encoding="utf-8"))


def problems(document: Any, source: str = "salle.json") -> list[tuple[str | None, str]]:
    with pytest.raises(DataError) as caught:
        parse_replay(json.dumps(document), BANKS, source=source)
    assert all(problem.file == source for problem in caught.value.problems)
    return [(problem.item, problem.code) for problem in caught.value.problems]


def test_the_documented_example_reads_back() -> None:
    replay = load_replay(DATA / "replay_maturite.json", BANKS)
    assert replay.bank_id == "maturite_co_construction"
    assert replay.participants == 12
    assert replay.closed_at == datetime(2025, 3, 12, 10, 42, tzinfo=UTC)
    # every question of the bank is there, a question left out counting 0 for every level
    bank = BANKS["maturite_co_construction"]
    assert list(replay.counts) == [item.id for item in bank.items]
    assert replay.counts["sol_besoins"] == {1: 0, 2: 2, 3: 7, 4: 3}
    assert replay.counts["cv_roles"] == {1: 0, 2: 0, 3: 0, 4: 0}
    assert replay.answered("sol_interconnaissance") == 12
    assert replay.scores is not None and replay.scores["modele_economique"] is None
    assert replay.scores["chaine_valeur"] == 48.25


def test_a_quiz_replay_has_no_profile_and_keeps_option_ids() -> None:
    replay = load_replay(DATA / "replay_quiz_2.json", BANKS)
    assert replay.profile is None and replay.scores is None
    assert replay.counts["domaines_fragilite"] == {"a": 4, "b": 21, "c": 5}
    assert replay.bank_version == "0.9"  # an older version is read, the page says so


def test_replay_document_builds_what_parse_reads() -> None:
    bank = BANKS["profil_catalyseur"]
    assert isinstance(bank, DiagnosticBank)
    document = replay_document(
        bank,
        3,
        {"dt_enjeux": {0: 1, 3: 2}},
        {axis.id: (50.0, 3) for axis in bank.axes},
        title="Essai",
        closed_at=datetime(2025, 1, 2, 3, 4, tzinfo=UTC),
    )
    assert document["closed_at"] == "2025-01-02T03:04:00Z"
    replay = parse_replay(json.dumps(document), BANKS)
    assert replay.counts["dt_enjeux"] == {0: 1, 1: 0, 2: 0, 3: 2}
    assert replay.title == "Essai"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"format": "parcours-results"}, [("format", "format-error")]),
        ({"version": 3}, [("version", "unsupported-version")]),
        ({"version": 1.0}, [("version", "unsupported-version")]),
        ({"version": True}, [("version", "unsupported-version")]),
        ({"version": "2"}, [("version", "unsupported-version")]),
        ({"bank_id": "inconnue"}, [("bank_id", "invalid-field")]),
        ({"participants": -1}, [("participants", "invalid-field")]),
        ({"participants": True}, [("participants", "invalid-field")]),
        ({"closed_at": "2025-03-12 10:42"}, [("closed_at", "invalid-field")]),
        ({"title": ""}, [("title", "invalid-field")]),
        ({"questions": {}}, [("questions", "invalid-field")]),
        (
            {
                "questions": [
                    {"id": "nope", "counts": {}},
                    {"id": "sol_besoins", "counts": {"5": 1}},
                ]
            },
            [("questions[0].id", "unknown-item"), ("questions[1].counts.5", "out-of-scale")],
        ),
        (
            {"questions": [{"id": "sol_besoins", "counts": {"1": 1.5}}]},
            [("questions[0].counts.1", "invalid-field")],
        ),
        (
            {"questions": [{"id": "sol_besoins", "counts": {"1": 13}}]},
            [("questions[0].counts", "invalid-field")],  # more answers than participants
        ),
        (
            {
                "questions": [
                    {"id": "sol_besoins", "counts": {}},
                    {"id": "sol_besoins", "counts": {}},
                ]
            },
            [("questions[1].id", "duplicate-id")],
        ),
        (
            {"profile": [{"axis": "x", "mean": 1, "respondents": 1}]},
            [("profile[0].axis", "unknown-axis")],
        ),
        (
            {"profile": [{"axis": "solutions", "mean": 101, "respondents": 1}]},
            [("profile[0].mean", "invalid-field")],
        ),
        (
            {"profile": [{"axis": "solutions", "mean": None, "respondents": 3}]},
            [("profile[0].mean", "invalid-field")],  # null only without respondents
        ),
        (
            {"profile": [{"axis": "solutions", "mean": 50, "respondents": 13}]},
            [("profile[0].respondents", "invalid-field")],
        ),
    ],
)
def test_defects_are_located(change: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert problems({**MATURITE, **change}) == expected


def test_every_defect_is_listed_at_once() -> None:
    document = {**MATURITE, "participants": "douze", "title": 3, "profile": "x"}
    assert problems(document) == [
        ("title", "invalid-field"),
        ("participants", "invalid-field"),
        ("profile", "invalid-field"),
    ]


def test_a_quiz_refuses_a_profile_and_unknown_options() -> None:
    document = json.loads((DATA / "replay_quiz_2.json").read_text(encoding="utf-8"))
    document["profile"] = []
    document["questions"][0]["counts"]["z"] = 1
    assert problems(document) == [
        ("questions[0].counts.z", "unknown-option"),
        ("profile", "invalid-field"),
    ]


@pytest.mark.parametrize("text", ["", "{", "[]", "NaN"])
def test_unreadable_files(text: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_replay(text, BANKS, source="salle.json")
    assert caught.value.problems[0].code in {"file-empty", "json-error", "format-error"}


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_replay(tmp_path / "absent.json", BANKS)
    assert caught.value.problems[0].code == "file-missing"


def test_choices_follow_the_bank() -> None:
    quiz = BANKS["quiz_module_2"]
    assert isinstance(quiz, QuizBank)
    offered = choices(quiz)
    assert [value for value, _ in offered["domaines_fragilite"]] == ["a", "b", "c"]
    poll = choices(BANKS["sondage_ouverture"])
    assert poll["profil"][0][0] == "collectivite"


def test_counts_figure_marks_the_right_answer_in_words() -> None:
    fig = choice_counts_figure(f"Combien{NBSP}?", ["13", "16", "17"], [4, 21, 5], right=1)
    bar = fig.data[0]
    assert list(bar.x) == [4, 21, 5]
    assert list(bar.text) == ["4 (13\u00a0%)", "21 (70\u00a0%)", "5 (17\u00a0%)"]
    assert bar.y[1].startswith("✔ 16") and "bonne réponse" in bar.y[1]
    assert bar.marker.color[1] != bar.marker.color[0]
    assert fig.layout.title.subtitle.text == "30 réponses"
    assert describe_replay(fig) == (
        "Réponses de la salle à «\u00a0Combien\u00a0?\u00a0» (30 réponses)\u00a0: 13\u00a0: 4 "
        "(13\u00a0%), "
        "16\u00a0: 21 (70\u00a0%) et 17\u00a0: 5 (17\u00a0%)\u00a0; bonne réponse\u00a0: 16."
    )


def test_counts_figure_with_nobody() -> None:
    fig = choice_counts_figure("Q", ["a", "b"], [0, 0])
    assert list(fig.data[0].text) == ["0", "0"]


def test_group_profile_figure_leaves_empty_axes_out() -> None:
    fig = group_profile_figure(["A", "B"], [61.5, None], [12, 0], "Titre")
    assert list(fig.data[0].x) == [61.5, None]
    assert fig.data[0].y[1] == "B (aucune réponse)"
    assert fig.data[0].text[0] == "62 (12 pers.)"  # 61.5 rounds half to even
    assert (
        describe_replay(fig)
        == f"Moyenne de la salle par axe, de 0 à 100{NBSP}: A 62 et B sans réponse."
    )
