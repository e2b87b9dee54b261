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

from collections.abc import Iterator
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

from widgets.banks.issues import (
    BankIssue,
    duplicates,
    num,
    poll_item_issues,
    rule_issues,
    scale_issues,
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
ResultsVisibility = Literal["always", "answered", "revealed", "never"]
"""When a live session's phones see the room's results for one question: ``always`` (as they
come), ``answered`` (once this phone answered it), ``revealed`` (once the facilitator reveals
them, the default) or ``never`` (the projected screen only)."""
RESULTS_HELP = (
    "Quand les téléphones d'une session en direct voient les résultats de la salle\u00a0: "
    "always (au fil des réponses), answered (une fois la question répondue), "
    "revealed (quand l'animateur les révèle, par défaut) ou never (écran projeté seulement)."
)


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
    results: ResultsVisibility = Field("revealed", description=RESULTS_HELP)


QuestionType = Literal["choice", "multiple", "words", "questions"]
"""How a poll question is answered (``type``, default ``choice``); see :class:`PollItem`."""

QUESTION_TYPES: tuple[str, ...] = ("choice", "multiple", "words", "questions")


class PollItem(_Model):
    """A poll question, no right answer; ``type`` says how a participant answers it.

    * ``choice`` (the default): one of ``options``, or a level of the bank's scale;
    * ``multiple``: at most ``max_choices`` of ``options`` (at least one);
    * ``words``: a few words of their own (the room sees a word cloud,
      :mod:`widgets.room.words`);
    * ``questions``: the audience's own questions, which the others vote for.

    A ``choice`` question with options may also have a right ``answer`` (with its
    ``explanation`` and ``source``, as a quiz question): a webinar's quiz question among its
    poll questions. Its answers lock once its results are revealed, and each phone is told
    whether it was right (:mod:`widgets.room.pacing`).
    """

    id: Identifier
    question: Text
    type: QuestionType = "choice"
    options: Annotated[list[Option], Field(min_length=2)] | None = None
    results: ResultsVisibility = Field("revealed", description=RESULTS_HELP)
    max_choices: Annotated[int, Field(ge=1)] | None = None
    answer: Identifier | None = None
    explanation: Text | None = None
    source: SourceFile | None = None
    quote: Text | None = None


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
        yield from scale_issues(self.scale)
        yield from duplicates("axes", axis_ids)
        yield from duplicates("items", [item.id for item in self.items])
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
        yield from duplicates("warnings", [rule.id for rule in self.warnings])
        for index, rule in enumerate(self.warnings):
            yield from rule_issues(index, rule, known, expected_axes)

    def _stage_issues(self, known: set[str], expected_axes: str) -> Iterator[BankIssue]:
        for key, stages in self.stages.items():
            if key != DEFAULT_STAGES_KEY and key not in known:
                yield BankIssue(
                    ("stages", key), "unknown-axis", f"{DEFAULT_STAGES_KEY}, {expected_axes}", key
                )
            if stages[0].min != 0:
                first = num(stages[0].min)
                yield BankIssue(("stages", key, 0, "min"), "thresholds-order", "0", first)
            for index in range(1, len(stages)):
                if stages[index].min <= stages[index - 1].min:
                    yield BankIssue(
                        ("stages", key, index, "min"),
                        "thresholds-order",
                        f"plus de {num(stages[index - 1].min)}",
                        num(stages[index].min),
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
        yield from duplicates("items", [item.id for item in self.items])
        for index, item in enumerate(self.items):
            option_ids = [option.id for option in item.options]
            yield from duplicates(("items", index, "options"), option_ids)
            if item.answer not in option_ids:
                yield BankIssue(
                    ("items", index, "answer"), "unknown-option", ", ".join(option_ids), item.answer
                )


class PollBank(_BankBase):
    """A poll (e.g. a webinar opening question): no right answer; single or multiple choice,
    a scale, a few words or the audience's questions (:class:`PollItem`)."""

    kind: Literal["poll"]
    scale: list[ScaleLevel] | None = None
    items: Annotated[list[PollItem], Field(min_length=1)]

    def reference_issues(self) -> Iterator[BankIssue]:
        if self.scale is not None:
            yield from scale_issues(self.scale)
        yield from duplicates("items", [item.id for item in self.items])
        for index, item in enumerate(self.items):
            yield from poll_item_issues(index, item, self.scale is not None)


Bank = DiagnosticBank | QuizBank | PollBank
"""Any bank; ``kind`` says which."""

GradedItem = QuizItem | PollItem
"""A question with a right answer: every quiz question, a poll's ``choice`` with an ``answer``."""


def graded_items(bank: Bank) -> dict[str, GradedItem]:
    """Question id → question, for the questions of ``bank`` that have a right answer.

    The one place that says which questions are graded, so that locking, corrections, counts
    and replays agree for a quiz and for a poll holding a quiz question.
    """
    if isinstance(bank, DiagnosticBank):
        return {}
    return {item.id: item for item in bank.items if item.answer is not None}


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
        "modules entre 0 et 9, fichiers sources présents dans data/sources\u00a0; dans un "
        "sondage, «\u00a0type\u00a0» multiple demande des options et «\u00a0max_choices\u00a0» "
        "(de 1 au nombre d'options), words et questions n'ont pas d'options\u00a0; une question "
        "choice à options peut avoir une bonne réponse («\u00a0answer\u00a0», parmi ses options) "
        "avec «\u00a0explanation\u00a0» et «\u00a0source\u00a0», comme une question de quiz."
    )
    return schema
