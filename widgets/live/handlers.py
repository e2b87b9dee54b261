"""Participant routes of the live audience: no token, no kernel, no IP address kept.

These are plain Tornado ``RequestHandler`` s, not ``JupyterHandler`` s, on purpose: a
``JupyterHandler`` requires the facilitator's token, while a participant only has the join URL.
They can only do what the URL allows: read one session's questions and state, submit answers
to it, and after the reveal read its aggregate (counts and means, never someone else's answers).

=====================================================  ==========================================
Route                                                  What it does
=====================================================  ==========================================
``GET  /parcours/live/j/``                              type a code (HTML form, :mod:`.pages`)
``GET  /parcours/live/j/<code>``                       the participant page (HTML)
``GET  /parcours/live/j/assets/<file>``                its script and style sheet
``GET  /parcours/live/api/<code>``                     questions, state, revealed, question shown
``GET  /parcours/live/api/<code>/state``               what the push sends (the fallback poll)
``GET  /parcours/live/api/<code>/events``              every change, pushed (Server-Sent Events)
``GET  /parcours/live/api/<code>/watch?key=``          the same plus the counts, for the
                                                       facilitator's screen (signed key)
``POST /parcours/live/api/<code>/join``                a signed participant identity (once)
``POST /parcours/live/api/<code>/answers``             ``{participant, answers: {item: value}}``;
                                                       409 for a quiz answer changed after its
                                                       right answer was shown
``GET  /parcours/live/api/<code>/results``             what the phone may see of the
                                                       aggregate (revealed, or answered by
                                                       ``?participant=``, which adds « moi »
                                                       and the ``parcours-results`` to keep)
=====================================================  ==========================================

The audience's questions and their votes (``…/questions``) are in :mod:`widgets.live.qa`.

Every refusal is JSON ``{"error": "<French sentence>", "code": "..."}`` with a 4xx status
(503 when the database is down), so the page can show it as is. No cookie is read or set, hence
no XSRF token; a write (join, answers) must still be ``application/json`` from the page's own
origin (or a client that sends no ``Origin``), so another web site cannot make its visitors
vote. Participants are identities the server issued (:mod:`widgets.live.identity`); joins and
lookups of unknown codes are bounded per source address, in memory only. No body larger than
:data:`MAX_BODY` is ever read, whatever the route.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import Any

from tornado import web

from widgets.banks import Bank, DiagnosticBank
from widgets.errors import DataError
from widgets.labels import live_message
from widgets.live.base import (
    ASSETS,
    CODE,
    PAGE_POLICY,
    STATIC,
    Refusal,
    Unaddressed,
    _ParticipantHandler,
    participant_of,
)
from widgets.live.context import LiveContext
from widgets.live.events import EventsHandler, WatchHandler
from widgets.live.pages import CodeEntryHandler, NotFoundHandler
from widgets.loaders.sources import source_titles
from widgets.room.aggregate import participant_profile
from widgets.room.pacing import (
    lock_indices,
    needs_results,
    paced,
    pacing_state,
    phone_results,
)
from widgets.room.records import participant_record
from widgets.storage.exchange import export_json
from widgets.storage.live import LiveSession

log = logging.getLogger(__name__)


def session_state(session: LiveSession, bank: Bank | None = None) -> dict[str, Any]:
    """State, reveal and, with the bank, the question shown (:func:`.pacing.pacing_state`)."""
    document = {"code": session.code, "state": session.state, "revealed": session.revealed}
    if bank is not None:
        document.update(pacing_state(bank, session, source_titles()))
    return document


class PageHandler(_ParticipantHandler):
    """The participant page; the code is read from the address by the page's script."""

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Content-Security-Policy", PAGE_POLICY)

    def get(self, code: str) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(_page())


@functools.cache
def _page() -> bytes:
    """Read once: every phone of a room loads it within a minute."""
    return (STATIC / "participant.html").read_bytes()


class AssetHandler(Unaddressed, web.StaticFileHandler):
    """The page's script and style sheet (cacheable, tiny), without IP in the logs."""

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        if Path(absolute_path).name not in ASSETS or Path(absolute_path).parent != STATIC:
            raise web.HTTPError(404)
        return super().validate_absolute_path(root, absolute_path)

    async def get(self, path: str, include_body: bool = True) -> None:
        if path not in ASSETS:  # a NUL, a dot-dot, anything else: a plain 404
            raise web.HTTPError(404)
        await super().get(path, include_body)

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """Tornado's version prints the request, client address included."""
        if not isinstance(value, web.HTTPError):
            log.error("live %s failed", self._request_summary(), exc_info=(typ, value, tb))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        code = "not-found" if status_code == 404 else "unavailable"
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps({"error": live_message(code), "code": code}, ensure_ascii=True))

    def set_extra_headers(self, path: str) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Cache-Control", "no-cache")


class SessionHandler(_ParticipantHandler):
    async def get(self, code: str) -> None:
        session, bank = await self.session_and_bank(code)
        self.send_json({**session_state(session, bank), **self.live.view(bank)})


class StateHandler(_ParticipantHandler):
    """The fallback poll: what the push would send (state, question shown, visible results)."""

    async def get(self, code: str) -> None:
        session, bank = await self.session_and_bank(code)
        document = session_state(session, bank)
        if needs_results(bank, session):
            results = await self.db(self.live.summary, session, bank)
            document["results"] = phone_results(bank, session, results)
        self.send_json(document)


