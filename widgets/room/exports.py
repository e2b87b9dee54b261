"""What a facilitator downloads from a live session: its records (CSV, JSON) or its replay.

One function for the facilitator's panel and the admin route, so both give the same file.
The replay (``parcours-replay``, :mod:`widgets.room.replay`) is anonymous by construction: it
is built from the room's counts and means only, never from a participant's answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from widgets.banks import Bank, DiagnosticBank
from widgets.room.aggregate import group_profile, option_counts, participant_count
from widgets.room.records import session_records
from widgets.room.replay import replay_document
from widgets.storage.exchange import export_csv, export_json
from widgets.storage.live import LiveSession

Format = Literal["csv", "json", "replay"]
FORMATS: tuple[Format, ...] = ("csv", "json", "replay")


@dataclass(frozen=True)
class Export:
    """A file to download: its name, media type, text, and how many participants it covers."""

    name: str
    mime: str
    text: str
    participants: int


def session_replay(
    bank: Bank, session: LiveSession, answers: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The session's ``parcours-replay`` document: counts per choice and, for a diagnostic,
    the room's mean per axis. ``closed_at`` is now when the session is closed."""
    counts = {q.id: {c.value: c.count for c in q.choices} for q in option_counts(bank, answers)}
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
    )


def session_export(
    bank: Bank, session: LiveSession, answers: Mapping[str, Mapping[str, Any]], fmt: Format
) -> Export:
    """The session in ``fmt``: participants' records (CSV or JSON) or the room's replay."""
    if fmt == "replay":
        import json

        document = session_replay(bank, session, answers)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        name = f"rediffusion-{bank.id}-{session.code}.json"
        return Export(name, "application/json", text, int(document["participants"]))
    records = session_records(bank, session, answers)
    text = export_csv(records) if fmt == "csv" else export_json(records)
    mime = "text/csv" if fmt == "csv" else "application/json"
    return Export(f"live-{bank.id}-{session.code}.{fmt}", mime, text, len(records))
