"""The facilitator's key to watch a session's counts as they change.

The live server pushes every change of a session's counts to the facilitator's screen
(``GET /parcours/live/api/<code>/watch?key=…``), not to phones. The key is an HMAC of the
session id with the live secret (:func:`widgets.config.live_secret`), which the server and the
facilitator's kernel read from the same place: the kernel can compute it, a phone cannot. It
reveals nothing a phone could not see after the reveal, so a plain signature is enough.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def watch_key(secret: bytes, session_id: str) -> str:
    """The key that opens ``session_id``'s watch stream (URL-safe, 43 characters)."""
    digest = hmac.new(secret, f"watch|{session_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def watch_path(code: str, key: str) -> str:
    """The watch stream's path under the server's base URL."""
    return f"/parcours/live/api/{code}/watch?key={key}"
