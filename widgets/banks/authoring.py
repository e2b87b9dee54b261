"""A poll or quiz described as plain data (a form, a spreadsheet) turned into a bank mapping.

Facilitators who prepare tomorrow's poll should not have to write YAML: the dashboard's form
« Préparer un sondage » and a spreadsheet import both describe it as a :class:`PollDraft`
(a title, questions with their type, options as labels, a quiz's right answer as one of those
labels). :func:`bank_mapping` builds the bank, generating the identifiers the YAML format needs,
and :func:`validated_bank` runs the checks of ``parcours validate`` on it. Problems name the
question (« question 2 ») and the column of the spreadsheet layout (``bonne_reponse``), with the
row of the spreadsheet when the draft came from one, never a YAML path the facilitator never saw.

A draft where some question has a right answer is a quiz: every question must then be a single
choice with its right answer, explanation and source.

A ``scale`` question is answered on levels typed as its options, from the first to the last
(values 1 to n): the poll's scale. The bank format has one scale per poll, so every scale
question of a draft lists the same levels.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from widgets.banks.loader import validate_bank
from widgets.banks.model import SCHEMA_VERSION, Bank
from widgets.errors import DataError, Problem

DEFAULT_DESCRIPTION = "Questions préparées par l'animateur\u00a0; vos réponses sont anonymes."
MAX_ID = 40
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})

COLUMNS: dict[str, str] = {
    "question": "question",
    "type": "type",
    "options": "options",
    "max_choices": "max_choices",
    "answer": "bonne_reponse",
    "explanation": "explication",
    "source": "source",
    "quote": "source",
    "results": "resultats",
    "id": "question",
}
"""Bank field of a question → the column (of the spreadsheet, of the form) where it is typed."""

TOP_COLUMNS = {"title": "titre", "description": "description", "id": "identifiant"}


@dataclass(frozen=True)
class QuestionDraft:
    """One question as a facilitator types it; ``row`` is its spreadsheet row, if any."""

    text: str
    type: str = "choice"
    """A bank's question type, or ``scale`` (a single choice on the poll's scale)."""
    options: tuple[str, ...] = ()
    """Its options' labels; for a ``scale`` question, the scale's levels in order."""
    max_choices: int | None = None
    answer: str | None = None
    """The right option's label (or its number, 1 for the first): a quiz question (the draft is
    a quiz when every question has one, a poll with quiz questions when only some have)."""
    explanation: str | None = None
    source: str | None = None
    results: str = "revealed"
    row: int | None = None


@dataclass(frozen=True)
class PollDraft:
    """A whole poll; ``id`` defaults to one made from the title."""

    title: str
    questions: tuple[QuestionDraft, ...] = field(default_factory=tuple)
    description: str = ""
    id: str = ""

    @property
    def is_quiz(self) -> bool:
        """Every question has a right answer: a quiz. Only some: a poll whose answered
        questions are quiz questions (locked and graded once revealed, live)."""
        return bool(self.questions) and all(_filled(q.answer) for q in self.questions)


def slug(text: str, fallback: str = "sondage") -> str:
    """An identifier of the bank format (lower-case ASCII, digits, ``_``) from any text."""
    text = text.translate(_LIGATURES)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:MAX_ID].strip("_")
    return cleaned or fallback


def bank_id(draft: PollDraft) -> str:
    return slug(draft.id or draft.title)


def bank_mapping(draft: PollDraft) -> tuple[dict[str, Any], list[Problem]]:
    """The bank as the YAML file will hold it, and the problems found before validation
    (an answer that is none of the options, a quiz question of another type)."""
    problems: list[Problem] = []
    quiz = draft.is_quiz
    items = []
    for index, question in enumerate(draft.questions):
        item, found = _item(index, question, quiz)
        items.append(item)
        problems.extend(found)
    scale, found = _scale(draft) if not quiz else (None, [])
    problems.extend(found)
    sources = sorted({(q.source or "").strip() for q in draft.questions if _filled(q.source)})
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": bank_id(draft),
        "version": "1.0",
        "kind": "quiz" if quiz else "poll",
        "title": draft.title.strip(),
        "description": draft.description.strip() or DEFAULT_DESCRIPTION,
    }
    if sources:
        data["sources"] = sources
    if scale:
        data["scale"] = scale
    data["items"] = items
    return data, problems


def validated_bank(
    draft: PollDraft, *, file: str = "formulaire", data_root: str | Path | None = None
) -> tuple[dict[str, Any], Bank]:
    """The bank mapping and its validated :class:`Bank`; raise :class:`DataError` naming the
    question, column (and spreadsheet row) of every problem.

    With ``data_root``, a quiz's sources must exist in its ``sources/`` folder.
    """
    data, problems = bank_mapping(draft)
    problems = [dataclasses.replace(p, file=file) for p in problems]
    if not draft.questions:
        problems.append(Problem(file, "missing-field", column="question", expected="une question"))
    bank: Bank | None = None
    try:
        bank = validate_bank(data, file=file, data_root=data_root)
    except DataError as error:
        seen = {(p.item, p.column) for p in problems}  # one problem per field, ours first
        located = (_located(p, draft) for p in error.problems)
        problems.extend(p for p in located if (p.item, p.column) not in seen)
    if problems or bank is None:
        raise DataError.collect(dict.fromkeys(problems))
    return data, bank


def _item(index: int, q: QuestionDraft, quiz: bool) -> tuple[dict[str, Any], list[Problem]]:
    where = _Where(q.row, f"question {index + 1}")
    item: dict[str, Any] = {"id": f"q{index + 1}", "question": q.text.strip()}
    problems: list[Problem] = []
    labels = [label.strip() for label in q.options if label.strip()]
    options = _options(labels)
    if quiz:
        item["options"] = options
        expected = "choice (un quiz n'a que des questions à choix unique)"
        problems.extend(_right_answer(item, q, labels, options, where, expected))
    else:
        if q.type not in ("choice", "scale"):  # a scale question is a choice on the poll's scale
            item["type"] = q.type
        if q.type != "scale" and (options or q.type in ("choice", "multiple")):
            item["options"] = options
        if q.max_choices is not None:
            item["max_choices"] = q.max_choices
        if _filled(q.answer):  # a quiz question among the poll's
            expected = "choice (une bonne réponse va à une question à choix unique)"
            problems.extend(_right_answer(item, q, labels, options, where, expected))
        for name, value in (("explication", q.explanation), ("source", q.source)):
            if _filled(value) and not _filled(q.answer):
                expected = "rien (seulement avec une bonne réponse)"
                problems.append(where.problem("invalid-field", name, expected, value))
    if q.results != "revealed":
        item["results"] = q.results
    problems.extend(_duplicate_labels(labels, where))
    return item, problems


def _right_answer(
    item: dict[str, Any],
    q: QuestionDraft,
    labels: Sequence[str],
    options: Sequence[dict[str, str]],
    where: _Where,
    expected_type: str,
) -> list[Problem]:
    """A quiz question's right answer, explanation and source into ``item`` (a quiz's, or a
    poll's question that has a right answer); the problems found."""
    problems: list[Problem] = []
    if q.type != "choice":
        problems.append(where.problem("invalid-field", "type", expected_type, q.type))
    item["answer"] = _answer(q.answer, labels, options, problems, where)
    item["explanation"] = (q.explanation or "").strip()
    item["source"] = (q.source or "").strip()
    return problems


