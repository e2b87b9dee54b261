"""A webinar room that stays: phones join, hold their connection, wait, see reveals.

What a real room does (the 2020 annual meeting: 592 live for 53 minutes on average), on the
real ``parcours serve`` and, in the same run, on a bare Tornado broadcaster holding the same
number of Server-Sent Events connections (the ratio is what to compare across machines):

1. ``--phones`` phones join within ``--window`` seconds: each asks its identity
   (``POST …/join``), opens ``GET …/events`` and keeps it, then answers the first question;
2. the room rests ``--rest`` seconds (server CPU at rest, per 1 000 phones);
3. the facilitator reveals: time from the reveal (admin API) to each phone's receipt of the
   event carrying the results (p50, p99, all phones);
4. rest, hide, reveal again (a second reveal, measured the same way);
5. the facilitator moves to the next question (pacing): time from ``POST …/next`` to each
   phone's receipt of the event naming the new question.

Every acknowledged answer is looked for in the database afterwards (*lost*); any refused or
broken request counts as an error. Loopback only, bounded in time. ``--postgres --processes N``
runs N servers on a throwaway PostgreSQL (each phone on the next one, the reveal made through
the first); ``--clients K`` spreads the phones over K generator processes
(:mod:`benchmarks.room_clients`), for rooms beyond one process's file limit.

    .venv/bin/python benchmarks/live_room.py --phones 600
    .venv/bin/python benchmarks/live_room.py --phones 2000 --rest 60
    .venv/bin/python benchmarks/live_room.py --phones 10000 --window 60 --rest 60
    .venv/bin/python benchmarks/live_room.py --phones 20000 --window 60 --rest 60 \
        --postgres --processes 2 --clients 2
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE = textwrap.dedent(
    """
    import sys
    from tornado import ioloop, iostream, web
    held = set()
    class Events(web.RequestHandler):
        async def get(self):
            self.set_header("Content-Type", "text/event-stream")
            held.add(self)
            self.write(b"event: session\\ndata: {}\\n\\n"); self.flush()
            self.gone = ioloop.IOLoop.current().asyncio_loop.create_future()
            await self.gone
        def on_connection_close(self):
            held.discard(self)
            if not self.gone.done(): self.gone.set_result(None)
    class Send(web.RequestHandler):
        def post(self):
            data = b"event: session\\ndata: " + self.request.body + b"\\n\\n"
            for handler in list(held):
                try: handler.write(data); handler.flush()
                except iostream.StreamClosedError: held.discard(handler)
            self.finish("ok")
    app = web.Application([(r"/events", Events), (r"/send", Send)], log_function=lambda h: None)
    app.listen(int(sys.argv[1]), "127.0.0.1")
    ioloop.IOLoop.current().start()
    """
)


def raise_file_limit(wanted: int) -> int:
    """Sockets for the phones (the servers inherit the limit); as high as the system lets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for target in (wanted, hard):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, target), max(hard, target)))
            return target
        except (ValueError, OSError):
            continue
    return soft


class Phone(asyncio.Protocol):
    """One phone: a held events connection and the times it received each event.

    A bare protocol, not a stream reader: with 10 000 phones in one generator process, four
    ``readline`` awaits per message made the generator, not the server, the slowest link."""

    def __init__(self, port: int, code: str, bare: bool) -> None:
        self.port, self.code, self.bare = port, code, bare
        self.received: list[tuple[float, bytes]] = []  # parsed after the timing, not during
        self.transport: asyncio.Transport | None = None
        self.error: str | None = None
        self._buffer = b""
        self._head = True
        self._done: asyncio.Future[None] | None = None

    async def hold(self, ready: asyncio.Event) -> None:
        path = "/events" if self.bare else f"/parcours/live/api/{self.code}/events"
        loop = asyncio.get_running_loop()
        self._done = loop.create_future()
        try:
            await loop.create_connection(lambda: self, "127.0.0.1", self.port)
        except OSError as error:
            self.error = type(error).__name__
            return
        assert self.transport is not None
        self.transport.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        ready.set()
        await self._done

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        self._buffer += data
        if self._head:
            if b"\r\n\r\n" not in self._buffer:
                return
            head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
            self._head = False
            status = head.split(b"\r\n", 1)[0].split()
            if len(status) < 2 or status[1] != b"200":
                self.error = f"status {status[1:2]}"
                self.close()
                return
        # The bare broadcaster's chunk framing (hex size lines) falls between messages, on lines
        # of their own: only ``data:`` lines are kept.
        *messages, self._buffer = self._buffer.split(b"\n\n")
        for message in messages:
            for line in message.split(b"\n"):
                if line.startswith(b"data: "):
                    self.received.append((now, line[6:]))

    def connection_lost(self, exc: Exception | None) -> None:
        if exc is not None and self.error is None:
            self.error = type(exc).__name__
        if self._done is not None and not self._done.done():
            self._done.set_result(None)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


