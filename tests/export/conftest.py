"""One export for the whole session (it takes about half a minute), and a page running the
offline script in Chromium for the parity tests.

Browser pages here are stricter than ``tests/conftest.py::guarded_page``: the offline edition
may load nothing but ``file:``, ``data:`` and ``blob:`` addresses (not even 127.0.0.1), and the
browser context is offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from widgets.export import build_export
from widgets.export.site import JS_FILES, STATIC

HERE = Path(__file__).parent
REPLAYS = (HERE / "data" / "replay_maturite.json", HERE / "data" / "replay_quiz_2.json")
OFFLINE_PREFIXES = ("file://", "data:", "blob:")


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline edition of the project, with two replays, built once."""
    out = tmp_path_factory.mktemp("export") / "hors-ligne"
    build_export(out, replays=list(REPLAYS))
    return out


@dataclass
class Offline:
    """What one offline page saw: requests other than file/data/blob, console errors."""

    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def offline_page(browser: Any) -> Iterator[tuple[Any, Offline]]:
    """A page with the network off that aborts and records every non-local request."""
    seen = Offline()
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="fr-FR", accept_downloads=True
    )
    context.set_offline(True)

    def route(route: Any) -> None:
        if route.request.url.startswith(OFFLINE_PREFIXES):
            route.continue_()
        else:
            seen.external.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on(
        "request",
        lambda r: None if r.url.startswith(OFFLINE_PREFIXES) else seen.external.append(r.url),
    )
    yield page, seen
    context.close()


def bundle() -> str:
    """``assets/parcours.js`` exactly as the export writes it."""
    return "\n".join((STATIC / "js" / name).read_text(encoding="utf-8") for name in JS_FILES)


@pytest.fixture(scope="module")
def js(browser: Any) -> Iterator[Any]:
    """A blank page with the offline script loaded: ``js.evaluate("Parcours.…")``."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_content("<!DOCTYPE html><html><body></body></html>")
    page.add_script_tag(content=bundle())
    yield page
    context.close()
