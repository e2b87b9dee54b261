"""From an answer's 2xx to the facilitator's dashboard showing it, measured in the browser.

    .venv/bin/python benchmarks/bench_live_latency.py               # 30 answers
    .venv/bin/python benchmarks/bench_live_latency.py --answers 60

The real ``parcours serve`` (SQLite WAL live store in a temporary folder) and Debian's Chromium.
The facilitator's Voilà dashboard ``dashboards/audience_live.ipynb`` creates a session from the
opening poll; then, at random moments (so they fall anywhere in the kernel's one-second poll),
the same page posts one answer of a new participant with ``fetch`` and notes when the 2xx
arrives, and a ``MutationObserver`` notes the next frame where the count line shows that
participant. Both times come from the page's own clock (``performance.now()``), so nothing is
compared across processes.

The panel no longer polls: the server pushes each change of the counts to the kernel
(:mod:`widgets.ui.live_watch`), which reads the store once and updates the widgets. The path is
answer committed → the server's read of the counts → the watch stream → the kernel's read →
the widget message through the kernel's websocket → the redraw. Reference in the same run: the
answer's own round trip (``fetch`` to its 2xx) from the same page. Results go to
``benchmarks/results/live_latency.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OBSERVE = """() => {
    // Count line of the panel: "<n> participants · <m> réponses" (aria-live region).
    window.__shown = {};
    let last = 0;
    const look = () => {
        const line = document.querySelector("p[aria-live=polite]");
        const match = line && line.textContent.match(/(\\d+)\\s*participant/);
        if (!match) { return; }
        const n = Number(match[1]);
        if (n <= last) { return; }
        const from = last;
        last = n;
        requestAnimationFrame(() => {  // the frame that paints it
            const now = performance.now();
            for (let k = from + 1; k <= n; k++) { window.__shown[k] = now; }
        });
    };
    new MutationObserver(look).observe(document.body,
        {subtree: true, childList: true, characterData: true});
    look();
}"""

SEND = """async (args) => {
    const [url, participant] = args;
    const body = JSON.stringify({participant, answers: {profil: "association"}});
    const start = performance.now();
    const response = await fetch(url, {method: "POST", body,
        headers: {"Content-Type": "application/json"}});
    await response.text();
    return {status: response.status, start, acked: performance.now()};
}"""


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile, as in the other benchmarks of this folder."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(answers: int, seed: int, interval: float) -> dict[str, Any]:
    """Seconds from each answer's 2xx to the frame showing it, and each 2xx's own time."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server

    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix="parcours-live-latency-"))
    url = f"sqlite:///{tmp / 'live.sqlite3'}"
    secret = secrets.token_hex(16)  # the server's signing key: phones' identities signed alike
    server = start_server(tmp, {"PARCOURS_LIVE_DATABASE_URL": url, "PARCOURS_LIVE_SECRET": secret})
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="fr-FR")
            page.goto(server.url("/voila/render/dashboards/audience_live.ipynb"))
            create = page.get_by_role("button", name="Créer la session")
            create.wait_for(timeout=120_000)
            page.get_by_label("Questionnaire").select_option(
                label="Sondage d'ouverture du webinaire (sondage)"
            )
            create.click()
            page.get_by_text("Rejoignez la session").wait_for(timeout=30_000)
            code = page.evaluate(
                "() => document.body.innerText.match(/\\/parcours\\/live\\/j\\/([A-Z0-9]+)/)[1]"
            )
            page.evaluate(OBSERVE)
            post = f"{server.base}/parcours/live/api/{code}/answers"
            from widgets.live.identity import Identities
            from widgets.storage.live import LiveStore

            with LiveStore(url) as store:
                session = store.session_by_code(code)
            assert session is not None
            identities = Identities(secret.encode())
            sent: list[dict[str, float]] = []
            for index in range(answers):
                time.sleep(rng.uniform(0.6, 1.1) * interval)  # at random moments
                reply = page.evaluate(SEND, [post, identities.issue(session.id)])
                if reply["status"] != 200:
                    raise RuntimeError(f"answer {index} refused: {reply}")
                sent.append(reply)
            page.wait_for_function(f"() => window.__shown[{answers}] !== undefined", timeout=10_000)
            shown = page.evaluate("() => window.__shown")
            browser.close()
    finally:
        stop_server(server)
    delays = [(shown[str(i + 1)] - reply["acked"]) / 1000 for i, reply in enumerate(sent)]
    acks = [(reply["acked"] - reply["start"]) / 1000 for reply in sent]
    return {"delays": delays, "acks": acks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    interval = 1.0  # seconds between two answers, on average (the room's pace does not matter)
    measured = measure(args.answers, args.seed, interval)
    delays, acks = measured["delays"], measured["acks"]
    result = {
        "answers": args.answers,
        "delay_median_s": round(statistics.median(delays), 3),
        "delay_p95_s": round(percentile(delays, 0.95), 3),
        "delay_max_s": round(max(delays), 3),
        "delay_min_s": round(min(delays), 3),
        "answer_2xx_median_ms": round(1000 * statistics.median(acks), 2),
        "delays_s": [round(d, 3) for d in delays],
    }
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "live_latency.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
