"""Scoring a self-diagnostic: edges, thresholds, warnings, and properties over any answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.banks import DiagnosticBank, load_bank, validate_bank
from widgets.errors import DataError
from widgets.scoring.diagnostic import score_diagnostic, stage_for

BANKS = Path(__file__).resolve().parents[2] / "data" / "banks"

# Scale 0–5 so that thresholds are reachable exactly: one item at 2 → 40, items 3 and 4 → 70.
SPEC: dict[str, Any] = {
    "schema_version": 1,
    "id": "essai",
    "version": "1",
    "kind": "diagnostic",
    "title": "Essai",
    "description": "Trois axes ; b2 est inversé.",
    "scale": [{"value": v, "label": f"niveau {v}"} for v in range(6)],
    "axes": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}],
    "items": [
        {"id": "a1", "axis": "a", "statement": "A1"},
        {"id": "a2", "axis": "a", "statement": "A2"},
        {"id": "b1", "axis": "b", "statement": "B1"},
        {"id": "b2", "axis": "b", "statement": "B2", "reverse": True},
        {"id": "c1", "axis": "c", "statement": "C1"},
    ],
    "stages": {
        "default": [
            {"min": 0, "label": "Émergence"},
            {"min": 40, "label": "Structuration"},
            {"min": 70, "label": "Consolidation"},
        ],
        "c": [{"min": 0, "label": "Bas"}, {"min": 50, "label": "Haut"}],
    },
    "recommendations": {
        "a": [
            {"below": 40, "modules": [2, 1], "text": "Revoir les bases."},
            {"below": 70, "modules": [3], "text": "Consolider."},
        ],
        "c": [{"below": 50, "modules": [3, 9], "text": "Revoir C."}],
    },
    "warnings": [
        {
            "id": "derive",
            "all": [{"axis": "a", "min": 60}, {"axis": "b", "max": 40}],
            "text": "A fort, B faible.",
        },
        {
            "id": "un_des_deux",
            "any": [{"axis": "a", "min": 100}, {"axis": "c", "min": 80, "max": 100}],
            "text": "A au maximum ou C haut.",
        },
    ],
}


@pytest.fixture(scope="module")
def bank() -> DiagnosticBank:
    built = validate_bank(SPEC)
    assert isinstance(built, DiagnosticBank)
    return built


def test_all_top_answers(bank: DiagnosticBank) -> None:
    result = score_diagnostic(bank, dict.fromkeys(["a1", "a2", "b1", "b2", "c1"], 5))
    # b2 is reversed: answering 5 to it counts as 0, so b is half way.
    assert result.scores == {"a": 100.0, "b": 50.0, "c": 100.0}
    assert [axis.stage for axis in result.axes] == ["Consolidation", "Structuration", "Haut"]
    assert result.overall == pytest.approx(250 / 3)
    assert (result.answered, result.total, result.completion, result.partial) == (5, 5, 1.0, False)
    assert result.recommendations == ()
    assert result.modules == ()


def test_all_bottom_answers(bank: DiagnosticBank) -> None:
    result = score_diagnostic(bank, dict.fromkeys(["a1", "a2", "b1", "b2", "c1"], 0))
    assert result.scores == {"a": 0.0, "b": 50.0, "c": 0.0}
    assert [axis.stage for axis in result.axes] == ["Émergence", "Structuration", "Bas"]
    assert result.modules == (1, 2, 3, 9)


def test_reverse_item_is_mirrored(bank: DiagnosticBank) -> None:
    assert score_diagnostic(bank, {"b2": 0}).axis("b").score == 100.0
    assert score_diagnostic(bank, {"b2": 5}).axis("b").score == 0.0
    assert score_diagnostic(bank, {"b2": 2}).axis("b").score == 60.0


def test_partial_answers_count_only_what_was_answered(bank: DiagnosticBank) -> None:
    result = score_diagnostic(bank, {"a1": 5, "b1": 0, "b2": None})
    a = result.axis("a")
    assert (a.score, a.answered, a.total, a.complete) == (100.0, 1, 2, False)
    assert result.axis("b").answered == 1  # None means « not answered »
    assert (result.answered, result.total, result.partial) == (2, 5, True)
    assert result.completion == pytest.approx(0.4)


def test_axis_without_answer_is_none_not_zero(bank: DiagnosticBank) -> None:
    result = score_diagnostic(bank, {"a1": 3})
    c = result.axis("c")
    assert (c.score, c.stage, c.recommendations, c.answered) == (None, None, (), 0)
    assert result.overall == 60.0  # the mean of the axes that have a score


def test_no_answer_at_all(bank: DiagnosticBank) -> None:
    result = score_diagnostic(bank, {})
    assert result.scores == {"a": None, "b": None, "c": None}
    assert (result.overall, result.completion, result.partial) == (None, 0.0, True)
    assert result.warnings == ()
    assert result.modules == ()


def test_unknown_item_raises_data_error(bank: DiagnosticBank) -> None:
    with pytest.raises(DataError) as caught:
        score_diagnostic(bank, {"a1": 2, "zz": 1})
    assert [(p.file, p.item, p.code) for p in caught.value.problems] == [
        ("réponses/essai", "zz", "unknown-item")
    ]
    assert "question inconnue" in caught.value.message_fr()


@pytest.mark.parametrize("value", [6, -1, 2.5, True, "3", [1]])
def test_out_of_scale_raises_data_error(bank: DiagnosticBank, value: object) -> None:
    with pytest.raises(DataError) as caught:
        score_diagnostic(bank, {"a1": value})  # type: ignore[dict-item]
    (problem,) = caught.value.problems
    assert (problem.item, problem.code) == ("a1", "out-of-scale")
    assert "hors de l'échelle" in caught.value.message_fr()


def test_every_bad_answer_is_listed_and_origin_is_named(bank: DiagnosticBank) -> None:
    with pytest.raises(DataError) as caught:
        score_diagnostic(bank, {"a1": 9, "x": 1, "c1": -2}, origin="session 12")
    assert [(p.file, p.item, p.code) for p in caught.value.problems] == [
        ("session 12", "a1", "out-of-scale"),
        ("session 12", "x", "unknown-item"),
        ("session 12", "c1", "out-of-scale"),
    ]


def test_integral_float_answers_are_accepted(bank: DiagnosticBank) -> None:
    assert score_diagnostic(bank, {"c1": 4.0}).axis("c").score == 80.0


@pytest.mark.parametrize(
    ("a1", "a2", "score", "stage"),
    [
        (2, 1, 30.0, "Émergence"),
        (2, 2, 40.0, "Structuration"),  # exactly at the threshold: the stage is reached
        (3, 3, 60.0, "Structuration"),
        (3, 4, 70.0, "Consolidation"),  # exactly at the threshold
        (5, 5, 100.0, "Consolidation"),
        (0, 0, 0.0, "Émergence"),
    ],
)
def test_stage_boundaries(bank: DiagnosticBank, a1: int, a2: int, score: float, stage: str) -> None:
    axis = score_diagnostic(bank, {"a1": a1, "a2": a2}).axis("a")
    assert (axis.score, axis.stage) == (score, stage)


@pytest.mark.parametrize(
    ("a1", "a2", "modules"),
    [
        (2, 1, (1, 2, 3)),  # 30 < 40 and < 70: both recommendations
        (2, 2, (3,)),  # 40 is not below 40
        (3, 4, ()),  # 70 is not below 70
    ],
)
def test_recommendations_apply_strictly_below(
    bank: DiagnosticBank, a1: int, a2: int, modules: tuple[int, ...]
) -> None:
    result = score_diagnostic(bank, {"a1": a1, "a2": a2})
    assert result.modules == modules
    assert all(rec.axis == "a" for rec in result.recommendations)


@pytest.mark.parametrize(
    ("answers", "triggered"),
    [
        ({"a1": 3, "a2": 3, "b1": 1, "b2": 4}, ["derive"]),  # a 60 ≥ 60, b 20 ≤ 40
        ({"a1": 3, "a2": 3, "b1": 2, "b2": 3}, ["derive"]),  # b exactly 40: bound included
        ({"a1": 3, "a2": 2, "b1": 1, "b2": 4}, []),  # a 50 < 60
        ({"a1": 3, "a2": 3, "b1": 3, "b2": 2}, []),  # b 60 > 40
        ({"a1": 3, "a2": 3}, []),  # b unanswered: never warn on missing data
        ({"a1": 5, "a2": 5}, ["un_des_deux"]),
        ({"c1": 4}, ["un_des_deux"]),  # c 80, in [80, 100]
        ({"c1": 3}, []),
        ({"a1": 5, "a2": 5, "b1": 0, "b2": 5}, ["derive", "un_des_deux"]),
    ],
)
def test_warnings(bank: DiagnosticBank, answers: dict[str, int], triggered: list[str]) -> None:
    result = score_diagnostic(bank, answers)
    assert [warning.id for warning in result.warnings] == triggered


def test_stage_for_without_score() -> None:
    assert stage_for([], None) is None


# --- shipped banks -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def profile() -> DiagnosticBank:
    loaded = load_bank(BANKS / "profil_catalyseur.yaml")
    assert isinstance(loaded, DiagnosticBank)
    return loaded


def _by_axis(bank: DiagnosticBank, values: dict[str, int]) -> dict[str, int]:
    return {item.id: values[item.axis] for item in bank.items}


def test_profile_of_an_operator_triggers_the_source_warning(profile: DiagnosticBank) -> None:
    answers = _by_axis(
        profile,
        {
            "dialogue_territorial": 1,
            "experimentations_collectives": 1,
            "accompagnements": 3,
            "gestion_lieu": 2,
        },
    )
    result = score_diagnostic(profile, answers)
    assert [w.id for w in result.warnings] == ["derive_operateur"]
    assert result.warnings[0].source == "003_9901828f3a127206.txt"


def test_profile_of_a_catalyst_does_not_trigger_it(profile: DiagnosticBank) -> None:
    answers = _by_axis(
        profile,
        {
            "dialogue_territorial": 3,
            "experimentations_collectives": 2,
            "accompagnements": 3,
            "gestion_lieu": 3,
        },
    )
    result = score_diagnostic(profile, answers)
    assert result.warnings == ()
    assert result.axis("dialogue_territorial").stage == "Métier au cœur de votre action"


def test_maturity_reverse_statement_lowers_the_value_chain() -> None:
    """« Le catalyseur est devenu l'opérateur… » now counts in « Chaîne de valeur » (bank 2.0:
    the positioning factor is read in that dimension instead of an axis of its own)."""
    bank = load_bank(BANKS / "maturite_co_construction.yaml")
    assert isinstance(bank, DiagnosticBank)
    agree = {"po_clair": 4, "cv_roles": 4}
    assert score_diagnostic(bank, {**agree, "po_operateur": 1}).axis("chaine_valeur").score == 100
    lowered = score_diagnostic(bank, {**agree, "po_operateur": 4}).axis("chaine_valeur").score
    assert lowered == pytest.approx(200 / 3)


@pytest.mark.parametrize(
    "bank_id", ["maturite_co_construction", "maturite_co_construction_express"]
)
def test_plutot_d_accord_everywhere_is_structuration_one_tout_a_fait_consolidates(
    bank_id: str,
) -> None:
    """The scale says why « plutôt d'accord » alone does not consolidate (66,7 < 70), and every
    axis has few enough items that one « tout à fait d'accord » among them does."""
    bank = load_bank(BANKS / f"{bank_id}.yaml")
    assert isinstance(bank, DiagnosticBank)
    plutot = {i.id: (2 if i.reverse else 3) for i in bank.items}
    result = score_diagnostic(bank, plutot)
    assert {a.stage for a in result.axes} == {"Structuration"}
    assert "66,7" in bank.description
    for axis in bank.axes:
        first = next(i for i in bank.items if i.axis == axis.id and not i.reverse)
        raised = score_diagnostic(bank, {**plutot, first.id: 4}).axis(axis.id)
        assert raised.stage == "Consolidation", axis.id


