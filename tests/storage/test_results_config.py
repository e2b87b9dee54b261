"""widgets.config: environment variables win, blanks count as unset, defaults are safe."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
from sqlalchemy.engine import make_url

import widgets
from widgets import config
from widgets.storage import ResultStore

VARIABLES = (
    "PARCOURS_DATA_DIR",
    "PARCOURS_DATABASE_URL",
    "PARCOURS_PSEUDONYM",
    "PARCOURS_CACHE_DIR",
    "PARCOURS_LOG_FILE",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_defaults() -> None:
    package = Path(widgets.__file__).resolve().parent
    assert config.data_dir() == package.parent / "data"
    assert config.project_root() == package.parent
    assert config.learner_pseudonym() == "moi"
    url = make_url(config.results_url())
    assert url.get_backend_name() == "sqlite"
    expected = Path(platformdirs.user_data_dir("parcours")) / "resultats.sqlite3"
    assert Path(url.database or "") == expected
    assert config.cache_dir() == Path(platformdirs.user_cache_dir("parcours"))
    assert config.log_file() == Path(platformdirs.user_log_dir("parcours")) / "parcours.log"


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(tmp_path / "donnees"))
    monkeypatch.setenv("PARCOURS_DATABASE_URL", "postgresql+psycopg://parcours@db/parcours")
    monkeypatch.setenv("PARCOURS_PSEUDONYM", " renard ")
    monkeypatch.setenv("PARCOURS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PARCOURS_LOG_FILE", str(tmp_path / "journal.log"))
    assert config.data_dir() == tmp_path / "donnees"
    assert config.results_url() == "postgresql+psycopg://parcours@db/parcours"
    assert config.learner_pseudonym() == "renard"
    assert config.cache_dir() == tmp_path / "cache"
    assert config.log_file() == tmp_path / "journal.log"


def test_blank_variables_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.setenv(name, "  ")
    assert config.learner_pseudonym() == "moi"
    assert config.data_dir().name == "data"
    assert config.results_url().startswith("sqlite:///")


def test_store_uses_the_configured_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "ailleurs" / "r.sqlite3"
    monkeypatch.setenv("PARCOURS_DATABASE_URL", f"sqlite:///{path}")
    store = ResultStore()
    assert store.location == str(path)
    assert store.banks_done("moi") == set()
    store.close()
    assert path.is_file()
