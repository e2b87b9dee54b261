"""The address participants type or scan: join URL, the reachable host, and its QR code.

A facilitator's laptop often serves a room on its own Wi-Fi with no internet: the join URL must
then carry the laptop's address on that network, not ``127.0.0.1`` (which on a phone is the
phone itself) nor a name only the laptop resolves. So:

* ``parcours serve --ip 0.0.0.0`` listens on every interface; :func:`reachable_host` then picks
  the machine's LAN address (the one its default route, or else its host name, leads to);
* ``parcours serve --ip 192.168.1.20`` uses that address as given;
* behind a reverse proxy or with a DNS name, ``PARCOURS_LIVE_PUBLIC_URL`` says the address
  outright (see :mod:`widgets.config`).

The server extension works this out once it listens and sets ``PARCOURS_LIVE_SERVER_URL`` in
its environment, which every kernel it starts inherits: the dashboard reads it through
:func:`widgets.config.live_public_url`.

The QR code is drawn offline by ``segno`` as SVG (vector: sharp when projected, a few KB).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

WILDCARDS = ("", "0.0.0.0", "::", "*")

JOIN_PATH = "/parcours/live/j/"

# Destinations only used to ask the kernel which local address routes to them: connecting a
# UDP socket sends no packet. Public test net first, then the private ranges, for a LAN without
# a default route (a laptop's hotspot).
_PROBES = ("192.0.2.1", "10.255.255.254", "172.31.255.254", "192.168.255.254")


def join_url(base: str, code: str) -> str:
    """``<base>/parcours/live/j/<CODE>``; ``base`` is the server's address and base URL."""
    return f"{base.rstrip('/')}{JOIN_PATH}{code.upper()}"


def lan_address() -> str | None:
    """This machine's IPv4 address on its network, or ``None`` when it has none but loopback."""
    for probe in _PROBES:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            try:
                sock.connect((probe, 9))
                address = str(sock.getsockname()[0])
            except OSError:
                continue
        if _usable(address):
            return address
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for info in infos:
        address = str(info[4][0])
        if _usable(address):
            return address
    return None


def _usable(address: str) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return not (parsed.is_loopback or parsed.is_unspecified or parsed.is_link_local)


def reachable_host(ip: str) -> str:
    """The host participants should use for a server listening on ``ip``."""
    if ip in WILDCARDS:
        return lan_address() or "127.0.0.1"
    if ":" in ip and not ip.startswith("["):
        return f"[{ip}]"  # IPv6 literal in a URL
    return ip


def server_base(ip: str, port: int, base_url: str = "/", *, secure: bool = False) -> str:
    """``http://host:port/base`` (no trailing slash) as participants reach the server."""
    scheme = "https" if secure else "http"
    return f"{scheme}://{reachable_host(ip)}:{port}{base_url.rstrip('/')}"


def qr_svg(
    url: str,
    *,
    scale: int = 8,
    title: str = "Code QR pour rejoindre la session",
    fluid: bool = False,
) -> str:
    """An inline ``<svg>`` QR code of ``url``, dark on white, drawn offline.

    Error correction level M survives a projector's glare; the quiet zone is kept so phones
    read it off a slide. ``fluid``: no fixed size but a ``viewBox``, so a style sheet sizes it
    (the projected screen makes it 60 % of the screen's height).
    """
    try:
        import segno
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError(
            "Le code QR demande la bibliothèque segno\u00a0: uv add segno (ou pip install segno)"
        ) from exc
    code = segno.make(url, error="m", micro=False)
    svg: str = code.svg_inline(
        scale=scale, dark="#000000", light="#ffffff", title=title, omitsize=fluid
    )
    return svg


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")


def loopback_only(url: str) -> bool:
    """Whether ``url`` names this machine only (a phone would reach itself, not the server)."""
    host = (urlsplit(url).hostname or "").lower()
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.endswith(".localhost")
