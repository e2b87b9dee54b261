"""axe-core's serious and critical findings on a page, the one accessibility check of the
browser tests (through ``axe-playwright-python``, which injects axe-core from the package: no
network)."""

from __future__ import annotations

from typing import Any


def serious_violations(page: Any, scope: str | None = None) -> list[tuple[str, str, list[Any]]]:
    """The serious and critical violations on ``page`` as it is now (rule, impact, the first
    three elements), within ``scope`` (a CSS selector: what is ours on a page that holds
    another application's interface, such as JupyterLab's cell outputs) or the whole page."""
    from axe_playwright_python.sync_playwright import Axe

    context = {"include": [[scope]]} if scope else None
    results = Axe().run(page, context=context) if context else Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
