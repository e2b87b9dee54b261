"""The browser tests on a busy machine: run them N times in a row while CPU burners take cores.

Issue « Installs like any Python application », item 5: a suite that fails when the machine
is busy blocks every change from landing. This script is the proof the README quotes: it
starts ``--burners`` processes that each spin one core, runs ``pytest -m browser`` ``--runs``
times, and reports each run's outcome and duration, with the load average seen at the start.

    .venv/bin/python benchmarks/busy_browser.py --runs 3 --burners 1

Not a timed assertion: durations are reported, only the outcome decides the exit status.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def burn() -> None:
    """Spin one core until killed."""
    while True:
        pass


def run_browser_tests(extra: list[str], index: int) -> tuple[int, float, str, list[str]]:
    """One run: exit status, seconds, pytest's last line, and the tests that failed (the whole
    output is kept in ``benchmarks/results/busy_browser_run<index>.log``)."""
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rfE",
            "-m",
            "browser",
            "-p",
            "no:randomly",
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"busy_browser_run{index}.log").write_text(done.stdout + done.stderr)
    lines = done.stdout.strip().splitlines()
    failed = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
    return done.returncode, time.monotonic() - started, lines[-1] if lines else "", failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--burners", type=int, default=1)
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments")
    args = parser.parse_args()
    burners = [multiprocessing.Process(target=burn, daemon=True) for _ in range(args.burners)]
    for process in burners:
        process.start()
    runs = []
    try:
        for index in range(args.runs):
            load = os.getloadavg()[0]
            code, seconds, summary, failed = run_browser_tests(args.pytest_args, index + 1)
            runs.append({"run": index + 1, "exit": code, "seconds": round(seconds, 1),
                         "load_at_start": round(load, 2), "summary": summary,
                         "failed": failed})  # fmt: skip
            print(json.dumps(runs[-1], ensure_ascii=False), flush=True)
    finally:
        for process in burners:
            process.terminate()
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"burners": args.burners, "cores": os.cpu_count(), "runs": runs}
    (RESULTS / "busy_browser.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if all(run["exit"] == 0 for run in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
