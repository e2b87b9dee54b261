"""A webinar whose databases sit on a full, or nearly full, disk: ``serve`` still starts and
says so in French in its log, the facilitator's panel says so when it opens, and a failed
write names the full disk (never « indisponible », never a promise to send again).

The disks are real: two small tmpfs file systems mounted for the test (tests run as root;
skipped where mounting is not allowed). The live database, with an earlier open session, is
on a 2 MiB disk filled to the last byte; the learners' results database on a 16 MiB one,
under the 20 MB that :data:`widgets.storage.health.LOW_DISK_BYTES` calls nearly full.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.exc import SQLAlchemyError

from tests.conftest import Server, start_server, stop_server
from tests.live.conftest import request
from widgets.storage.live import LiveSession, LiveStore
from widgets.ui.live import LiveSessionPanel
from widgets.ui.messages import message_text

NBSP = "\u00a0"


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` for the block."""
    folder.mkdir()
    mount = shutil.which("mount")
    command = [mount or "mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if mount is None or result.returncode != 0:
        pytest.skip(f"pas de tmpfs possible ici (mount : {result.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def fill(folder: Path) -> None:
    """Write into ``folder`` until its disk refuses a single byte more."""
    descriptor = os.open(folder / "remplissage", os.O_WRONLY | os.O_CREAT)
    try:
        for chunk in (b"\0" * 65536, b"\0" * 512, b"\0"):
            try:
                while True:
                    os.write(descriptor, chunk)
            except OSError as error:
                assert error.errno == 28, error  # ENOSPC
    finally:
        os.close(descriptor)
    assert shutil.disk_usage(folder).free == 0


@dataclass
class Disks:
    live_url: str
    live_path: Path
    results_path: Path
    session: LiveSession
    server: Server


@pytest.fixture(scope="module")
def disks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Disks]:
    tmp = tmp_path_factory.mktemp("disques")
    with ExitStack() as stack:
        full = stack.enter_context(tmpfs(tmp / "plein", "2m"))
        nearly = stack.enter_context(tmpfs(tmp / "presque", "16m"))
        live_path = full / "live.sqlite3"
        live_url = f"sqlite:///{live_path}"
        store = LiveStore(live_url)
        session = store.create_session("sondage_ouverture", "1.0")  # open, from an earlier day
        store.save_answers(session.id, "p1", {"profil": "association"})
        store.close()
        fill(full)
        results_path = nearly / "resultats.sqlite3"
        env = {
            "PARCOURS_LIVE_DATABASE_URL": live_url,
            "PARCOURS_DATABASE_URL": f"sqlite:///{results_path}",
            "PARCOURS_LIVE_SECRET": "x" * 32,
        }
        server = start_server(tmp, env)  # raises with the log if serve does not start
        stack.callback(stop_server, server)
        yield Disks(live_url, live_path, results_path, session, server)


def test_serve_starts_and_names_both_disks_in_its_log(disks: Disks) -> None:
    log = disks.server.log()
    assert (
        f"Attention{NBSP}: la base de la salle en direct ({disks.live_path}) ne peut pas "
        f"enregistrer{NBSP}: disque plein ("
    ) in log, log
    assert (
        f"Attention{NBSP}: la base des résultats des apprenants ({disks.results_path}) est sur "
        f"un disque presque plein (16{NBSP}Mo libres dans {disks.results_path.parent}){NBSP}; "
    ) in log, log
    assert "Traceback" not in log
    # The server answers: the phone page of the earlier session is served.
    status, _, _ = request(f"{disks.server.base}/parcours/live/j/{disks.session.code}")
    assert status == 200


def test_the_panel_names_the_full_disk_when_it_opens(disks: Disks) -> None:
    panel = LiveSessionPanel(store=LiveStore(disks.live_url), autostart=False)
    try:
        health = panel.health.value
        assert 'role="alert"' in health
        assert f"la base de la salle en direct ({disks.live_path})" in health
        assert "ne peut pas enregistrer" in health and "disque plein" in health
        # « Créer la session » then fails, and the panel's message names the full disk.
        with pytest.raises(SQLAlchemyError) as caught:
            panel.create("sondage_ouverture")
        assert "disque plein" in message_text(caught.value)
    finally:
        panel.stop()
        panel.store.close()


def test_the_admin_api_names_the_full_disk(disks: Disks) -> None:
    status, _, text = request(
        f"{disks.server.base}/parcours/live/admin/sessions",
        "POST",
        {"bank": "sondage_ouverture"},
        {"Authorization": f"token {disks.server.token}"},
    )
    assert status == 503 and "disque plein" in json.loads(text)["message"], text


def test_a_phone_is_told_the_disk_is_full_not_to_wait(disks: Disks) -> None:
    base = f"{disks.server.base}/parcours/live/api/{disks.session.code}"
    status, _, text = request(f"{base}/join", "POST", {})
    if status == 200:
        who = json.loads(text)["participant"]
        answer = {"participant": who, "answers": {"profil": "entreprise"}}
        status, _, text = request(f"{base}/answers", "POST", answer)
    reply = json.loads(text)
    assert status == 507, (status, reply)
    assert "disque plein" in reply["error"] and "renvoyée" not in reply["error"]
