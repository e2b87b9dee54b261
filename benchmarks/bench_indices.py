"""Speed of the fragility explorer: in the kernel, and from a dropdown change to the redrawn radar.

    .venv/bin/python benchmarks/bench_indices.py            # both parts
    .venv/bin/python benchmarks/bench_indices.py --kernel   # kernel part only

Kernel part: median Python time of one region change through the widget (observers, cached
selection, ``batch_update``), against a bare ``batch_update`` that assigns the same precomputed
values to the same properties of the same figure — plotly's own cost of that redraw message.

Browser part: the real server and Debian's Chromium. In the page, a script changes the region
``<select>`` and waits until the radar's title shows the new region; the same is done on the
bare "hello" Voilà page (a dropdown echoed by the kernel into an HTML widget): the kernel round
trip every widget pays. Results are printed and written to ``benchmarks/results/indices.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REGIONS = ["32", "94", "11", "53", "84", "93"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def kernel_part(rounds: int = 200) -> dict[str, float]:
    from widgets.ui.indices import IndicesExplorer

    explorer = IndicesExplorer()
    figure = explorer.figures["radar"]
    for code in REGIONS:  # warm the per-selection cache, as a participant's first clicks do
        explorer.region.value = code
    ours: list[float] = []
    for i in range(rounds):
        start = time.perf_counter()
        explorer.region.value = REGIONS[i % len(REGIONS)]
        ours.append(time.perf_counter() - start)

    updater = explorer._radar
    assert updater is not None
    prepared = [updater.updates(code, None) for code in REGIONS]
    bare: list[float] = []
    for i in range(rounds):
        traces, layout = prepared[i % len(prepared)]
        start = time.perf_counter()
        with figure.batch_update():
            for trace, update in zip(figure.data, traces, strict=True):
                trace.r = update["r"]
                trace.hovertext = update["hovertext"]
                trace.name = update["name"]
                trace.visible = update["visible"]
            figure.layout.title.text = layout["title"]["text"]
            figure.layout.annotations[0].text = layout["annotations"][0]["text"]
            figure.layout.meta = layout["meta"]
        bare.append(time.perf_counter() - start)
    result = {
        "kernel_update_median_ms": statistics.median(ours) * 1000,
        "kernel_update_p95_ms": percentile(ours, 0.95) * 1000,
        "bare_batch_update_median_ms": statistics.median(bare) * 1000,
    }
    result["kernel_ratio_to_bare"] = (
        result["kernel_update_median_ms"] / result["bare_batch_update_median_ms"]
    )
    return result


CHANGE_AND_WAIT = """
async ([selector, value, check, timeout]) => {
  const select = document.querySelector(selector);
  const start = performance.now();
  select.value = value;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  const done = new Function('value', check);
  while (!done(value)) {
    if (performance.now() - start > timeout) { return -1; }
    await new Promise(r => requestAnimationFrame(r));
  }
  return performance.now() - start;
}
"""
RADAR_DONE = (
    "const t = document.querySelector('.js-plotly-plot .gtitle');"
    "return t && t.textContent.endsWith(value);"
)
HELLO_DONE = (
    "return [...document.querySelectorAll('.widget-html-content')]"
    ".some(e => e.textContent === value);"
)


def browser_part(rounds: int = 60) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server
    from widgets.loaders import load_indicator_data

    names = load_indicator_data().region_names()
    server = start_server(Path(tempfile.mkdtemp()))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(server.url("/voila/render/benchmarks/hello.ipynb"))
            page.wait_for_selector(".widget-dropdown select", timeout=90_000)
            hello = [
                page.evaluate(
                    CHANGE_AND_WAIT, [".widget-dropdown select", "abcd"[i % 4], HELLO_DONE, 5000]
                )
                for i in range(1, rounds + 1)
            ]
            page.goto(server.url("/voila/render/dashboards/radar_fragilites.ipynb"))
            page.wait_for_selector(".js-plotly-plot .gtitle", timeout=90_000)
            # ipywidgets' <select> options carry the labels: select regions by name.
            select = ".widget-dropdown select"
            labels = [names[code] for code in REGIONS]
            radar = [
                page.evaluate(CHANGE_AND_WAIT, [select, labels[i % len(labels)], RADAR_DONE, 5000])
                for i in range(1, rounds + 1)
            ]
            browser.close()
    finally:
        stop_server(server)
    if min(radar) < 0 or min(hello) < 0:
        raise RuntimeError("a change was not redrawn within 5 s")
    return {
        "browser_radar_median_ms": statistics.median(radar),
        "browser_radar_p95_ms": percentile(radar, 0.95),
        "browser_hello_median_ms": statistics.median(hello),
        "browser_hello_p95_ms": percentile(hello, 0.95),
        "browser_ratio_to_hello": statistics.median(radar) / statistics.median(hello),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", action="store_true", help="kernel part only")
    args = parser.parse_args()
    results = kernel_part()
    if not args.kernel:
        results.update(browser_part())
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "indices.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for key, value in results.items():
        print(f"{key:32s} {value:8.2f}")


if __name__ == "__main__":
    main()
