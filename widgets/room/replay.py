"""The ``parcours-replay`` format: what a webinar room answered, with nobody in it.

After a live session, the facilitator exports the room's aggregate; ``parcours export
--replay FILE.json`` turns it into a page of the offline edition, and a self-learner who
takes the diagnostic alone can lay the room's average over their own profile. Only counts and
means travel: no participant id, no individual answer, no time of answer.

JSON, version 2 (UTF-8)::

    {
      "format": "parcours-replay",
      "version": 2,
      "bank_id": "maturite_co_construction",
      "bank_version": "1.0",
      "title": "Webinaire « Maturité » du 12 mars 2025",
      "closed_at": "2025-03-12T10:42:00Z",
      "participants": 57,
      "questions": [
        {"id": "sol_besoins", "counts": {"1": 2, "2": 9, "3": 30, "4": 14}},
        {"id": "po_operateur", "counts": {"1": 20, "2": 18, "3": 10, "4": 4}}
      ],
      "words": […], "audience": […],       (version 2, below)
      "profile": [
        {"axis": "solutions", "mean": 63.2, "respondents": 55},
        {"axis": "gouvernance", "mean": null, "respondents": 0}
      ]
    }

* ``bank_id``: a bank of the course (``data/banks/<bank_id>.yaml``); the export refuses a
  replay of a bank it does not ship. ``bank_version``: the bank's version during the session
  (text); a different version is shown as a note, not refused.
* ``title`` (optional): how the page names the session. ``closed_at`` (optional): when the
  session closed, ISO 8601 with a time zone.
* ``participants``: people who answered at least one question (integer ≥ 0).
* ``questions``: per question of the bank, how many people chose each choice. Keys of
  ``counts`` are the choice's value as text: the scale level for a diagnostic (``"3"``), the
  option id for a quiz or a poll (``"b"``). A choice or a question left out counts 0; a
  question's counts add up to at most ``participants``.
* version 2 adds what a poll's other question types leave (a version 1 document reads as
  before; version 2 readers read both):

  - a ``multiple`` question's entry has ``counts`` per option (their sum may exceed the
    participants, each may choose several) and ``answered``, the people who answered it;
  - a ``words`` question's entry has ``answered`` and ``words``, its cloud as
    ``[{"word": "économie", "count": 12}, …]`` (most frequent first; the words the facilitator
    hid are not in it: :mod:`widgets.room.words`);
  - a ``questions`` item's entry has ``questions``, the audience's questions as the room saw
    them at the end, ``[{"text": "…", "votes": 4, "answered": true}, …]`` (no author, hidden
    ones left out).
* ``profile``: for a diagnostic only (``null`` or absent otherwise): per axis, the mean of the
  participants' axis scores (0–100, as :func:`widgets.scoring.diagnostic.score_diagnostic`
  computes them, each participant weighing the same) and how many had a score on that axis.
  ``mean`` is ``null`` exactly when ``respondents`` is 0.

Readers ignore unknown keys (a writer may add some); a change in meaning gets a new version.
:func:`parse_replay` reports every problem at once, as :class:`~widgets.errors.DataError`
problems that name the file and the element (``questions[2].counts.5``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from widgets.banks import Bank, DiagnosticBank
from widgets.errors import DataError, Problem
from widgets.room.aggregate import AxisMean
from widgets.room.replay_questions import Extras, is_count, read_questions
from widgets.room.replay_questions import choices as choices  # re-exported: part of this API
from widgets.storage.exchange import read_json_document

FORMAT_NAME = "parcours-replay"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
"""Versions :func:`parse_replay` reads: version 2 only adds to version 1."""


@dataclass(frozen=True)
class Replay:
    """A validated replay: counts for every question and choice of the bank, in bank order."""

    bank_id: str
    bank_version: str
    title: str | None
    closed_at: datetime | None
    participants: int
    counts: dict[str, dict[int | str, int]]
    profile: tuple[AxisMean, ...] | None
    extras: Extras = field(default_factory=Extras)
    """What version 2 adds: people per ``multiple`` question, clouds, audience questions."""

    def answered(self, question_id: str) -> int:
        """How many people answered one question."""
        if question_id in self.extras.answered:
            return self.extras.answered[question_id]
        return sum(self.counts[question_id].values())

    @property
    def scores(self) -> dict[str, float | None] | None:
        """Axis id → mean, the overlay a profile figure takes; ``None`` without a profile."""
        if self.profile is None:
            return None
        return {axis.id: axis.mean for axis in self.profile}


def replay_document(
    bank: Bank,
    participants: int,
    counts: Mapping[str, Mapping[int | str, int]],
    profile: Mapping[str, tuple[float | None, int]] | None = None,
    *,
    title: str | None = None,
    closed_at: datetime | None = None,
    extras: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """A ``parcours-replay`` document from plain numbers (what a live session has at its close).

    ``counts``: question id → {choice value → count}; ``profile``: axis id → (mean,
    respondents); ``extras``: question id → the keys version 2 adds to its entry
    (``answered``, ``words``, ``questions``). The document is checked with
    :func:`parse_replay` before it is returned.
    """
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "bank_id": bank.id,
        "bank_version": bank.version,
        "participants": participants,
        "questions": [
            {"id": question, "counts": {str(value): n for value, n in given.items()}}
            for question, given in counts.items()
        ],
    }
    entries = {entry["id"]: entry for entry in document["questions"]}
    for question, added in (extras or {}).items():
        entry = entries.get(question)
        if entry is None:
            entry = entries[question] = {"id": question}
            document["questions"].append(entry)
        entry.update(added)
    if title is not None:
        document["title"] = title
    if closed_at is not None:
        document["closed_at"] = closed_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if profile is not None:
        document["profile"] = [
            {"axis": axis, "mean": mean, "respondents": respondents}
            for axis, (mean, respondents) in profile.items()
        ]
    parse_replay(json.dumps(document), {bank.id: bank}, source="replay")
    return document


def load_replay(path: str | Path, banks: Mapping[str, Bank]) -> Replay:
    """Read and check a replay file; :class:`DataError` naming the file otherwise."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        code = "file-missing" if isinstance(error, FileNotFoundError) else "source-error"
        raise DataError.single(str(path), code, value=error.strerror) from None
    return parse_replay(raw, banks, source=str(path))


