"""The projected screen of a live session: what the room sees, with the controls off screen.

``GET /parcours/live/admin/sessions/<code>/projection`` (the facilitator's token, like every
admin route) is a page of its own, with no kernel: the join screen (code, address, a QR code of
60 % of the screen's height, the phones connected), then the current question with its live
count, then its results (bars, a word cloud, or the audience's questions by votes, live). The
facilitator moves through it with the keyboard (a presenter's clicker sends Page Down /
Page Up); the controls sit in a drawer that is closed, hence not
projected, unless opened with « D ». A join address that only this machine can reach
(``127.0.0.1``) is said in the drawer, with what to do, never on the projected screen.

The page follows the session through ``…/events`` (Server-Sent Events, token-protected): one
message per change, made of the same document as ``GET …/sessions/<code>`` plus the phones
connected to this process. One such stream per projected screen (one or two per session), so it
reads the session itself every half second rather than through :mod:`widgets.live.push`, whose
events are the phones'.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
from pathlib import Path
from typing import Any

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from markupsafe import Markup
from tornado import web
from tornado.iostream import StreamClosedError

from widgets.live.admin import _AdminHandler
from widgets.live.base import CODE, Unaddressed
from widgets.live.context import LiveContext
from widgets.room.join import loopback_only, qr_svg
from widgets.templates import render

STATIC = Path(__file__).with_name("static")
ASSETS = frozenset({"projection.js", "projection.css"})
WATCH_INTERVAL = 0.5
"""Seconds between two reads of the session for a projected screen."""

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


class _LiveAdminPage(_AdminHandler):
    """Admin routes that are pages or streams rather than JSON."""

    async def document(self, code: str) -> dict[str, Any]:
        """``GET …/sessions/<code>`` 's document, plus what only the projected screen shows."""
        session, bank = await self.found(code)
        counts = await self.live.run(self.live.store.counts, session.id)
        document = self.describe(session, bank)
        document["participants"] = counts.participants
        document["answers"] = counts.answers
        document["results"] = await self.live.run(self.live.summary, session, bank)
        room = self.live.push.rooms.get(session.id)
        document["connected"] = len(room.listeners) if room is not None else 0
        document["loopback"] = loopback_only(document["join_url"])
        audience = await self.live.run(self.live.audience, session, bank)
        document["qa"] = audience["qa"] if audience is not None else {}
        document["hidden_words"] = audience["hidden"] if audience is not None else []
        return document


class ProjectionHandler(_LiveAdminPage):
    """The projected page (HTML from ``projection.html.j2``)."""

    @web.authenticated
    async def get(self, code: str) -> None:
        document = await self.document(code)
        self.xsrf_token  # noqa: B018 - sets the _xsrf cookie the page's POSTs send back
        url = document["join_url"]
        qr = Markup(qr_svg(url, fluid=True).replace("<svg ", '<svg aria-hidden="true" ', 1))
        page = render(
            "projection.html.j2",
            code=document["code"],
            title=document["title"] or document["bank"],
            url_head=url.rsplit("/", 1)[0] + "/",  # a line may break before the code, not inside
            url_tail=url.rsplit("/", 1)[1],
            qr=qr,
            loopback=document["loopback"],
            initial=json.dumps(document, ensure_ascii=True),
        )
        self.set_header("Content-Security-Policy", PAGE_POLICY)
        self.set_header("Cache-Control", "no-store")
        self.finish(page, set_content_type="text/html; charset=UTF-8")


class ProjectionEventsHandler(_LiveAdminPage):
    """The projected screen's changes, pushed (SSE) while the page is open."""

    @web.authenticated
    async def get(self, code: str) -> None:
        await self.found(code)  # 404 before the stream starts
        self.set_header("Content-Type", "text/event-stream; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Accel-Buffering", "no")
        self._gone = asyncio.Event()
        last = ""
        sequence = 0
        while not self._gone.is_set():
            text = json.dumps(await self.document(code), ensure_ascii=True, allow_nan=False)
            if text != last:
                sequence += 1
                last = text
                try:
                    self.write(f"id: {sequence}\nevent: projection\ndata: {text}\n\n")
                    await self.flush()
                except StreamClosedError:
                    break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._gone.wait(), WATCH_INTERVAL)

    def on_connection_close(self) -> None:
        gone = getattr(self, "_gone", None)
        if gone is not None:
            gone.set()


class ProjectionAssetHandler(Unaddressed, JupyterHandler):
    """The projected page's script and style sheet: public code, no data, no token needed."""

    @allow_unauthenticated
    def get(self, name: str) -> None:
        if name not in ASSETS:
            raise web.HTTPError(404)
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        self.set_header("Content-Type", f"{kind}; charset=UTF-8")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(_asset(name))

    def check_xsrf_cookie(self) -> None:  # GET only: nothing to forge
        return None


@functools.cache
def _asset(name: str) -> bytes:
    return (STATIC / name).read_bytes()


def projection_routes(base_url: str, live: LiveContext) -> list[tuple[str, Any, dict[str, Any]]]:
    root = base_url.rstrip("/") + "/parcours/live/admin"
    options = {"live": live}
    return [
        (rf"{root}/assets/([a-z.]+)", ProjectionAssetHandler, {}),
        (rf"{root}/sessions/{CODE}/projection", ProjectionHandler, options),
        (rf"{root}/sessions/{CODE}/events", ProjectionEventsHandler, options),
    ]


__all__ = ["projection_routes"]
