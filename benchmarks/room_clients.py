"""A room too large for one generator process: ``live_room.py --clients K`` spreads its phones.

One process may hold 20 000 files on this machine: a room of 20 000 phones (plus the sockets
of their joins and answers) needs several generator processes. Each client process holds its
share of the phones and obeys one JSON command per line on its standard input (join, mark,
collect, leave, exit), answering one JSON line. Reveal delays are measured in the client
processes against a time the coordinator takes just before it reveals: ``time.perf_counter``
is the system's monotonic clock on Linux, the same in every process of the machine.

    python -m benchmarks.room_clients COUNT WINDOW      (started by live_room.py)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.live_room import (  # noqa: E402 (after the path is set)
    Phone,
    cpu_at_rest,
    join_room,
    percentile,
    raise_file_limit,
    rss,
)


def first_reveals(phones: list[Phone], marks: list[int], sent: float) -> list[float]:
    """Seconds from ``sent`` to each phone's first event after ``marks`` carrying the results."""
    delays = []
    for phone, mark in zip(phones, marks, strict=True):
        if len(phone.received) > mark:
            at, data = phone.received[mark]
            if json.loads(data).get("revealed"):
                delays.append(at - sent)
    return delays


async def serve(count: int, window: float) -> None:
    """One client process: its phones, driven by the coordinator's commands."""
    raise_file_limit(count + 1024)
    loop = asyncio.get_running_loop()
    phones: list[Phone] = []
    tasks: list[asyncio.Future[None]] = []
    marks: list[int] = []
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        command = json.loads(line)
        reply: dict[str, Any] = {}
        if command["do"] == "join":
            ports, bare = command["ports"], command["bare"]
            phones = [Phone(ports[i % len(ports)], command["code"], bare) for i in range(count)]
            room = argparse.Namespace(window=window, phones=count)
            tasks, acknowledged = await join_room(
                room, phones, None if bare else ports[0], command["code"]
            )
            reply = {"acknowledged": acknowledged}
        elif command["do"] == "mark":
            marks = [len(phone.received) for phone in phones]
        elif command["do"] == "collect":
            deadline = command["sent"] + 30
            while time.perf_counter() < deadline and not all(
                len(p.received) > m for p, m in zip(phones, marks, strict=True)
            ):
                await asyncio.sleep(0.05)
            sample = next(
                (
                    p.received[m][1]
                    for p, m in zip(phones, marks, strict=True)
                    if len(p.received) > m
                ),
                b"{}",
            )
            reply = {
                "delays": first_reveals(phones, marks, command["sent"]),
                "sample": sample.decode(),
            }
        elif command["do"] == "leave":
            reply = {"errors": sum(1 for phone in phones if phone.error)}
            for phone in phones:
                phone.close()
            await asyncio.gather(*tasks, return_exceptions=True)
        else:
            break
        print(json.dumps(reply), flush=True)


REPLY_LIMIT = 2**26
"""Bytes of one reply line: 10 000 identities or delays are about 500 kB, far beyond asyncio's
default 64 KiB (the reply was then refused while the client blocked writing the rest, and the
coordinator waited for it forever)."""


class Clients:
    """The coordinator's side: K client processes, asked the same command together."""

    def __init__(self, processes: list[asyncio.subprocess.Process]) -> None:
        self.processes = processes

    @classmethod
    async def start(cls, phones: int, clients: int, window: float) -> Clients:
        shares = [phones // clients + (1 if i < phones % clients else 0) for i in range(clients)]
        processes = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "benchmarks.room_clients",
                str(share),
                str(window),
                cwd=ROOT,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                limit=REPLY_LIMIT,
            )
            for share in shares
        ]
        return cls(processes)

    async def ask(self, command: dict[str, Any]) -> list[dict[str, Any]]:
        line = (json.dumps(command) + "\n").encode()
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.write(line)
            await process.stdin.drain()
        replies = []
        for process in self.processes:
            assert process.stdout is not None
            replies.append(json.loads(await process.stdout.readline()))
        return replies

    async def close(self) -> None:
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.close()
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:  # a client stuck writing a reply nobody reads
                process.kill()


async def spread_room(
    args: argparse.Namespace,
    name: str,
    clients: Clients,
    ports: list[int],
    code: str,
    pids: list[int],
    actions: tuple[Any, Any],
) -> tuple[dict[str, Any], list[str]]:
    """:func:`benchmarks.live_room.room_on`, with the phones held by the client processes."""
    reveal, hide = actions
    bare = name == "bare"
    joined = await clients.ask({"do": "join", "ports": ports, "code": code, "bare": bare})
    acknowledged = [who for reply in joined for who in reply["acknowledged"]]
    result: dict[str, Any] = await cpu_at_rest(name, pids, args.rest, args.phones)
    for round_ in ("first", "second"):
        await clients.ask({"do": "mark"})
        sent = time.perf_counter()
        await reveal()
        replies = await clients.ask({"do": "collect", "sent": sent})
        delays = [delay for reply in replies for delay in reply["delays"]]
        result.setdefault("sample", replies[0]["sample"])  # what the bare one will send
        result[f"{name}_{round_}_reveal_p50_s"] = round(percentile(delays, 0.5), 3)
        result[f"{name}_{round_}_reveal_p99_s"] = round(percentile(delays, 0.99), 3)
        result[f"{name}_{round_}_reached"] = len(delays)
        await hide()
        await asyncio.sleep(min(args.rest, 10))
    result[f"{name}_rss_mib"] = round(rss(pids) / 2**20, 1)
    left = await clients.ask({"do": "leave"})
    result[f"{name}_errors"] = sum(reply["errors"] for reply in left)
    return result, acknowledged


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), float(sys.argv[2])))
