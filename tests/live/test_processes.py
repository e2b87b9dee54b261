"""Two ``parcours serve`` processes share one real PostgreSQL: answers to either, one room.

This is how a webinar of thousands is served (several processes behind a load balancer): the
database is the only shared state, so the facilitator's panel sees every answer whichever
process took it.
"""

from __future__ import annotations

from tests.conftest import Server
from tests.live.conftest import answer, participant
from widgets.storage.live import LiveStore
from widgets.ui.live import LiveSessionPanel


def test_two_processes_one_postgresql(
    two_processes: tuple[Server, Server], postgres_url: str
) -> None:
    first, second = two_processes
    with LiveStore(postgres_url) as store:
        panel = LiveSessionPanel(store=store, autostart=False)
        session = panel.create("sondage_ouverture")
        people = [participant() for _ in range(20)]
        for index, who in enumerate(people):
            server = first if index % 2 else second
            assert answer(server, session.code, who, {"profil": "association"})[0] == 200
        # Half of the room changes its mind, through the *other* process.
        for index, who in enumerate(people[:10]):
            server = second if index % 2 else first
            assert answer(server, session.code, who, {"profil": "academique"})[0] == 200
        panel.refresh()
        assert panel.counts is not None
        assert (panel.counts.participants, panel.counts.answers) == (20, 20)
        panel.reveal(True)
        assert list(panel.figure.data[0].x) == [0, 0, 10, 10]  # type: ignore[union-attr]
        panel.set_state("closed")
        for server in (first, second):  # both processes see the closing at once
            status, reply = answer(server, session.code, participant(), {"profil": "association"})
            assert (status, reply["code"]) == (409, "session-closed")
