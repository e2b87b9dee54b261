"""Load on the live-audience routes: a room joining, then saturation, against a bare endpoint.

Runs the real ``parcours serve`` (SQLite WAL live store in a temporary folder) and, in the same
run, a bare Tornado endpoint that parses the same JSON and answers 200 without storing it: the
ratio between the two is what to compare across machines. Loopback only, bounded in time.

* **room**: ``--participants`` phones arrive uniformly over ``--window`` seconds; each loads the
  page and the questions, answers the 3 questions of the opening poll, then sends 2 more answers
  (a third of them change their mind). Every 2xx is then looked for in the database: *lost*
  counts acknowledged answers whose final value is not there.
* **saturation**: ``--connections`` keep-alive connections post answers (a new participant per
  request, so the rate limit does not apply) for ``--seconds``, in ``--slices`` alternated with
  the bare endpoint's; acknowledged answers per second, checked against the database, and the
  server's CPU time per acknowledged request, ours and bare.
* **ramp**: rooms of ``--ramp`` sizes over ``--window`` seconds each, until one breaks (p99
  over 1 s, a refusal or a lost answer) or ``--budget`` seconds would be exceeded.
* **memory**: peak RSS of the server process during the run; **CPU**: shares of a core used by
  the server, its event loop's thread and the load generator during each room.
* ``--postgres``: a throwaway PostgreSQL (``tests/postgres.py``, Debian's binaries, its
  default durability) instead of SQLite; lost answers are looked for there, and its own CPU is
  reported. ``--processes N`` (with ``--postgres``) starts N ``parcours serve`` on that database
  and N bare endpoints; the phones' connections go to them in turn. The load generator stays
  one process: on a small machine it competes with the servers for the cores.

    .venv/bin/python benchmarks/live_load.py                 # 600 over 30 s, 10 s saturation
    .venv/bin/python benchmarks/live_load.py --participants 10000 --window 60
    .venv/bin/python benchmarks/live_load.py --parts ramp --window 60    # where it breaks
    .venv/bin/python benchmarks/live_load.py --postgres --processes 2
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from widgets.live.identity import Identities

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


_SECRET = secrets.token_hex(16)
SECRET_ENV = {"PARCOURS_LIVE_SECRET": _SECRET}
"""The servers' signing key, so the load generator can sign identities as they would."""
IDENTITIES = Identities(_SECRET.encode())


