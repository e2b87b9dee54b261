"""The facilitator's live-session panel: create, show the join code, watch, reveal, export.

It runs in the dashboard's kernel and talks to the live store directly (the same database as
the server's participant routes). It learns that something changed from the server, which
pushes every change of the session's state and counts (:mod:`widgets.ui.live_watch`), and
then reads the store once and updates the widgets in place: nothing polls the database while
the room is quiet. Results stay hidden from the shared screen until « Révéler les résultats »,
so the room is not swayed by the first answers.

Every button goes through :func:`widgets.ui.messages.guarded_callback`: a database that fails
shows one French sentence in the panel, never a traceback.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import ipywidgets as ipw
import plotly.graph_objects as go
from traitlets import Bool, Unicode

from widgets.banks import Bank, DiagnosticBank, load_banks
from widgets.config import live_public_url
from widgets.figures.room import bar_values, count_ticks, counts_figure, radar_figure, radar_values
from widgets.french import NBSP
from widgets.room.aggregate import group_profile, option_counts, participant_count
from widgets.room.exports import Format, session_export
from widgets.storage.health import store_warning
from widgets.storage.live import Counts, LiveSession, LiveStore
from widgets.templates import macro
from widgets.templates.forms import download_link
from widgets.templates.room import join_html, projection_link_html
from widgets.ui.kernel_loop import kernel_loop
from widgets.ui.live_extras import Moderation, RoomExtras
from widgets.ui.live_pacing import PacingControls
from widgets.ui.live_watch import SessionWatch
from widgets.ui.messages import guarded_callback, report
from widgets.ui.plotly_widget import FigureWidget

KIND_FR = {"diagnostic": "autodiagnostic", "quiz": "quiz", "poll": "sondage"}


def _line(name: str, *args: object, **kwargs: object) -> str:
    """One of the panel's lines of text (``templates/ui/live_panel.html.j2``), escaped there."""
    return macro("ui/live_panel.html.j2", name, *args, **kwargs)


DANGER = {"button_color": "#8a1c1c", "text_color": "white"}
"""White on dark red, 8:1 (WCAG AA asks 4.5:1)."""
GO = {"button_color": "#14532d", "text_color": "white"}
"""White on dark green, 9:1."""
RETRY_INTERVAL = 2.0
"""Seconds between two attempts to reach the server's watch stream when it cannot be held (no
server known, a restart); the panel reads the store once at each attempt, so it still follows
the room. While the stream holds, the store is read once per change the server pushes
(``benchmarks/bench_live_latency.py`` measures answer → screen in the browser)."""


