"""Shared fixtures: a copy of ``data/``, the real server, and Debian's Chromium.

The server fixture starts ``parcours serve`` exactly as a facilitator does (a subprocess on a
free port), waits until it answers, and always stops it. Browser pages refuse, and record, any
request that would leave the machine: a test fails if one was attempted.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parents[1]

# Hypothesis's per-example deadline is a timed assertion: on a busy 2-core machine an example
# that takes 210 ms instead of 200 ms failed the suite. Properties are about values, not speed.
hypothesis_settings.register_profile("parcours", deadline=None)
hypothesis_settings.load_profile("parcours")
DATA = ROOT / "data"
TOKEN = "parcours-test-token"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of ``data/`` that a test may corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running ``parcours serve``: its base URL, token and console output."""

    base: str
    token: str
    process: subprocess.Popen[str]
    log_path: Path

    def url(self, path: str, *, token: bool = True) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}" if token else f"{self.base}{path}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def served_copy(tmp: Path) -> Path:
    """A copy of what the server shows: JupyterLab saves notebooks it runs, and a test must
    never write outputs into the repository's notebooks."""
    root = tmp / "root"
    for folder in ("course", "dashboards"):
        shutil.copytree(
            ROOT / folder,
            root / folder,
            ignore=shutil.ignore_patterns(".ipynb_*"),
            dirs_exist_ok=True,
        )
    (root / "benchmarks").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "benchmarks" / "hello.ipynb", root / "benchmarks" / "hello.ipynb")
    return root


def start_server(tmp: Path, env: dict[str, str] | None = None) -> Server:
    port = free_port()
    root = served_copy(tmp)
    log_path = tmp / "server.log"
    handle = log_path.open("w", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "widgets.cli",
            "serve",
            "--port",
            str(port),
            "--no-browser",
            "--token",
            TOKEN,
            "--root-dir",
            str(root),
        ],
        cwd=ROOT,
        stdout=handle,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "JUPYTER_PLATFORM_DIRS": "1", **(env or {})},
    )
    server = Server(f"http://127.0.0.1:{port}", TOKEN, process, log_path)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{server.log()}")
        try:
            with urllib.request.urlopen(server.url("/api/status"), timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.25)
    stop_server(server)
    raise RuntimeError(f"server did not answer within 90 s:\n{server.log()}")


def fetch(url: str, method: str = "GET", body: bytes | None = None) -> tuple[int, str]:
    """One HTTP request that does not follow redirects: (status, Location or body)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, body=body)
        response = connection.getresponse()
        content = response.read().decode("utf-8", errors="replace")
        return response.status, response.getheader("Location") or content
    finally:
        connection.close()


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One real server for the whole session (JupyterLab + Voilà)."""
    running = start_server(tmp_path_factory.mktemp("server"))
    yield running
    stop_server(running)


# -- browser ----------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (Playwright's own browsers are not available)."""
    executable = chromium_path()
    if executable is None:
        pytest.fail("Chromium is missing: `python3 dev.py test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        _navigation_waits_like_the_rest(instance)
        yield instance
        instance.close()


LOCAL_PREFIXES = (
    "http://127.0.0.1",
    "http://localhost",
    "ws://127.0.0.1",
    "ws://localhost",
    "data:",
    "blob:",
    "about:",
    "file://",
)


@dataclass
class Guard:
    """Requests that tried to leave the machine, and console errors (uncaught exceptions
    included, as ``pageerror: …``), seen by one page."""

    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


NAVIGATION_TIMEOUT_MS = 120_000
"""How long a navigation may take. A Voilà page's ``load`` comes once its notebook has run,
which on a busy 2-core machine took longer than Playwright's 30 s default (the busy-machine
runs); the suite's other waits for a dashboard allow 90 to 120 s."""


def _navigation_waits_like_the_rest(instance: Any) -> None:
    """Every context and page of ``instance`` waits :data:`NAVIGATION_TIMEOUT_MS` to navigate."""
    new_context, new_page = instance.new_context, instance.new_page

    def context_with_patience(*args: Any, **kwargs: Any) -> Any:
        context = new_context(*args, **kwargs)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        return context

    def page_with_patience(*args: Any, **kwargs: Any) -> Any:
        page = new_page(*args, **kwargs)
        page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        return page

    instance.new_context, instance.new_page = context_with_patience, page_with_patience


def guard_page(
    context: Any, guard: Guard, local: tuple[str, ...] = LOCAL_PREFIXES, *, abort: bool = True
) -> Any:
    """A new page of ``context`` whose requests and websockets leaving the machine (not starting
    with ``local``), console errors and uncaught exceptions are recorded in ``guard``.

    With ``abort`` such requests are also refused, through a route; routing sends every request
    of the context through Python, so a test with many pages may only record them.
    """

    def outside(url: str) -> bool:
        return not url.startswith(local)

    if abort:

        def route(route: Any) -> None:
            if outside(route.request.url):
                route.abort()
            else:
                route.continue_()

        context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda r: guard.external.append(r.url) if outside(r.url) else None)
    page.on("websocket", lambda ws: guard.external.append(ws.url) if outside(ws.url) else None)
    page.on("console", lambda m: guard.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: guard.console_errors.append(f"pageerror: {error}"))
    return page


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """Keep each phase's report on the item, so fixtures can tell a failed test."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def guarded_page(browser: object, request: pytest.FixtureRequest) -> Iterator[tuple[object, Guard]]:
    """A 1920×1080 page that aborts and records every request leaving the machine."""
    guard = Guard()
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="fr-FR")  # type: ignore[attr-defined]
    page = guard_page(context, guard)
    yield page, guard
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:  # a picture of what the browser showed
        failures = ROOT / "tests" / "artifacts" / "failures"
        failures.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(failures / f"{request.node.name}.png"))
    context.close()
