"""Widgets against a real SQLite store in ``tmp_path``, with the shipped banks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from widgets.banks import DiagnosticBank, QuizBank, load_bank
from widgets.storage import ResultStore

BANKS = Path(__file__).resolve().parents[2] / "data" / "banks"
PSEUDONYM = "testeur"


@pytest.fixture(autouse=True)
def _private_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test gets its own results database and pseudonym, as a learner's laptop would."""
    monkeypatch.setenv("PARCOURS_DATABASE_URL", f"sqlite:///{tmp_path / 'resultats.sqlite3'}")
    monkeypatch.setenv("PARCOURS_PSEUDONYM", PSEUDONYM)
    yield
    from widgets.ui import course

    for store in course._STORES.values():
        store.close()
    course._STORES.clear()


@pytest.fixture
def store() -> Iterator[ResultStore]:
    with ResultStore() as opened:
        yield opened


@pytest.fixture
def broken_store(tmp_path: Path) -> Iterator[ResultStore]:
    """A store whose « database file » is a folder: every save is kept pending."""
    folder = tmp_path / "pas-une-base"
    folder.mkdir()
    with ResultStore(f"sqlite:///{folder}", busy_timeout=0.1) as opened:
        yield opened


@pytest.fixture(scope="session")
def catalyst() -> DiagnosticBank:
    bank = load_bank(BANKS / "profil_catalyseur.yaml")
    assert isinstance(bank, DiagnosticBank)
    return bank


@pytest.fixture(scope="session")
def quiz_bank() -> QuizBank:
    bank = load_bank(BANKS / "quiz_module_1.yaml")
    assert isinstance(bank, QuizBank)
    return bank
