"""Speed of self-diagnostics: scoring a 40-item bank, saving a result, loading a history.

    .venv/bin/python benchmarks/bench_diagnostics.py

The 40-item bank is the shipped « Maturité » bank with its statements repeated to 40 items
(same axes, scale and rules). Saving and loading use the real ``ResultStore`` on a SQLite file
in a temporary folder; the baseline is a bare ``sqlite3`` insert + commit of a row of the same
size, in the same run, on the same disk.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(fn, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def forty_item_bank():  # type: ignore[no-untyped-def]
    import yaml

    from widgets.banks.loader import validate_bank

    data = yaml.safe_load((ROOT / "data" / "banks" / "maturite_co_construction.yaml").read_text())
    items = data["items"]
    data["items"] = [{**items[i % len(items)], "id": f"q{i:02d}"} for i in range(40)]
    return validate_bank(data, file="bench")


def main() -> None:
    from widgets.scoring.diagnostic import score_diagnostic
    from widgets.storage import ResultRecord, ResultStore, utc_now

    bank = forty_item_bank()
    values = [level.value for level in bank.scale]
    rng = random.Random(7)
    answers = {item.id: rng.choice(values) for item in bank.items}
    score = timed(lambda: score_diagnostic(bank, answers), 2000)
    result = score_diagnostic(bank, answers)

    folder = Path(tempfile.mkdtemp())
    store = ResultStore(f"sqlite:///{folder / 'results.sqlite3'}")

    def record() -> ResultRecord:
        return ResultRecord(
            pseudonym="bench",
            bank_id=bank.id,
            bank_version=bank.version,
            kind="diagnostic",
            created_at=utc_now(),
            answers=dict(answers),
            scores=dict(result.scores),
            meta={"completion": result.completion},
        )

    store.save(record())  # creates the file and the table
    save = timed(lambda: store.save(record()), 300)
    while len(store.history("bench")) < 1000:
        store.save(record())
    history = timed(lambda: store.history("bench"), 30)
    store.close()

    bare_db = sqlite3.connect(folder / "bare.sqlite3")
    bare_db.execute("pragma journal_mode=wal")
    bare_db.execute("pragma synchronous=normal")
    bare_db.execute("create table t (id text primary key, payload text)")
    payload = json.dumps({"answers": answers, "scores": result.scores})
    counter = iter(range(10**9))

    def bare_insert() -> None:
        bare_db.execute("insert into t values (?, ?)", (str(next(counter)), payload))
        bare_db.commit()

    bare = timed(bare_insert, 300)
    bare_db.close()

    results = {
        "score_40_items_median_ms": statistics.median(score) * 1000,
        "save_median_ms": statistics.median(save) * 1000,
        "save_p95_ms": sorted(save)[int(0.95 * len(save))] * 1000,
        "history_1000_median_ms": statistics.median(history) * 1000,
        "bare_sqlite_insert_median_ms": statistics.median(bare) * 1000,
    }
    results["save_ratio_to_bare_insert"] = (
        results["save_median_ms"] / results["bare_sqlite_insert_median_ms"]
    )
    results["history_ratio_to_bare_insert"] = (
        results["history_1000_median_ms"] / results["bare_sqlite_insert_median_ms"]
    )
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "diagnostics.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for key, value in results.items():
        print(f"{key:32s} {value:8.3f}")


if __name__ == "__main__":
    main()
