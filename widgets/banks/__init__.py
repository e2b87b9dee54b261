"""Question banks (self-diagnostics, quizzes, polls): the data format and its validated loader.

Banks live in ``data/banks/*.yaml`` so that facilitators edit data, not code. Import from here;
the submodules are an implementation detail.

Core: imports only ``errors``, ``config`` and the standard parsers (pydantic, PyYAML).
"""

from widgets.banks.issues import dotted
from widgets.banks.loader import bank_problems, load_bank, load_banks, validate_bank
from widgets.banks.model import (
    BANK_KINDS,
    QUESTION_TYPES,
    SCHEMA_VERSION,
    Axis,
    Bank,
    Condition,
    DiagnosticBank,
    DiagnosticItem,
    GradedItem,
    Option,
    PollBank,
    PollItem,
    QuizBank,
    QuizItem,
    Recommendation,
    ScaleLevel,
    Stage,
    WarningRule,
    bank_json_schema,
    graded_items,
)

__all__ = [
    "BANK_KINDS",
    "QUESTION_TYPES",
    "SCHEMA_VERSION",
    "Axis",
    "Bank",
    "Condition",
    "DiagnosticBank",
    "DiagnosticItem",
    "GradedItem",
    "Option",
    "PollBank",
    "PollItem",
    "QuizBank",
    "QuizItem",
    "Recommendation",
    "ScaleLevel",
    "Stage",
    "WarningRule",
    "bank_json_schema",
    "bank_problems",
    "dotted",
    "graded_items",
    "load_bank",
    "load_banks",
    "validate_bank",
]