def parse_replay(
    text: str | bytes, banks: Mapping[str, Bank], source: str = "replay.json"
) -> Replay:
    """A :class:`Replay` from JSON text, checked against the bank it names."""
    document = _decode(text, source)
    problems: list[Problem] = []

    def problem(code: str, item: str, value: Any = None, expected: str | None = None) -> None:
        shown = None if value is None else _shown(value)
        problems.append(Problem(source, code, item=item, expected=expected, value=shown))

    bank_id = document.get("bank_id")
    bank = banks.get(bank_id) if isinstance(bank_id, str) else None
    if bank is None:
        expected = "une banque du cours\u00a0: " + ", ".join(sorted(banks))
        code = "missing-field" if "bank_id" not in document else "invalid-field"
        raise DataError(
            [
                Problem(
                    source,
                    code,
                    item="bank_id",
                    expected=expected,
                    value=_shown(bank_id) if bank_id is not None else None,
                )
            ]
        )
    version = document.get("bank_version")
    if isinstance(version, int) and not isinstance(version, bool):
        version = str(version)
    if not isinstance(version, str) or not version.strip():
        problem(
            "invalid-field" if "bank_version" in document else "missing-field",
            "bank_version",
            version,
            "un texte (la version de la banque)",
        )
        version = ""
    title = document.get("title")
    if title is not None and (not isinstance(title, str) or not title.strip()):
        problem("invalid-field", "title", title, "un texte non vide")
        title = None
    closed_at = _moment(document.get("closed_at"), problem)
    participants = document.get("participants")
    if not is_count(participants):
        problem(
            "invalid-field" if "participants" in document else "missing-field",
            "participants",
            participants,
            "un entier positif ou nul",
        )
        participants = None  # unknown: the counts cannot be checked against it
    counts, extras = read_questions(bank, document.get("questions"), participants, problem)
    profile = _profile(bank, document, participants, problem)
    if problems:
        raise DataError.collect(problems)
    return Replay(
        bank.id,
        version.strip(),
        title.strip() if title else None,
        closed_at,
        participants or 0,
        counts,
        profile,
        extras,
    )


def _decode(text: str | bytes, source: str) -> dict[str, Any]:
    document = read_json_document(text, source)
    header = f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}, …}}'
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        value = document.get("format") if isinstance(document, dict) else None
        raise DataError.single(
            source,
            "format-error",
            item="format",
            expected=header,
            value=None if value is None else _shown(value),
        )
    version = document.get("version")
    # 1.0 == 1 and True == 1 in Python: a version is a whole number, spelt as one
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise DataError.single(
            source,
            "unsupported-version",
            item="version",
            expected=str(FORMAT_VERSION),
            value=_shown(version),
        )
    return document


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _moment(value: Any, problem: Any) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip()) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        problem("invalid-field", "closed_at", value, "une date ISO 8601 avec fuseau")
        return None
    return moment.astimezone(UTC)


def _profile(
    bank: Bank, document: Mapping[str, Any], participants: int | None, problem: Any
) -> tuple[AxisMean, ...] | None:
    given = document.get("profile")
    if not isinstance(bank, DiagnosticBank):
        if given is not None:
            problem(
                "invalid-field", "profile", None, "null\u00a0: seul un autodiagnostic a un profil"
            )
        return None
    if given is None:
        return None
    if not isinstance(given, list):
        problem("invalid-field", "profile", None, "une liste {axis, mean, respondents}")
        return None
    labels = {axis.id: axis.label for axis in bank.axes}
    found: dict[str, AxisMean] = {}
    for index, entry in enumerate(given):
        where = f"profile[{index}]"
        axis = entry.get("axis") if isinstance(entry, dict) else None
        if axis not in labels:
            problem("unknown-axis", f"{where}.axis", axis, ", ".join(labels))
        elif axis in found:
            problem("duplicate-id", f"{where}.axis", axis, "un axe une seule fois")
        else:
            mean = _axis_mean(entry, where, participants, problem)
            if mean is not None:
                found[axis] = AxisMean(axis, labels[axis], *mean)
    return tuple(found.get(axis, AxisMean(axis, labels[axis], None, 0)) for axis in labels)


def _axis_mean(
    entry: Mapping[str, Any], where: str, participants: int | None, problem: Any
) -> tuple[float | None, int] | None:
    """``(mean, respondents)`` of one profile entry, or ``None`` (reported) when invalid."""
    mean: Any = entry.get("mean")
    respondents: Any = entry.get("respondents")
    limit = participants if participants is not None else respondents
    if not is_count(respondents) or respondents > limit:
        problem("invalid-field", f"{where}.respondents", respondents, f"un entier de 0 à {limit}")
        return None
    number = isinstance(mean, int | float) and not isinstance(mean, bool)
    if mean is None and respondents == 0:
        return None, 0
    if number and math.isfinite(mean) and 0 <= mean <= 100 and respondents > 0:
        return float(mean), respondents
    problem(
        "invalid-field", f"{where}.mean", mean, "un nombre de 0 à 100 (null si aucun répondant)"
    )
    return None
