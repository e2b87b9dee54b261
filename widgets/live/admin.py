"""Facilitator routes of the live audience: the same token as JupyterLab and Voilà.

``APIHandler`` + ``@web.authenticated``: without the token (``?token=``, the
``Authorization: token …`` header or the login cookie) every route answers 403, like
``/api/kernels``. The dashboard in ``dashboards/audience_live.ipynb`` does not need these (its
kernel reads the store directly); they serve scripts, a second screen, and the tests.

=======================================================  ========================================
Route (under ``/parcours/live/admin``)                   What it does
=======================================================  ========================================
``GET  /banks``                                          banks that can be played live
``GET  /sessions``                                       latest sessions
``POST /sessions``  ``{"bank": id}``                     create an open session (201)
``GET  /sessions/<code>``                                state, counts, join URL, aggregate
``POST /sessions/<code>/(open|close|reset|reveal|hide)`` change the session (reveal and hide:
                                                         the current question's results)
``POST /sessions/<code>/(next|previous)``                show the next or previous question
``POST /sessions/<code>/goto``  ``{"index": n}`` or      show question ``n`` (from 0) or the
``{"question": id}``                                     question ``id``
``GET  /sessions/<code>/projection``                     the projected screen (HTML,
                                                         :mod:`widgets.live.projection`)
``GET  /sessions/<code>/events``                         its changes, pushed (SSE)
``GET  /sessions/<code>/export.(csv|json)``              one ``parcours-results`` row per
                                                         participant
``GET  /sessions/<code>/replay``                         the room's ``parcours-replay`` (JSON)
``GET  /sessions/<code>/room.csv``                       the room's table: counts, clouds, Q&A
=======================================================  ========================================

The audience's questions and the hidden words have routes of their own
(:mod:`widgets.live.qa`).
"""

from __future__ import annotations

import json
from typing import Any

from jupyter_server.base.handlers import APIHandler
from sqlalchemy.exc import SQLAlchemyError
from tornado import web

from widgets.banks import Bank
from widgets.config import live_public_url
from widgets.french import NBSP
from widgets.labels import problem_label
from widgets.live.base import CODE, Unaddressed
from widgets.live.context import LiveContext
from widgets.loaders.sources import source_titles
from widgets.room.aggregate import summary
from widgets.room.exports import FORMATS, session_export
from widgets.room.join import join_url
from widgets.room.pacing import clamp, pacing_state
from widgets.storage.health import classify
from widgets.storage.live import LiveSession

ACTIONS = ("open", "close", "reset", "reveal", "hide")
MOVES = ("next", "previous", "goto")


class _AdminHandler(Unaddressed, APIHandler):
    live: LiveContext

    def initialize(self, live: LiveContext) -> None:
        self.live = live

    def base(self) -> str:
        """Where participants reach this server (the request's host when nothing is known)."""
        known = live_public_url()
        if known:
            return known
        return f"{self.request.protocol}://{self.request.host}{self.base_url.rstrip('/')}"

    def describe(self, session: LiveSession, bank: Bank | None) -> dict[str, Any]:
        return {
            "id": session.id,
            "code": session.code,
            "bank": session.bank_id,
            "bank_version": session.bank_version,
            "kind": bank.kind if bank else None,
            "title": bank.title if bank else None,
            "state": session.state,
            "revealed": session.revealed,
            "created_at": session.created_at.isoformat(),
            "join_url": join_url(self.base(), session.code),
            **(pacing_state(bank, session, source_titles()) if bank else {}),
        }

    async def found(self, code: str) -> tuple[LiveSession, Bank]:
        session = await self.live.run(self.live.store.session_by_code, code)
        if session is None:
            raise web.HTTPError(404, f"Session «\u00a0{code}\u00a0» introuvable.")
        bank = self.live.bank(session.bank_id)
        if bank is None:
            raise web.HTTPError(404, f"Banque «\u00a0{session.bank_id}\u00a0» introuvable.")
        return session, bank

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """A database that fails is named in French (503), not « Unhandled error » (500)."""
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, SQLAlchemyError | OSError):
            reason = problem_label(classify(error))
            message = f"Base de la salle en direct{NBSP}: {reason}."
            self.send({"message": message, "reason": classify(error)}, status=503)
            return
        super().write_error(status_code, **kwargs)

    def send(self, document: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps(document, ensure_ascii=False, allow_nan=False))


class BanksHandler(_AdminHandler):
    @web.authenticated
    async def get(self) -> None:
        banks = self.live.banks()
        self.send(
            [
                {"id": b.id, "kind": b.kind, "title": b.title, "version": b.version}
                for b in banks.values()
            ]
        )


