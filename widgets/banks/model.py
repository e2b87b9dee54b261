"""Question banks as validated data: self-diagnostics, quizzes and polls (``schema_version: 1``).

A bank is a YAML file in ``data/banks/`` so that a facilitator can add or fix one without touching
Python. These pydantic models are the single description of that format: the loader validates
files against them, :func:`bank_json_schema` documents them, and scoring trusts a :data:`Bank`
to be internally consistent.

Validation happens in two passes. Pydantic checks the shape (types, required fields, ranges);
then each bank checks its cross-references (an item's axis exists, thresholds increase, a quiz
answer is one of its options…) and reports every defect as a :class:`BankIssue` with the path of
the offending field. The loader passes a list in the validation context to collect those issues;
without it, an inconsistent bank raises a plain :class:`ValueError`, so a bank built in Python can
never be half-valid either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    model_validator,
)

SCHEMA_VERSION = 1
"""Version of the bank format; a future version 2 gets an upgrade function, not a silent change."""

ISSUES_CONTEXT_KEY = "bank_issues"
"""Key of the validation context under which the loader collects :class:`BankIssue` values."""

DEFAULT_STAGES_KEY = "default"
"""Key of ``stages`` used by every axis that has no stages of its own."""


def _version_as_text(value: object) -> object:
    """``version: 1.2`` written unquoted in YAML is a number: keep what the facilitator meant."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
VersionText = Annotated[str, BeforeValidator(_version_as_text), StringConstraints(min_length=1)]
ModuleNumber = Annotated[int, Field(ge=0, le=9)]
Score = Annotated[float, Field(ge=0, le=100)]
SourceFile = Annotated[str, StringConstraints(pattern=r"^[^/\\]+\.txt$")]
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class BankIssue:
    """A cross-reference defect at ``path`` (e.g. ``("items", 3, "axis")``) inside a bank."""

    path: FieldPath
    code: str
    expected: str | None = None
    value: str | None = None

    def describe(self) -> str:
        return f"{'.'.join(map(str, self.path))}: {self.code} ({self.value!r})"


class _Model(BaseModel):
    """Strict, frozen, closed: YAML gives real types, and a typo in a field name is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)


class ScaleLevel(_Model):
    """One level of a diagnostic or poll scale, e.g. ``{value: 0, label: Je ne le fais pas}``."""

    value: int
    label: Text


class Option(_Model):
    """One choice of a quiz or poll question."""

    id: Identifier
    label: Text


class Stage(_Model):
    """A stage reached when the 0–100 axis score is at least ``min``."""

    min: Score
    label: Text
    description: str | None = None


class Recommendation(_Model):
    """Modules to revisit when an axis score is strictly below ``below``."""

    below: Annotated[float, Field(gt=0, le=100)]
    modules: Annotated[list[ModuleNumber], Field(min_length=1)]
    text: Text


class Condition(_Model):
    """``min <= score(axis) <= max`` (either bound may be omitted, not both)."""

    axis: Identifier
    min: Score | None = None
    max: Score | None = None


class WarningRule(_Model):
    """A warning shown when every ``all`` condition holds and, if ``any`` is given, one of them.

    A condition on an axis without any answer is false: we never warn on missing data.
    """

    id: Identifier
    all_of: list[Condition] = Field(default_factory=list, alias="all")
    any_of: list[Condition] = Field(default_factory=list, alias="any")
    text: Text
    source: SourceFile | None = None


class Axis(_Model):
    id: Identifier
    label: Text
    description: str | None = None


class DiagnosticItem(_Model):
    """A statement answered on the bank's scale; ``reverse`` items count ``max + min − value``."""

    id: Identifier
    axis: Identifier
    statement: Text
    reverse: bool = False


class QuizItem(_Model):
    """A multiple-choice question; ``quote`` is a verbatim excerpt of ``source`` that backs it."""

    id: Identifier
    question: Text
    options: Annotated[list[Option], Field(min_length=2)]
    answer: Identifier
    explanation: Text
    source: SourceFile
    quote: Text | None = None


