"""What every participant route shares: bounded bodies, French JSON refusals, no address logged.

Plain Tornado handlers, not ``JupyterHandler`` s: a participant has only the join URL, never the
facilitator's token (:mod:`widgets.live.handlers` lists the routes).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy.exc import SQLAlchemyError
from tornado import web
from tornado.httputil import HTTPServerRequest

from widgets.banks import Bank
from widgets.labels import live_message
from widgets.live.context import LiveContext
from widgets.live.identity import PARTICIPANT
from widgets.storage.health import classify
from widgets.storage.live import LiveSession

log = logging.getLogger(__name__)

T = TypeVar("T")

STATIC = Path(__file__).with_name("static")
MAX_BODY = 16 * 1024
"""Bytes of one submission: a whole 40-question diagnostic is under 2 KB."""
CODE = r"([A-Za-z0-9]{1,16})"
ASSETS = frozenset({"participant.js", "pacing.js", "participant.css"})

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
API_POLICY = "default-src 'none'; frame-ancestors 'none'"


def participant_of(document: dict[str, Any]) -> str:
    """The ``participant`` of a write's JSON document, shaped like an identity (a full match:
    a trailing newline once passed ``re.match``), or a 400 :class:`Refusal`."""
    participant = document.get("participant")
    if not isinstance(participant, str) or not PARTICIPANT.fullmatch(participant):
        raise Refusal(400, "bad-participant")
    return participant


class Refusal(web.HTTPError):
    """A request refused with a French message; ``code`` is for the page and the tests."""

    def __init__(self, status: int, code: str, retry_after: float | None = None, **fields: Any):
        super().__init__(status, reason=None, log_message=code)
        self.code = code
        self.message = live_message(code, **fields)
        self.retry_after = retry_after


class Unaddressed:
    """For every handler under ``/parcours/live``: a refusal's log line (Tornado's
    ``log_exception``) names the method and path, never the client's address nor the query."""

    request: HTTPServerRequest

    def _request_summary(self) -> str:
        return f"{self.request.method} {self.request.path}"


@web.stream_request_body
class _ParticipantHandler(Unaddressed, web.RequestHandler):
    """Shared behaviour: bounded bodies, JSON French errors, no caching, no IP in any log line.

    The body is streamed (``stream_request_body``) so that its size is checked before it is
    read: Tornado would otherwise buffer a whole upload (Jupyter allows gigabytes) before any
    handler could refuse it.
    """

    live: LiveContext

    def initialize(self, live: LiveContext) -> None:
        self.live = live
        self._chunks: list[bytes] = []
        self._size = 0

    def prepare(self) -> None:
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            raise Refusal(413 if length.isdigit() else 400, "too-large")

    def data_received(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size <= MAX_BODY:  # beyond, keep nothing: the handler refuses
            self._chunks.append(chunk)

    def body(self) -> bytes:
        """The request body, at most :data:`MAX_BODY` bytes, else a refusal."""
        if self._size > MAX_BODY:
            raise Refusal(413, "too-large")
        return b"".join(self._chunks)

    def check_write(self) -> None:
        """A write comes as JSON from the page's own origin (or from no browser page at all).

        A cross-site form or ``fetch`` can send ``text/plain`` without a preflight: refusing
        anything but ``application/json`` and any foreign ``Origin`` stops another site from
        making its visitors vote.
        """
        kind = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise Refusal(415, "bad-content-type")
        origin = self.request.headers.get("Origin")
        if origin is None:
            return
        # Behind a reverse proxy that terminates TLS the scheme differs (https outside, http
        # here): the page's host is what must match, as the proxy passes it on.
        hosts = {self.request.host, self.request.headers.get("X-Forwarded-Host")}
        if urlsplit(origin).netloc not in hosts:
            raise Refusal(403, "cross-origin")

    def admit(self, session: LiveSession, participant: str) -> None:
        """A participant's write goes on only with an identity this server issued for
        ``session`` (403), within the answer rate (429): the one check of every write route."""
        if not self.live.identities.valid(session.id, participant):
            raise Refusal(403, "bad-participant")
        wait = self.live.limiter.acquire(participant)
        if wait > 0:
            raise Refusal(429, "rate-limited", retry_after=wait)

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Content-Security-Policy", API_POLICY)

    def check_xsrf_cookie(self) -> None:
        """No cookie is used by these routes, so there is nothing for a forged request to ride."""

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if isinstance(value, web.HTTPError):
            summary = self._request_summary()
            log.info("live %s: %s %s", summary, value.status_code, value.log_message)
        else:
            log.error("live %s failed", self._request_summary(), exc_info=(typ, value, tb))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, Refusal):
            code, message = error.code, error.message
            if error.retry_after is not None:
                self.set_header("Retry-After", str(max(1, round(error.retry_after + 0.5))))
        else:
            known = {404: "not-found", 405: "method", 413: "too-large"}.get(status_code)
            code = known or ("unavailable" if status_code >= 500 else "bad-json")
            message = live_message(code)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps({"error": message, "code": code}, ensure_ascii=True))

    def send_json(self, document: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        # ASCII escapes: a lone surrogate sent by a client comes back as \\udXXX, not as a
        # UnicodeEncodeError (an empty 500 and a traceback per request).
        self.finish(json.dumps(document, ensure_ascii=True, allow_nan=False))

    async def db(self, function: Any, *args: Any) -> Any:
        """A store call on the worker threads; a database that fails gives 503, never 500."""
        return await self.guarded(self.live.run(function, *args))

    async def guarded(self, pending: Awaitable[T]) -> T:
        """Await a database operation; a database that fails gives 503, never 500 (507 when
        it cannot take writes at all: read-only or full, and the phone stops resending)."""
        try:
            return await pending
        except (SQLAlchemyError, OSError) as exc:
            log.error("live: database unavailable: %s", type(exc).__name__)
            kind = classify(exc)
            if kind in ("store-read-only", "store-full"):  # sending again cannot help
                raise Refusal(507, kind) from None
            raise Refusal(503, "unavailable", retry_after=2) from None

    def unknown(self) -> Refusal:
        """404 for a code that does not exist, or 429 for an address that keeps guessing."""
        wait = self.live.lookups.acquire(self.request.remote_ip or "")
        if wait > 0:
            return Refusal(429, "rate-limited", retry_after=wait)
        return Refusal(404, "unknown-session")

    def usable(self, session: LiveSession | None) -> LiveSession:
        """``session``, or the refusal for a code that is unknown or too old."""
        if session is None:
            raise self.unknown()
        if self.live.expired(session):
            raise Refusal(410, "session-expired")
        return session

    async def session_and_bank(self, code: str) -> tuple[LiveSession, Bank]:
        session = self.usable(await self.guarded(self.live.session(code)))
        bank = self.live.bank(session.bank_id)
        if bank is None:
            raise Refusal(404, "bank-missing")
        return session, bank