async def join_and_answer(port: int, code: str) -> tuple[str | None, bool]:
    """A phone's identity and its first answer; (identity, acknowledged)."""
    from benchmarks.live_load import Connection

    connection = Connection(port)
    try:
        status, body = await connection.exchange("POST", f"/parcours/live/api/{code}/join", b"{}")
        if status != 200:
            return None, False
        who = json.loads(body)["participant"]
        answer = json.dumps({"participant": who, "answers": {"profil": "association"}}).encode()
        status, _ = await connection.exchange("POST", f"/parcours/live/api/{code}/answers", answer)
        return who, status == 200
    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        return None, False
    finally:
        connection.close()


def cpu_seconds(pids: list[int]) -> float:
    import psutil

    return sum(sum(psutil.Process(pid).cpu_times()[:2]) for pid in pids)


async def cpu_at_rest(name: str, pids: list[int], rest: float, phones: int) -> dict[str, Any]:
    """The servers' CPU while the room rests ``rest`` seconds: cores, and cores per 1 000 phones."""
    before = cpu_seconds(pids)
    await asyncio.sleep(rest)
    at_rest = (cpu_seconds(pids) - before) / rest
    return {
        f"{name}_cpu_at_rest_cores": round(at_rest, 3),
        f"{name}_cpu_at_rest_per_1000": round(1000 * at_rest / phones, 4),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


async def join_room(
    args: argparse.Namespace, phones: list[Phone], port: int | None, code: str
) -> tuple[list[asyncio.Future[None]], list[str]]:
    """Phones arrive uniformly over the window: identity and one answer (``port``: ours), then
    the held connection."""
    tasks: list[asyncio.Future[None]] = []
    acknowledged: list[str] = []
    started = time.perf_counter()
    for index, phone in enumerate(phones):
        delay = started + args.window * index / args.phones - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if port is not None:
            who, acked = await join_and_answer(phone.port, code)
            if acked and who is not None:
                acknowledged.append(who)
        tasks.append(asyncio.ensure_future(phone.hold(asyncio.Event())))
    await asyncio.sleep(2)
    return tasks, acknowledged


def carries_results(document: dict[str, Any]) -> bool:
    """The event a reveal is timed to: the one carrying the results."""
    return bool(document.get("revealed"))


def moved_from(current: int) -> Any:
    """The event a « next question » is timed to: the one naming a question after ``current``
    (after a hide it carries no results, so :func:`carries_results` would never see it)."""
    return lambda document: int(document.get("current", current)) > current


def anything(document: dict[str, Any]) -> bool:
    """The bare broadcaster's every message is the one timed (it only sends what it is told)."""
    return True


def shown_question(phones: list[Phone]) -> int:
    """The question the phones were last told of (0 before any pacing event)."""
    for phone in phones:
        if phone.received:
            return int(json.loads(phone.received[-1][1]).get("current", 0))
    return 0


async def reveal_delays(
    phones: list[Phone], reveal: Any, wanted: Any = carries_results
) -> list[float]:
    """Seconds from ``reveal()`` to each phone's next event, counted if ``wanted`` (by default
    the one carrying the results; 30 s at most)."""
    counts = [len(p.received) for p in phones]
    sent = time.perf_counter()
    await reveal()
    deadline = sent + 30
    while time.perf_counter() < deadline:
        if all(len(p.received) > c for p, c in zip(phones, counts, strict=True)):
            break
        await asyncio.sleep(0.05)
    delays = []
    for phone, count in zip(phones, counts, strict=True):
        if len(phone.received) > count:
            at, data = phone.received[count]
            if wanted(json.loads(data)):  # the awaited event, not some other one
                delays.append(at - sent)
    return delays


async def room_on(
    args: argparse.Namespace,
    name: str,
    phones: list[Phone],
    port: int | None,
    code: str,
    pids: list[int],
    reveal: Any,
    hide: Any,
    move: Any,
) -> tuple[dict[str, Any], list[str]]:
    """One room on one server: join, rest, reveal, hide, reveal again; then everyone leaves.

    Ours and the bare broadcaster take turns (the same phases, one after the other): the
    generator cannot hold both rooms at once within its file limit at 10 000 phones."""
    tasks, acknowledged = await join_room(args, phones, port, code)
    result: dict[str, Any] = await cpu_at_rest(name, pids, args.rest, args.phones)
    for round_ in ("first", "second"):
        delays = await reveal_delays(phones, reveal)
        result[f"{name}_{round_}_reveal_p50_s"] = round(percentile(delays, 0.5), 3)
        result[f"{name}_{round_}_reveal_p99_s"] = round(percentile(delays, 0.99), 3)
        result[f"{name}_{round_}_reached"] = len(delays)
        await hide()
        await asyncio.sleep(min(args.rest, 10))
    moved = moved_from(shown_question(phones)) if port is not None else anything
    delays = await reveal_delays(phones, move, moved)
    result[f"{name}_next_question_p50_s"] = round(percentile(delays, 0.5), 3)
    result[f"{name}_next_question_p99_s"] = round(percentile(delays, 0.99), 3)
    result[f"{name}_next_question_reached"] = len(delays)
    result[f"{name}_rss_mib"] = round(rss(pids) / 2**20, 1)
    result[f"{name}_errors"] = sum(1 for p in phones if p.error)
    for phone in phones:
        phone.close()
    await asyncio.gather(*tasks, return_exceptions=True)
    return result, acknowledged


async def play(
    args: argparse.Namespace,
    ports: list[int],
    bare_ports: list[int],
    admin: Any,
    pids: dict[str, list[int]],
) -> dict[str, Any]:
    """The room on our server, then the same number of connections on the bare one."""
    code = admin("POST", "/sessions", {"bank": "sondage_ouverture"})["code"]

    async def reveal_ours() -> None:
        await asyncio.to_thread(admin, "POST", f"/sessions/{code}/reveal")

    async def hide_ours() -> None:
        await asyncio.to_thread(admin, "POST", f"/sessions/{code}/hide")

    async def next_ours() -> None:
        await asyncio.to_thread(admin, "POST", f"/sessions/{code}/next")

    async def reveal_bare() -> None:
        # The very bytes our server sent at its reveal: both write the same message.
        await asyncio.to_thread(post_bare, bare_port, revealed)

    async def nothing() -> None:
        return None

    if args.clients > 1 or len(ports) > 1:
        return await play_spread(args, ports, bare_ports, code, (reveal_ours, hide_ours), pids)
    port, bare_port = ports[0], bare_ports[0]
    ours = [Phone(port, code, bare=False) for _ in range(args.phones)]
    result, acknowledged = await room_on(
        args, "ours", ours, port, code, pids["ours"], reveal_ours, hide_ours, next_ours
    )
    result["errors"] = result.pop("ours_errors") + (args.phones - len(acknowledged))
    revealed = next(
        (data for phone in ours for _, data in phone.received if json.loads(data)["revealed"]),
        b'{"revealed":true}',
    )
    bare = [Phone(bare_port, code, bare=True) for _ in range(args.phones)]
    bare_result, _ = await room_on(
        args, "bare", bare, None, code, pids["bare"], reveal_bare, nothing, reveal_bare
    )
    result.update(bare_result)
    result.update({"phones": args.phones, "acknowledged": len(acknowledged)})
    result["code"] = code
    result["acknowledged_ids"] = acknowledged
    return result


async def play_spread(
    args: argparse.Namespace,
    ports: list[int],
    bare_ports: list[int],
    code: str,
    actions: tuple[Any, Any],
    pids: dict[str, list[int]],
) -> dict[str, Any]:
    """:func:`play` with the phones spread over ``--clients`` generator processes and the
    server processes (``--processes``), each phone on the next one in turn."""
    from benchmarks.room_clients import Clients, spread_room

    clients = await Clients.start(args.phones, args.clients, args.window)
    try:
        result, acknowledged = await spread_room(
            args, "ours", clients, ports, code, pids["ours"], actions
        )
        result["errors"] = result.pop("ours_errors") + (args.phones - len(acknowledged))
        revealed = result.pop("sample").encode()

        async def reveal_bare() -> None:
            await asyncio.gather(
                *(asyncio.to_thread(post_bare, port, revealed) for port in bare_ports)
            )

        async def nothing() -> None:
            return None

        bare_result, _ = await spread_room(
            args, "bare", clients, bare_ports, code, pids["bare"], (reveal_bare, nothing)
        )
        bare_result.pop("sample", None)
        result.update(bare_result)
    finally:
        await clients.close()
    result.update({"phones": args.phones, "acknowledged": len(acknowledged), "code": code})
    result["acknowledged_ids"] = acknowledged
    return result


def rss(pids: list[int]) -> int:
    import psutil

    return sum(psutil.Process(pid).memory_info().rss for pid in pids)


def post_bare(port: int, data: bytes) -> None:
    import urllib.request

    request = urllib.request.Request(f"http://127.0.0.1:{port}/send", data)
    urllib.request.urlopen(request, timeout=30).read()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=600)
    parser.add_argument("--window", type=float, default=60.0, help="seconds to join")
    parser.add_argument("--rest", type=float, default=180.0, help="seconds at rest")
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL")
    parser.add_argument("--processes", type=int, default=1, help="servers (needs --postgres)")
    parser.add_argument("--clients", type=int, default=1, help="generator processes")
    parser.add_argument(
        "--output", type=Path, default=ROOT / "benchmarks" / "results" / "live_room.json"
    )
    args = parser.parse_args()
    if args.processes > 1 and not args.postgres:
        parser.error("--processes N > 1 needs --postgres (the processes share its database)")
    return args


