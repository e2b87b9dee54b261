"""A read-only live database whose last session is still in its ``-wal`` file: the session is
read whole and exported, or a French sentence says why it cannot be.

A ``-wal`` holds committed changes not yet copied into the database file; SQLite copies them
when the last connection closes. A server stopped by a power cut, or a folder copied to a USB
stick while the server ran, leaves one behind. The test makes that for real: a connection
holds the database open while the session is written, and the files are copied meanwhile.
The copy's folder is then made immutable (``chattr +i``: root writes everywhere else).
"""

from __future__ import annotations

import gc
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

from tests.read_only import immutable
from widgets.banks import load_banks
from widgets.room.exports import session_export
from widgets.storage import import_json
from widgets.storage.health import check_store
from widgets.storage.live import LiveSession, LiveStore

NAME = "live.sqlite3"


def left_with_wal(tmp_path: Path, *, shm: bool) -> tuple[Path, LiveSession, LiveSession]:
    """A folder holding a copy of a live database taken while a connection held it open: an
    older session is in the database file itself, the newer one (with its answers) only in
    the copied ``-wal``; ``-shm`` copied too when ``shm``."""
    source = tmp_path / "en-cours"
    source.mkdir()
    url = f"sqlite:///{source / NAME}"
    store = LiveStore(url)
    older = store.create_session("sondage_ouverture", "1.0")
    holder = sqlite3.connect(source / NAME, isolation_level=None)
    try:
        holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # older: in the database file
        newer = store.create_session("sondage_ouverture", "1.0")
        store.save_answers(newer.id, "p1", {"profil": "association"})
        store.save_answers(newer.id, "p2", {"profil": "entreprise"})
        store.close()  # not the last connection: nothing is checkpointed
        copy = tmp_path / "copie"
        copy.mkdir()
        for suffix in ("", "-wal") + (("-shm",) if shm else ()):
            shutil.copyfile(source / (NAME + suffix), copy / (NAME + suffix))
    finally:
        holder.close()
    assert (copy / (NAME + "-wal")).stat().st_size > 0
    return copy, older, newer


def sessions_in_the_file_alone(folder: Path) -> set[str]:
    """What a reader ignoring the ``-wal`` (``immutable=1``, as before) finds."""
    address = f"file:{folder / NAME}?immutable=1"
    with sqlite3.connect(address, uri=True) as connection:
        return {row[0] for row in connection.execute("SELECT id FROM live_sessions")}


@pytest.mark.parametrize("shm", [True, False], ids=["avec -shm", "sans -shm"])
def test_an_uncheckpointed_session_is_read_from_a_read_only_database(
    tmp_path: Path, shm: bool
) -> None:
    folder, older, newer = left_with_wal(tmp_path, shm=shm)
    assert sessions_in_the_file_alone(folder) == {older.id}  # newer is only in the -wal
    names = sorted(p.name for p in folder.iterdir())
    temporary = set(Path(tempfile.gettempdir()).glob("parcours-lecture-seule-*"))
    with immutable(*sorted(folder.iterdir()), folder):
        store = LiveStore(f"sqlite:///{folder / NAME}")
        try:
            session = store.session(newer.id)
            assert session is not None and session.code == newer.code
            answers = store.answers(newer.id)
            assert {who: dict(given) for who, given in answers.items()} == {
                "p1": {"profil": "association"},
                "p2": {"profil": "entreprise"},
            }
            assert store.session(older.id) is not None
            bank = load_banks()["sondage_ouverture"]
            export = session_export(bank, session, answers, "json")
            assert len(import_json(export.text)) == 2
            assert check_store(f"sqlite:///{folder / NAME}") is not None  # still read-only
        finally:
            store.close()
        assert sorted(p.name for p in folder.iterdir()) == names  # nothing written beside it
    # The private copy read in place of the -wal (without -shm) goes with the store.
    gc.collect()
    assert set(Path(tempfile.gettempdir()).glob("parcours-lecture-seule-*")) == temporary


def test_a_wal_that_cannot_be_read_is_explained_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``-shm`` the ``-wal`` is read from a private copy; where even the temporary
    folder cannot be written, the store says so, and what to do, instead of showing the
    older state as if it were all."""
    folder, _, newer = left_with_wal(tmp_path, shm=False)
    blocked = tmp_path / "temporaire"
    blocked.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    url = f"sqlite:///{folder / NAME}"
    with immutable(*sorted(folder.iterdir()), folder, blocked):
        store = LiveStore(url)
        try:
            with pytest.raises(OSError) as caught:
                store.session(newer.id)
        finally:
            store.close()
        problem = check_store(url)
    message = str(caught.value)
    assert f"son journal {NAME}-wal" in message and "lecture seule" in message, message
    assert f"rendez le dossier {folder} inscriptible" in message, message
    assert problem is not None and f"son journal {NAME}-wal" in problem, problem
