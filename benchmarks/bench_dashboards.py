"""Opening a dashboard in Voilà: time to an interactive radar, bytes transferred, kernel memory.

    .venv/bin/python benchmarks/bench_dashboards.py [--rounds 5]

Against the real ``parcours serve`` and Debian's Chromium, in one run:

- the bare "hello" Voilà page (``benchmarks/hello.ipynb``: one dropdown) and the radar
  dashboard, each opened by a first visitor right after the server starts ("cold"), then
  ``--rounds`` more times ("warm"); time from navigation start to the widget being drawn and
  connected (for the radar: the plotly title is on screen);
- bytes received over HTTP (encoded, as on the wire) and over the kernel websocket, from
  Chromium's DevTools protocol;
- the PSS memory of the dashboard's kernel (psutil), read while the page is open.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = {
    "hello": ("/voila/render/benchmarks/hello.ipynb", ".widget-dropdown select"),
    "radar": ("/voila/render/dashboards/radar_fragilites.ipynb", ".js-plotly-plot .gtitle"),
}


def kernels_pss(server_pid: int) -> list[int]:
    out = []
    for child in psutil.Process(server_pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                out.append(child.memory_full_info().pss)
        except psutil.Error:
            continue
    return out


def visit(browser: object, url: str, selector: str, server_pid: int) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})  # type: ignore[attr-defined]
    page = context.new_page()
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
    pss = max(kernels_pss(server_pid), default=0)
    context.close()
    return {
        "seconds": elapsed,
        "http_bytes": totals["http"],
        "ws_bytes": totals["ws"],
        "kernel_pss": pss,
    }


def measure(name: str, rounds: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server

    path, selector = PAGES[name]
    server = start_server(Path(tempfile.mkdtemp()))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
            )
            url = server.url(path)
            cold = visit(browser, url, selector, server.process.pid)
            warm = [visit(browser, url, selector, server.process.pid) for _ in range(rounds)]
            browser.close()
    finally:
        stop_server(server)
    return {
        f"{name}_cold_s": cold["seconds"],
        f"{name}_warm_median_s": statistics.median(w["seconds"] for w in warm),
        f"{name}_http_MB": cold["http_bytes"] / 1e6,
        f"{name}_ws_MB": cold["ws_bytes"] / 1e6,
        f"{name}_total_MB": (cold["http_bytes"] + cold["ws_bytes"]) / 1e6,
        f"{name}_kernel_pss_MiB": max(w["kernel_pss"] for w in [cold, *warm]) / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    results = {**measure("hello", args.rounds), **measure("radar", args.rounds)}
    results["radar_warm_ratio_to_hello"] = (
        results["radar_warm_median_s"] / results["hello_warm_median_s"]
    )
    results["radar_cold_ratio_to_hello"] = results["radar_cold_s"] / results["hello_cold_s"]
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "dashboards.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for key, value in results.items():
        print(f"{key:30s} {value:8.2f}")


if __name__ == "__main__":
    main()
