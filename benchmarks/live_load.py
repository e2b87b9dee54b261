"""Load on the live-audience routes: a room joining, then saturation, against a bare endpoint.

Runs the real ``parcours serve`` (SQLite WAL live store in a temporary folder) and, in the same
run, a bare Tornado endpoint that parses the same JSON and answers 200 without storing it: the
ratio between the two is what to compare across machines. Loopback only, bounded in time.

* **room**: ``--participants`` phones arrive uniformly over ``--window`` seconds; each loads the
  page and the questions, answers the 3 questions of the opening poll, then sends 2 more answers
  (a third of them change their mind). Every 2xx is then looked for in the database: *lost*
  counts acknowledged answers whose final value is not there.
* **saturation**: ``--connections`` keep-alive connections post answers (a new participant per
  request, so the rate limit does not apply) for ``--seconds``; acknowledged answers per second,
  checked against the database, and the same against the bare endpoint.
* **memory**: peak RSS of the server process during the run.

    .venv/bin/python benchmarks/live_load.py                 # 600 over 30 s, 10 s saturation
    .venv/bin/python benchmarks/live_load.py --participants 10000 --window 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE = textwrap.dedent(
    """
    import json, sys
    from tornado import ioloop, web
    class Bare(web.RequestHandler):
        def post(self):
            json.loads(self.request.body)
            self.set_header("Content-Type", "application/json")
            self.finish('{"saved": []}')
    app = web.Application([(r"/bare", Bare)], log_function=lambda handler: None)
    app.listen(int(sys.argv[1]), "127.0.0.1")
    ioloop.IOLoop.current().start()
    """
)


class Connection:
    """One keep-alive HTTP/1.1 connection, minimal (loopback, our own server)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"") -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
        if body:
            head += "Content-Type: application/json\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        status = int((await self.reader.readline()).split()[1])
        length, chunked = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding" and "chunked" in value:
                chunked = True
        if chunked:
            while size := int((await self.reader.readline()).strip(), 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        else:
            await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def participant_visit(
    port: int, code: str, latencies: list[float], acked: dict[str, Any]
) -> int:
    """One phone: page, questions, 5 answers. Returns the number of non-2xx replies."""
    who = uuid.uuid4().hex
    connection = Connection(port)
    plan = [
        {"profil": "association"},
        {"dynamique": "non"},
        {"metier": "aucun"},
        {"profil": random.choice(["association", "academique"])},
        {"dynamique": random.choice(["non", "oui_engagee"])},
    ]
    failures = 0
    try:
        for method, path, answers in [
            ("GET", f"/parcours/live/j/{code}", None),
            ("GET", f"/parcours/live/api/{code}", None),
            *[("POST", f"/parcours/live/api/{code}/answers", a) for a in plan],
        ]:
            body = json.dumps({"participant": who, "answers": answers}).encode() if answers else b""
            start = time.perf_counter()
            status = await connection.request(method, path, body)
            latencies.append(time.perf_counter() - start)
            if status >= 300:
                failures += 1
            elif answers:
                acked.setdefault(who, {}).update(answers)
    finally:
        connection.close()
    return failures


async def room(port: int, code: str, participants: int, window: float) -> dict[str, Any]:
    latencies: list[float] = []
    acked: dict[str, Any] = {}
    started = time.perf_counter()
    tasks = []
    for index in range(participants):
        delay = started + window * index / participants - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(participant_visit(port, code, latencies, acked)))
    failures = sum(await asyncio.gather(*tasks))
    return {
        "participants": participants,
        "window_s": window,
        "requests": len(latencies),
        "non_2xx": failures,
        "p50_ms": round(1000 * percentile(latencies, 0.50), 2),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 2),
        "max_ms": round(1000 * max(latencies), 2),
        "acked": acked,
    }


async def hammer(port: int, path: str, connections: int, seconds: float) -> tuple[int, list[str]]:
    """Keep-alive connections posting answers as fast as acknowledged; (acked, their ids)."""
    deadline = time.perf_counter() + seconds
    ids: list[str] = []

    async def worker() -> None:
        connection = Connection(port)
        try:
            while time.perf_counter() < deadline:
                who = uuid.uuid4().hex
                body = json.dumps({"participant": who, "answers": {"profil": "association"}})
                if await connection.request("POST", path, body.encode()) == 200:
                    ids.append(who)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            pass
        finally:
            connection.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return len(ids), ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=600)
    parser.add_argument("--window", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()

    import psutil

    from tests.conftest import free_port, start_server, stop_server
    from widgets.live.store import LiveStore

    tmp = Path(tempfile.mkdtemp(prefix="parcours-live-load-"))
    url = f"sqlite:///{tmp / 'live.sqlite3'}"
    server = start_server(tmp, {"PARCOURS_LIVE_DATABASE_URL": url})
    port = int(server.base.rsplit(":", 1)[1])
    bare_port = free_port()
    bare = subprocess.Popen([sys.executable, "-c", BARE, str(bare_port)])
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        process = psutil.Process(server.process.pid)
        while not stop.wait(0.2):
            peak[0] = max(peak[0], process.memory_info().rss)

    threading.Thread(target=sample, daemon=True).start()
    store = LiveStore(url)
    try:
        time.sleep(1.0)
        room_session = store.create_session("sondage_ouverture", "1.0")
        joined = asyncio.run(room(port, room_session.code, args.participants, args.window))
        stored = store.answers(room_session.id)
        acked = joined.pop("acked")
        joined["lost"] = sum(
            1 for who, given in acked.items() for item, value in given.items()
            if stored.get(who, {}).get(item) != value
        )  # fmt: skip

        saturation = store.create_session("sondage_ouverture", "1.0")
        path = f"/parcours/live/api/{saturation.code}/answers"
        count, ids = asyncio.run(hammer(port, path, args.connections, args.seconds))
        in_db = store.answers(saturation.id)
        bare_count, _ = asyncio.run(hammer(bare_port, "/bare", args.connections, args.seconds))
        result = {
            "room": joined,
            "saturation": {
                "connections": args.connections,
                "seconds": args.seconds,
                "acked_per_s": round(count / args.seconds, 1),
                "lost": sum(1 for who in ids if who not in in_db),
                "bare_per_s": round(bare_count / args.seconds, 1),
                "ratio": round(count / bare_count, 3) if bare_count else None,
            },
            "server_peak_rss_mib": round(peak[0] / 2**20, 1),
        }
    finally:
        stop.set()
        store.close()
        bare.terminate()
        stop_server(server)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "live_load.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
