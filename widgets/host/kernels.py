"""A pool of started, warmed kernels: a dashboard's page does not wait for Python to start.

Voilà, run as an extension of our Jupyter server, asks the server's kernel manager for a new
kernel on every visit (standalone Voilà can preheat kernels, the extension mode cannot). A new
kernel then starts Python and imports pandas, plotly, ipywidgets and our package before the
notebook's first line runs: about a second on an idle laptop, several when the laptop is also
sharing its screen. :class:`PooledKernelManager` keeps ``pool_size`` kernels started and warmed
(``warm_code``: imports, data read, one figure built) and hands one out when Voilà or JupyterLab
asks for a kernel of that name, then starts a replacement in the background.

A pooled kernel was started in the server's root folder with the server's environment. Before
it is handed out it is moved to where the caller asked (``path`` → the notebook's folder) and
given the caller's environment variables (Voilà passes the request's URL, JupyterLab the
notebook's name), and its launch arguments are rewritten so that a restart starts it there
too. Variables that only matter when Python starts (``PYTHON*``, ``LD_*``, thread counts of
numerical libraries) cannot be changed afterwards: a request that changes one gets a new kernel.

Pooled kernels are not listed by ``/api/kernels`` (JupyterLab's running-kernels panel would
show idle kernels nobody opened) and are never culled; they are shut down with the server.
A restarted kernel is a fresh interpreter, not a warmed one.

Kernel clients made by the server (Voilà's, to run a page's cells) are
:class:`ReadyKernelClient`: jupyter_client's ``wait_for_ready`` costs 0.2 s on every page.

Enabled by :func:`widgets.host.server.server_argv`; set like any Jupyter option, in a
``jupyter_server_config.json`` of the Jupyter configuration path, e.g.
``{"PooledKernelManager": {"pool_size": 0}}`` to do without the pool (see ``benchmarks/``).
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_server.services.kernels.kernelmanager import (
    AsyncMappingKernelManager,
    ServerKernelManager,
)
from jupyter_server.utils import ApiPath
from tornado import web
from traitlets import DottedObjectName, Float, Integer, TraitError, Type, Unicode, default

WARM_CODE = "from widgets.ui.warmup import warm_up; warm_up()"
STARTUP_ONLY_PREFIXES = ("PYTHON", "LD_", "OMP_", "MKL_", "OPENBLAS_", "NUMEXPR_")
"""Environment variables read when the interpreter or a compiled library starts."""

_ADOPT = """\
import json, os
_p = json.loads(_payload)
os.chdir(_p["cwd"])
os.environ.update(_p["set"])
for _k in _p["unset"]:
    os.environ.pop(_k, None)
_ip = get_ipython()
if "JPY_SESSION_NAME" in _p["set"]:
    _ip.user_ns["__session__"] = _p["set"]["JPY_SESSION_NAME"]
if isinstance(_ip.user_ns.get("_dh"), list):
    _ip.user_ns["_dh"][:] = [_p["cwd"]]
"""


def in_fresh_namespace(code: str, **values: str) -> str:
    """Code that runs ``code`` in a throwaway namespace, leaving the user's namespace empty."""
    return f"exec({code!r}, {values!r})"


class ReadyKernelClient(AsyncKernelClient):
    """A kernel client whose ``wait_for_ready`` returns as soon as the kernel has answered.

    Voilà calls ``wait_for_ready`` before running a page's cells. jupyter_client's version
    then waits for IOPub to stay silent for 0.2 s, on every page. This one waits for the
    "idle" status that follows its own ``kernel_info`` request, which proves the same thing
    (the kernel answers, IOPub reaches us), and asks again every 50 ms while IOPub is not
    yet connected.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (timeout if timeout is not None else float("inf"))
        while True:
            request = self.kernel_info()
            reply = await self._reply_to(request, deadline)
            if reply is not None and await self._idle_after(request, wait=0.05):
                self._handle_kernel_info_reply(reply)
                return
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")

    async def _reply_to(self, msg_id: str, deadline: float) -> dict[str, Any] | None:
        while time.monotonic() < deadline:
            try:
                msg = await self.get_shell_msg(timeout=1)
            except Empty:
                return None
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
        return None

    async def _idle_after(self, msg_id: str, wait: float) -> bool:
        while True:
            try:
                msg = await self.get_iopub_msg(timeout=wait)
            except Empty:
                return False
            if (
                msg["msg_type"] == "status"
                and msg["content"].get("execution_state") == "idle"
                and msg["parent_header"].get("msg_id") == msg_id
            ):
                return True


class ReadyKernelManager(ServerKernelManager):
    """The server's per-kernel manager, handing out :class:`ReadyKernelClient` clients."""

    client_class = DottedObjectName("widgets.host.kernels.ReadyKernelClient")
    client_factory = Type(klass=ReadyKernelClient)