class PollItem(_Model):
    """A poll question: options like a quiz, no right answer (or the bank's scale if no options)."""

    id: Identifier
    question: Text
    options: Annotated[list[Option], Field(min_length=2)] | None = None


class _BankBase(_Model):
    schema_version: Literal[1]
    id: Identifier
    version: VersionText
    title: Text
    description: Text
    module: ModuleNumber | None = None
    sources: list[SourceFile] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_references(self, info: ValidationInfo) -> Self:
        issues = list(self.reference_issues())
        if issues:
            sink = (info.context or {}).get(ISSUES_CONTEXT_KEY)
            if sink is None:
                raise ValueError("; ".join(issue.describe() for issue in issues))
            sink.extend(issues)
        return self

    def reference_issues(self) -> Iterator[BankIssue]:
        """Cross-reference defects; subclasses add their own."""
        return iter(())


class DiagnosticBank(_BankBase):
    """A self-diagnostic: statements on a scale, scored per axis (see ``widgets.scoring``)."""

    kind: Literal["diagnostic"]
    scale: Annotated[list[ScaleLevel], Field(min_length=2)]
    axes: Annotated[list[Axis], Field(min_length=1)]
    items: Annotated[list[DiagnosticItem], Field(min_length=1)]
    stages: dict[str, Annotated[list[Stage], Field(min_length=1)]]
    recommendations: dict[str, list[Recommendation]] = Field(default_factory=dict)
    warnings: list[WarningRule] = Field(default_factory=list)

    def stages_for(self, axis_id: str) -> list[Stage]:
        """The axis's own stages, else the default ones (validation guarantees one exists)."""
        return self.stages.get(axis_id) or self.stages[DEFAULT_STAGES_KEY]

    def reference_issues(self) -> Iterator[BankIssue]:
        axis_ids = [axis.id for axis in self.axes]
        known = set(axis_ids)
        expected_axes = ", ".join(axis_ids)
        yield from _scale_issues(self.scale)
        yield from _duplicates("axes", axis_ids)
        yield from _duplicates("items", [item.id for item in self.items])
        for index, item in enumerate(self.items):
            if item.axis not in known:
                yield BankIssue(("items", index, "axis"), "unknown-axis", expected_axes, item.axis)
        used = {item.axis for item in self.items}
        for index, axis in enumerate(self.axes):
            if axis.id not in used:
                expected = "au moins une question sur cet axe"
                yield BankIssue(("axes", index, "id"), "invalid-field", expected, axis.id)
        yield from self._stage_issues(known, expected_axes)
        for key in self.recommendations:
            if key not in known:
                yield BankIssue(("recommendations", key), "unknown-axis", expected_axes, key)
        yield from _duplicates("warnings", [rule.id for rule in self.warnings])
        for index, rule in enumerate(self.warnings):
            yield from _rule_issues(index, rule, known, expected_axes)

    def _stage_issues(self, known: set[str], expected_axes: str) -> Iterator[BankIssue]:
        for key, stages in self.stages.items():
            if key != DEFAULT_STAGES_KEY and key not in known:
                yield BankIssue(
                    ("stages", key), "unknown-axis", f"{DEFAULT_STAGES_KEY}, {expected_axes}", key
                )
            if stages[0].min != 0:
                first = _num(stages[0].min)
                yield BankIssue(("stages", key, 0, "min"), "thresholds-order", "0", first)
            for index in range(1, len(stages)):
                if stages[index].min <= stages[index - 1].min:
                    yield BankIssue(
                        ("stages", key, index, "min"),
                        "thresholds-order",
                        f"plus de {_num(stages[index - 1].min)}",
                        _num(stages[index].min),
                    )
        if DEFAULT_STAGES_KEY not in self.stages:
            for axis in self.axes:
                if axis.id not in self.stages:
                    yield BankIssue(
                        ("stages", DEFAULT_STAGES_KEY),
                        "missing-field",
                        f"des paliers «\u00a0{DEFAULT_STAGES_KEY}\u00a0» "
                        f"ou pour l'axe «\u00a0{axis.id}\u00a0»",
                    )
                    break


