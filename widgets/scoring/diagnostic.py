"""Score a self-diagnostic: answers on the bank's scale → a 0–100 profile per axis.

Each axis score is::

    score = (mean of the answered item values − scale min) / (scale max − scale min) × 100

where a ``reverse`` item counts as ``scale min + scale max − value`` (agreeing with « Le
catalyseur est devenu opérateur… » lowers the positioning score). 0 means every answered item at
the bottom of the scale, 100 every one at the top, whatever the scale (0–3 for the catalyst
profile, 1–4 for the co-construction maturity).

Only answered items count, so an unanswered question neither lowers nor raises an axis. An axis
with no answer at all has score ``None``, never 0: 0 would tell the learner « vous ne le faites
pas », which they did not say. The overall score is the mean of the axis scores that exist, each
axis weighing the same whatever its number of items.

Everything here is pure (no I/O, no widgets) and plain dict arithmetic: a 40-item bank scores in
well under a millisecond, so a dashboard can rescore on every click.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from widgets.banks.model import Condition, DiagnosticBank, Stage
from widgets.errors import DataError, Problem


@dataclass(frozen=True)
class AxisRecommendation:
    """Modules to revisit because the axis score is below the recommendation's threshold."""

    axis: str
    modules: tuple[int, ...]
    text: str


@dataclass(frozen=True)
class AxisScore:
    """One axis of the profile: score (``None`` without answers), counts, stage and advice."""

    axis: str
    label: str
    score: float | None
    answered: int
    total: int
    stage: str | None
    recommendations: tuple[AxisRecommendation, ...]

    @property
    def complete(self) -> bool:
        return self.answered == self.total


@dataclass(frozen=True)
class TriggeredWarning:
    """A warning rule of the bank whose conditions hold for this profile."""

    id: str
    text: str
    source: str | None


@dataclass(frozen=True)
class DiagnosticResult:
    """The scored self-diagnostic, in the bank's axis order, ready for a figure or a store.

    ``completion`` is answered / total items (0–1); ``partial`` is true when any item is
    unanswered. ``modules`` lists, once and sorted, every module a recommendation points to.
    """

    bank_id: str
    bank_version: str
    axes: tuple[AxisScore, ...]
    overall: float | None
    answered: int
    total: int
    completion: float
    partial: bool
    warnings: tuple[TriggeredWarning, ...]
    recommendations: tuple[AxisRecommendation, ...]
    modules: tuple[int, ...]

    def axis(self, axis_id: str) -> AxisScore:
        """The score of one axis, by id (``KeyError`` if the bank has no such axis)."""
        for axis in self.axes:
            if axis.axis == axis_id:
                return axis
        raise KeyError(axis_id)

    @property
    def scores(self) -> dict[str, float | None]:
        """Axis id → score, the shape a radar or a bar chart wants."""
        return {axis.axis: axis.score for axis in self.axes}

    @property
    def record_meta(self) -> dict[str, Any]:
        """What a saved result keeps besides the scores (the offline edition's JavaScript
        writes the same, ``tests/offline/test_js_parity.py``)."""
        return {
            "stages": {axis.axis: axis.stage for axis in self.axes},
            "completion": self.completion,
            "answered": self.answered,
            "total": self.total,
            "partial": self.partial,
            "overall": self.overall,
            "modules": list(self.modules),
            "warnings": [warning.id for warning in self.warnings],
        }


def answers_origin(bank_id: str) -> str:
    """Name used as ``Problem.file`` for answers, which come from a person rather than a file."""
    return f"réponses/{bank_id}"


