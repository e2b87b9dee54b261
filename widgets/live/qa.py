"""The audience's questions (Q&A) and the words a facilitator hides: their live routes.

Participants (no token, the same guards as answers: JSON from the page's origin, a signed
identity, the answer rate limit, bounded bodies):

=====================================================  ==========================================
Route (under ``/parcours/live/api/<code>``)            What it does
=====================================================  ==========================================
``GET  /questions``                                    the room's questions, by votes
``POST /questions``  ``{participant, item, text}``     ask (201, ``{"id": …}``)
``POST /questions/<id>/vote``  ``{participant}``       one vote, never for one's own (409 twice)
=====================================================  ==========================================

Facilitator (the token, :mod:`widgets.live.admin`):

=========================================================  ======================================
Route (under ``/parcours/live/admin/sessions/<code>``)     What it does
=========================================================  ======================================
``GET  /questions``                                        every question, hidden ones included
``POST /questions/<id>/(answered|open|hide|show)``         mark answered (or not), hide (or not)
``POST /words/(hide|show)``  ``{"word": "…"}``             hide a word of the clouds (or show it)
=========================================================  ======================================

Every change is pushed to the phones by the session's watcher (:mod:`widgets.live.push`),
nudged at once when it goes through this process.
"""

from __future__ import annotations

import json
from typing import Any

from jupyter_server.base.handlers import APIHandler
from tornado import web

from widgets.live.base import CODE, Refusal, Unaddressed, _ParticipantHandler, participant_of
from widgets.live.context import LiveContext
from widgets.live.handlers import _DECODER
from widgets.room import qa
from widgets.room.words import word_key
from widgets.storage.live import LiveSession

QUESTION_ID = r"([0-9a-f]{32})"

_VOTE_REFUSALS = {
    "own": (403, "own-question"),
    "twice": (409, "voted-twice"),
    "unknown": (404, "unknown-question"),
    "closed": (409, "session-closed"),
}


def _document(body: bytes) -> dict[str, Any]:
    try:
        document = _DECODER.decode(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refusal(400, "bad-json") from None
    if not isinstance(document, dict):
        raise Refusal(400, "bad-json")
    return document


class _AudienceHandler(_ParticipantHandler):
    async def writer(self, code: str, body: bytes) -> tuple[LiveSession, str, dict[str, Any]]:
        """A write of a participant: checked like an answer (origin, identity, rate)."""
        self.check_write()
        document = _document(body)
        participant = participant_of(document)
        session = self.usable(await self.guarded(self.live.identity(code)))
        self.admit(session, participant)
        return session, participant, document


class QuestionsHandler(_AudienceHandler):
    async def get(self, code: str) -> None:
        session = self.usable(await self.guarded(self.live.session(code)))
        asked = await self.db(self.live.qa.questions, session.id)
        self.send_json({"questions": qa.room_lists(asked)})

    async def post(self, code: str) -> None:
        session, participant, document = await self.writer(code, self.body())
        bank = self.live.bank(session.bank_id)
        item = document.get("item")
        audience = {
            i.id for i in (bank.items if bank else []) if getattr(i, "type", "") == "questions"
        }
        if item not in audience:
            raise Refusal(422, "not-audience")
        text = document.get("text")
        cleaned = qa.clean_question(text) if isinstance(text, str) else None
        if cleaned is None:
            raise Refusal(422, "question-length", expected=f"{qa.MIN_CHARS} à {qa.MAX_CHARS}")
        asked = await self.db(self.live.qa.ask, session.id, item, participant, cleaned)
        if asked is None:
            raise Refusal(409, "session-closed")
        self.live.push.nudge(session.id)
        self.send_json(asked.public(), status=201)


class VoteHandler(_AudienceHandler):
    async def post(self, code: str, question_id: str) -> None:
        session, participant, _ = await self.writer(code, self.body())
        outcome = await self.db(self.live.qa.vote, session.id, question_id, participant)
        if outcome in _VOTE_REFUSALS:
            status, refusal = _VOTE_REFUSALS[outcome]
            raise Refusal(status, refusal)
        self.live.push.nudge(session.id)
        self.send_json({"voted": question_id})


def audience_routes(base_url: str, live: LiveContext) -> list[tuple[str, Any, dict[str, Any]]]:
    root = base_url.rstrip("/") + "/parcours/live/api"
    options = {"live": live}
    return [
        (rf"{root}/{CODE}/questions", QuestionsHandler, options),
        (rf"{root}/{CODE}/questions/{QUESTION_ID}/vote", VoteHandler, options),
    ]


# -- the facilitator's ---------------------------------------------------------------------

MARKS = {
    "answered": {"answered": True},
    "open": {"answered": False},
    "hide": {"hidden": True},
    "show": {"hidden": False},
}


class _ModerationHandler(Unaddressed, APIHandler):
    live: LiveContext

    def initialize(self, live: LiveContext) -> None:
        self.live = live

    async def found(self, code: str) -> LiveSession:
        session = await self.live.run(self.live.store.session_by_code, code)
        if session is None:
            raise web.HTTPError(404, f"Session «\u00a0{code}\u00a0» introuvable.")
        return session

    def send(self, document: Any) -> None:
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps(document, ensure_ascii=False, allow_nan=False))


class AdminQuestionsHandler(_ModerationHandler):
    @web.authenticated
    async def get(self, code: str) -> None:
        session = await self.found(code)
        asked = await self.live.run(self.live.qa.questions, session.id)
        listed = qa.room_order(asked) + [q for q in asked if q.hidden]
        self.send(
            {"questions": [{**q.public(), "item": q.item_id, "hidden": q.hidden} for q in listed]}
        )


class MarkHandler(_ModerationHandler):
    @web.authenticated
    async def post(self, code: str, question_id: str, mark: str) -> None:
        session = await self.found(code)
        marked = await self.live.run(
            lambda: self.live.qa.mark(session.id, question_id, **MARKS[mark])
        )
        if marked is None:
            raise web.HTTPError(404, "Question du public introuvable.")
        self.live.push.nudge(session.id)
        self.send({**marked.public(), "hidden": marked.hidden})


class WordsHandler(_ModerationHandler):
    @web.authenticated
    async def post(self, code: str, action: str) -> None:
        session = await self.found(code)
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            body = None
        word = body.get("word") if isinstance(body, dict) else None
        if not isinstance(word, str) or not word.strip() or len(word) > 120:
            raise web.HTTPError(400, 'Corps JSON invalide\u00a0: {"word": "…"} attendu.')
        key = word_key(word)
        change = self.live.qa.hide_word if action == "hide" else self.live.qa.show_word
        await self.live.run(change, session.id, key)
        self.live.forget_summary(session.id)
        self.live.push.nudge(session.id)
        hidden = await self.live.run(self.live.qa.hidden_words, session.id)
        self.send({"word": key, "hidden": hidden})


def moderation_routes(base_url: str, live: LiveContext) -> list[tuple[str, Any, dict[str, Any]]]:
    root = base_url.rstrip("/") + "/parcours/live/admin/sessions"
    options = {"live": live}
    marks = "|".join(MARKS)
    return [
        (rf"{root}/{CODE}/questions", AdminQuestionsHandler, options),
        (rf"{root}/{CODE}/questions/{QUESTION_ID}/({marks})", MarkHandler, options),
        (rf"{root}/{CODE}/words/(hide|show)", WordsHandler, options),
    ]
