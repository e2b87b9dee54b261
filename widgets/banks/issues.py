"""Cross-reference defects of a bank, as data: where (a field path), what (a code), and values.

The models of :mod:`widgets.banks.model` check their shape with pydantic; the checks between
fields (an axis that exists, thresholds in order, options a question type needs) live here, as
small generators of :class:`BankIssue`, so that a model stays a description of the format and
each check can be read (and tested) on its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

FieldPath = tuple[str | int, ...]


class _Leveled(Protocol):
    """A scale level (:class:`widgets.banks.model.ScaleLevel`); the models import this module."""

    @property
    def value(self) -> int: ...


class _Typed(Protocol):
    """A poll question (:class:`widgets.banks.model.PollItem`)."""

    @property
    def type(self) -> str: ...
    @property
    def options(self) -> Sequence[Any] | None: ...
    @property
    def max_choices(self) -> int | None: ...
    @property
    def answer(self) -> str | None: ...
    @property
    def explanation(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...


@dataclass(frozen=True)
class BankIssue:
    """A cross-reference defect at ``path`` (e.g. ``("items", 3, "axis")``) inside a bank."""

    path: FieldPath
    code: str
    expected: str | None = None
    value: str | None = None

    def describe(self) -> str:
        return f"{'.'.join(map(str, self.path))}: {self.code} ({self.value!r})"


def dotted(path: FieldPath) -> str:
    """``("items", 3, "axis")`` → ``items[3].axis``: the element a problem is about."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def num(value: float) -> str:
    return f"{value:g}"


def scale_issues(scale: Sequence[_Leveled]) -> Iterator[BankIssue]:
    for index in range(1, len(scale)):
        if scale[index].value <= scale[index - 1].value:
            yield BankIssue(
                ("scale", index, "value"),
                "scale-order",
                f"plus de {scale[index - 1].value}",
                str(scale[index].value),
            )


def duplicates(where: str | FieldPath, ids: Iterable[str]) -> Iterator[BankIssue]:
    """One issue per repeated id, located at the repetition (the first one is the reference)."""
    prefix: FieldPath = (where,) if isinstance(where, str) else where
    ids = list(ids)
    repeated = {key for key, count in Counter(ids).items() if count > 1}
    seen: set[str] = set()
    for index, key in enumerate(ids):
        if key in repeated and key in seen:
            yield BankIssue((*prefix, index, "id"), "duplicate-id", "un identifiant unique", key)
        seen.add(key)


def poll_item_issues(index: int, item: _Typed, has_scale: bool) -> Iterator[BankIssue]:
    """What one poll question's ``type`` requires of its other fields.

    ``choice`` takes options or the bank's scale; ``multiple`` takes options and a
    ``max_choices`` between 1 and their number; ``words`` and ``questions`` (answered in the
    participant's own words) take neither. A right ``answer`` (:func:`graded_item_issues`) is
    for a ``choice`` with options only.
    """
    where: FieldPath = ("items", index)
    yield from graded_item_issues(index, item)
    if item.type in ("words", "questions"):
        if item.options is not None:
            expected = f"aucune option pour une question de type «\u00a0{item.type}\u00a0»"
            yield BankIssue((*where, "options"), "invalid-field", expected)
    elif item.options is None:
        expected = "des options ou une échelle" if item.type == "choice" else "des options"
        if item.type == "multiple" or not has_scale:
            yield BankIssue((*where, "options"), "missing-field", expected)
    else:
        yield from duplicates((*where, "options"), [o.id for o in item.options])
    if item.type != "multiple":
        if item.max_choices is not None:
            expected = "max_choices seulement pour une question de type «\u00a0multiple\u00a0»"
            shown = str(item.max_choices)
            yield BankIssue((*where, "max_choices"), "invalid-field", expected, shown)
        return
    count = len(item.options or [])
    if item.max_choices is None:
        expected = f"le nombre de choix permis (de 1 à {count})"
        yield BankIssue((*where, "max_choices"), "missing-field", expected)
    elif item.options is not None and item.max_choices > count:
        expected = f"un nombre de 1 à {count} (le nombre d'options)"
        yield BankIssue((*where, "max_choices"), "invalid-field", expected, str(item.max_choices))


def graded_item_issues(index: int, item: _Typed) -> Iterator[BankIssue]:
    """A poll question with a right answer is a quiz question: one of its options, with an
    explanation and a source; an explanation or a source without an answer would never show."""
    where: FieldPath = ("items", index)
    if item.answer is None:
        for name in ("explanation", "source", "quote"):
            if getattr(item, name) is not None:
                expected = f"«\u00a0{name}\u00a0» seulement avec une bonne réponse (answer)"
                yield BankIssue((*where, name), "invalid-field", expected)
        return
    if item.type != "choice" or item.options is None:
        expected = "une bonne réponse seulement pour une question «\u00a0choice\u00a0» à options"
        yield BankIssue((*where, "answer"), "invalid-field", expected, item.answer)
    else:
        option_ids = [option.id for option in item.options]
        if item.answer not in option_ids:
            yield BankIssue(
                (*where, "answer"), "unknown-option", ", ".join(option_ids), item.answer
            )
    for name in ("explanation", "source"):
        if getattr(item, name) is None:
            yield BankIssue((*where, name), "missing-field", f"«\u00a0{name}\u00a0» de la réponse")


def rule_issues(index: int, rule: Any, known: set[str], expected_axes: str) -> Iterator[BankIssue]:
    if not rule.all_of and not rule.any_of:
        yield BankIssue(("warnings", index, "all"), "missing-field", "au moins une condition")
    for group, conditions in (("all", rule.all_of), ("any", rule.any_of)):
        for position, condition in enumerate(conditions):
            where: FieldPath = ("warnings", index, group, position)
            if condition.axis not in known:
                yield BankIssue((*where, "axis"), "unknown-axis", expected_axes, condition.axis)
            if condition.min is None and condition.max is None:
                yield BankIssue((*where, "min"), "missing-field", "min ou max")
            elif (
                condition.min is not None
                and condition.max is not None
                and condition.min > condition.max
            ):
                yield BankIssue(
                    (*where, "max"),
                    "thresholds-order",
                    f"au moins {num(condition.min)}",
                    num(condition.max),
                )