class SessionsHandler(_AdminHandler):
    @web.authenticated
    async def get(self) -> None:
        sessions = await self.live.run(self.live.store.sessions)
        self.send([self.describe(s, self.live.bank(s.bank_id)) for s in sessions])

    @web.authenticated
    async def post(self) -> None:
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400, 'Corps JSON invalide\u00a0: {"bank": "…"} attendu.') from None
        bank_id = body.get("bank") if isinstance(body, dict) else None
        bank = self.live.bank(bank_id) if isinstance(bank_id, str) else None
        if bank is None:
            raise web.HTTPError(400, f"Banque inconnue\u00a0: {bank_id!r}.")
        session = await self.live.run(self.live.store.create_session, bank.id, bank.version)
        self.send(self.describe(session, bank), status=201)


class SessionHandler(_AdminHandler):
    @web.authenticated
    async def get(self, code: str) -> None:
        session, bank = await self.found(code)
        counts = await self.live.run(self.live.store.counts, session.id)
        document = self.describe(session, bank)
        document["participants"] = counts.participants
        document["answers"] = counts.answers
        document["last_update"] = counts.last_update.isoformat() if counts.last_update else None
        answers = await self.live.run(self.live.store.answers, session.id)
        hidden = await self.live.run(self.live.qa.hidden_words, session.id)
        # Fresh, not cached: the facilitator's view is exact.
        document["results"] = summary(bank, answers, hidden)
        document["hidden_words"] = hidden
        self.send(document)


class ActionHandler(_AdminHandler):
    @web.authenticated
    async def post(self, code: str, action: str) -> None:
        session, bank = await self.found(code)
        store = self.live.store
        if action in ("open", "close"):
            state = "open" if action == "open" else "closed"
            await self.live.run(store.set_state, session.id, state)
        elif action in ("reveal", "hide"):
            await self.live.run(store.set_revealed, session.id, action == "reveal")
        else:
            await self.live.run(store.reset, session.id)
        self.live.forget(session.code)  # participants of this server see the change at once
        self.live.push.nudge(session.id)
        updated = await self.live.run(store.session, session.id)
        self.send(self.describe(updated or session, bank))


class MoveHandler(_AdminHandler):
    """Pacing: the question the phones and the projected screen show."""

    @web.authenticated
    async def post(self, code: str, move: str) -> None:
        session, bank = await self.found(code)
        if move == "next":
            index = session.current + 1
        elif move == "previous":
            index = session.current - 1
        else:
            index = self.target(bank)
        await self.live.run(self.live.store.move, session.id, clamp(bank, index))
        self.live.forget(session.code)
        self.live.push.nudge(session.id)
        updated = await self.live.run(self.live.store.session, session.id)
        self.send(self.describe(updated or session, bank))

    def target(self, bank: Bank) -> int:
        """The question asked for by ``{"index": n}`` or ``{"question": id}`` (400 otherwise)."""
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            body = None
        if isinstance(body, dict):
            index = body.get("index")
            if isinstance(index, int) and not isinstance(index, bool):
                if 0 <= index < len(bank.items):
                    return index
                raise web.HTTPError(
                    400, f"Question n° {index} hors du questionnaire (0 à {len(bank.items) - 1})."
                )
            ids = [item.id for item in bank.items]
            if body.get("question") in ids:
                return ids.index(body["question"])
        raise web.HTTPError(
            400, 'Corps JSON attendu\u00a0: {"index": n} ou {"question": "identifiant"}.'
        )


class ExportHandler(_AdminHandler):
    """The session's records (CSV, JSON) or its anonymous replay, as a download."""

    @web.authenticated
    async def get(self, code: str, fmt: str) -> None:
        session, bank = await self.found(code)
        answers = await self.live.run(self.live.store.answers, session.id)
        hidden = await self.live.run(self.live.qa.hidden_words, session.id)
        audience = await self.live.run(self.live.qa.questions, session.id)
        chosen = next(f for f in FORMATS if f == fmt)  # the route only lets these through
        made = session_export(bank, session, answers, chosen, hidden, audience)
        self.set_header("Content-Type", f"{made.mime}; charset=UTF-8")
        self.set_header("Content-Disposition", f'attachment; filename="{made.name}"')
        self.finish(made.text.encode("utf-8"))


def admin_routes(base_url: str, live: LiveContext) -> list[tuple[str, Any, dict[str, Any]]]:
    root = base_url.rstrip("/") + "/parcours/live/admin"
    options = {"live": live}
    return [
        (rf"{root}/banks", BanksHandler, options),
        (rf"{root}/sessions", SessionsHandler, options),
        (rf"{root}/sessions/{CODE}", SessionHandler, options),
        (rf"{root}/sessions/{CODE}/({'|'.join(ACTIONS)})", ActionHandler, options),
        (rf"{root}/sessions/{CODE}/({'|'.join(MOVES)})", MoveHandler, options),
        (rf"{root}/sessions/{CODE}/export\.(csv|json)", ExportHandler, options),
        (rf"{root}/sessions/{CODE}/(replay)", ExportHandler, options),
        (rf"{root}/sessions/{CODE}/(room)\.csv", ExportHandler, options),
    ]
