"""Which live session a dashboard's address names (``?session=CODE``), read in its kernel."""

from __future__ import annotations

import os
from urllib.parse import parse_qs


def session_in_url(query: str | None = None) -> str | None:
    """The join code given as ``?session=CODE`` in the dashboard's address, if any.

    Voilà hands the page's query string to the kernel as ``QUERY_STRING``; the template's
    reconnection script adds the shown session's code to it when it reloads the page after
    the server came back (``share/jupyter/voila/templates/parcours``).
    """
    raw = os.environ.get("QUERY_STRING", "") if query is None else query
    values = parse_qs(raw).get("session")
    return (values[0].strip() or None) if values else None
