"""Broken banks: each defect is reported where it is (file, line, field, element) with a code.

The fixtures live in ``tests/data/invalid/banks/``, one per defect. Assertions are on codes and
locations, never on the French wording (that belongs to ``widgets.labels``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from widgets.banks import bank_problems, load_bank, load_banks, validate_bank
from widgets.errors import DataError, Problem

ROOT = Path(__file__).resolve().parents[2]
INVALID = ROOT / "tests" / "data" / "invalid" / "banks"
SHIPPED = ROOT / "data" / "banks"
SOURCES = ROOT / "data" / "sources"

Where = tuple[str, int | None, str | None, str | None, str]


def where(problems: list[Problem]) -> list[Where]:
    """(file, row, column, item, code): what a test may rely on."""
    return [(p.file, p.row, p.column, p.item, p.code) for p in problems]


CASES: dict[str, list[Where]] = {
    "bad_yaml": [("banks/bad_yaml.yaml", 7, None, None, "yaml-error")],
    "empty": [("banks/empty.yaml", None, None, None, "file-empty")],
    "comments_only": [("banks/comments_only.yaml", None, None, None, "file-empty")],
    "bad_encoding": [("banks/bad_encoding.yaml", 6, None, None, "encoding-error")],
    "duplicate_item": [
        ("banks/duplicate_item.yaml", 15, "id", "items[2].id", "duplicate-id"),
    ],
    "unknown_axis": [
        ("banks/unknown_axis.yaml", 15, "axis", "items[1].axis", "unknown-axis"),
    ],
    "thresholds_order": [
        ("banks/thresholds_order.yaml", 18, "min", "stages.default[2].min", "thresholds-order"),
    ],
    "missing_scale_label": [
        ("banks/missing_scale_label.yaml", 9, "label", "scale[1].label", "missing-field"),
    ],
    "quiz_answer_not_option": [
        ("banks/quiz_answer_not_option.yaml", 14, "answer", "items[0].answer", "unknown-option"),
    ],
    "scale_order": [
        ("banks/scale_order.yaml", 10, "value", "scale[2].value", "scale-order"),
    ],
    "module_out_of_range": [
        ("banks/module_out_of_range.yaml", 7, "module", "module", "invalid-field"),
        (
            "banks/module_out_of_range.yaml",
            21,
            "modules",
            "recommendations.dialogue[0].modules[1]",
            "invalid-field",
        ),
    ],
    "references": [
        ("banks/references.yaml", 14, "id", "axes[1].id", "invalid-field"),
        ("banks/references.yaml", 20, "accompagnement", "stages.accompagnement", "unknown-axis"),
        ("banks/references.yaml", 21, "min", "stages.accompagnement[0].min", "thresholds-order"),
        (
            "banks/references.yaml",
            25,
            "experimentation",
            "recommendations.experimentation",
            "unknown-axis",
        ),
        ("banks/references.yaml", 30, "axis", "warnings[0].all[0].axis", "unknown-axis"),
        ("banks/references.yaml", 31, "min", "warnings[0].all[1].min", "missing-field"),
        ("banks/references.yaml", 33, "max", "warnings[0].any[0].max", "thresholds-order"),
    ],
    "shape_errors": [
        ("banks/shape_errors.yaml", 1, "schema_version", "schema_version", "invalid-field"),
        ("banks/shape_errors.yaml", 5, "title", "title", "missing-field"),
        ("banks/shape_errors.yaml", 8, "options", "items[0].options", "missing-field"),
        ("banks/shape_errors.yaml", 10, "option", "items[0].option", "unknown-field"),
        ("banks/shape_errors.yaml", 14, "source", "items[0].source", "invalid-field"),
    ],
    "unknown_kind": [("banks/unknown_kind.yaml", 4, "kind", "kind", "invalid-field")],
    "duplicate_key": [("banks/duplicate_key.yaml", 6, "title", "title", "yaml-error")],
    "nested_duplicate_key": [
        (
            "banks/nested_duplicate_key.yaml",
            15,
            "question",
            "items[1].question",
            "yaml-error",
        ),
    ],
    "not_a_mapping": [("banks/not_a_mapping.yaml", 1, None, None, "invalid-field")],
    "wrong_id": [("banks/wrong_id.yaml", 2, "id", "id", "invalid-field")],
}


def test_every_fixture_has_a_case() -> None:
    assert {p.stem for p in INVALID.glob("*.yaml")} == set(CASES)


@pytest.mark.parametrize(("name", "expected"), CASES.items(), ids=list(CASES))
def test_problems_are_located(name: str, expected: list[Where]) -> None:
    assert where(bank_problems(INVALID / f"{name}.yaml")) == expected


@pytest.mark.parametrize("name", list(CASES))
def test_load_bank_raises_data_error_with_the_same_problems(name: str) -> None:
    with pytest.raises(DataError) as caught:
        load_bank(INVALID / f"{name}.yaml")
    assert where(caught.value.problems) == CASES[name]
    assert caught.value.message_fr()  # French text exists, whatever its wording


def test_missing_file_is_a_problem_not_a_traceback() -> None:
    assert where(bank_problems(INVALID / "absent.yaml")) == [
        ("banks/absent.yaml", None, None, None, "file-missing")
    ]
    with pytest.raises(DataError):
        load_bank(INVALID / "absent.yaml")


def test_values_say_what_was_found_and_what_was_expected() -> None:
    (problem,) = bank_problems(INVALID / "unknown_axis.yaml")
    assert (problem.value, problem.expected) == ("dialog", "dialogue")
    (problem,) = bank_problems(INVALID / "quiz_answer_not_option.yaml")
    assert (problem.value, problem.expected) == ("d", "a, b, c")
    (problem,) = bank_problems(INVALID / "duplicate_item.yaml")
    assert problem.value == "q1"


def test_load_banks_reports_every_file_at_once() -> None:
    with pytest.raises(DataError) as caught:
        load_banks(INVALID)
    expected = sorted(f"banks/{name}.yaml" for name in CASES)
    assert caught.value.files == expected


def test_load_banks_rejects_one_id_in_two_files(tmp_path: Path) -> None:
    banks = tmp_path / "banks"
    banks.mkdir()
    shutil.copy(SHIPPED / "sondage_ouverture.yaml", banks / "sondage_ouverture.yaml")
    shutil.copy(SHIPPED / "sondage_ouverture.yaml", banks / "sondage_ouverture.yml")
    with pytest.raises(DataError) as caught:
        load_banks(banks)
    # Both files hold bank « sondage_ouverture »; the .yml one is read second.
    assert where(caught.value.problems) == [
        ("banks/sondage_ouverture.yml", 6, "id", "id", "duplicate-id")
    ]


def test_load_banks_of_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_banks(tmp_path / "banks")
    assert where(caught.value.problems) == [("banks", None, None, None, "file-missing")]


def _data_tree(tmp_path: Path, bank_text: str, name: str = "quiz_module_0") -> Path:
    """A data/ folder with the real sources and one bank, to test source checks."""
    data = tmp_path / "data"
    (data / "banks").mkdir(parents=True)
    shutil.copytree(SOURCES, data / "sources")
    path = data / "banks" / f"{name}.yaml"
    path.write_text(bank_text, encoding="utf-8")
    return path


def test_a_cited_source_must_exist(tmp_path: Path) -> None:
    text = (SHIPPED / "quiz_module_0.yaml").read_text(encoding="utf-8")
    path = _data_tree(tmp_path, text.replace("000_3d8b2b73c40b1d15.txt", "000_absent.txt", 1))
    problems = bank_problems(path)
    assert [(p.code, p.item, p.value) for p in problems] == [
        ("missing-source", "items[0].source", "000_absent.txt")
    ]


def test_a_quote_must_be_found_in_its_source(tmp_path: Path) -> None:
    text = (SHIPPED / "quiz_module_1.yaml").read_text(encoding="utf-8")
    invented = text.replace(
        "quote: 53% des associations employeuses", "quote: 63% des associations employeuses"
    )
    path = _data_tree(tmp_path, invented, "quiz_module_1")
    assert [(p.code, p.column, p.item) for p in bank_problems(path)] == [
        ("quote-not-found", "quote", "items[4].quote")
    ]


def test_sources_are_not_checked_outside_a_data_tree(tmp_path: Path) -> None:
    path = tmp_path / "banks" / "quiz_module_0.yaml"
    path.parent.mkdir()
    shutil.copy(SHIPPED / "quiz_module_0.yaml", path)
    assert bank_problems(path) == []


def test_file_is_shown_relative_to_the_data_root(tmp_path: Path) -> None:
    path = tmp_path / "x" / "banks" / "empty.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("", encoding="utf-8")
    assert bank_problems(path)[0].file == "banks/empty.yaml"
    assert bank_problems(path, data_root=tmp_path)[0].file == "x/banks/empty.yaml"


def test_unquoted_numeric_version_is_kept_as_text(tmp_path: Path) -> None:
    text = (SHIPPED / "sondage_ouverture.yaml").read_text(encoding="utf-8")
    path = tmp_path / "banks" / "sondage_ouverture.yaml"
    path.parent.mkdir()
    path.write_text(text.replace('version: "1.0"', "version: 1.5"), encoding="utf-8")
    assert load_bank(path).version == "1.5"


MINIMAL_POLL = {
    "schema_version": 1,
    "id": "sondage",
    "version": "1",
    "kind": "poll",
    "title": "Sondage",
    "description": "Un sondage minimal.",
    "items": [
        {
            "id": "q1",
            "question": "D'accord ?",
            "options": [{"id": "o", "label": "Oui"}, {"id": "n", "label": "Non"}],
        },
    ],
}


def test_validate_bank_accepts_a_mapping() -> None:
    assert validate_bank(MINIMAL_POLL).id == "sondage"


def test_validate_bank_reports_problems_without_lines() -> None:
    broken = {**MINIMAL_POLL, "items": [{"id": "q1", "question": "D'accord ?"}]}
    with pytest.raises(DataError) as caught:
        validate_bank(broken, file="éditeur")
    assert where(caught.value.problems) == [
        ("éditeur", None, "options", "items[0].options", "missing-field")
    ]


def test_a_poll_with_a_scale_needs_no_options() -> None:
    with_scale = {
        **MINIMAL_POLL,
        "scale": [{"value": 1, "label": "Non"}, {"value": 2, "label": "Oui"}],
        "items": [{"id": "q1", "question": "D'accord ?"}],
    }
    assert validate_bank(with_scale).items[0].options is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"kind": None}, [(None, "kind", "kind", "invalid-field")]),
        ({"kind": "questionnaire"}, [(None, "kind", "kind", "invalid-field")]),
        ({"items": []}, [(None, "items", "items", "invalid-field")]),
        ({"id": "Sondage Été"}, [(None, "id", "id", "invalid-field")]),
    ],
)
def test_shape_errors_in_memory(change: dict, expected: list) -> None:
    with pytest.raises(DataError) as caught:
        validate_bank({**MINIMAL_POLL, **change})
    assert [(p.row, p.column, p.item, p.code) for p in caught.value.problems] == expected


def test_missing_kind_is_a_missing_field() -> None:
    data = {key: value for key, value in MINIMAL_POLL.items() if key != "kind"}
    with pytest.raises(DataError) as caught:
        validate_bank(data)
    assert [(p.column, p.code) for p in caught.value.problems] == [("kind", "missing-field")]


def test_results_visibility_defaults_to_after_the_reveal() -> None:
    assert validate_bank(MINIMAL_POLL).items[0].results == "revealed"
    item = {**MINIMAL_POLL["items"][0], "results": "always"}
    assert validate_bank({**MINIMAL_POLL, "items": [item]}).items[0].results == "always"


def test_an_unknown_results_visibility_is_named_in_french() -> None:
    item = {**MINIMAL_POLL["items"][0], "results": "bientôt"}
    with pytest.raises(DataError) as caught:
        validate_bank({**MINIMAL_POLL, "items": [item]}, file="sondage.yaml")
    (problem,) = caught.value.problems
    assert (problem.item, problem.column, problem.code, problem.value) == (
        "items[0].results",
        "results",
        "invalid-field",
        "bientôt",
    )
    assert problem.expected == "'always', 'answered', 'revealed' ou 'never'"
    assert " or " not in problem.message_fr()
