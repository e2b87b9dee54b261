"""Participant identities the server issues: signed, so a client cannot invent one.

A phone asks ``POST …/join`` once per session and keeps what it gets; every answer then names
that identity. An identity is ``<random>.<signature>``: the signature (HMAC-SHA256 of the
session id and the random part, with :func:`widgets.config.live_secret`) proves the server
issued it for this session, so a script cannot add participants by making up ids, and an
identity of one session is worth nothing in another. Nothing is stored per participant until
they answer, and nothing ties an identity to a person or an address.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

PARTICIPANT = re.compile(r"[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}")
"""What an issued identity looks like (45 characters), matched whole."""


class Identities:
    """Issue and check the participant identities of one server (or one group of servers)."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def issue(self, session_id: str) -> str:
        token = secrets.token_urlsafe(16)[:22]
        return f"{token}.{self._sign(session_id, token)}"

    def valid(self, session_id: str, participant: object) -> bool:
        """Whether ``participant`` was issued by this server for ``session_id``."""
        if not isinstance(participant, str) or not PARTICIPANT.fullmatch(participant):
            return False
        token, signature = participant.split(".")
        return hmac.compare_digest(signature, self._sign(session_id, token))

    def _sign(self, session_id: str, token: str) -> str:
        digest = hmac.new(self._secret, f"{session_id}|{token}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii")[:22]
