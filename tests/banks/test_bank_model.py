"""The pydantic models on their own: a bank built in Python is never half-valid."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from widgets.banks import DiagnosticBank, dotted, validate_bank
from widgets.errors import DataError

DIAGNOSTIC = {
    "schema_version": 1,
    "id": "mini",
    "version": "1",
    "kind": "diagnostic",
    "title": "Mini",
    "description": "Deux axes, des paliers par défaut et un palier propre à l'axe b.",
    "scale": [{"value": 0, "label": "Non"}, {"value": 1, "label": "Oui"}],
    "axes": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
    "items": [
        {"id": "a1", "axis": "a", "statement": "A1"},
        {"id": "b1", "axis": "b", "statement": "B1", "reverse": True},
    ],
    "stages": {
        "default": [{"min": 0, "label": "Émergence"}, {"min": 50, "label": "Consolidation"}],
        "b": [{"min": 0, "label": "Bas"}],
    },
}


def test_model_validate_rejects_broken_references_without_a_loader() -> None:
    broken = {**DIAGNOSTIC, "items": [{"id": "a1", "axis": "z", "statement": "?"}]}
    with pytest.raises(ValidationError, match="unknown-axis"):
        DiagnosticBank.model_validate(broken)


def test_stages_fall_back_to_default() -> None:
    bank = validate_bank(DIAGNOSTIC)
    assert isinstance(bank, DiagnosticBank)
    assert [s.label for s in bank.stages_for("a")] == ["Émergence", "Consolidation"]
    assert [s.label for s in bank.stages_for("b")] == ["Bas"]


def test_every_axis_needs_stages() -> None:
    no_default = {**DIAGNOSTIC, "stages": {"b": [{"min": 0, "label": "Bas"}]}}
    with pytest.raises(DataError) as caught:
        validate_bank(no_default)
    assert [(p.item, p.code) for p in caught.value.problems] == [
        ("stages.default", "missing-field")
    ]


def test_banks_are_frozen() -> None:
    bank = validate_bank(DIAGNOSTIC)
    with pytest.raises(ValidationError):
        bank.title = "Autre"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), ""),
        (("id",), "id"),
        (("items", 3, "axis"), "items[3].axis"),
        (("stages", "default", 2, "min"), "stages.default[2].min"),
        (("warnings", 0, "all", 1, "axis"), "warnings[0].all[1].axis"),
    ],
)
def test_dotted_paths(path: tuple, text: str) -> None:
    assert dotted(path) == text