class QuizBank(_BankBase):
    """A quiz: each question has one right option, an explanation and the source it comes from."""

    kind: Literal["quiz"]
    items: Annotated[list[QuizItem], Field(min_length=1)]

    def reference_issues(self) -> Iterator[BankIssue]:
        yield from _duplicates("items", [item.id for item in self.items])
        for index, item in enumerate(self.items):
            option_ids = [option.id for option in item.options]
            yield from _duplicates(("items", index, "options"), option_ids)
            if item.answer not in option_ids:
                yield BankIssue(
                    ("items", index, "answer"), "unknown-option", ", ".join(option_ids), item.answer
                )


class PollBank(_BankBase):
    """A poll (e.g. a webinar opening question): options or a scale, no right answer."""

    kind: Literal["poll"]
    scale: list[ScaleLevel] | None = None
    items: Annotated[list[PollItem], Field(min_length=1)]

    def reference_issues(self) -> Iterator[BankIssue]:
        if self.scale is not None:
            yield from _scale_issues(self.scale)
        yield from _duplicates("items", [item.id for item in self.items])
        for index, item in enumerate(self.items):
            if item.options is None:
                if self.scale is None:
                    yield BankIssue(
                        ("items", index, "options"), "missing-field", "des options ou une échelle"
                    )
                continue
            yield from _duplicates(("items", index, "options"), [o.id for o in item.options])


Bank = DiagnosticBank | QuizBank | PollBank
"""Any bank; ``kind`` says which."""

BANK_KINDS: tuple[str, ...] = ("diagnostic", "quiz", "poll")

BANK_ADAPTER: TypeAdapter[Bank] = TypeAdapter(
    Annotated[DiagnosticBank | QuizBank | PollBank, Field(discriminator="kind")]
)


def bank_json_schema() -> dict[str, Any]:
    """JSON Schema of a bank file, for the documentation and for editors that validate YAML.

    It describes the shape only; cross-references (axes, thresholds, answers) are checked by the
    loader and listed in the schema's description.
    """
    schema = BANK_ADAPTER.json_schema(by_alias=True)
    schema["title"] = f"Banque de questions parcours (schema_version {SCHEMA_VERSION})"
    schema["description"] = (
        "Autodiagnostic, quiz ou sondage. Contrôles en plus du schéma\u00a0: "
        "identifiants uniques, axe de chaque question déclaré dans «\u00a0axes\u00a0», "
        "valeurs d'échelle strictement croissantes, paliers («\u00a0stages\u00a0») "
        "strictement croissants commençant à 0, réponse d'un quiz parmi ses options, "
        "modules entre 0 et 9, fichiers sources présents dans data/sources."
    )
    return schema


def dotted(path: FieldPath) -> str:
    """``("items", 3, "axis")`` → ``items[3].axis``: the element a problem is about."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _num(value: float) -> str:
    return f"{value:g}"


def _scale_issues(scale: list[ScaleLevel]) -> Iterator[BankIssue]:
    for index in range(1, len(scale)):
        if scale[index].value <= scale[index - 1].value:
            yield BankIssue(
                ("scale", index, "value"),
                "scale-order",
                f"plus de {scale[index - 1].value}",
                str(scale[index].value),
            )


def _duplicates(where: str | FieldPath, ids: Iterable[str]) -> Iterator[BankIssue]:
    """One issue per repeated id, located at the repetition (the first one is the reference)."""
    prefix: FieldPath = (where,) if isinstance(where, str) else where
    ids = list(ids)
    repeated = {key for key, count in Counter(ids).items() if count > 1}
    seen: set[str] = set()
    for index, key in enumerate(ids):
        if key in repeated and key in seen:
            yield BankIssue((*prefix, index, "id"), "duplicate-id", "un identifiant unique", key)
        seen.add(key)


def _rule_issues(
    index: int, rule: WarningRule, known: set[str], expected_axes: str
) -> Iterator[BankIssue]:
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
                    f"au moins {_num(condition.min)}",
                    _num(condition.max),
                )