def main() -> None:
    args = parse_args()
    limit = raise_file_limit(2 * args.phones + 1024)

    from benchmarks.live_load import SECRET_ENV
    from tests.conftest import free_port, start_server, stop_server
    from tests.live.conftest import Admin
    from widgets.storage.live import LiveStore

    tmp = Path(tempfile.mkdtemp(prefix="parcours-live-room-"))
    postgres = None
    if args.postgres:
        from tests.postgres import start_postgres

        postgres = start_postgres(max_connections=200)
        url = postgres.url
        LiveStore(url).engine  # noqa: B018 (the tables, before several processes race)
    else:
        url = f"sqlite:///{tmp / 'live.sqlite3'}"
    # Every phone of this generator comes from 127.0.0.1: one address, as behind one NAT. The
    # join limit per address is lifted so that it measures the room, not the limit.
    env = {"PARCOURS_LIVE_DATABASE_URL": url, "PARCOURS_LIVE_JOINS_PER_MINUTE": "1000000"}
    servers, bares = [], []
    try:
        for index in range(args.processes):
            folder = tmp / f"process{index}"
            folder.mkdir()
            servers.append(start_server(folder, {**env, **SECRET_ENV}))
            bare_port = free_port()
            bares.append(
                (bare_port, subprocess.Popen([sys.executable, "-c", BARE, str(bare_port)]))
            )
        time.sleep(1.0)
        admin = Admin(servers[0]).call  # the facilitator's API, with the token, on the first
        ports = [int(server.base.rsplit(":", 1)[1]) for server in servers]
        pids = {
            "ours": [server.process.pid for server in servers],
            "bare": [bare.pid for _, bare in bares],
        }
        result = asyncio.run(play(args, ports, [port for port, _ in bares], admin, pids))
        with LiveStore(url) as store:
            session = store.session_by_code(result.pop("code"))
            stored = store.answers(session.id) if session is not None else {}
        result["lost"] = sum(1 for who in result.pop("acknowledged_ids") if who not in stored)
        result.update({"file_limit": limit, "processes": args.processes})
        result.update({"clients": args.clients, "database": "postgresql" if postgres else "sqlite"})
    finally:
        for _, bare in bares:
            bare.terminate()
        for server in servers:
            stop_server(server)
        if postgres is not None:
            postgres.stop()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