def _scale(draft: PollDraft) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The poll's scale from its first ``scale`` question (levels 1 to n), and a problem for
    a scale question with too few levels or other levels than the first one's."""
    first: tuple[str, ...] | None = None
    first_number = 0
    problems: list[Problem] = []
    for number, question in enumerate(draft.questions, start=1):
        if question.type != "scale":
            continue
        levels = tuple(label.strip() for label in question.options if label.strip())
        where = _Where(question.row, f"question {number}")
        if len(levels) < 2:
            expected = "au moins deux niveaux, du premier au dernier, un par ligne"
            problems.append(where.problem("missing-field", "options", expected))
        elif first is None:
            first, first_number = levels, number
        elif [_loose(level) for level in levels] != [_loose(level) for level in first]:
            expected = f"les niveaux de la question {first_number} (une échelle par sondage)"
            problems.append(where.problem("invalid-field", "options", expected, " | ".join(levels)))
    scale = [{"value": value, "label": label} for value, label in enumerate(first or (), 1)]
    return scale, problems


@dataclass(frozen=True)
class _Where:
    row: int | None
    item: str

    def problem(
        self, code: str, column: str, expected: str | None = None, value: str | None = None
    ) -> Problem:
        return Problem("", code, self.row, column, self.item, expected, value)


def _options(labels: Sequence[str]) -> list[dict[str, str]]:
    """Options with ids made from their labels (``_2`` added to a repeated one)."""
    seen: set[str] = set()
    options = []
    for position, label in enumerate(labels, start=1):
        base = slug(label, f"option_{position}")
        key, suffix = base, 2
        while key in seen:
            key, suffix = f"{base}_{suffix}", suffix + 1
        seen.add(key)
        options.append({"id": key, "label": label})
    return options


def _answer(
    answer: str | None,
    labels: Sequence[str],
    options: Sequence[dict[str, str]],
    problems: list[Problem],
    where: _Where,
) -> str:
    """The right option's id, from its label (case and spaces aside) or its number."""
    text = (answer or "").strip()
    if not text:
        expected = "la bonne réponse (dans un quiz, chaque question en a une)"
        problems.append(where.problem("missing-field", "bonne_reponse", expected))
        return ""
    wanted = _loose(text)
    for label, option in zip(labels, options, strict=True):
        if _loose(label) == wanted:
            return option["id"]
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]["id"]
    expected = "une des options : " + " | ".join(labels) if labels else "une des options"
    problems.append(where.problem("unknown-option", "bonne_reponse", expected, text))
    return ""


def _duplicate_labels(labels: Sequence[str], where: _Where) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for label in labels:
        if _loose(label) in seen:
            problems.append(
                where.problem("duplicate-id", "options", "des options différentes", label)
            )
        seen.add(_loose(label))
    return problems


def _located(problem: Problem, draft: PollDraft) -> Problem:
    """A validation problem at ``items[2].answer`` → question 3, column ``bonne_reponse``."""
    path = problem.item or ""
    found = re.match(r"items\[(\d+)\](?:\.(\w+))?", path)
    if found is None:
        column = TOP_COLUMNS.get(path.split(".")[0].split("[")[0], problem.column)
        return dataclasses.replace(problem, column=column, item=None)
    index = int(found.group(1))
    row = draft.questions[index].row if index < len(draft.questions) else None
    column = COLUMNS.get(found.group(2) or "question", "question")
    located = dataclasses.replace(problem, row=row, column=column, item=f"question {index + 1}")
    if problem.value == "":  # a field left blank is missing, whatever its format
        return dataclasses.replace(located, code="missing-field", value=None)
    return located


def _loose(text: str) -> str:
    return " ".join(text.casefold().split())


def _filled(value: str | None) -> bool:
    return value is not None and bool(value.strip())
