"""Opening a dashboard in Voilà: time to an interactive radar, bytes transferred, kernel memory.

    .venv/bin/python benchmarks/bench_dashboards.py [--rounds 7] [--cold 3]

Against the real ``parcours serve`` and Debian's Chromium, in one run:

- the bare "hello" Voilà page (``benchmarks/hello.ipynb``: one dropdown) and the radar
  dashboard, each opened by the first visitor of a server that has just started ("cold", on
  ``--cold`` servers each, median), then ``--rounds`` times each on one warm server,
  alternating hello and radar so that both see the same load on this shared machine ("warm").
  Time runs from navigation start to the widget being drawn and connected (for the radar: the
  plotly title is on screen);
- bytes received over HTTP (encoded, as on the wire) and over the kernel websocket, from
  Chromium's DevTools protocol, for the first visitor (nothing in the browser's cache);
- the PSS memory of the kernel serving the page (found by the kernel id the page received),
  read while the page is open;
- the time from navigation start to the first French progress text on screen (« Préparation du
  tableau de bord… »: the server's early line, sent before Voilà starts the kernel, then the
  parcours Voilà template's loading line), read in the page: ``performance.now()`` when the
  line is in the page, or the first contentful paint if later (both count from navigation).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = {
    "hello": ("/voila/render/benchmarks/hello.ipynb", ".widget-dropdown select"),
    "radar": ("/voila/render/dashboards/radar_fragilites.ipynb", ".js-plotly-plot .gtitle"),
}
PAUSE_S = 1.5  # between visits, as a facilitator moving from one screen to the next
FIRST_FRENCH = """
new MutationObserver((_, observer) => {
  const line = document.getElementById("parcours-early") || document.getElementById("loading_text");
  if (line && line.textContent.startsWith("Préparation du tableau de bord")) {
    window.__parcoursFrenchAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""
"""Records when French progress is first in the page (ms after navigation start): the server's
early line (``widgets/host/templates/parcours-loading.html``) or Voilà's loading line."""
SHOWN_AT = """() => {
  const at = window.__parcoursFrenchAt;
  if (at === undefined) return -1000;
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return paint ? Math.max(at, paint.startTime) : at;  // on screen: the first paint after it
}"""


def kernel_pss(server_pid: int, kernel_id: str) -> int:
    """PSS of the kernel process whose connection file names ``kernel_id`` (0 if not found)."""
    for child in psutil.Process(server_pid).children(recursive=True):
        try:
            if f"kernel-{kernel_id}.json" in " ".join(child.cmdline()):
                return int(child.memory_full_info().pss)
        except psutil.Error:
            continue
    return 0


def visit(browser: Any, url: str, selector: str, server_pid: int) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.add_init_script(FIRST_FRENCH)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    totals = {"http": 0.0, "ws": 0.0}
    cdp.on(
        "Network.loadingFinished",
        lambda e: totals.__setitem__("http", totals["http"] + e["encodedDataLength"]),
    )
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda e: totals.__setitem__("ws", totals["ws"] + len(e["response"]["payloadData"])),
    )
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(selector, timeout=120_000)
    elapsed = time.perf_counter() - start
    page.wait_for_timeout(1500)  # let late frames arrive before counting bytes
    french_ms = page.evaluate(SHOWN_AT)
    config = json.loads(page.locator("#jupyter-config-data").text_content() or "{}")
    pss = kernel_pss(server_pid, config.get("kernelId", "?"))
    context.close()
    time.sleep(PAUSE_S)
    return {
        "seconds": elapsed,
        "http_bytes": totals["http"],
        "ws_bytes": totals["ws"],
        "kernel_pss": pss,
        "first_french_s": french_ms / 1000,
    }


def run(rounds: int, cold_servers: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server

    def on_new_server(visits: list[str], browser: Any) -> list[tuple[str, dict[str, float]]]:
        server = start_server(Path(tempfile.mkdtemp()))
        pid = server.process.pid
        try:
            return [
                (name, visit(browser, server.url(PAGES[name][0]), PAGES[name][1], pid))
                for name in visits
            ]
        finally:
            stop_server(server)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        hello_first = on_new_server(["hello", *(["hello", "radar"] * rounds)], browser)
        firsts = {"hello": [hello_first[0][1]], "radar": []}
        for index in range(cold_servers):  # alternating, like the warm visits
            firsts["radar"] += [m for _, m in on_new_server(["radar"], browser)]
            if index < cold_servers - 1:
                firsts["hello"] += [m for _, m in on_new_server(["hello"], browser)]
        browser.close()
    cold = {name: visits[0] for name, visits in firsts.items()}  # bytes: nothing cached
    warm: dict[str, list[dict[str, float]]] = {"hello": [], "radar": []}
    for name, measured in hello_first[1:]:
        warm[name].append(measured)
    results: dict[str, Any] = {}
    for name in PAGES:
        seconds = [w["seconds"] for w in warm[name]]
        cold_seconds = [c["seconds"] for c in firsts[name]]
        results |= {
            f"{name}_cold_s": statistics.median(cold_seconds),
            f"{name}_warm_median_s": statistics.median(seconds),
            f"{name}_http_MB": cold[name]["http_bytes"] / 1e6,
            f"{name}_ws_MB": cold[name]["ws_bytes"] / 1e6,
            f"{name}_total_MB": (cold[name]["http_bytes"] + cold[name]["ws_bytes"]) / 1e6,
            f"{name}_kernel_pss_MiB": max(w["kernel_pss"] for w in [*firsts[name], *warm[name]])
            / 2**20,
        }
        results[f"{name}_first_french_cold_s"] = statistics.median(
            c["first_french_s"] for c in firsts[name]
        )
        results[f"{name}_first_french_warm_s"] = statistics.median(
            w["first_french_s"] for w in warm[name]
        )
        results[f"{name}_cold_all_s"] = [round(s, 3) for s in cold_seconds]
        results[f"{name}_warm_all_s"] = [round(s, 3) for s in seconds]
    results["radar_warm_ratio_to_hello"] = (
        results["radar_warm_median_s"] / results["hello_warm_median_s"]
    )
    results["radar_cold_ratio_to_hello"] = results["radar_cold_s"] / results["hello_cold_s"]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cold", type=int, default=3, help="servers started per page")
    args = parser.parse_args()
    results = run(args.rounds, max(1, args.cold))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "dashboards.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for key, value in results.items():
        shown = " ".join(f"{v:.2f}" for v in value) if isinstance(value, list) else f"{value:8.2f}"
        print(f"{key:30s} {shown}")


if __name__ == "__main__":
    main()
