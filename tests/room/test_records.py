"""Live answers as parcours-results: what a participant keeps, what a facilitator exports."""

from __future__ import annotations

from datetime import UTC, datetime

from widgets.banks import Bank
from widgets.room.aggregate import participant_profile
from widgets.room.records import participant_alias, participant_record, session_records
from widgets.scoring.quiz import score_quiz
from widgets.storage import export_csv, export_json, import_csv, import_json
from widgets.storage.live import LiveSession

SESSION = LiveSession(
    id="0" * 32,
    code="ABCDE",
    bank_id="profil_catalyseur",
    bank_version="1.0",
    state="open",
    revealed=True,
    created_at=datetime(2025, 3, 1, tzinfo=UTC),
)


def test_a_kept_diagnostic_profile_imports_into_the_notebooks(banks: dict[str, Bank]) -> None:
    bank = banks["profil_catalyseur"]
    record = participant_record(bank, SESSION, "secret-participant", {"dt_enjeux": 3, "zz": 1})
    assert record.kind == "diagnostic" and record.pseudonym == "moi"
    assert record.answers == {"dt_enjeux": 3}  # unknown item dropped
    assert record.scores["dialogue_territorial"] == 100.0
    assert record.scores["gestion_lieu"] is None
    assert record.meta["live_session"] == "ABCDE"
    (back,) = import_json(export_json([record]))
    assert back == record
    again = participant_record(bank, SESSION, "secret-participant", {"dt_enjeux": 3})
    assert again.id == record.id  # downloading twice stores once


def test_quiz_and_poll_records(banks: dict[str, Bank]) -> None:
    quiz = participant_record(banks["quiz_module_1"], SESSION, "p", {"nombre_partenariats": "b"})
    assert quiz.scores == {"correct": 1, "total": len(banks["quiz_module_1"].items)}
    poll = participant_record(banks["sondage_ouverture"], SESSION, "p", {"profil": "association"})
    assert poll.kind == "poll" and poll.scores == {}


def test_session_export_names_participants_by_alias_only(banks: dict[str, Bank]) -> None:
    answers = {
        "participant-secret-1": {"profil": "association"},
        "participant-secret-2": {},
        "participant-secret-3": {"profil": "academique"},
    }
    records = session_records(banks["sondage_ouverture"], SESSION, answers)
    assert len(records) == 2
    text = export_csv(records) + export_json(records)
    assert "participant-secret" not in text
    assert {r.pseudonym for r in records} == {
        participant_alias(SESSION, "participant-secret-1"),
        participant_alias(SESSION, "participant-secret-3"),
    }
    assert import_csv(export_csv(records)) == records


def test_live_records_have_the_notebooks_meta(banks: dict[str, Bank]) -> None:
    """One record shape per kind: a live record's meta is the notebook's plus where it is from."""
    diagnostic = banks["profil_catalyseur"]
    record = participant_record(diagnostic, SESSION, "p", {"dt_enjeux": 3})
    profile = participant_profile(diagnostic, {"dt_enjeux": 3})
    assert record.meta == {**profile.record_meta, "live_session": "ABCDE", "source": "live"}
    quiz_bank = banks["quiz_module_1"]
    quiz = participant_record(quiz_bank, SESSION, "p", {"nombre_partenariats": "b"})
    result = score_quiz(quiz_bank, {"nombre_partenariats": "b"})
    assert quiz.meta == {**result.record_meta, "live_session": "ABCDE", "source": "live"}
    assert quiz.meta["module"] == 1 and quiz.meta["partial"] is True
