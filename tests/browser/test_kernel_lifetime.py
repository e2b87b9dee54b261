"""A dashboard's kernel ends with its page: closed, reloaded or left, nothing keeps running.

The review saw three visits leave three kernels (≈115 MiB each) and a server holding 34 after
35 minutes: Voilà's unload request was refused for want of the ``_xsrf`` cookie, and nothing
culled idle kernels. Here, 20 visits that end the way a facilitator ends them (closing the tab,
reloading, going elsewhere) must leave no kernel of theirs; a tab that dies without a word
(no unload event at all) is culled after the idle timeout; and the server ends with no more
kernel processes than its warm pool.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.conftest import Server, start_server, stop_server

pytestmark = pytest.mark.browser

DASHBOARD = "/voila/render/dashboards/catalyseur.ipynb"
POOL_SIZE = 2  # widgets.host.kernels.PooledKernelManager.pool_size, the default


def kernel_ids(server: Server) -> set[str]:
    """Kernels the server lists (pooled kernels waiting for a page are not listed)."""
    with urllib.request.urlopen(server.url("/api/kernels"), timeout=30) as response:
        return {k["id"] for k in json.load(response)}


def kernel_processes(server: Server) -> int:
    children = psutil.Process(server.process.pid).children(recursive=True)
    return sum(1 for p in children if "ipykernel_launcher" in " ".join(p.cmdline()))


def wait_until(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(what)


def open_dashboard(page: Any, server: Server) -> None:
    """Open the dashboard and wait until its widgets exist (the first tab may hide them).

    Voilà's page says « end my kernel » on unload only once its widget manager holds the
    kernel's connection (the listener is added then); cells may show before that. A tab
    closed during those seconds leaves its kernel to the idle culling (10 minutes, tested
    below), which is what a visit that ends before the page is usable costs.
    """
    page.goto(server.url(DASHBOARD))
    page.wait_for_selector("#rendered_cells .jupyter-widgets", state="attached", timeout=120_000)


@pytest.fixture(scope="module")
def culling_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose idle kernels are culled after 3 s (the shipped setting is 10 minutes)."""
    tmp = tmp_path_factory.mktemp("culling")
    config = tmp / "config"
    config.mkdir()
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"MappingKernelManager": {"cull_idle_timeout": 3, "cull_interval": 1}}),
        encoding="utf-8",
    )
    running = start_server(tmp, env={"JUPYTER_CONFIG_PATH": str(config)})
    yield running
    stop_server(running)


def test_twenty_visits_leave_no_kernel_behind(server: Server, browser: Any) -> None:
    before = kernel_ids(server)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
    try:
        for visit in range(20):
            page = context.new_page()
            open_dashboard(page, server)
            ending = visit % 3
            if ending == 0:  # the tab is closed
                page.close(run_before_unload=True)
            elif ending == 1:  # reloaded: the first kernel ends, the new page has its own
                page.reload()
                page.wait_for_selector(
                    "#rendered_cells .jupyter-widgets", state="attached", timeout=120_000
                )
                page.goto("about:blank")
                page.close()
            else:  # the facilitator goes elsewhere in the same tab
                page.goto("about:blank")
                page.close()
        wait_until(
            lambda: kernel_ids(server) <= before,
            timeout=60,
            what=f"kernels left running: {kernel_ids(server) - before}",
        )
    finally:
        context.close()
    assert "'_xsrf' argument missing" not in server.log()


def test_a_tab_that_dies_silently_is_culled(culling_server: Server, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
    page = context.new_page()
    open_dashboard(page, culling_server)
    assert len(kernel_ids(culling_server)) == 1
    page.close(run_before_unload=False)  # no unload event: as when the browser is killed
    context.close()
    wait_until(lambda: not kernel_ids(culling_server), 60, "the idle kernel was not culled")
    # The warm pool is kept (never culled), and nothing else runs.
    time.sleep(2)
    assert kernel_processes(culling_server) <= POOL_SIZE


def test_the_server_keeps_only_its_warm_pool(server: Server) -> None:
    """Run last in this file: what remains of the visits above is the pool, at most."""
    wait_until(
        lambda: kernel_processes(server) <= POOL_SIZE + len(kernel_ids(server)),
        timeout=30,
        what="kernel processes outlive their kernels",
    )


def test_shipped_setting_culls_after_ten_minutes() -> None:
    """The documented timeout is the one shipped (README « Noyaux »)."""
    shipped = Path(__file__).parents[2] / "jupyter-config" / "jupyter_server_config.d"
    config = json.loads((shipped / "parcours.json").read_text(encoding="utf-8"))
    assert config["MappingKernelManager"]["cull_idle_timeout"] == 600
