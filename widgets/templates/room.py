"""The live room's blocks as HTML: what the shared screen shows to let people join."""

from __future__ import annotations

from markupsafe import Markup, escape

from widgets.room.join import join_url, loopback_only, qr_svg
from widgets.templates import render


def join_html(code: str, base: str | None) -> str:
    """The join code in large type, the URL and the QR code (or why there is none)."""
    if base is None:
        return render("join.html.j2", code=code, url=join_url("", code), known=False, qr="")
    url = join_url(base, code)
    try:
        # segno's SVG (our own generator's output, no text of the user in it but the URL,
        # which segno encodes as modules, not as text).
        qr = Markup(qr_svg(url).replace("<svg ", '<svg role="img" aria-label="Code QR" ', 1))
    except ImportError as exc:
        qr = Markup("<p>{}</p>").format(escape(str(exc)))
    return render("join.html.j2", code=code, url=url, known=True, qr=qr)


PROJECTION_PATH = "../../../parcours/live/admin/sessions/{code}/projection"
"""The projected screen, relative to the dashboard's page (``/voila/render/dashboards/…``)."""


def projection_link_html(code: str, base: str | None) -> str:
    """« Ouvrir la vue projection » for the facilitator, and a warning when phones cannot
    reach the join address (loopback only)."""
    loopback = base is None or loopback_only(join_url(base, code))
    href = PROJECTION_PATH.format(code=code)
    return render("projection_link.html.j2", href=href, loopback=loopback)
