"""The facilitator's panel, built in plain pytest on a SQLite store (no browser, no server)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from widgets.banks import Bank
from widgets.storage.live import LiveStore
from widgets.templates.room import join_html, projection_link_html
from widgets.ui.dashboard_query import session_in_url
from widgets.ui.live import LiveSessionPanel


@pytest.fixture
def panel(live_store: LiveStore, banks: dict[str, Bank]) -> Iterator[LiveSessionPanel]:
    made = LiveSessionPanel(store=live_store, banks=banks, autostart=False)
    yield made
    made.stop()


def test_create_shows_code_url_and_qr(
    panel: LiveSessionPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARCOURS_LIVE_PUBLIC_URL", "http://192.168.1.20:8866")
    session = panel.create("sondage_ouverture")
    assert panel.code == session.code
    assert session.code in panel.join.value
    assert f"http://192.168.1.20:8866/parcours/live/j/{session.code}" in panel.join.value
    assert not panel.open_button.disabled and not panel.reveal_button.disabled
    assert "0</strong> réponse" in panel.count_text.value


def test_without_a_known_address_it_says_why() -> None:
    text = join_html("ABCDE", None)
    assert "/parcours/live/j/ABCDE" in text and "parcours serve" in text


def test_counts_arrive_and_results_stay_hidden_until_revealed(
    panel: LiveSessionPanel, live_store: LiveStore
) -> None:
    session = panel.create("sondage_ouverture")
    live_store.save_answers(session.id, "a", {"profil": "association", "metier": "aucun"})
    live_store.save_answers(session.id, "b", {"profil": "association"})
    panel.refresh()
    assert panel.counts is not None and (panel.counts.participants, panel.counts.answers) == (2, 3)
    assert "<strong>2</strong> participants" in panel.count_text.value
    assert panel.figure is None and panel.results_box.layout.display == "none"

    panel.reveal_button.click()
    assert panel.revealed and panel.reveal_button.description == "Masquer les résultats"
    assert panel.figure is not None and panel.results_box.layout.display is None
    figure = panel.figure
    assert list(figure.data[0].x) == [0, 0, 2, 0]
    live_store.save_answers(session.id, "c", {"profil": "academique"})
    panel.refresh()
    assert panel.figure is figure  # updated in place, not rebuilt
    assert list(figure.data[0].x) == [0, 0, 2, 1]
    assert figure.data[0].text[2] == "2 (67\u00a0%)"

    panel.reveal_button.click()
    assert not panel.revealed and panel.results_box.layout.display == "none"


def test_a_diagnostic_shows_the_group_radar(panel: LiveSessionPanel, live_store: LiveStore) -> None:
    session = panel.create("profil_catalyseur")
    live_store.save_answers(session.id, "a", {"dt_enjeux": 3})
    live_store.save_answers(session.id, "b", {"dt_enjeux": 0, "gl_fablab": 3})
    panel.reveal(True)
    trace = panel.figure.data[0]  # type: ignore[union-attr]
    assert trace.type == "scatterpolar"
    assert list(trace.r) == [50, 0, 0, 100, 50]  # closed polygon; no answer shows as 0
    assert trace.theta[0] == "Dialogue territorial"


def test_close_open_and_two_click_reset(panel: LiveSessionPanel, live_store: LiveStore) -> None:
    session = panel.create("sondage_ouverture")
    live_store.save_answers(session.id, "a", {"profil": "association"})
    panel.close_button.click()
    assert "close" in panel.state_text.value and live_store.session(session.id).state == "closed"  # type: ignore[union-attr]
    panel.open_button.click()
    assert live_store.session(session.id).state == "open"  # type: ignore[union-attr]
    panel.reset_button.click()
    assert live_store.counts(session.id).answers == 1  # the first click only asks
    assert "Confirmer" in panel.reset_button.description
    panel.reset_button.click()
    assert live_store.counts(session.id).answers == 0
    assert panel.reset_button.description == "Remettre à zéro"


def test_export_links(panel: LiveSessionPanel, live_store: LiveStore) -> None:
    import base64
    import re

    from widgets.storage import import_csv

    session = panel.create("sondage_ouverture")
    live_store.save_answers(session.id, "secret-id", {"profil": "association"})
    panel.export_csv_button.click()
    link = panel.export_link.value
    assert f'download="live-sondage_ouverture-{session.code}.csv"' in link
    payload = re.search(r"base64,([^\"]+)", link).group(1)  # type: ignore[union-attr]
    text = base64.b64decode(payload).decode()
    assert "secret-id" not in text and [r.answers for r in import_csv(text)] == [
        {"profil": "association"}
    ]
    panel.export_json_button.click()
    assert ".json" in panel.export_link.value


def test_a_failing_store_is_reported_not_raised(
    panel: LiveSessionPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A click whose database fails shows the French message (logged), never a traceback."""
    from sqlalchemy.exc import OperationalError

    import widgets.ui.messages as messages

    def broken(*_: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    reported: list[str] = []
    shown: list[str] = []
    monkeypatch.setattr(panel.store, "create_session", broken)
    monkeypatch.setattr(messages, "report", lambda exc, where: reported.append(where))
    monkeypatch.setattr(messages, "message_html", lambda exc: shown.append(str(exc)) or "")
    panel.create_button.click()  # must not raise
    assert reported and shown and panel.session is None


def test_background_polling_sees_a_new_answer_by_itself(
    live_store: LiveStore, banks: dict[str, Bank]
) -> None:
    panel = LiveSessionPanel(store=live_store, banks=banks, interval=0.2)  # thread: no loop here
    try:
        session = panel.create("sondage_ouverture")
        live_store.save_answers(session.id, "a", {"profil": "association"})
        deadline = time.monotonic() + 10.0  # how fast is measured in benchmarks/, not here
        while panel.counts is None or panel.counts.answers == 0:
            assert time.monotonic() < deadline, "the panel never saw the answer"
            time.sleep(0.05)
    finally:
        panel.stop()


def test_a_poll_with_nothing_new_reads_no_answers(
    panel: LiveSessionPanel, live_store: LiveStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Revealed, every poll would re-read and aggregate the whole room; only changes do."""
    session = panel.create("sondage_ouverture")
    live_store.save_answers(session.id, "a", {"profil": "association"})
    panel.reveal(True)
    reads: list[str] = []
    original = live_store.answers
    monkeypatch.setattr(live_store, "answers", lambda sid: reads.append(sid) or original(sid))
    assert panel._read(session) is None and reads == []
    live_store.save_answers(session.id, "b", {"profil": "academique"})
    read = panel._read(session)
    assert read is not None and read[1].participants == 2 and reads == [session.id]


def test_resume_shows_a_stored_session_as_it_is(
    live_store: LiveStore, banks: dict[str, Bank]
) -> None:
    session = live_store.create_session("sondage_ouverture", "1.0")
    live_store.save_answers(session.id, "a" * 32, {"profil": "association"})
    live_store.set_revealed(session.id, True)
    panel = LiveSessionPanel(
        store=live_store, banks=banks, autostart=False, resume=session.code.lower()
    )
    try:
        assert panel.code == session.code and panel.revealed
        assert "1</strong> participant" in panel.count_text.value
        assert f'data-live-code="{session.code}"' in panel.join.value
        assert panel.recent_picker.options[0][1] == session.code
        assert not panel.reveal_button.disabled
        assert panel.bank_picker.value == "sondage_ouverture"  # not the list's first bank
    finally:
        panel.stop()


def test_resume_from_the_recent_list(panel: LiveSessionPanel, live_store: LiveStore) -> None:
    older = live_store.create_session("sondage_ouverture", "1.0")
    panel._list_recent()
    assert panel.recent_picker.options[0][0].startswith(f"{older.code} — ")
    panel.recent_picker.value = older.code
    panel.resume_button.click()
    assert panel.code == older.code


def test_an_unknown_code_says_so_and_leaves_the_panel_usable(
    live_store: LiveStore, banks: dict[str, Bank]
) -> None:
    panel = LiveSessionPanel(store=live_store, banks=banks, autostart=False, resume="ZZZZ9")
    try:
        assert panel.session is None and "ZZZZ9" in panel.join.value
        assert "Aucune session" in panel.join.value
        assert panel.resume_button.disabled  # nothing to take up again
        panel.create("sondage_ouverture")
        assert panel.code
    finally:
        panel.stop()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", None),
        ("session=AB3CD", "AB3CD"),
        ("token=x&session=ab3cd", "ab3cd"),
        ("session=", None),
        ("session=%20", None),
    ],
)
def test_session_in_url(query: str, code: str | None) -> None:
    assert session_in_url(query) == code


def test_session_in_url_reads_voilas_query_string(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUERY_STRING", "session=QW3RT")
    assert session_in_url() == "QW3RT"


def test_the_projected_screen_is_one_link_away(
    panel: LiveSessionPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARCOURS_LIVE_PUBLIC_URL", "http://192.168.1.20:8866")
    session = panel.create("quiz_module_1")
    assert "Ouvrir la vue projection" in panel.join.value
    assert f"parcours/live/admin/sessions/{session.code}/projection" in panel.join.value
    assert "--ip 0.0.0.0" not in panel.join.value  # phones on the Wi-Fi reach this address


@pytest.mark.parametrize("base", ["http://127.0.0.1:8866", "http://localhost:8866", None])
def test_a_loopback_join_address_is_flagged(base: str | None) -> None:
    text = projection_link_html("ABCDE", base)
    assert "parcours serve --ip 0.0.0.0" in text and "PARCOURS_LIVE_PUBLIC_URL" in text


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_reset_and_reveal_pass_wcag_aa(panel: LiveSessionPanel) -> None:
    for button in (panel.reset_button, panel.reveal_button):
        assert button.button_style == ""  # not ipywidgets' warning (2.7:1) or success (4.1:1)
        assert button.style.text_color == "white"
        assert contrast("#ffffff", button.style.button_color) >= 4.5


def test_the_dashboard_moves_the_room_question_by_question(
    panel: LiveSessionPanel, live_store: LiveStore
) -> None:
    session = panel.create("sondage_ouverture")
    pacing = panel.pacing
    assert pacing.previous_button.disabled and not pacing.next_button.disabled
    assert "Question 1\u00a0sur\u00a03" in pacing.where.value
    pacing.next_button.click()
    pacing.next_button.click()
    stored = live_store.session(session.id)
    assert stored is not None and stored.current == 2
    assert pacing.next_button.disabled and "Question 3\u00a0sur\u00a03" in pacing.where.value
    pacing.previous_button.click()
    back = live_store.session(session.id)
    assert back is not None and back.current == 1


def test_a_self_diagnostic_is_not_paced_on_the_dashboard(panel: LiveSessionPanel) -> None:
    panel.create("profil_catalyseur")
    assert panel.pacing.next_button.disabled and panel.pacing.where.value == ""


class _HeldLoop:
    """The kernel's loop as the watch thread sees it: what it schedules runs when told."""

    def __init__(self) -> None:
        self.scheduled: list[tuple[Any, tuple[Any, ...]]] = []

    def is_closed(self) -> bool:
        return False

    def call_soon_threadsafe(self, callback: Any, *args: Any) -> None:
        self.scheduled.append((callback, args))

    def run(self) -> None:
        for callback, args in self.scheduled:
            callback(*args)
        self.scheduled.clear()


def test_a_read_begun_before_a_move_never_shows_the_previous_question(
    panel: LiveSessionPanel, live_store: LiveStore
) -> None:
    """The watch thread read the room (question 3), the facilitator then clicked « ← Question
    précédente », and the kernel's loop ran the thread's older read after the click: the screen
    went back to question 3 and stayed there (a webinar test under load)."""
    session = panel.create("sondage_ouverture")
    live_store.move(session.id, 2)
    panel.refresh()
    loop = _HeldLoop()
    panel._loop = loop  # type: ignore[assignment]
    live_store.save_answers(session.id, "a", {"profil": "association"})  # the watch reads
    panel._changed()
    assert loop.scheduled  # read (question 3), not shown yet
    panel.pacing.previous_button.click()
    assert "Question 2\u00a0sur\u00a03" in panel.pacing.where.value
    loop.run()
    assert "Question 2\u00a0sur\u00a03" in panel.pacing.where.value
    stored = live_store.session(session.id)
    assert stored is not None and stored.current == 1
