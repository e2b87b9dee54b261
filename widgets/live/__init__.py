"""Live audience: participants answer from their phones, the facilitator's dashboard counts.

The participant side is a few Tornado routes of the same ``parcours serve`` (no kernel per
participant: a kernel costs ~130 MiB and a second of CPU, a phone's answer a few kilobytes and
a database row). The facilitator's dashboard runs in a kernel and reads the same database.

* :mod:`.handlers` (participants: no token) and :mod:`.admin` (facilitator: the server's
  token), on what :mod:`.base` and :mod:`.context` share (bounded bodies, the store, the banks);
* :mod:`.identity`: signed participant ids; :mod:`.ratelimit`: a token bucket per participant;
* :mod:`.writer`: group commits of the answers; :mod:`.push` and :mod:`.events`: one held
  connection per phone, told of every change;
* :mod:`.qa`: the audience's questions, their votes, hidden words (both sides);
* :mod:`.pages`: the code-entry page and the French 404 (participants);
* :mod:`.projection`: the projected screen, driven by the keyboard (facilitator, token);
* ``static/``: the participant's page and the projected screen (HTML, CSS, scripts), served as
  files.

The questions a phone sees, the room's aggregate, its exports and the join URL are the core's
(:mod:`widgets.room`); the sessions and answers are kept by :mod:`widgets.storage.live`.

Pacing (one question at a time, what phones may see) is :mod:`widgets.room.pacing`.

The live edition: imports the core (``room``, ``storage``, ``banks``…) and Tornado; never the
notebook (``ui``) or offline editions. Mounted by :mod:`widgets.host.server`.
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
    from widgets.live.handlers import fallback_route, participant_routes
    from widgets.live.projection import projection_routes
    from widgets.live.qa import audience_routes, moderation_routes

    web_app = serverapp.web_app
    live = LiveContext()
    base_url = serverapp.base_url
    participants = participant_routes(base_url, live)  # its last route: the 404 of /j and /api
    routes = [
        *participants[:-1],
        *audience_routes(base_url, live),
        participants[-1],
        *admin_routes(base_url, live),
        *moderation_routes(base_url, live),
        *projection_routes(base_url, live),
    ]
    web_app.add_handlers(".*$", [*routes, fallback_route(base_url, live)])
    _route_first(web_app)
    web_app.settings["log_function"] = _redacting(
        web_app.settings.get("log_function"), base_url.rstrip("/") + "/parcours/live"
    )

    def publish_address() -> None:
        from widgets.room.join import server_base

        base = server_base(
            serverapp.ip, serverapp.port, base_url, secure=bool(getattr(serverapp, "certfile", ""))
        )
        os.environ[LIVE_SERVER_URL_VARIABLE] = base  # inherited by every kernel started later

    IOLoop.current().add_callback(publish_address)
    IOLoop.current().add_callback(widen_listen_queue, serverapp)
    IOLoop.current().add_callback(freeze_start_up)
    # Read and check the banks now, off the event loop: done by the first phone's request, it
    # froze every connection of the server for about 0.3 s, just as a room starts joining.
    live.executor.submit(live.banks)


def freeze_start_up() -> None:
    """Take what the server built to start (modules, extensions, settings) out of Python's
    garbage collector: a full collection walks every object in it, and with 10 000 phones held
    one took 0.5 to 2.8 s on this machine, a pause of every connection that a reveal could fall
    into (``benchmarks/live_room.py``). Those objects live as long as the server anyway."""
    import gc

    gc.collect()
    gc.freeze()


LISTEN_BACKLOG = 2048
"""Connections the kernel may hold for the server before it accepts them (capped by the
system's ``net.core.somaxconn``, 4096 on recent Linux)."""


def widen_listen_queue(serverapp: Any, attempts: int = 20) -> None:
    """Let the kernel queue a whole room's connections while the event loop is busy.

    Jupyter listens with Tornado's default backlog of 128. When a room scans the QR code at
    once, or the machine is busy, more connections than that arrive during one pause of the
    event loop (a garbage collection, a moment without CPU); the kernel then drops them and
    each phone's system retries only after a second, which is what made a room of 20 000 in
    60 s break on a busy machine (``benchmarks/README.md``). Calling ``listen`` again on a
    listening socket only changes its backlog. The sockets are a private attribute of
    Tornado's server: if it ever moves, the default backlog stays. Jupyter binds them in a
    callback of the event loop queued after the extensions load, so this waits its turn.
    """
    from tornado.ioloop import IOLoop

    server = getattr(serverapp, "http_server", None)
    sockets = list(getattr(server, "_sockets", {}).values())
    if not sockets and attempts > 0:
        IOLoop.current().add_callback(widen_listen_queue, serverapp, attempts - 1)
    for sock in sockets:
        try:
            sock.listen(LISTEN_BACKLOG)
        except OSError as error:  # pragma: no cover - a socket closed meanwhile
            log.info("live: listen queue left as is: %s", error)


def _route_first(web_app: Any) -> None:
    """Try the live routes before those of every other extension.

    Tornado tries host rules in the order they were added, and a phone's request used to walk
    through about forty patterns of JupyterLab, Voilà and the rest before reaching ours: 8 % of
    the answer route's time under load. Our patterns all start with ``/parcours/live/``, so
    trying them first takes nothing from anyone. Tornado's ``add_handlers`` puts the new rule
    just before its last (catch-all) rule; if that ever changes, the rule stays where it is.
    """
    from widgets.live.handlers import AssetHandler

    rules = web_app.default_router.rules
    if len(rules) < 2:
        return
    ours = rules[-2]
    inner = getattr(ours.target, "rules", None)
    if inner and getattr(inner[0], "target", None) is AssetHandler:
        rules.remove(ours)
        rules.insert(0, ours)


def _redacting(original: Any, live_root: str) -> Any:
    """Jupyter's access log writes the client's IP; for any path under ``live_root`` (the
    participants' routes, the facilitator's, and any other address there, found or not),
    write none.

    Successes stay at debug level as in Jupyter; refusals at info (a room full of phones
    hitting a closed session is not a server warning).
    """
    from tornado.log import access_log

    def log_request(handler: Any) -> None:
        path = handler.request.path
        if path == live_root or path.startswith(live_root + "/"):
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
