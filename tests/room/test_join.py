"""Join URL, the address participants can reach, and the offline QR code."""

from __future__ import annotations

import ipaddress

import pytest

from widgets.room.join import join_url, lan_address, reachable_host, server_base


def test_join_url() -> None:
    assert (
        join_url("http://192.168.1.20:8866/", "abcde")
        == "http://192.168.1.20:8866/parcours/live/j/ABCDE"
    )
    assert join_url("https://x.org/prefix", "ABCDE") == "https://x.org/prefix/parcours/live/j/ABCDE"


def test_a_given_address_is_kept() -> None:
    assert reachable_host("192.168.1.20") == "192.168.1.20"
    assert reachable_host("fe80::1") == "[fe80::1]"
    assert server_base("10.0.0.5", 9000, "/base/") == "http://10.0.0.5:9000/base"
    assert server_base("10.0.0.5", 443, "/", secure=True) == "https://10.0.0.5:443"


def test_listening_everywhere_gives_a_lan_address_not_loopback() -> None:
    host = reachable_host("0.0.0.0")
    found = lan_address()
    if found is None:  # a machine with loopback only: nothing better to offer
        assert host == "127.0.0.1"
    else:
        assert host == found
        assert not ipaddress.ip_address(host).is_loopback


def test_qr_code_is_an_offline_svg() -> None:
    pytest.importorskip("segno", reason="segno absent : uv add segno")
    from widgets.room.join import qr_svg

    svg = qr_svg("http://192.168.1.20:8866/parcours/live/j/ABCDE")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<path" in svg and "http" not in svg.split(">", 1)[0]
    assert "Code QR pour rejoindre la session" in svg