def score_diagnostic(
    bank: DiagnosticBank, answers: Mapping[str, int | None], *, origin: str | None = None
) -> DiagnosticResult:
    """Score ``answers`` (item id → scale value; ``None`` = not answered) against ``bank``.

    Raise :class:`DataError` listing every answer for an unknown item (``unknown-item``) or
    outside the scale (``out-of-scale``): a wrong answer must never be silently dropped or
    clipped, since it would shift the learner's profile. ``origin`` names where the answers came
    from in those problems (default ``réponses/<bank id>``).
    """
    values = _checked_answers(bank, answers, origin or answers_origin(bank.id))
    low, high = bank.scale[0].value, bank.scale[-1].value
    span = high - low
    sums: dict[str, int] = {axis.id: 0 for axis in bank.axes}
    answered: dict[str, int] = dict.fromkeys(sums, 0)
    totals: dict[str, int] = dict.fromkeys(sums, 0)
    for item in bank.items:
        totals[item.axis] += 1
        value = values.get(item.id)
        if value is None:
            continue
        if item.reverse:
            value = low + high - value
        sums[item.axis] += value - low
        answered[item.axis] += 1

    axes: list[AxisScore] = []
    scores: dict[str, float | None] = {}
    for axis in bank.axes:
        count = answered[axis.id]
        # One division on integers keeps thresholds exact: 2 of 0–5 gives 40.0, not 39.999….
        score = sums[axis.id] * 100 / (count * span) if count else None
        scores[axis.id] = score
        advice = tuple(
            AxisRecommendation(axis.id, tuple(rec.modules), rec.text)
            for rec in bank.recommendations.get(axis.id, [])
            if score is not None and score < rec.below
        )
        stage = stage_for(bank.stages_for(axis.id), score)
        axes.append(AxisScore(axis.id, axis.label, score, count, totals[axis.id], stage, advice))

    present = [score for score in scores.values() if score is not None]
    total_answered = sum(answered.values())
    total = len(bank.items)
    recommendations = tuple(rec for axis in axes for rec in axis.recommendations)
    return DiagnosticResult(
        bank_id=bank.id,
        bank_version=bank.version,
        axes=tuple(axes),
        overall=sum(present) / len(present) if present else None,
        answered=total_answered,
        total=total,
        completion=total_answered / total,
        partial=total_answered < total,
        warnings=tuple(
            TriggeredWarning(rule.id, rule.text, rule.source)
            for rule in bank.warnings
            if _holds_all(rule.all_of, scores) and _holds_any(rule.any_of, scores)
        ),
        recommendations=recommendations,
        modules=tuple(sorted({module for rec in recommendations for module in rec.modules})),
    )


def stage_for(stages: list[Stage], score: float | None) -> str | None:
    """Label of the last stage whose ``min`` the score reaches (a score at a threshold is in)."""
    if score is None:
        return None
    label = None
    for stage in stages:
        if score >= stage.min:
            label = stage.label
    return label


def _condition_holds(condition: Condition, scores: Mapping[str, float | None]) -> bool:
    """Bounds are inclusive; an axis without answers satisfies no condition."""
    score = scores.get(condition.axis)
    if score is None:
        return False
    if condition.min is not None and score < condition.min:
        return False
    return condition.max is None or score <= condition.max


def _holds_all(conditions: list[Condition], scores: Mapping[str, float | None]) -> bool:
    return all(_condition_holds(c, scores) for c in conditions)


def _holds_any(conditions: list[Condition], scores: Mapping[str, float | None]) -> bool:
    return not conditions or any(_condition_holds(c, scores) for c in conditions)


def _checked_answers(
    bank: DiagnosticBank, answers: Mapping[str, int | None], origin: str
) -> dict[str, int]:
    """Answers normalised to ``{item id: int}``, or a DataError naming every bad one."""
    known = {item.id for item in bank.items}
    allowed = {level.value for level in bank.scale}
    expected = ", ".join(str(level.value) for level in bank.scale)
    values: dict[str, int] = {}
    problems: list[Problem] = []
    for item_id, raw in answers.items():
        if item_id not in known:
            problems.append(
                Problem(file=origin, code="unknown-item", item=str(item_id), value=str(raw))
            )
            continue
        if raw is None:
            continue
        value = _as_int(raw)
        if value is None or value not in allowed:
            problems.append(
                Problem(
                    file=origin,
                    code="out-of-scale",
                    item=item_id,
                    expected=f"une valeur parmi {expected}",
                    value=str(raw),
                )
            )
            continue
        values[item_id] = value
    if problems:
        raise DataError.collect(problems)
    return values


def _as_int(raw: object) -> int | None:
    """Accept ints and integral floats (JSON round-trips), never booleans or text."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    return None
