"""One export for the whole session (it takes about half a minute), and a page running the
offline script in Chromium for the parity tests.

Browser pages here are stricter than ``tests/conftest.py::guarded_page``: the offline edition
may load nothing but ``file:``, ``data:`` and ``blob:`` addresses (not even 127.0.0.1), and the
browser context is offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Guard, guard_page
from widgets.offline import build_export
from widgets.offline.course_data import data_script
from widgets.offline.site import JS_FILES, STATIC
from widgets.storage.import_rules import import_rules

HERE = Path(__file__).parent
REPLAYS = (HERE / "data" / "replay_maturite.json", HERE / "data" / "replay_quiz_2.json")
OFFLINE_PREFIXES = ("file://", "data:", "blob:")


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline edition of the project, with two replays, built once."""
    out = tmp_path_factory.mktemp("export") / "hors-ligne"
    build_export(out, replays=list(REPLAYS))
    return out


@pytest.fixture
def offline_page(browser: Any) -> Iterator[tuple[Any, Guard]]:
    """A page with the network off that aborts and records every non-local request."""
    seen = Guard()
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="fr-FR", accept_downloads=True
    )
    context.set_offline(True)
    page = guard_page(context, seen, OFFLINE_PREFIXES)
    yield page, seen
    context.close()


def bundle() -> str:
    """``assets/parcours.js`` exactly as the export writes it."""
    return "\n".join((STATIC / "js" / name).read_text(encoding="utf-8") for name in JS_FILES)


@pytest.fixture(scope="module")
def js(browser: Any) -> Iterator[Any]:
    """A blank page with the offline script loaded: ``js.evaluate("Parcours.…")``, and the
    part of ``assets/data/course.js`` the results import reads (its rules), as the export
    writes it."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_content("<!DOCTYPE html><html><body></body></html>")
    page.add_script_tag(content=data_script("course", {"results_rules": import_rules()}))
    page.add_script_tag(content=bundle())
    yield page
    context.close()
