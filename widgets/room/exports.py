"""What a facilitator downloads from a live session: its records (CSV, JSON) or its replay.

One function for the facilitator's panel and the admin route, so both give the same file.
The replay (``parcours-replay``, :mod:`widgets.room.replay`) is anonymous by construction: it
is built from the room's counts and means only, never from a participant's answers; so is the
room's table (``room``: CSV, one row per choice, word of a cloud or audience question).

Words the facilitator hid are in neither: the cloud is computed without them. The records
(``csv``, ``json``: one ``parcours-results`` row per participant) keep each answer as the
participant typed it; they are the facilitator's own data, never shown to the room.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from widgets.banks import Bank, DiagnosticBank
from widgets.room.aggregate import group_profile, option_counts, participant_count, word_clouds
from widgets.room.qa import AudienceQuestion, room_order
from widgets.room.questions import questions
from widgets.room.records import session_records
from widgets.room.replay import replay_document
from widgets.storage.exchange import export_csv, export_json
from widgets.storage.live import LiveSession

Format = Literal["csv", "json", "replay", "room"]
FORMATS: tuple[Format, ...] = ("csv", "json", "replay", "room")
ROOM_COLUMNS = ("question_id", "question", "type", "element", "count", "answered")
"""The room's table: ``element`` is a choice's label, a word of a cloud or an audience
question; ``count`` its people or votes; ``answered`` the question's respondents, or for an
audience question whether the facilitator marked it answered (``oui``/``non``)."""

Answers = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Export:
    """A file to download: its name, media type, text, and how many participants it covers."""

    name: str
    mime: str
    text: str
    participants: int


def session_replay(
    bank: Bank,
    session: LiveSession,
    answers: Answers,
    hidden: Iterable[str] = (),
    audience: Sequence[AudienceQuestion] = (),
) -> dict[str, Any]:
    """The session's ``parcours-replay`` document: counts per choice, each cloud (``hidden``
    words left out), the audience's questions as the room saw them and, for a diagnostic, the
    room's mean per axis. ``closed_at`` is now when the session is closed."""
    counted = option_counts(bank, answers)
    counts = {q.id: {c.value: c.count for c in q.choices} for q in counted}
    extras: dict[str, dict[str, Any]] = {
        q.id: {"answered": q.answered} for q in counted if q.type == "multiple"
    }
    for cloud in word_clouds(bank, answers, hidden):
        extras[cloud.id] = {
            "answered": cloud.answered,
            "words": [{"word": w.word, "count": w.count} for w in cloud.words],
        }
    for item in bank.items:
        if getattr(item, "type", "choice") == "questions":
            extras[item.id] = {
                "questions": [
                    {"text": q.text, "votes": q.votes, "answered": q.answered}
                    for q in room_order(audience)
                    if q.item_id == item.id
                ]
            }
    profile = None
    if isinstance(bank, DiagnosticBank):
        profile = {a.id: (a.mean, a.respondents) for a in group_profile(bank, answers)}
    return replay_document(
        bank,
        participant_count(answers),
        counts,
        profile,
        title=f"{bank.title} — session {session.code}",
        closed_at=None if session.open else datetime.now(UTC),
        extras=extras,
    )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text a participant typed, as a spreadsheet cell that cannot run: one starting like a
    formula (``=``, ``+``, ``-``, ``@``…) gets a leading apostrophe (OWASP's CSV injection
    advice), which spreadsheets show as text and do not display."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def room_csv(document: Mapping[str, Any], bank: Bank) -> str:
    """The room's table (:data:`ROOM_COLUMNS`) from its replay document."""
    asked = {question.id: question for question in questions(bank)}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ROOM_COLUMNS)
    for entry in document["questions"]:
        question = asked[entry["id"]]
        head = [question.id, question.text, question.type]
        labels = {str(choice.value): choice.label for choice in question.choices}
        answered = entry.get("answered", sum(entry.get("counts", {}).values()))
        for value, count in entry.get("counts", {}).items():
            writer.writerow([*head, labels.get(value, value), count, answered])
        for word in entry.get("words", []):
            writer.writerow([*head, spreadsheet_safe(word["word"]), word["count"], answered])
        for given in entry.get("questions", []):
            done = "oui" if given["answered"] else "non"
            writer.writerow([*head, spreadsheet_safe(given["text"]), given["votes"], done])
    return buffer.getvalue()


def session_export(
    bank: Bank,
    session: LiveSession,
    answers: Answers,
    fmt: Format,
    hidden: Iterable[str] = (),
    audience: Sequence[AudienceQuestion] = (),
) -> Export:
    """The session in ``fmt``: participants' records (CSV or JSON), the room's replay or the
    room's table (``room``, CSV)."""
    if fmt in ("replay", "room"):
        import json

        document = session_replay(bank, session, answers, hidden, audience)
        people = int(document["participants"])
        if fmt == "room":
            name = f"salle-{bank.id}-{session.code}.csv"
            return Export(name, "text/csv", room_csv(document, bank), people)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        name = f"rediffusion-{bank.id}-{session.code}.json"
        return Export(name, "application/json", text, people)
    records = session_records(bank, session, answers)
    text = export_csv(records) if fmt == "csv" else export_json(records)
    mime = "text/csv" if fmt == "csv" else "application/json"
    return Export(f"live-{bank.id}-{session.code}.{fmt}", mime, text, len(records))