class LiveSessionPanel(ipw.VBox):
    """Everything a facilitator does with one live session, on one screen.

    Hooks for tests: :meth:`create`, :meth:`set_state`, :meth:`reset`, :meth:`reveal`,
    :meth:`refresh` (one read, synchronously), :attr:`counts`, :attr:`figure`.
    """

    code = Unicode("", help="Join code of the current session ('' before one is created).")
    revealed = Bool(False, help="Whether the room's results are shown on the shared screen.")

    def __init__(
        self,
        *,
        store: LiveStore | None = None,
        banks: dict[str, Bank] | None = None,
        interval: float = RETRY_INTERVAL,
        autostart: bool = True,
        resume: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.store = store or LiveStore()
        self.banks = banks if banks is not None else load_banks()
        self.session: LiveSession | None = None
        self.counts: Counts | None = None
        self.figure: go.Figure | None = None
        self.watch = SessionWatch(self._changed, retry=interval)
        self._loop: asyncio.AbstractEventLoop | None = None
        # Reads are numbered when they start; the screen shows none older than what it shows
        # (see _apply).
        self._reads = itertools.count()
        self._shown_read = -1
        self.output = ipw.Output()
        warning = store_warning("de la salle en direct", self.store.url)  # as serve's log
        self.health = ipw.HTML(_line("big", warning, alert=True) if warning else "")
        guard = guarded_callback(self.output)
        wide = ipw.Layout(width="auto")

        self.bank_picker = ipw.Dropdown(
            options=[(f"{b.title} ({KIND_FR[b.kind]})", b.id) for b in self.banks.values()],
            description="Questionnaire",
            style={"description_width": "initial"},
            layout=ipw.Layout(width="40em"),
        )
        self.create_button = ipw.Button(
            description="Créer la session", button_style="primary", layout=wide
        )
        self.join = ipw.HTML()
        self.state_text = ipw.HTML()
        self.open_button = ipw.Button(description="Ouvrir", layout=wide, disabled=True)
        self.close_button = ipw.Button(description="Fermer", layout=wide, disabled=True)
        # Colours of our own: ipywidgets' « warning » (2.7:1) and « success » (4.1:1) fail WCAG AA.
        self.reset_button = ipw.Button(
            description="Remettre à zéro", layout=wide, disabled=True, style=DANGER
        )
        self.reveal_button = ipw.Button(
            description="Révéler les résultats", layout=wide, disabled=True, style=GO
        )
        self.pacing = PacingControls(self.store, guard(self.refresh))
        self.count_text = ipw.HTML(_line("big", "Aucune session pour l'instant."))
        self.results_box = ipw.VBox()
        self.extras = RoomExtras(self.store, self.banks)  # word clouds, audience's questions
        self.extras.moderation = Moderation(self.extras, lambda: self.session, self.refresh, guard)
        self.export_csv_button = ipw.Button(description="Exporter CSV", layout=wide, disabled=True)
        self.export_json_button = ipw.Button(
            description="Exporter JSON", layout=wide, disabled=True
        )
        self.replay_button = ipw.Button(
            description="Rediffusion (JSON)",
            tooltip="Ce qu'a répondu la salle, sans personne\u00a0: pour parcours export --replay",
            layout=wide,
            disabled=True,
        )
        self.export_link = ipw.HTML()
        self.recent_picker = ipw.Dropdown(
            description="Ou reprendre",
            style={"description_width": "initial"},
            layout=ipw.Layout(width="40em"),
        )
        self.resume_button = ipw.Button(description="Reprendre la session", layout=wide)
        self.recent_row = ipw.HBox([self.recent_picker, self.resume_button])
        self._confirm_reset = False

        self.create_button.on_click(guard(lambda _: self.create(self.bank_picker.value)))
        self.resume_button.on_click(guard(lambda _: self._on_resume()))
        self.open_button.on_click(guard(lambda _: self.set_state("open")))
        self.close_button.on_click(guard(lambda _: self.set_state("closed")))
        self.reset_button.on_click(guard(self._on_reset))
        self.reveal_button.on_click(guard(lambda _: self.reveal(not self.revealed)))
        self.export_csv_button.on_click(guard(lambda _: self._export("csv")))
        self.export_json_button.on_click(guard(lambda _: self._export("json")))
        self.replay_button.on_click(guard(lambda _: self._export("replay")))

        controls = ipw.HBox(
            [self.open_button, self.close_button, self.reset_button, self.reveal_button]
        )
        exports = ipw.HBox(
            [self.export_csv_button, self.export_json_button, self.replay_button, self.export_link]
        )
        super().__init__(
            [
                self.health,
                ipw.HBox([self.bank_picker, self.create_button]),
                self.recent_row,
                self.join,
                self.state_text,
                controls,
                self.pacing,
                self.count_text,
                self.results_box,
                exports,
                self.extras.moderation,
                self.output,
            ],
            **kwargs,
        )
        guard(lambda: self._start_with(resume))()
        if autostart:
            self.start()

    def _start_with(self, code: str | None) -> None:
        """Offer the recent sessions; show the one named by the page's address, if any."""
        self._list_recent()
        if code:
            self.resume(code)

    # -- actions ---------------------------------------------------------------------------

    def create(self, bank_id: str) -> LiveSession:
        """A new open session for ``bank_id``, shown with its code, URL and QR code."""
        bank = self.banks[bank_id]
        self._show(self.store.create_session(bank.id, bank.version))
        self._list_recent()
        return self._require()

    def resume(self, code: str) -> LiveSession | None:
        """Show an existing session again, answers and state as stored (after a reload, a
        server restart, or on another screen). None, and a French message, if unknown."""
        session = self.store.session_by_code(code)
        if session is None or session.bank_id not in self.banks:
            self.join.value = _line(
                "big",
                f"Aucune session ne porte le code «{NBSP}{code}{NBSP}»{NBSP}: "
                "choisissez-en une ci-dessus ou créez-en une.",
                alert=True,
            )
            return None
        self._show(session)
        return session

    def _on_resume(self) -> None:
        if self.recent_picker.value:
            self.resume(self.recent_picker.value)

    def _list_recent(self, limit: int = 20) -> None:
        """The latest sessions, newest first, to take one up again."""
        sessions = [s for s in self.store.sessions(limit) if s.bank_id in self.banks]
        self.recent_picker.options = [
            (
                f"{s.code} — {self.banks[s.bank_id].title} — "
                f"{s.created_at.astimezone():%d/%m %H:%M}"
                f"{'' if s.open else ' (close)'}",
                s.code,
            )
            for s in sessions
        ]
        self.resume_button.disabled = not sessions
        self.recent_row.layout.display = None if sessions else "none"  # nothing to take up

    def _show(self, session: LiveSession) -> None:
        """Make ``session`` the panel's session: join code, controls, counts."""
        self.session = session
        self.figure = None
        self.results_box.children = ()
        with self.hold_sync():
            self.code = session.code
            self.revealed = session.revealed
            if session.bank_id in self.banks:  # a resumed session names its own bank
                self.bank_picker.value = session.bank_id
            base = live_public_url()
            self.join.value = join_html(session.code, base) + projection_link_html(
                session.code, base
            )
            for button in (self.open_button, self.close_button, self.reset_button):
                button.disabled = False
            for button in (self.reveal_button, self.export_csv_button, self.export_json_button):
                button.disabled = False
            self.replay_button.disabled = False
        self.refresh()
        self.extras.refresh_moderation()  # a word can be hidden before the results show
        self.watch.follow(session.code, session.id)

    def set_state(self, state: str) -> None:
        session = self._require()
        self.store.set_state(session.id, state)  # type: ignore[arg-type]
        self.refresh()

    def reset(self) -> None:
        """Delete the session's answers and hide the results (the code stays the same)."""
        session = self._require()
        self.store.reset(session.id)
        self.refresh()

    def reveal(self, show: bool = True) -> None:
        session = self._require()
        self.store.set_revealed(session.id, show)
        self.refresh()

    def _on_reset(self, _: object) -> None:
        """Two clicks: a slip of the mouse must not erase a room's answers."""
        if not self._confirm_reset:
            self._confirm_reset = True
            self.reset_button.description = f"Confirmer{NBSP}: effacer toutes les réponses"
            return
        self._confirm_reset = False
        self.reset_button.description = "Remettre à zéro"
        self.reset()

    def _export(self, fmt: Format) -> None:
        session = self._require()
        bank = self.banks[session.bank_id]
        extras = self.extras.read(session)  # hidden words, audience's questions
        made = session_export(bank, session, self.store.answers(session.id), fmt, *extras)
        label = f"Télécharger {made.name} ({made.participants} participants)"
        self.export_link.value = download_link(made.text, made.name, made.mime, label)

    def _require(self) -> LiveSession:
        if self.session is None:
            raise RuntimeError("no live session yet")
        return self.session

    # -- following the room -------------------------------------------------------------

    def refresh(self) -> None:
        """Read the session and its counts, then update the screen (one poll)."""
        if self.session is None:
            return
        ticket = next(self._reads)
        session = self.store.session(self.session.id) or self.session
        counts = self.store.counts(session.id)
        answers = self.store.answers(session.id) if session.revealed else None
        self._apply(ticket, session, counts, answers)

    def _apply(self, ticket: int, session: LiveSession, counts: Counts, answers: Any) -> None:
        """Show what the read numbered ``ticket`` found, unless a read started after it is
        shown already: the watch thread's read, begun before a click moved the room and
        applied after the click's own, put the previous question back on the screen (and the
        watch, finding the screen up to date, never corrected it)."""
        if ticket < self._shown_read:
            return
        self._shown_read = ticket
        self.session, self.counts = session, counts
        self.pacing.show(session, self.banks.get(session.bank_id))
        with self.hold_sync():
            self.revealed = session.revealed
            state = "ouverte" if session.open else "close"
            self.state_text.value = _line("state", state, session.revealed)
            self.reveal_button.description = (
                "Masquer les résultats" if session.revealed else "Révéler les résultats"
            )
            self.count_text.value = _line("counts", counts.participants, counts.answers)
        if answers is None:
            self.results_box.layout.display = "none"
            return
        self._show_results(self.banks[session.bank_id], answers)
        self.results_box.layout.display = None

    def _show_results(self, bank: Bank, answers: Any) -> None:
        """Update the figure in place (created once per session)."""
        if isinstance(bank, DiagnosticBank):
            means = group_profile(bank, answers)
            people = participant_count(answers)
            if self.figure is None:
                self.figure = FigureWidget(radar_figure(means, bank.title, people))
                self.results_box.children = (self.figure,)
            else:
                with self.figure.batch_update():
                    self.figure.data[0].update(radar_values(means, people))
            return
        counts = option_counts(bank, answers)
        self.extras.show(self._require(), bank, answers)
        if self.figure is None:
            shown = FigureWidget(counts_figure(counts, bank.title)) if counts else None
            self.figure = shown
            self.results_box.children = (*([shown] if shown else []), self.extras.widget)
            return
        with self.figure.batch_update():
            for trace, question in zip(self.figure.data, counts, strict=True):
                values = bar_values(question)
                trace.x, trace.text = values["x"], values["text"]
                # the figure was fitted (a plain dict, no subplot grid): its axis by name
                self.figure.layout[f"xaxis{trace.xaxis[1:]}"].update(count_ticks(values["x"]))

    def start(self) -> None:
        """Follow the room: the server's pushes, applied on the kernel's loop when there is one."""
        self._loop = kernel_loop()
        self.watch.start()

    def stop(self) -> None:
        self.watch.stop()

    def _changed(self) -> None:
        """The server said the session changed (watch thread): read once, show on the loop."""
        session = self.session
        if session is None:
            return
        ticket = next(self._reads)
        try:
            read = self._read(session)
        except Exception as exc:  # the screen keeps its last values; the log has why
            report(exc, "live panel read")
            return
        if read is None:
            return
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._show_read, ticket, read)
        else:
            self._show_read(ticket, read)

    def _show_read(self, ticket: int, read: tuple[LiveSession, Counts, Any]) -> None:
        if self.session is not None and read[0].id == self.session.id:
            self._apply(ticket, *read)

    def _read(self, session: LiveSession) -> tuple[LiveSession, Counts, Any] | None:
        """What changed since the screen was last updated, or ``None`` if nothing did.

        The session and its counts (number of answers and latest change) are cheap to read;
        the answers themselves (read again and aggregated only when revealed) are not, about
        0.2 s for 10 000 participants, so they are read only when those changed.
        """
        current = self.store.session(session.id)
        if current is None:
            return None
        counts = self.store.counts(current.id)
        if current == self.session and counts == self.counts and not self.extras.changed(current):
            return None
        answers = self.store.answers(current.id) if current.revealed else None
        return current, counts, answers
