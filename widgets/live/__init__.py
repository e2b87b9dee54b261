"""Live audience: participants answer from their phones, the facilitator's dashboard counts.

The participant side is a few Tornado routes of the same ``parcours serve`` (no kernel per
participant: a kernel costs ~130 MiB and a second of CPU, a phone's answer a few kilobytes and
a database row). The facilitator's dashboard runs in a kernel and reads the same database.

* :mod:`.store`: sessions and answers (SQLite WAL, or PostgreSQL by URL);
* :mod:`.questions`, :mod:`.aggregate`, :mod:`.export`: pure functions over a bank and answers;
* :mod:`.handlers` (participants, no token) and :mod:`.admin` (facilitator, token);
* :mod:`.join`: join URL, reachable address, QR code.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from widgets.config import LIVE_SERVER_URL_VARIABLE

log = logging.getLogger(__name__)

__all__ = ["setup_handlers"]


def setup_handlers(serverapp: Any) -> None:
    """Add the live routes to the running Jupyter server, and keep IPs out of its access log."""
    from tornado.ioloop import IOLoop

    from widgets.live.admin import admin_routes
    from widgets.live.context import LiveContext
    from widgets.live.handlers import participant_routes

    web_app = serverapp.web_app
    live = LiveContext()
    base_url = serverapp.base_url
    web_app.add_handlers(".*$", participant_routes(base_url, live) + admin_routes(base_url, live))
    web_app.settings["log_function"] = _redacting(web_app.settings.get("log_function"))

    def publish_address() -> None:
        from widgets.live.join import server_base

        base = server_base(
            serverapp.ip, serverapp.port, base_url, secure=bool(getattr(serverapp, "certfile", ""))
        )
        os.environ[LIVE_SERVER_URL_VARIABLE] = base  # inherited by every kernel started later

    IOLoop.current().add_callback(publish_address)


def _redacting(original: Any) -> Any:
    """Jupyter's access log writes the client's IP; for participant routes, write none.

    Successes stay at debug level as in Jupyter; refusals at info (a room full of phones
    hitting a closed session is not a server warning).
    """
    from tornado.log import access_log

    from widgets.live.handlers import AssetHandler, _ParticipantHandler

    def log_request(handler: Any) -> None:
        if isinstance(handler, _ParticipantHandler | AssetHandler):
            status = handler.get_status()
            request = handler.request
            level = logging.DEBUG if status < 400 else logging.INFO
            log.log(
                level,
                "%d %s %s %.2fms",
                status,
                request.method,
                request.path,
                1000.0 * request.request_time(),
            )
        elif original is not None:
            original(handler)
        else:  # what Tornado does without a log_function
            access_log.info(
                "%d %s %.2fms",
                handler.get_status(),
                handler._request_summary(),
                1000.0 * handler.request.request_time(),
            )

    return log_request
