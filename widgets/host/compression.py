"""Gzip for the server's responses, compressing each static file once instead of once per page.

A dashboard page pulls about 10 MB of JavaScript before compression (Voilà's front end, the
widget managers, plotly's bundle). Tornado's :class:`~tornado.web.GZipContentEncoding`
compresses every response again, on the server's only thread: several tenths of a second per
page during which the server relays no kernel message and serves no other file. Static files
carry an ``Etag`` (a hash of their content) and a ``Last-Modified`` date; the same pair means
the same bytes, so their compressed form is kept in memory (least recently used first out,
``MAX_BYTES`` in all) and sent as is the next time.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar

from tornado import httputil
from tornado.web import GZipContentEncoding


class CachedGZipContentEncoding(GZipContentEncoding):
    """:class:`~tornado.web.GZipContentEncoding` that reuses the gzip of unchanged files."""

    MAX_BYTES = 32 * 2**20
    _cache: ClassVar[OrderedDict[tuple[str, str, str], bytes]] = OrderedDict()
    _cached_bytes: ClassVar[int] = 0

    def __init__(self, request: httputil.HTTPServerRequest) -> None:
        super().__init__(request)
        self._cacheable = request.method == "GET"
        self._path = request.path
        self._key: tuple[str, str, str] | None = None
        self._parts: list[bytes] = []
        self._hit = False

    def _key_for(
        self, status_code: int, headers: httputil.HTTPHeaders
    ) -> tuple[str, str, str] | None:
        etag, modified = headers.get("Etag"), headers.get("Last-Modified")
        if not (self._cacheable and self._gzipping and status_code == 200 and etag and modified):
            return None
        if "Content-Encoding" in headers:
            return None
        return (self._path, etag, modified)

    def transform_first_chunk(
        self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, httputil.HTTPHeaders, bytes]:
        key = self._key_for(status_code, headers)
        cached = self._cache.get(key) if key is not None else None
        if cached is None:
            status_code, headers, chunk = super().transform_first_chunk(
                status_code, headers, chunk, finishing
            )
            if key is not None and self._gzipping:
                self._key, self._parts = key, [chunk]
                if finishing:
                    self._store()
            return status_code, headers, chunk
        self._cache.move_to_end(key)  # type: ignore[arg-type]  # key is set when cached is
        self._hit = True
        vary = headers.get("Vary")
        headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(cached))
        return status_code, headers, cached

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        if self._hit:
            return b""  # the whole compressed file went with the first chunk
        chunk = super().transform_chunk(chunk, finishing)
        if self._key is not None:
            self._parts.append(chunk)
            if finishing:
                self._store()
        return chunk

    def _store(self) -> None:
        data = b"".join(self._parts)
        key, self._key, self._parts = self._key, None, []
        cls = type(self)
        if key is None or len(data) > cls.MAX_BYTES // 4 or key in cls._cache:
            return
        cls._cache[key] = data
        cls._cached_bytes += len(data)
        while cls._cached_bytes > cls.MAX_BYTES:
            _, dropped = cls._cache.popitem(last=False)
            cls._cached_bytes -= len(dropped)
