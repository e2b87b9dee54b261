"""The pool of warmed kernels: a kernel handed out behaves like one started for the request.

One real manager and real kernels (no server, no browser): what Voilà and JupyterLab ask for
(a folder, environment variables, the notebook's name), a clean namespace despite the warm-up,
a restart in the same folder, hidden idle kernels, nothing left running after shutdown.
"""

from __future__ import annotations

import asyncio
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil

from widgets.host.kernels import PooledKernelManager, ReadyKernelClient

PROBE = """
import json, os
print(json.dumps({
    "cwd": os.getcwd(),
    "flag": os.environ.get("PARCOURS_TEST_FLAG"),
    "session": globals().get("__session__"),
    "names": sorted(n for n in globals() if not n.startswith("_") and n not in ("In", "Out",
        "exit", "quit", "get_ipython", "open", "json", "os")),
    "warmed": "widgets.ui.indices" in __import__("sys").modules,
}))
"""


async def probe(manager: PooledKernelManager, kernel_id: str) -> dict[str, Any]:
    client = manager.get_kernel(kernel_id).client()
    assert isinstance(client, ReadyKernelClient)
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        printed: list[str] = []

        def keep(msg: dict[str, Any]) -> None:
            if msg["msg_type"] == "error":
                printed.append(json.dumps({"error": msg["content"]["evalue"]}))
            if msg["msg_type"] == "stream":
                printed.append(msg["content"]["text"])

        await client.execute_interactive(PROBE, timeout=60, output_hook=keep)
    finally:
        client.stop_channels()
    return json.loads("".join(printed))


async def scenario(root: Path) -> tuple[dict[str, Any], ...]:
    manager = PooledKernelManager(root_dir=str(root), pool_size=1, refill_delay=0.1)
    manager.fill_pool()
    try:
        pooled = await manager._pool[0]
        env = {**os.environ, "PARCOURS_TEST_FLAG": "oui", "JPY_SESSION_NAME": "sub/nb.ipynb"}
        handed = await manager.start_kernel(path="sub", kernel_name="python3", env=env)
        listed = {k["id"] for k in manager.list_kernels()}
        first = await probe(manager, handed)
        await (await manager.restart_kernel(handed))  # resolves once the kernel answers again
        restarted = await probe(manager, handed)
        await asyncio.sleep(0.5)  # the refill has started: hidden while it waits
        hidden = {k["id"] for k in manager.list_kernels()} == {handed}
        pids = [k.provisioner.process.pid for k in manager._kernels.values()]
    finally:
        await manager.shutdown_all(now=True)
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    state = {"pooled_is_handed": pooled == handed, "listed": listed == {handed}, "alive": alive}
    return state | {"hidden": hidden}, first, restarted


def test_a_pooled_kernel_is_moved_to_the_request_and_restarts_there(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    # On a thread of its own: an event loop may already be running on the test's thread.
    with ThreadPoolExecutor(1) as thread:
        state, first, restarted = thread.submit(asyncio.run, scenario(tmp_path)).result()
    assert state == {"pooled_is_handed": True, "listed": True, "alive": [], "hidden": True}
    folder = str((tmp_path / "sub").resolve())
    assert first == {
        "cwd": folder,
        "flag": "oui",
        "session": "sub/nb.ipynb",
        "names": [],  # the warm-up imported modules, it bound no name
        "warmed": True,
    }
    assert restarted["cwd"] == folder and restarted["flag"] == "oui"
    assert restarted["warmed"] is False  # a restart is a fresh interpreter, as asked
