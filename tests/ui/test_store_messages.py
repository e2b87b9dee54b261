"""A dashboard whose database fails says why in French (read-only, full, locked)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from widgets.ui.messages import GENERIC_FR, message_html, message_text


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("attempt to write a readonly database", "lecture seule"),
        ("database or disk is full", "disque plein"),
        ("database is locked", "verrouillée"),
    ],
)
def test_a_database_failure_is_named(reason: str, words: str) -> None:
    error = OperationalError("INSERT", {}, sqlite3.OperationalError(reason))
    assert words in message_text(error) and words in message_html(error)


def test_other_failures_stay_generic() -> None:
    assert message_text(ZeroDivisionError()) == GENERIC_FR
