"""The ``questions`` of a ``parcours-replay`` document, read and checked entry by entry.

:mod:`widgets.room.replay` specifies the format and reads the rest; here each question's entry
is checked against the bank's question of that id: counts of a choice question (version 1),
and what version 2 adds for a poll's ``multiple``, ``words`` and ``questions`` items. Every
problem is reported through the caller's ``problem(code, item, value, expected)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from widgets.banks import Bank, DiagnosticBank
from widgets.room.questions import Question, questions

Report = Callable[..., None]
"""``problem(code, item, value=None, expected=None)``, from
:func:`widgets.room.replay.parse_replay`."""


@dataclass(frozen=True)
class Extras:
    """What version 2 adds, by question id."""

    answered: dict[str, int] = field(default_factory=dict)
    """People who answered a ``multiple`` or ``words`` question."""
    words: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    """A ``words`` question's cloud: (word, count), most frequent first."""
    audience: dict[str, tuple[tuple[str, int, bool], ...]] = field(default_factory=dict)
    """A ``questions`` item's questions: (text, votes, answered), in the room's order."""


def choices(bank: Bank) -> dict[str, list[tuple[int | str, str]]]:
    """Question id → its choices ``(value, label)``, in order, as a live session offers them
    (none for a ``words`` or ``questions`` item)."""
    return {q.id: [(c.value, c.label) for c in q.choices] for q in questions(bank)}


def is_count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def read_questions(
    bank: Bank, entries: Any, participants: int | None, problem: Report
) -> tuple[dict[str, dict[int | str, int]], Extras]:
    """Counts of every choice question (zeros for what is left out) and version 2's extras."""
    asked = {q.id: q for q in questions(bank)}
    offered = choices(bank)
    counts: dict[str, dict[int | str, int]] = {
        question: dict.fromkeys((value for value, _ in options), 0)
        for question, options in offered.items()
    }
    extras = Extras()
    if not isinstance(entries, list):
        expected = "une liste de questions"
        problem(
            "invalid-field" if entries is not None else "missing-field", "questions", None, expected
        )
        return counts, extras
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"questions[{index}]"
        question = _question_entry(entry, where, asked, seen, problem)
        if question is None:
            continue
        kind = asked[question].type
        if kind == "words":
            _read_words(entry, where, question, participants, extras, problem)
        elif kind == "questions":
            _read_audience(entry, where, question, extras, problem)
        else:
            _read_counts(
                bank, entry, where, asked[question], counts[question], participants, problem
            )
            if kind == "multiple":
                extras.answered[question] = _people(entry, where, participants, problem)
    return counts, extras


def _question_entry(
    entry: Any, where: str, asked: Mapping[str, Question], seen: set[str], problem: Report
) -> str | None:
    """The id of a well-formed, known, first-seen question entry; ``None`` (reported) else."""
    if not isinstance(entry, dict):
        problem("invalid-field", where, entry, '{"id": …, "counts": {…}}')
        return None
    question = entry.get("id")
    if not isinstance(question, str) or question not in asked:
        problem("unknown-item", f"{where}.id", question, ", ".join(asked))
        return None
    if question in seen:
        problem("duplicate-id", f"{where}.id", question, "une question une seule fois")
        return None
    seen.add(question)
    kind = asked[question].type
    if kind in ("choice", "multiple") and not isinstance(entry.get("counts"), dict):
        problem("invalid-field", f"{where}.counts", None, "un objet {choix: effectif}")
        return None
    return question


def _read_counts(
    bank: Bank,
    entry: Mapping[str, Any],
    where: str,
    question: Question,
    into: dict[int | str, int],
    participants: int | None,
    problem: Report,
) -> None:
    """Each ``choice: count`` of one question, checked against the choices it offers."""
    by_text = {str(c.value): c.value for c in question.choices}
    for key, count in entry["counts"].items():
        if key not in by_text:
            code = "out-of-scale" if isinstance(bank, DiagnosticBank) else "unknown-option"
            problem(code, f"{where}.counts.{key}", key, ", ".join(by_text))
        elif not is_count(count):
            problem("invalid-field", f"{where}.counts.{key}", count, "un entier ≥ 0")
        else:
            into[by_text[key]] = count
    if participants is None:
        return
    # Several options of a ``multiple`` question may be chosen: each count is bounded alone.
    total = max(into.values(), default=0) if question.type == "multiple" else sum(into.values())
    if total > participants:
        expected = f"au plus {participants} réponses (le nombre de participants)"
        problem("invalid-field", f"{where}.counts", total, expected)


def _people(entry: Mapping[str, Any], where: str, participants: int | None, problem: Report) -> int:
    """``answered`` of an entry: people, at most the participants (0, reported, if wrong)."""
    value = entry.get("answered", 0)
    if is_count(value) and (participants is None or value <= participants):
        return int(value)
    limit = participants if participants is not None else "…"
    problem("invalid-field", f"{where}.answered", value, f"un entier de 0 à {limit}")
    return 0


def _read_words(
    entry: Mapping[str, Any],
    where: str,
    question: str,
    participants: int | None,
    extras: Extras,
    problem: Report,
) -> None:
    answered = _people(entry, where, participants, problem)
    extras.answered[question] = answered
    given = entry.get("words", [])
    cloud: list[tuple[str, int]] = []
    if not isinstance(given, list):
        given = []
        problem("invalid-field", f"{where}.words", None, '[{"word": …, "count": …}]')
    for position, word in enumerate(given):
        text = word.get("word") if isinstance(word, dict) else None
        count = word.get("count") if isinstance(word, dict) else None
        if isinstance(text, str) and text.strip() and is_count(count) and count <= answered:
            cloud.append((text.strip(), count))
        else:
            expected = f'{{"word": texte, "count": entier de 0 à {answered}}}'
            problem("invalid-field", f"{where}.words[{position}]", word, expected)
    extras.words[question] = tuple(cloud)


def _read_audience(
    entry: Mapping[str, Any], where: str, question: str, extras: Extras, problem: Report
) -> None:
    given = entry.get("questions", [])
    asked: list[tuple[str, int, bool]] = []
    if not isinstance(given, list):
        given = []
        problem("invalid-field", f"{where}.questions", None, '[{"text": …, "votes": …}]')
    for position, item in enumerate(given):
        text = item.get("text") if isinstance(item, dict) else None
        votes = item.get("votes") if isinstance(item, dict) else None
        answered = item.get("answered", False) if isinstance(item, dict) else None
        if (
            isinstance(text, str)
            and text.strip()
            and is_count(votes)
            and isinstance(answered, bool)
        ):
            asked.append((text.strip(), votes, answered))
        else:
            expected = '{"text": texte, "votes": entier ≥ 0, "answered": true ou false}'
            problem("invalid-field", f"{where}.questions[{position}]", item, expected)
    extras.audience[question] = tuple(asked)
