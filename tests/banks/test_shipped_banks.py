"""The banks we ship load, say what the brief asks, and stay tied to the source documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets.banks import (
    DiagnosticBank,
    PollBank,
    QuizBank,
    bank_json_schema,
    bank_problems,
    load_bank,
    load_banks,
)

ROOT = Path(__file__).resolve().parents[2]
BANKS = ROOT / "data" / "banks"
SOURCES = ROOT / "data" / "sources"

EXPECTED_BANKS = {
    "profil_catalyseur",
    "maturite_co_construction",
    "profil_catalyseur_express",
    "maturite_co_construction_express",
    "sondage_ouverture",
    "sondage_questions_salle",
    *(f"quiz_module_{n}" for n in range(10)),
}


@pytest.fixture(scope="module")
def banks() -> dict[str, object]:
    return load_banks(BANKS)


def test_every_expected_bank_is_shipped(banks: dict[str, object]) -> None:
    assert set(banks) == EXPECTED_BANKS


@pytest.mark.parametrize("path", sorted(BANKS.glob("*.yaml")), ids=lambda p: p.name)
def test_each_bank_file_has_no_problem(path: Path) -> None:
    assert bank_problems(path) == []
    assert load_bank(path).id == path.stem


def test_profile_lists_the_sixteen_activities_of_the_four_metiers(banks: dict) -> None:
    bank = banks["profil_catalyseur"]
    assert isinstance(bank, DiagnosticBank)
    assert [axis.label for axis in bank.axes] == [
        "Dialogue territorial",
        "Expérimentations collectives",
        "Accompagnements",
        "Gestion d'un lieu",
    ]
    assert [(level.value, level.label) for level in bank.scale] == [
        (0, "Je ne le fais pas"),
        (1, "Ponctuellement"),
        (2, "Régulièrement"),
        (3, "C'est le cœur de mon action"),
    ]
    per_axis = {
        axis.id: [i.statement for i in bank.items if i.axis == axis.id] for axis in bank.axes
    }
    assert {axis: len(items) for axis, items in per_axis.items()} == dict.fromkeys(per_axis, 4)
    assert "Mettre en relation les acteurs complémentaires" in per_axis["dialogue_territorial"]
    assert "Mettre à disposition un FabLab" in per_axis["gestion_lieu"]


def test_profile_warning_quotes_the_catalyst_versus_operator_lesson(banks: dict) -> None:
    (rule,) = banks["profil_catalyseur"].warnings
    assert rule.source == "003_9901828f3a127206.txt"
    assert "ni le temps, ni les moyens, ni même la légitimité" in rule.text
    source = (SOURCES / rule.source).read_text(encoding="utf-8").replace("’", "'")
    assert "ni le temps, ni les moyens, ni même la légitimité" in source


def test_maturity_has_one_axis_per_dimension_reading_the_durability_factors(banks: dict) -> None:
    """Bank 2.0: the four durability factors overlapped the dimensions (governance and technical
    frame are questions of « Dispositif », the socio-economic model answers « Modèle
    économique »); each is now read in the dimension it overlaps, one subject (the territory)."""
    bank = banks["maturite_co_construction"]
    assert isinstance(bank, DiagnosticBank)
    assert [axis.label for axis in bank.axes] == [
        "Solutions",
        "Chaîne de valeur",
        "Modèle économique",
        "Dispositif",
    ]
    axis_of = {item.id: item.axis for item in bank.items}
    assert axis_of["po_clair"] == axis_of["po_operateur"] == "chaine_valeur"
    assert axis_of["mse_perenne"] == axis_of["mse_missions"] == "modele_economique"
    assert axis_of["go_modele"] == axis_of["ct_juridique_fiscal"] == "dispositif"
    assert not any("catalyseur dispose" in item.statement for item in bank.items)
    for axis in bank.axes:
        count = sum(item.axis == axis.id for item in bank.items)
        assert 4 <= count <= 5, axis.id
        assert bank.recommendations[axis.id], axis.id
    assert [stage.label for stage in bank.stages_for("solutions")] == [
        "Émergence",
        "Structuration",
        "Consolidation",
    ]
    assert 4 <= len(bank.scale) <= 5


@pytest.mark.parametrize("module", range(10))
def test_each_module_has_a_sourced_quiz(banks: dict, module: int) -> None:
    bank = banks[f"quiz_module_{module}"]
    assert isinstance(bank, QuizBank)
    assert bank.module == module
    assert 3 <= len(bank.items) <= 5
    for item in bank.items:
        assert (SOURCES / item.source).is_file(), item.id
        assert item.quote, f"{item.id}: every shipped question quotes its source"
        assert item.explanation


def test_opening_poll_asks_three_questions_with_the_four_network_profiles(banks: dict) -> None:
    bank = banks["sondage_ouverture"]
    assert isinstance(bank, PollBank)
    assert len(bank.items) == 3
    profile = bank.items[0]
    assert profile.question == "Quel est votre profil\u00a0?"
    assert [o.id for o in profile.options or []] == [
        "collectivite",
        "acteur_economique",
        "association",
        "academique",
    ]


def test_a_shipped_poll_shows_each_new_question_type(banks: dict) -> None:
    """Facilitators can try multiple choice, a word cloud and the audience's questions."""
    bank = banks["sondage_questions_salle"]
    assert isinstance(bank, PollBank)
    assert [item.type for item in bank.items] == ["multiple", "words", "questions"]
    assert bank.items[0].max_choices == 3 and len(bank.items[0].options or []) == 5


def test_json_schema_documents_the_three_kinds() -> None:
    schema = bank_json_schema()
    text = json.dumps(schema, ensure_ascii=False)
    assert schema["discriminator"]["propertyName"] == "kind"
    for name in ("DiagnosticBank", "QuizBank", "PollBank", "WarningRule"):
        assert name in schema["$defs"]
    assert '"all"' in text and '"any"' in text  # aliases, as written in YAML


@pytest.mark.parametrize(
    ("express", "full"),
    [
        ("maturite_co_construction_express", "maturite_co_construction"),
        ("profil_catalyseur_express", "profil_catalyseur"),
    ],
)
def test_express_diagnostics_take_eight_items_two_per_axis_from_the_full_one(
    banks: dict, express: str, full: str
) -> None:
    short, long = banks[express], banks[full]
    assert isinstance(short, DiagnosticBank) and isinstance(long, DiagnosticBank)
    assert len(short.items) == 8
    assert [a.id for a in short.axes] == [a.id for a in long.axes]
    statements = {item.id: (item.axis, item.statement) for item in long.items}
    for axis in short.axes:
        assert sum(item.axis == axis.id for item in short.items) == 2
    for item in short.items:
        assert statements[item.id] == (item.axis, item.statement)
    assert short.recommendations == long.recommendations