# --- properties ----------------------------------------------------------------------------

SHIPPED = [
    load_bank(BANKS / "profil_catalyseur.yaml"),
    load_bank(BANKS / "maturite_co_construction.yaml"),
]


@st.composite
def bank_and_answers(draw: st.DrawFn) -> tuple[DiagnosticBank, dict[str, int]]:
    """One of the diagnostic banks and any subset of its items answered on its scale."""
    bank = draw(st.sampled_from([*SHIPPED, validate_bank(SPEC)]))
    assert isinstance(bank, DiagnosticBank)
    values = [level.value for level in bank.scale]
    items = draw(st.lists(st.sampled_from([i.id for i in bank.items]), unique=True))
    return bank, {item: draw(st.sampled_from(values)) for item in items}


@settings(database=None, deadline=None, max_examples=200)
@given(bank_and_answers())
def test_scores_stay_within_0_and_100(case: tuple[DiagnosticBank, dict[str, int]]) -> None:
    bank, answers = case
    result = score_diagnostic(bank, answers)
    for axis in result.axes:
        assert axis.score is None or 0 <= axis.score <= 100
        assert (axis.score is None) == (axis.answered == 0)
        assert (axis.stage is None) == (axis.score is None)
    assert result.overall is None or 0 <= result.overall <= 100
    assert 0 <= result.completion <= 1


@settings(database=None, deadline=None, max_examples=200)
@given(bank_and_answers(), st.randoms(use_true_random=False))
def test_answer_order_does_not_matter(
    case: tuple[DiagnosticBank, dict[str, int]], random: Any
) -> None:
    bank, answers = case
    pairs = list(answers.items())
    random.shuffle(pairs)
    assert score_diagnostic(bank, dict(pairs)) == score_diagnostic(bank, answers)


@settings(database=None, deadline=None, max_examples=300)
@given(bank_and_answers(), st.data())
def test_raising_an_answer_never_lowers_its_axis(
    case: tuple[DiagnosticBank, dict[str, int]], data: st.DataObject
) -> None:
    bank, answers = case
    forward = [i for i in bank.items if not i.reverse]
    item = data.draw(st.sampled_from(forward))
    values = [level.value for level in bank.scale]
    low = data.draw(st.sampled_from(values))
    high = data.draw(st.sampled_from([v for v in values if v >= low]))
    before = score_diagnostic(bank, {**answers, item.id: low}).axis(item.axis).score
    after = score_diagnostic(bank, {**answers, item.id: high}).axis(item.axis).score
    assert before is not None and after is not None
    assert after >= before