class Connection:
    """One keep-alive HTTP/1.1 connection, minimal (loopback, our own server)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"") -> int:
        return (await self.exchange(method, path, body))[0]

    async def exchange(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        """One request: the status and the body of the reply."""
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
        content = b""
        if chunked:
            while size := int((await self.reader.readline()).strip(), 16):
                content += (await self.reader.readexactly(size + 2))[:-2]
            await self.reader.readline()
        else:
            content = await self.reader.readexactly(length)
        return status, content

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def participant_visit(
    port: int, code: str, latencies: list[float], acked: dict[str, Any], broken: Counter[str]
) -> int:
    """One phone: page, questions, 5 answers. Returns the number of non-2xx replies.

    A connection that fails (refused, reset) ends the phone's visit: its error is counted in
    ``broken`` and every request it did not get an answer to counts as a failure.
    """
    connection = Connection(port)
    plan = [
        {"profil": "association"},
        {"dynamique": "non"},
        {"metier": "aucun"},
        {"profil": random.choice(["association", "academique"])},
        {"dynamique": random.choice(["non", "oui_engagee"])},
    ]
    steps = [
        ("GET", f"/parcours/live/j/{code}", None),
        ("GET", f"/parcours/live/api/{code}", None),
        ("POST", f"/parcours/live/api/{code}/join", {}),  # the server issues the identity
        *[("POST", f"/parcours/live/api/{code}/answers", a) for a in plan],
    ]
    failures = 0
    who = ""
    try:
        for done, (method, path, answers) in enumerate(steps):
            sent = {"participant": who, "answers": answers} if answers else answers
            body = json.dumps(sent).encode() if sent is not None else b""
            start = time.perf_counter()
            try:
                status, reply = await connection.exchange(method, path, body)
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
                broken[type(error).__name__] += 1
                return failures + len(steps) - done
            latencies.append(time.perf_counter() - start)
            if status >= 300:
                failures += 1
            elif path.endswith("/join"):
                who = json.loads(reply)["participant"]
            elif answers:
                acked.setdefault(who, {}).update(answers)
    finally:
        connection.close()
    return failures


async def room(ports: list[int], code: str, participants: int, window: float) -> dict[str, Any]:
    latencies: list[float] = []
    acked: dict[str, Any] = {}
    broken: Counter[str] = Counter()
    queues = listen_queue_counters()
    started = time.perf_counter()
    tasks = []
    for index in range(participants):
        delay = started + window * index / participants - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        port = ports[index % len(ports)]  # several processes: each phone to the next one
        visit = participant_visit(port, code, latencies, acked, broken)
        tasks.append(asyncio.create_task(visit))
    failures = sum(await asyncio.gather(*tasks))
    after = listen_queue_counters()
    return {
        "participants": participants,
        "window_s": window,
        "requests": len(latencies),
        "non_2xx": failures,
        "connection_errors": dict(broken),
        "listen_queue": {name: after[name] - queues[name] for name in after},
        "p50_ms": round(1000 * percentile(latencies, 0.50), 2),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 2),
        "max_ms": round(1000 * max(latencies), 2),
        "acked": acked,
    }


async def hammer(
    ports: list[int], path: str, connections: int, seconds: float, mint: Any = None
) -> tuple[int, list[str]]:
    """Keep-alive connections posting answers as fast as acknowledged; (acked, their ids).
    With several ports (processes), the connections are spread over them in turn. Each answer
    is a new participant whose identity ``mint()`` signs with the servers' key
    (``PARCOURS_LIVE_SECRET``), as a join would: the saturation measures answers, not joins."""
    mint = mint or (lambda: uuid.uuid4().hex)
    deadline = time.perf_counter() + seconds
    ids: list[str] = []

    async def worker(port: int) -> None:
        connection = Connection(port)
        try:
            while time.perf_counter() < deadline:
                who = mint()
                body = json.dumps({"participant": who, "answers": {"profil": "association"}})
                if await connection.request("POST", path, body.encode()) == 200:
                    ids.append(who)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            pass
        finally:
            connection.close()

    await asyncio.gather(*(worker(ports[index % len(ports)]) for index in range(connections)))
    return len(ids), ids


def listen_queue_counters() -> dict[str, int]:
    """The kernel's counts of connections dropped because a listening socket's queue was full
    (``ListenOverflows``) and of SYN cookies sent because its SYN queue was (Linux, every
    socket of the machine: read before and after a run)."""
    with open("/proc/net/netstat", encoding="ascii") as netstat:
        lines = [line.split() for line in netstat if line.startswith("TcpExt:")]
    counters = dict(zip(lines[0][1:], map(int, lines[1][1:]), strict=True))
    return {name: counters.get(name, 0) for name in ("ListenOverflows", "SyncookiesSent")}


def machine_cpu() -> float:
    """CPU seconds used so far by every process of the machine (Linux ``/proc/stat``)."""
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [int(field) for field in stat.readline().split()[1:]]
    busy = sum(ticks) - ticks[3] - ticks[4]  # minus idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


class Usage:
    """CPU used between two moments, as shares of one core: the server processes (summed),
    their main threads (the event loops that parse every request), this load generator, the
    PostgreSQL server if any, and everything else on the machine (other people's work on a
    shared machine skews every figure)."""

    def __init__(
        self, server_pids: list[int], also_ours: Sequence[int] = (), postgres: Any = None
    ) -> None:
        import psutil

        self.servers = [psutil.Process(pid) for pid in server_pids]
        self.generator = psutil.Process()
        self.also_ours = [psutil.Process(pid) for pid in also_ours]  # e.g. the bare endpoints
        self.postgres = postgres  # a ThrowawayPostgres, whose CPU is reported on its own
        self.start = self._read()

    def _read(self) -> tuple[float, ...]:
        mains = [
            next((t for t in server.threads() if t.id == server.pid), None)
            for server in self.servers
        ]
        return (
            time.perf_counter(),
            sum(sum(server.cpu_times()[:2]) for server in self.servers),
            sum(main.user_time + main.system_time if main else float("nan") for main in mains),
            sum(self.generator.cpu_times()[:2]),
            machine_cpu() - sum(sum(p.cpu_times()[:2]) for p in self.also_ours),
            self.postgres.cpu_seconds() if self.postgres is not None else 0.0,
        )

    def shares(self) -> dict[str, float]:
        end = self._read()
        wall = end[0] - self.start[0]
        used = [(end[i] - self.start[i]) / wall for i in range(1, 6)]
        server, main, generator, machine, postgres = used
        shares = {
            "server_cpu": round(server, 2),
            "server_main_thread_cpu": round(main, 2),
            "generator_cpu": round(generator, 2),
            "others_cpu": round(max(0.0, machine - server - generator - postgres), 2),
        }
        if self.postgres is not None:
            shares["postgres_cpu"] = round(postgres, 2)
        return shares


def measure_room(
    store: Any,
    ports: list[int],
    participants: int,
    window: float,
    server_pids: list[int] | None = None,
    postgres: Any = None,
) -> dict[str, Any]:
    """A room joining a new session; *lost* = acknowledged answers not in the database."""
    session = store.create_session("sondage_ouverture", "1.0")
    usage = Usage(server_pids, postgres=postgres) if server_pids else None
    joined = asyncio.run(room(ports, session.code, participants, window))
    if usage is not None:
        joined["cpu_cores"] = usage.shares()
    stored = store.answers(session.id)
    acked = joined.pop("acked")
    joined["lost"] = sum(
        1 for who, given in acked.items() for item, value in given.items()
        if stored.get(who, {}).get(item) != value
    )  # fmt: skip
    return joined


def measure_saturation(
    store: Any,
    ours: list[tuple[int, int]],
    bare: list[tuple[int, int]],
    args: argparse.Namespace,
    postgres: Any = None,
) -> dict[str, Any]:
    """Acknowledged answers per second, ours and the bare endpoint's, in alternating slices.

    Other work on the machine comes and goes; slices of a few seconds, alternated, give both
    endpoints the same conditions. The CPU time each server process spent per acknowledged
    request is also reported: it hardly depends on what else runs, so it tells whether a change
    made the route cheaper even when the throughput figures are noisy.

    ``ours`` and ``bare`` are (port, pid) pairs: with several processes, as many bare endpoints
    as servers, the connections spread over them alike.
    """
    import psutil

    session = store.create_session("sondage_ouverture", "1.0")
    path = f"/parcours/live/api/{session.code}/answers"
    totals = {"ours": [0, 0.0], "bare": [0, 0.0]}  # acknowledged, CPU seconds
    postgres_cpu = 0.0  # during our slices only
    usage = Usage([pid for _, pid in ours], [pid for _, pid in bare], postgres)
    ids: list[str] = []
    slice_s = args.seconds / args.slices
    for _ in range(args.slices):
        for name, servers, target in (("ours", ours, path), ("bare", bare, "/bare")):
            processes = [psutil.Process(pid) for _, pid in servers]
            ports = [port for port, _ in servers]
            before = sum(sum(process.cpu_times()[:2]) for process in processes)
            pg_before = postgres.cpu_seconds() if postgres is not None else 0.0
            mint = functools.partial(IDENTITIES.issue, session.id)
            count, acked = asyncio.run(hammer(ports, target, args.connections, slice_s, mint))
            totals[name][0] += count
            totals[name][1] += sum(sum(process.cpu_times()[:2]) for process in processes) - before
            if name == "ours":
                ids += acked
                if postgres is not None:
                    postgres_cpu += postgres.cpu_seconds() - pg_before
    in_db = store.answers(session.id)
    (count, cpu), (bare_count, bare_cpu) = totals["ours"], totals["bare"]
    shares = usage.shares()
    extra: dict[str, Any] = {}
    if postgres is not None:
        extra["postgres_cpu_us_per_answer"] = (
            round(1e6 * postgres_cpu / count, 1) if count else None
        )
        extra["postgres_cpu"] = round(postgres_cpu / args.seconds, 2)  # cores, our slices
    return {
        "connections": args.connections,
        "seconds": args.seconds,
        "slices": args.slices,
        "acked_per_s": round(count / args.seconds, 1),
        "lost": sum(1 for who in ids if who not in in_db),
        "bare_per_s": round(bare_count / args.seconds, 1),
        "ratio": round(count / bare_count, 3) if bare_count else None,
        "cpu_us_per_answer": round(1e6 * cpu / count, 1) if count else None,
        "bare_cpu_us_per_request": round(1e6 * bare_cpu / bare_count, 1) if bare_count else None,
        **extra,
        "generator_cpu": shares["generator_cpu"],
        "others_cpu": shares["others_cpu"],
    }


def measure_ramp(
    store: Any,
    ports: list[int],
    server_pids: list[int],
    sizes: list[int],
    window: float,
    budget: float,
    postgres: Any = None,
) -> list[dict[str, Any]]:
    """Rooms of growing size until one breaks: p99 over 1 s, a refusal or a lost answer.

    Stops before a size that would overrun ``budget`` seconds (each room takes about its window
    plus the time the server needs to catch up).
    """
    started = time.monotonic()
    rooms: list[dict[str, Any]] = []
    for size in sizes:
        spent = time.monotonic() - started
        if rooms and spent + 1.5 * window > budget:
            rooms.append({"participants": size, "skipped": f"time budget ({budget:.0f} s)"})
            break
        joined = measure_room(store, ports, size, window, server_pids, postgres)
        rooms.append(joined)
        print(json.dumps(joined), flush=True)
        if joined["p99_ms"] > 1000 or joined["non_2xx"] or joined["lost"]:  # errors included
            break
    return rooms


def parse_args() -> argparse.Namespace:
    """The command line (``--help`` lists it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=600)
    parser.add_argument("--window", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0, help="saturation, per endpoint")
    parser.add_argument("--slices", type=int, default=5, help="saturation slices, alternated")
    parser.add_argument(
        "--parts", default="room,saturation", help="comma-separated: room, saturation, ramp"
    )
    parser.add_argument(
        "--ramp", default="10000,20000,30000,40000", help="room sizes, until one breaks"
    )
    parser.add_argument("--budget", type=float, default=300.0, help="seconds, for the ramp")
    parser.add_argument(
        "--postgres", action="store_true", help="a throwaway PostgreSQL instead of SQLite"
    )
    parser.add_argument(
        "--processes", type=int, default=1, help="parcours serve processes (needs --postgres)"
    )
    parser.add_argument(
        "--output", type=Path, default=ROOT / "benchmarks" / "results" / "live_load.json"
    )
    args = parser.parse_args()
    if args.processes < 1 or (args.processes > 1 and not args.postgres):
        parser.error("--processes N > 1 needs --postgres (the processes share its database)")
    return args