class JoinHandler(_ParticipantHandler):
    """Issue a participant identity for this session (the page asks once and keeps it)."""

    async def post(self, code: str) -> None:
        self.body()
        self.check_write()
        session = self.usable(await self.guarded(self.live.identity(code)))
        wait = self.live.joins.acquire(self.request.remote_ip or "")
        if wait > 0:
            raise Refusal(429, "join-limited", retry_after=wait)
        self.send_json({"participant": self.live.identities.issue(session.id)})


class AnswersHandler(_ParticipantHandler):
    """Validate and store a participant's answers; resubmitting replaces, never duplicates."""

    async def post(self, code: str) -> None:
        body = self.body()
        self.check_write()
        participant, raw = parse_submission(body)
        session = self.usable(await self.guarded(self.live.identity(code)))
        self.admit(session, participant)
        bank = self.live.bank(session.bank_id)
        if bank is None:
            raise Refusal(404, "bank-missing")
        try:
            answers = self.live.check(bank)(raw)
        except DataError as error:
            first = error.problems[0]
            raise Refusal(
                422, first.code, item=first.item, value=first.value, expected=first.expected
            ) from None
        # A closed session and a quiz answer given or changed once its right answer was shown
        # (a retry of the same answer is taken) are refused in the transaction that writes:
        # a close or a reveal, through any process, never crosses an answer.
        locks = lock_indices(bank, answers)
        outcome = await self.guarded(
            self.live.writer.submit(session.id, participant, answers, locks)
        )
        if outcome is False:
            raise Refusal(409, "session-closed")
        if isinstance(outcome, str):
            raise Refusal(409, "answer-locked", item=outcome)
        self.live.push.answered(session.id)
        self.send_json({"saved": sorted(answers), "state": "open"})


def parse_submission(body: bytes) -> tuple[str, dict[str, Any]]:
    """``(participant, answers)`` from a request body, or a :class:`Refusal` saying why not."""
    try:
        document = _DECODER.decode(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # 16 KB of "[" nests too deep
        raise Refusal(400, "bad-json") from None
    if not isinstance(document, dict):
        raise Refusal(400, "bad-json")
    participant = participant_of(document)
    answers = document.get("answers")
    if not isinstance(answers, dict):
        raise Refusal(400, "bad-json")
    if not answers:
        raise Refusal(400, "no-answer")
    return participant, answers


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)
"""Made once: ``json.loads`` with an argument builds a new decoder for every call."""


class ResultsHandler(_ParticipantHandler):
    """What this phone may see of the room's aggregate; with ``?participant=``, also « moi et
    la salle ».

    A self-diagnostic: the whole aggregate once revealed. A paced session: what its phones may
    see now (:func:`widgets.room.pacing.phone_results`), and, for the signed participant, the
    questions shown « once answered » that the store says it answered.
    """

    async def get(self, code: str) -> None:
        session, bank = await self.session_and_bank(code)
        participant = self.get_query_argument("participant", "")
        given: dict[str, Any] = {}
        if participant:
            if not self.live.identities.valid(session.id, participant):
                raise Refusal(403, "bad-participant")
            given = await self.db(self.live.store.participant_answers, session.id, participant)
        if paced(bank):
            results = await self.db(self.live.summary, session, bank)
            visible = phone_results(bank, session, results, answered=given.keys())
            if visible is None:
                raise Refusal(403, "not-revealed")
            document = dict(visible)
        elif session.revealed:
            document = dict(await self.db(self.live.summary, session, bank))
        else:
            raise Refusal(403, "not-revealed")
        if participant:
            document["me"] = mine(bank, session, participant, given)
        self.send_json(document)


def mine(bank: Bank, session: LiveSession, participant: str, given: dict[str, Any]) -> Any:
    """The participant's own answers, profile (diagnostic) and the document to keep."""
    if not given:
        return None
    record = participant_record(bank, session, participant, given)
    profile = None
    if isinstance(bank, DiagnosticBank):
        scored = participant_profile(bank, given)
        profile = [{"id": a.axis, "label": a.label, "score": a.score} for a in scored.axes]
    return {
        "answers": record.answers,
        "profile": profile,
        "keep": json.loads(export_json([record])),
        "filename": f"profil-{bank.id}-{session.code}.json",
    }


def fallback_route(base_url: str, live: LiveContext) -> tuple[str, Any, dict[str, Any]]:
    """Every other address under ``/parcours/live``: a French 404 (added after all ours).

    Without it, Jupyter's own 404 page would answer, in English, and log the client's address.
    """
    root = base_url.rstrip("/") + "/parcours/live"
    return (rf"{root}(?:/.*)?", NotFoundHandler, {"live": live})


def participant_routes(base_url: str, live: LiveContext) -> list[tuple[str, Any, dict[str, Any]]]:
    """Tornado routes of the participant side, under the server's ``base_url``."""
    root = base_url.rstrip("/") + "/parcours/live"
    options = {"live": live}
    return [
        (rf"{root}/j/assets/(.*)", AssetHandler, {"path": str(STATIC)}),
        (rf"{root}/j/?", CodeEntryHandler, options),
        (rf"{root}/j/{CODE}/?", PageHandler, options),
        (rf"{root}/api/{CODE}", SessionHandler, options),
        (rf"{root}/api/{CODE}/state", StateHandler, options),
        (rf"{root}/api/{CODE}/events", EventsHandler, options),
        (rf"{root}/api/{CODE}/watch", WatchHandler, options),
        (rf"{root}/api/{CODE}/join", JoinHandler, options),
        (rf"{root}/api/{CODE}/answers", AnswersHandler, options),
        (rf"{root}/api/{CODE}/results", ResultsHandler, options),
        (rf"{root}/(?:j|api)(?:/.*)?", NotFoundHandler, options),
    ]
