"""The README's reverse proxy, for real: nginx with ``deploy/nginx.conf`` before the server.

Through nginx a phone joins, holds its pushed events, sees the facilitator's reveal while its
connection stays open (``proxy_buffering off`` works), and its answer is accepted (the Origin
check holds behind the proxy) while another site's is refused. The configuration is the text
the README shows, with only what a test must change: plain HTTP on a free port instead of TLS
on 443, and the test server instead of the three example processes.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, Server, free_port
from tests.live.conftest import Admin, request
from tests.live.sse import EventStream

CONFIG = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
)


def test_the_readme_shows_the_shipped_configuration() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```nginx\n(.*?)```", readme, re.S)
    assert block is not None
    assert block.group(1) == CONFIG.read_text(encoding="utf-8")


def runnable(text: str, port: int, upstream: int, folder: Path) -> str:
    """The shipped configuration on a free port, in front of ``upstream``, files in ``folder``."""
    kept = [line for line in text.splitlines() if "ssl_certificate" not in line]
    body = "\n".join(kept).replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
    body = re.sub(r"127\.0\.0\.1:887\d", f"127.0.0.1:{upstream}", body)
    temp = " ".join(
        f"{name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi")
    )
    return (
        f"daemon off;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        f"http {{\naccess_log {folder / 'access.log'};\n{temp}\n"
        f"uwsgi_temp_path {folder / 'uwsgi'}; scgi_temp_path {folder / 'scgi'};\n{body}\n}}\n"
    )


def answers(url: str) -> bool:
    try:
        return request(url)[0] == 404
    except OSError:
        return False


@pytest.fixture
def proxied(server: Server, tmp_path: Path) -> Iterator[Server]:
    """The test server as seen through nginx (same token, the proxy's address)."""
    if NGINX is None:
        pytest.skip("nginx absent (apt-get install nginx-light; dev.py test installs it as root)")
    port = free_port()
    upstream = int(server.base.rsplit(":", 1)[1])
    conf = tmp_path / "nginx.conf"
    conf.write_text(runnable(CONFIG.read_text(encoding="utf-8"), port, upstream, tmp_path))
    process = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(conf)])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while not answers(f"{base}/parcours/live/api/ZZZZZ"):  # our JSON 404, through nginx
            assert process.poll() is None, (tmp_path / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx never answered"
            time.sleep(0.2)
        yield dataclasses.replace(server, base=base)
    finally:
        process.terminate()
        process.wait(timeout=15)
    logged = (tmp_path / "access.log").read_text(encoding="utf-8")
    assert "/parcours/live/api/" not in logged  # no phone's address kept by the proxy


def test_a_phone_through_nginx_hears_the_reveal_and_answers(proxied: Server) -> None:
    admin = Admin(proxied)  # the facilitator's API, through the proxy too
    code = str(admin.create("sondage_ouverture")["code"])
    api = f"{proxied.base}/parcours/live/api/{code}"
    page = {"Origin": proxied.base}  # what the phone's browser sends: the proxy's address
    status, _, text = request(f"{api}/join", "POST", {}, page)
    assert status == 200, text
    who = text.split('"participant": "')[1].split('"')[0]
    stream = EventStream(proxied.base, code)
    try:
        assert stream.status == 200
        assert stream.next_event()["revealed"] is False
        submission = {"participant": who, "answers": {"profil": "association"}}
        status, _, text = request(f"{api}/answers", "POST", submission, page)
        assert status == 200, text
        foreign = {"Origin": "http://elsewhere.example"}
        assert request(f"{api}/answers", "POST", submission, foreign)[0] == 403
        admin.act(code, "reveal")
        revealed = stream.wait_for(lambda event: event["revealed"])  # the stream stays open
        assert revealed["results"]["participants"] == 1
    finally:
        stream.close()
