"""The participant side's HTML pages besides the answer page: typing a code, and « not found ».

A phone that lost the QR code opens ``/parcours/live/j/`` and types the code read off the
projected screen; the form sends it as ``?code=`` and the server answers with the session's
page (a redirect), or the form again with what went wrong. Any other address under
``/parcours/live/`` answers a French 404: an HTML page for what a person opens, JSON for the
API (``/api/``, ``/admin/``), whose callers are scripts and the page's own code.

Both are Jinja templates (``live_code.html.j2``, ``live_not_found.html.j2``) styled by the
participant page's own style sheet: no script, a few kilobytes.
"""

from __future__ import annotations

from typing import Any

from widgets.live.base import PAGE_POLICY, Refusal, _ParticipantHandler
from widgets.storage.live import CODE_LENGTH, normalise_code
from widgets.templates import render

CODE_POLICY = PAGE_POLICY.replace("form-action 'none'", "form-action 'self'")


class CodeEntryHandler(_ParticipantHandler):
    """``GET /parcours/live/j/``: the form; with ``?code=``, on to that session's page."""

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Content-Security-Policy", CODE_POLICY)

    def get(self) -> None:
        typed = self.get_query_argument("code", None)
        error = None
        if typed is not None:
            code = normalise_code(typed)[:16]
            if code and code.isascii():
                self.redirect(f"{self.root()}/j/{code}", status=303)
                return
            error = (
                f"Tapez le code de {CODE_LENGTH}\u00a0lettres et chiffres affiché par "
                "l'animateur ou l'animatrice."
            )
        self.page("live_code.html.j2", 400 if error else 200, error=error, typed=typed or "")

    def root(self) -> str:
        path = self.request.path
        return path[: path.index("/parcours/live")] + "/parcours/live"

    def page(self, template: str, status: int, **context: Any) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(render(template, root=self.root(), **context))


class NotFoundHandler(CodeEntryHandler):
    """Any other address under ``/parcours/live``: a French 404, whatever the method.

    HTML for a page address, JSON under ``/api/`` and ``/admin/``. Without it, Jupyter's own
    404 page would answer, in English, and log the client's address.
    """

    def prepare(self) -> None:
        path = self.request.path
        if "/parcours/live/api" in path or "/parcours/live/admin" in path:
            raise Refusal(404, "not-found")
        if self.request.method not in ("GET", "HEAD"):
            raise Refusal(404, "not-found")
        self.page("live_not_found.html.j2", 404)

    def get(self) -> None:  # answered in prepare
        return None