class PooledKernelManager(AsyncMappingKernelManager):
    """The server's kernel manager, with warmed kernels ready to hand out (module docstring)."""

    pool_size = Integer(
        2,
        config=True,
        help="Kernels kept started and warmed. 0 disables the pool. Each idle kernel holds "
        "about 100 MiB; two let a facilitator open two dashboards in a row without waiting.",
    )
    pool_kernel_name = Unicode(
        "",
        config=True,
        help="Kernel spec kept in the pool; empty: the server's default kernel (python3).",
    )
    warm_code = Unicode(
        WARM_CODE,
        config=True,
        help="Code run, silently and in its own namespace, in each pooled kernel once started.",
    )
    refill_delay = Float(
        2.0,
        config=True,
        help="Seconds between handing out a kernel and starting its replacement, so that "
        "the page being opened has the processor first.",
    )
    warm_timeout = Float(120.0, config=True, help="Seconds allowed for the warm-up code.")

    @default("kernel_manager_class")
    def _default_kernel_manager_class(self) -> str:
        return "widgets.host.kernels.ReadyKernelManager"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool: list[asyncio.Task[str]] = []
        self._pooled: set[str] = set()
        self._handed_out = float("-inf")  # time.monotonic() of the last hand-out
        self._closing = False

    # -- the pool ------------------------------------------------------------------------

    @property
    def pooled_kernel_name(self) -> str:
        return self.pool_kernel_name or self.default_kernel_name

    def fill_pool(self) -> None:
        """Start kernels until ``pool_size`` are ready or warming (needs a running loop).

        One after the other, ``refill_delay`` apart, and never within ``refill_delay`` of a
        hand-out: on two cores, two kernels warming together are both ready later than one
        alone, and a kernel warming while a page opens slows that page (the first visitor's
        page too, which waits for the first kernel).
        """
        while not self._closing and len(self._pool) < self.pool_size:
            pending = [t for t in self._pool if not t.done()]
            after = pending[-1] if pending else None
            task = asyncio.ensure_future(self._start_warm_kernel(after))
            task.add_done_callback(self._forget_if_failed)
            self._pool.append(task)

    def _forget_if_failed(self, task: asyncio.Task[str]) -> None:
        """Drop a kernel that failed to start; the next request starts a new one as usual."""
        if task.cancelled() or task.exception() is None:
            return
        self.log.warning("A pooled kernel failed to start: %r", task.exception())
        if task in self._pool:
            self._pool.remove(task)

    async def _start_warm_kernel(self, after: asyncio.Task[str] | None = None) -> str:
        if after is not None:
            await asyncio.wait([after])
            await asyncio.sleep(self.refill_delay)  # its page may be the one being opened
        while (wait := self._handed_out + self.refill_delay - time.monotonic()) > 0:
            await asyncio.sleep(wait)
        if self._closing:
            raise asyncio.CancelledError  # the server is stopping: start nothing more
        kernel_id = str(uuid.uuid4())
        self._pooled.add(kernel_id)
        started = time.monotonic()
        try:
            await super().start_kernel(
                kernel_id=kernel_id,
                path=ApiPath(""),
                kernel_name=self.pooled_kernel_name,
                env=dict(os.environ),
            )
            if self.warm_code:
                await self._run(kernel_id, in_fresh_namespace(self.warm_code), self.warm_timeout)
        except BaseException:
            self._pooled.discard(kernel_id)
            raise
        self.log.info(
            "Pooled kernel %s ready (%.1f s, %d in the pool)",
            kernel_id,
            time.monotonic() - started,
            len(self._pool),
        )
        return kernel_id

    async def _run(self, kernel_id: str, code: str, timeout: float) -> None:
        """Execute ``code`` silently and wait for its reply on the shell channel.

        Only the shell channel is used: its replies are queued for us, whereas a subscription
        to IOPub could miss the kernel's "idle" published before it connected.
        """
        client: Any = self.get_kernel(kernel_id).client()  # an AsyncKernelClient
        client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        try:
            msg_id = client.execute(code, silent=True, store_history=False, allow_stdin=False)
            deadline = time.monotonic() + timeout
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"kernel {kernel_id} did not answer in {timeout} s")
                reply = await client.get_shell_msg(timeout=remaining)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
        finally:
            client.stop_channels()
        content = reply["content"]
        if content.get("status") != "ok":
            self.log.warning(
                "Pooled kernel %s: %s: %s", kernel_id, content.get("ename"), content.get("evalue")
            )

    async def _take(self) -> str | None:
        """A warmed kernel's id, a ready one first, or None if the pool has none to give."""
        while self._pool:
            ready = [t for t in self._pool if t.done()]
            task = ready[0] if ready else self._pool[0]
            self._pool.remove(task)
            try:
                kernel_id = await asyncio.shield(task)
            except asyncio.CancelledError:
                if not task.cancelled():  # our caller gave up: the kernel stays in the pool
                    self._pool.insert(0, task)
                raise
            except Exception:
                continue  # logged by _forget_if_failed
            self._pooled.discard(kernel_id)
            if kernel_id in self:
                return kernel_id
        return None

    def _poolable(self, kernel_id: str | None, kwargs: dict[str, Any]) -> bool:
        if kernel_id is not None or self._closing or self.pool_size <= 0:
            return False
        if set(kwargs) - {"kernel_name", "env", "cwd"}:
            return False
        return (kwargs.get("kernel_name") or self.default_kernel_name) == self.pooled_kernel_name

    async def _adopt(self, kernel_id: str, path: str | None, kwargs: dict[str, Any]) -> bool:
        """Move a pooled kernel to the caller's folder and environment; False if it cannot."""
        manager = self.get_kernel(kernel_id)
        launch: dict[str, Any] = dict(manager._launch_args or {})
        wanted_env = dict(kwargs.get("env") or os.environ)
        if path is not None:
            cwd = self.cwd_for_path(path, env=wanted_env)
        else:
            cwd = kwargs.get("cwd") or launch.get("cwd") or self.root_dir
        pooled_env: dict[str, str] = launch.get("env") or {}
        changed = {k: v for k, v in wanted_env.items() if pooled_env.get(k) != v}
        unset = [k for k in pooled_env if k not in wanted_env]
        if any(k.startswith(STARTUP_ONLY_PREFIXES) for k in [*changed, *unset]):
            return False
        payload = json.dumps({"cwd": cwd, "set": changed, "unset": unset})
        await self._run(kernel_id, in_fresh_namespace(_ADOPT, _payload=payload), timeout=30)
        # A restart relaunches with these (jupyter_client keeps no public setter for cwd).
        relaunch: Any = {**launch, "cwd": cwd, "env": wanted_env}  # a traitlets.Any trait
        manager._launch_args = relaunch
        return True

    # -- the kernel manager's API ---------------------------------------------------------

    async def _async_start_kernel(
        self, *, kernel_id: str | None = None, path: str | None = None, **kwargs: Any
    ) -> str:
        """A pooled kernel when one fits the request, else a new one (see module docstring)."""
        if self._poolable(kernel_id, kwargs):
            pooled = await self._take()
            self._handed_out = time.monotonic()
            self.fill_pool()  # the replacement waits for refill_delay
            if pooled is not None:
                try:
                    adopted = await self._adopt(pooled, path, kwargs)
                except Exception:
                    self.log.warning("Pooled kernel %s not usable", pooled, exc_info=True)
                    adopted = False
                if adopted:
                    self.log.info("Kernel %s handed out from the pool (%s)", pooled, path)
                    return pooled
                await super().shutdown_kernel(pooled, now=True)
        api_path = ApiPath(path) if path is not None else None
        return await super().start_kernel(kernel_id=kernel_id, path=api_path, **kwargs)

    start_kernel = _async_start_kernel  # type: ignore[assignment]

    def list_kernels(self) -> list[dict[str, Any]]:
        """The kernels a page opened, without the pool's; one still starting is left out.

        Jupyter's own loop skips a kernel that vanished but not one whose ``last_activity`` is
        not set yet (a pooled kernel between its start and its first message): listing the
        kernels then failed with a traceback (``/api/status``, ``/api/kernels``).
        """
        kernels = []
        for kernel_id in self.list_kernel_ids():
            if kernel_id in self._pooled:
                continue
            try:
                kernels.append(self.kernel_model(kernel_id))
            except (web.HTTPError, KeyError, TraitError):
                continue
        return kernels

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        if kernel_id not in self._pooled:
            await super().cull_kernel_if_idle(kernel_id)

    async def _async_shutdown_all(self, now: bool = False) -> None:
        self._closing = True
        await super().shutdown_all(now=now)
        for task in self._pool:
            task.cancel()
        await asyncio.gather(*self._pool, return_exceptions=True)
        self._pool.clear()

    shutdown_all = _async_shutdown_all  # type: ignore[assignment]
