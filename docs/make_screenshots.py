"""Screenshots of every dashboard on a projector, for the README.

    .venv/bin/python docs/make_screenshots.py [dashboard …]

Starts ``parcours serve`` on a copy of the dashboards (results and live answers in a temporary
folder), opens each dashboard in Debian's Chromium at 1920×1080 and 1366×768 and saves what the
room sees, one PNG per screen (tab) of the dashboard, in ``docs/screenshots/`` (Chromium's own
compressed PNG). The live audience is also shown with a room that answered
(``tests/live/room_answers.py``: twelve simulated phones, results revealed): its panel
(``audience_live-salle-…``) and, scrolled to, its results (``audience_live-resultats-…``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.figure_boxes import wait_until_settled  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server  # noqa: E402

DASHBOARDS = ("barometre_partenariats", "radar_fragilites", "catalyseur", "audience_live")
WITH_FIGURES = {"barometre_partenariats", "radar_fragilites"}
SIZES = ((1920, 1080), (1366, 768))
OUT = ROOT / "docs" / "screenshots"


def open_dashboard(page, url: str, figures: bool = False) -> None:  # type: ignore[no-untyped-def]
    page.goto(url, wait_until="load", timeout=180_000)
    page.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    wait_until_settled(page, figures=figures, timeout=120_000)  # figures at the screen's height


def shoot_room(browser, server) -> None:  # type: ignore[no-untyped-def]
    """The live dashboard with a room that answered, at both sizes: panel, then results."""
    from tests.live.room_answers import fill_room

    code = fill_room(server)
    for width, height in SIZES:
        page = browser.new_page(viewport={"width": width, "height": height})
        url = server.url(f"/voila/render/dashboards/audience_live.ipynb?session={code}")
        open_dashboard(page, url, figures=True)
        for part in ("salle", "resultats"):
            if part == "resultats":
                page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
                wait_until_settled(page)
            path = OUT / f"audience_live-{part}-{width}x{height}.png"
            page.screenshot(path=str(path))
            print(path.relative_to(ROOT))
        page.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "PARCOURS_DATABASE_URL": f"sqlite:///{tmp}/resultats.sqlite3",
            "PARCOURS_LIVE_DATABASE_URL": f"sqlite:///{tmp}/live.sqlite3",
        }
        server = start_server(Path(tmp), env)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
                )
                for name in [n for n in DASHBOARDS if not sys.argv[1:] or n in sys.argv[1:]]:
                    for width, height in SIZES:
                        page = browser.new_page(viewport={"width": width, "height": height})
                        url = server.url(f"/voila/render/dashboards/{name}.ipynb")
                        open_dashboard(page, url, figures=name in WITH_FIGURES)
                        tabs = page.locator(".parcours-screens [role=tab]")
                        for index in range(max(1, tabs.count())):
                            if tabs.count():
                                tabs.nth(index).click()
                                wait_until_settled(page, figures=False)
                            suffix = f"-{index + 1}" if tabs.count() else ""
                            path = OUT / f"{name}-{width}x{height}{suffix}.png"
                            page.screenshot(path=str(path))
                            print(path.relative_to(ROOT))
                        page.close()
                if not sys.argv[1:] or "audience_live" in sys.argv[1:]:
                    shoot_room(browser, server)
                browser.close()
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()
