"""Live answers as ``parcours-results`` records: kept by a participant, exported by a facilitator.

A participant who keeps their profile and a facilitator who exports the room write the same
format as the notebooks (:mod:`widgets.storage.exchange`), so either file can be imported into a
learner's results or a shared store. A participant's record has a stable id derived from the
session and the participant: downloading it twice and importing both copies stores it once.

A ``multiple`` answer is written as its option ids joined by commas (``"elus,entreprises"``,
in the bank's order: ids never hold a comma), a ``words`` answer as the text the participant
typed (tidied): the format keeps one text or number per question. The audience's questions
are not answers: they are in the room's exports (:func:`widgets.room.exports.room_document`).

Participant ids never leave the server: an export names each participant by a short hash that
is stable within the session (to follow one participant across questions) and means nothing
elsewhere.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from typing import Any

from widgets.banks import Bank, DiagnosticBank, QuizBank
from widgets.config import DEFAULT_PSEUDONYM
from widgets.room.aggregate import Answers, participant_profile, usable_answers
from widgets.scoring.quiz import score_quiz
from widgets.storage.live import LiveSession
from widgets.storage.records import ResultRecord

_NAMESPACE = uuid.UUID("8f1d3c0e-5b7a-4e44-9a61-2f3a6c2b9d10")
"""Fixed namespace of the record ids (UUID 5), so an id depends only on session + participant."""


def record_id(session: LiveSession, participant_id: str) -> str:
    return uuid.uuid5(_NAMESPACE, f"{session.id}:{participant_id}").hex


def participant_alias(session: LiveSession, participant_id: str) -> str:
    """``<CODE>-<8 hex>``: names a participant in an export without revealing their id."""
    digest = hashlib.sha256(f"{session.id}:{participant_id}".encode()).hexdigest()[:8]
    return f"{session.code}-{digest}"


def participant_record(
    bank: Bank,
    session: LiveSession,
    participant_id: str,
    given: Mapping[str, Any],
    *,
    pseudonym: str = DEFAULT_PSEUDONYM,
) -> ResultRecord:
    """One participant's answers as a result, scored and described as the notebooks do: the
    same scores and meta (``record_meta`` of the result), plus where it comes from
    (``live_session``, ``source``)."""
    answers = {
        key: ",".join(value) if isinstance(value, list) else value
        for key, value in usable_answers(bank, given).items()
    }
    scores: dict[str, float | None] = {}
    meta: dict[str, Any] = {}
    if isinstance(bank, DiagnosticBank):
        profile = participant_profile(bank, answers)
        scores, meta = profile.scores, profile.record_meta
    elif isinstance(bank, QuizBank):
        quiz = score_quiz(bank, {k: v for k, v in answers.items() if isinstance(v, str)})
        scores, meta = dict(quiz.scores), quiz.record_meta
    meta = {**meta, "live_session": session.code, "source": "live"}
    return ResultRecord(
        id=record_id(session, participant_id),
        pseudonym=pseudonym,
        bank_id=bank.id,
        bank_version=session.bank_version,
        kind=bank.kind,
        answers=dict(answers),
        scores=scores,
        meta=meta,
    )


def session_records(bank: Bank, session: LiveSession, answers: Answers) -> list[ResultRecord]:
    """Every participant of a session as a record, named by alias, in alias order."""
    records = [
        participant_record(
            bank, session, participant, given, pseudonym=participant_alias(session, participant)
        )
        for participant, given in answers.items()
        if given
    ]
    return sorted(records, key=lambda record: record.pseudonym)
