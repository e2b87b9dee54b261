"""The offline edition: export time and size, first render of its pages from ``file://``.

    .venv/bin/python benchmarks/bench_export.py [--rounds 10]

In one run:

- ``parcours export`` as a facilitator runs it (a fresh process, zip included), timed with the
  wall clock; the folder's and the zip's sizes;
- in Debian's Chromium (headless, network off), each page opened ``--rounds`` times in a new
  context from ``file://``: first contentful paint and the ``load`` event, against a bare
  ``hello.html`` (one paragraph) opened the same way in the same run; for pages with a figure,
  the time from navigation until plotly has drawn it (the figure scrolled into view first, as
  a reader would), against ``hello-plotly.html``: the same paragraph, the export's
  ``assets/plotly.min.js`` and a three-point figure (the floor of the plotly.js it ships), and
  ``hello-plotly-full.html``, the same with plotly's full plotly.min.js.

The export ships the partial plotly.js of ``tools/plotly-widget`` (``widgets/offline/plotlyjs.py``);
``PARCOURS_PLOTLY_FULL_BUNDLE=1`` in the environment makes it ship plotly's full plotly.min.js,
to measure what the partial one changes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = {
    "hello": ("hello.html", None),
    "hello plotly": ("hello-plotly.html", "#f .main-svg"),
    "hello plotly complet": ("hello-plotly-full.html", "#f .main-svg"),
    "accueil": ("index.html", None),
    "module 0 (autodiagnostic)": ("m0_catalyseur.html", None),
    "module 2 (explorateur)": ("m2_fragilites.html", ".figure-explorateur .main-svg"),
    "tableau radar": ("radar_fragilites.html", ".figure-explorateur .main-svg"),
    "module 1 (baromètre)": ("m1_etat_des_lieux.html", ".parcours-figure .main-svg"),
}
HELLO = '<!DOCTYPE html><html lang="fr"><meta charset="utf-8"><title>hello</title><p>Bonjour</p>'
HELLO_PLOTLY = (
    '<!DOCTYPE html><html lang="fr"><meta charset="utf-8"><title>hello</title><p>Bonjour</p>'
    '<script src="assets/plotly.min.js"></script><div id="f"></div>'
    '<script>Plotly.newPlot("f", [{y: [1, 3, 2]}])</script>'
)
FULL_PLOTLY = "assets/plotly-full.min.js"
"""Plotly's full plotly.min.js, next to the export's, for ``hello-plotly-full.html`` only."""
TIMING = """() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return {fcp: paint ? paint.startTime : null, load: nav.loadEventEnd};
}"""


def export(out: Path) -> dict[str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "widgets.cli", "export", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"export failed:\n{done.stdout}\n{done.stderr}")
    folder = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    archive = out.with_name(out.name + ".zip").stat().st_size
    shipped = out / "assets" / "plotly.min.js"
    partial = "parcours partial" in shipped.read_text(encoding="utf-8")[:200]
    return {
        "seconds": seconds,
        "folder_bytes": folder,
        "zip_bytes": archive,
        "plotly_js": "partial" if partial else "full",
        "plotly_js_bytes": shipped.stat().st_size,
    }


def visit(browser: Any, url: str, figure: str | None) -> dict[str, float | None]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_offline(True)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length")
    timing = page.evaluate(TIMING)
    drawn = None
    if figure is not None:
        page.locator(figure.split(" .main-svg")[0]).first.scroll_into_view_if_needed()
        page.locator(figure).first.wait_for(timeout=30_000)
        drawn = (time.perf_counter() - started) * 1000
    context.close()
    return {"fcp": timing["fcp"], "load": timing["load"], "figure": drawn}


def measure(folder: Path, rounds: int) -> dict[str, dict[str, float | None]]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS, chromium_path
    from widgets.offline.plotlyjs import full_plotly_js

    (folder / "hello.html").write_text(HELLO, encoding="utf-8")
    (folder / "hello-plotly.html").write_text(HELLO_PLOTLY, encoding="utf-8")
    full = HELLO_PLOTLY.replace("assets/plotly.min.js", FULL_PLOTLY)
    (folder / "hello-plotly-full.html").write_text(full, encoding="utf-8")
    (folder / FULL_PLOTLY).write_bytes(full_plotly_js().read_bytes())
    results: dict[str, dict[str, float | None]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        for name, (file, figure) in PAGES.items():
            visit(browser, (folder / file).as_uri(), figure)  # warm the file cache once
            runs = [visit(browser, (folder / file).as_uri(), figure) for _ in range(rounds)]
            results[name] = {
                key: statistics.median(r[key] for r in runs) if runs[0][key] is not None else None
                for key in ("fcp", "load", "figure")
            }
        browser.close()
    for name in ("hello.html", "hello-plotly.html", "hello-plotly-full.html", FULL_PLOTLY):
        (folder / name).unlink()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        out = Path(tmp) / "hors-ligne"
        built = export(out)
        pages = measure(out, args.rounds)
    hello = pages["hello"]
    report = {"export": built, "pages": pages, "rounds": args.rounds, "cpus": os.cpu_count()}
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "export.json").write_text(json.dumps(report, indent=2), encoding="utf-8")

    print(f"export: {built['seconds']:.1f} s on {os.cpu_count()} cores")
    folder, archive = built["folder_bytes"] / 1e6, built["zip_bytes"] / 1e6
    print(f"size: folder {folder:.2f} MB, zip {archive:.2f} MB")
    shipped = built["plotly_js_bytes"] / 1e6
    print(f"plotly.js shipped: {built['plotly_js']}, {shipped:.2f} MB")
    bare = pages["hello plotly"]["figure"] or 1
    print(f"{'page':28} {'FCP ms':>7} {'load ms':>7} {'ratio':>5} {'figure ms':>9} {'ratio':>5}")
    for name, row in pages.items():
        ratio = (row["fcp"] or 0) / (hello["fcp"] or 1)
        figure, against = "—", ""
        if row["figure"] is not None:
            figure, against = f"{row['figure']:.0f}", f"{row['figure'] / bare:.1f}"
        fcp, load = row["fcp"] or 0, row["load"] or 0
        print(f"{name:28} {fcp:7.0f} {load:7.0f} {ratio:5.1f} {figure:>9} {against:>5}")


if __name__ == "__main__":
    main()
