"""Static files are gzipped once, and a changed file is never served from the old gzip."""

from __future__ import annotations

import asyncio
import gzip
import http.client
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, StaticFileHandler

from widgets.host.compression import CachedGZipContentEncoding


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A Tornado static file server with the transform, on its own thread and event loop."""
    script = tmp_path / "bundle.js"
    script.write_text("console.log('un');\n" * 2000, encoding="utf-8")
    CachedGZipContentEncoding._cache.clear()
    CachedGZipContentEncoding._cached_bytes = 0
    sockets = bind_sockets(0, "127.0.0.1")
    loop = asyncio.new_event_loop()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        app = Application([(r"/static/(.*)", StaticFileHandler, {"path": str(tmp_path)})])
        app.transforms.insert(0, CachedGZipContentEncoding)
        HTTPServer(app).add_sockets(sockets)
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield sockets[0].getsockname()[1], script
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)


def get_js(port: int, gzip_ok: bool = True) -> tuple[bytes, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
        connection.request("GET", "/static/bundle.js", headers=headers)
        response = connection.getresponse()
        assert response.status == 200
        return response.read(), dict(response.getheaders())
    finally:
        connection.close()


def test_second_request_gets_the_kept_gzip_of_the_same_bytes(served: tuple[int, Path]) -> None:
    port, script = served
    first, headers = get_js(port)
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(first) == script.read_bytes()
    assert len(CachedGZipContentEncoding._cache) == 1
    second, headers = get_js(port)
    assert second == first and int(headers["Content-Length"]) == len(second)
    plain, headers = get_js(port, gzip_ok=False)
    assert plain == script.read_bytes() and "Content-Encoding" not in headers


def test_a_changed_file_is_compressed_again(served: tuple[int, Path]) -> None:
    port, script = served
    get_js(port)
    script.write_text("console.log('deux');\n" * 2000, encoding="utf-8")
    stamp = script.stat().st_mtime + 5
    os.utime(script, (stamp, stamp))  # a later modification date, as an edit gives
    body, _ = get_js(port)
    assert gzip.decompress(body) == script.read_bytes()