def run_parts(
    parts: set[str],
    args: argparse.Namespace,
    store: Any,
    ports: list[int],
    pids: list[int],
    bares: list[tuple[int, subprocess.Popen[bytes]]],
    postgres: Any,
) -> dict[str, Any]:
    """The parts of the benchmark asked for on the command line, in order."""
    result: dict[str, Any] = {}
    if "room" in parts:
        result["room"] = measure_room(store, ports, args.participants, args.window, pids, postgres)
    if "ramp" in parts:
        sizes = [int(size) for size in args.ramp.split(",")]
        result["ramp"] = measure_ramp(store, ports, pids, sizes, args.window, args.budget, postgres)
    if "saturation" in parts:
        result["saturation"] = measure_saturation(
            store,
            list(zip(ports, pids, strict=True)),
            [(port, bare.pid) for port, bare in bares],
            args,
            postgres,
        )
    return result


def main() -> None:
    args = parse_args()
    parts = set(args.parts.split(","))

    import psutil

    from tests.conftest import free_port, start_server, stop_server
    from widgets.storage.live import LiveStore

    tmp = Path(tempfile.mkdtemp(prefix="parcours-live-load-"))
    postgres = None
    if args.postgres:
        from tests.postgres import start_postgres

        postgres = start_postgres()
        url = postgres.url
    else:
        url = f"sqlite:///{tmp / 'live.sqlite3'}"
    servers: list[Any] = []
    bares: list[tuple[int, subprocess.Popen[bytes]]] = []
    peak = [0]
    stop = threading.Event()
    store = LiveStore(url)
    result: dict[str, Any] = {
        "database": "postgresql" if postgres is not None else "sqlite",
        "processes": args.processes,
    }
    try:
        if postgres is not None:  # the tables, before several processes race to make them
            store.engine  # noqa: B018
        for index in range(args.processes):
            folder = tmp if args.processes == 1 else tmp / f"process{index}"
            folder.mkdir(exist_ok=True)
            servers.append(start_server(folder, {"PARCOURS_LIVE_DATABASE_URL": url, **SECRET_ENV}))
            bare_port = free_port()
            bares.append(
                (bare_port, subprocess.Popen([sys.executable, "-c", BARE, str(bare_port)]))
            )
        ports = [int(server.base.rsplit(":", 1)[1]) for server in servers]
        pids = [server.process.pid for server in servers]

        def sample() -> None:
            processes = [psutil.Process(pid) for pid in pids]
            while not stop.wait(0.2):  # the peak of the sum, sampled at the same moments
                peak[0] = max(peak[0], sum(process.memory_info().rss for process in processes))

        threading.Thread(target=sample, daemon=True).start()
        time.sleep(1.0)
        result.update(run_parts(parts, args, store, ports, pids, bares, postgres))
        result["server_peak_rss_mib"] = round(peak[0] / 2**20, 1)
    finally:
        stop.set()
        store.close()
        for _, bare in bares:
            bare.terminate()
        for server in servers:
            stop_server(server)
        if postgres is not None:
            postgres.stop()
        shutil.rmtree(tmp, ignore_errors=True)  # the database of a 10 000 room weighs ~100 MB
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
