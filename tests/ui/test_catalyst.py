"""The « catalyseur » dashboard: métiers from the bank, the room's profile from live answers."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as ipw
import pytest

from widgets.banks import load_banks
from widgets.storage.live import LiveStore
from widgets.ui.catalyst import EMPTY_GROUP, group_profile, metiers


def test_four_metiers_with_their_sixteen_activities() -> None:
    text = metiers().value
    assert text.count("<section") == 4 and text.count("<li>") == 16
    for label in ("Dialogue territorial", "Expérimentations collectives", "Accompagnements"):
        assert label in text


def test_no_live_answers_gives_an_empty_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARCOURS_LIVE_DATABASE_URL", f"sqlite:///{tmp_path / 'live.sqlite3'}")
    shown = group_profile()
    assert isinstance(shown, ipw.HTML) and shown.value == EMPTY_GROUP


def test_the_room_profile_of_the_latest_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    monkeypatch.setenv("PARCOURS_LIVE_DATABASE_URL", url)
    bank = load_banks()["profil_catalyseur"]
    top = max(level.value for level in bank.scale)
    with LiveStore(url) as store:
        session = store.create_session(bank.id, bank.version)
        for person in ("a", "b"):
            store.save_answers(session.id, person, {item.id: top for item in bank.items})
    shown = group_profile()
    figure = shown.to_dict()
    assert "2" in str(figure["layout"]["title"]) or "2" in str(figure["data"][0].get("name", ""))
    assert [round(v) for v in figure["data"][0]["r"][:4]] == [100, 100, 100, 100]
