"""The built wheel is the whole product: installed in a clean environment, run from elsewhere.

One build (``uv build``: the sdist, then the wheel built from it, which proves the sdist holds
what the wheel needs) and one install, shared by every test of this file. Each command runs
from an empty folder with a virtual environment that cannot see the checkout, as a learner
who ran ``uv tool install parcours-….whl`` would.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "parcours-wheel-test"


def uv_binary() -> Path:
    """The uv that ``dev.py`` installed (pinned), else one on the PATH."""
    bootstrap = ROOT / ".cache" / "bootstrap" / "bin" / "uv"
    if bootstrap.exists():
        return bootstrap
    found = shutil.which("uv")
    if found is None:
        pytest.skip("uv introuvable : lancez d'abord `python3 dev.py test`")
    return Path(found)


@dataclass(frozen=True)
class Installed:
    """The built artefacts and a clean environment holding the wheel."""

    wheel: Path
    sdist: Path
    venv: Path
    home: Path
    """An empty folder to run commands from, with private Jupyter and parcours folders."""

    def env(self) -> dict[str, str]:
        keep = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("PARCOURS_", "JUPYTER", "PYTHON", "VIRTUAL_ENV", "IPYTHON"))
        }
        private = self.home / ".private"
        return {
            **keep,
            "PATH": f"{self.venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            "JUPYTER_PLATFORM_DIRS": "1",
            "JUPYTER_CONFIG_DIR": str(private / "jupyter-config"),
            "JUPYTER_DATA_DIR": str(private / "jupyter-data"),
            "JUPYTER_RUNTIME_DIR": str(private / "jupyter-runtime"),
            "IPYTHONDIR": str(private / "ipython"),
            "PARCOURS_DATABASE_URL": f"sqlite:///{private / 'resultats.sqlite3'}",
            "PARCOURS_CACHE_DIR": str(private / "cache"),
            "PARCOURS_LOG_FILE": str(private / "parcours.log"),
        }

    def run(self, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / "parcours"), *args],
            cwd=self.home,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def _install(uv: Path, venv: Path, wheel: Path, locked: Path) -> None:
    """The lockfile's versions (from uv's cache when it has them), then the wheel itself.

    ``--no-deps``: the exported lock is the whole closure already, with ``[tool.uv]``'s
    overrides applied; resolving again would ask for what the overrides leave out.
    """
    subprocess.run(
        [str(uv), "venv", "--quiet", "--python", sys.executable, str(venv)],
        check=True,
        timeout=120,
    )
    python = ["--python", str(venv / "bin" / "python")]
    for offline in (["--offline"], []):  # the network (PyPI) only if the cache lacks a file
        done = subprocess.run(
            [
                str(uv),
                "pip",
                "install",
                "--quiet",
                *python,
                *offline,
                "--no-deps",
                "-r",
                str(locked),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode == 0:
            break
    assert done.returncode == 0, done.stderr[-3000:]
    subprocess.run(
        [str(uv), "pip", "install", "--quiet", *python, "--no-deps", str(wheel)],
        check=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    uv = uv_binary()
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    subprocess.run(
        [str(uv), "build", "--quiet", "--out-dir", str(dist), str(ROOT)],
        check=True,
        timeout=300,
    )
    locked = work / "locked.txt"
    subprocess.run(
        [
            *(str(uv), "export", "--quiet", "--frozen", "--no-hashes", "--no-emit-project"),
            *("--format", "requirements.txt", "--project", str(ROOT), "-o", str(locked)),
        ],
        check=True,
        timeout=120,
    )
    (wheel,) = dist.glob("parcours-*.whl")
    (sdist,) = dist.glob("parcours-*.tar.gz")
    venv = work / "venv"
    _install(uv, venv, wheel, locked)
    home = work / "ailleurs"
    home.mkdir()
    return Installed(wheel=wheel, sdist=sdist, venv=venv, home=home)


def test_the_wheel_carries_the_product_and_nothing_else(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    for needed in (
        "widgets/_content/course/accueil.ipynb",
        "widgets/_content/dashboards/radar_fragilites.ipynb",
        "widgets/_content/data/datapackage.json",
        "widgets/_content/data/banks/quiz_module_1.yaml",
        "widgets/static/plotly-widget.js",
        "widgets/live/static/participant.js",
        "widgets/offline/static/js/scoring.js",
    ):
        assert needed in names
    built = json.loads((ROOT / "widgets/static/plotly-widget.json").read_text(encoding="utf-8"))
    assert {f"widgets/static/{name}" for name in built["files"]} <= set(names)  # its chunks
    assert any(name.startswith("widgets/_content/data/sources/") for name in names)
    assert any(name.endswith("voila/templates/parcours/index.html.j2") for name in names)
    assert any(name.endswith("jupyter_server_config.d/parcours.json") for name in names)
    unwanted = [
        name
        for name in names
        if name.startswith(("tests/", "benchmarks/"))
        or any(part in name for part in (".venv", "__pycache__", ".pyc", ".cache", "checkpoint"))
    ]
    assert unwanted == []


def test_the_sdist_holds_what_the_wheel_is_built_from(installed: Installed) -> None:
    with tarfile.open(installed.sdist) as archive:
        tops = {name.split("/")[1] for name in archive.getnames() if name.count("/") >= 1}
        names = archive.getnames()
    assert {"widgets", "course", "dashboards", "data", "share", "jupyter-config"} <= tops
    assert not [n for n in names if any(p in n for p in ("/.venv/", "/.cache/", "__pycache__"))]


def test_version_and_python_m_widgets(installed: Installed) -> None:
    result = installed.run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "parcours 0.1.0"
    located = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-m", "widgets", "--version"],
        cwd=installed.home,
        env=installed.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert located.stdout.strip() == "parcours 0.1.0", located.stderr


def test_validate_reads_the_packaged_data(installed: Installed) -> None:
    result = installed.run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Données valides")
    assert str(installed.venv) in result.stdout and "_content" in result.stdout


def test_export_builds_the_site_from_the_packaged_course(installed: Installed) -> None:
    result = installed.run("export", "hors-ligne", "--no-zip", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    index = installed.home / "hors-ligne" / "index.html"
    assert index.exists()
    assert "co-construction territoriale" in index.read_text(encoding="utf-8")


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def served(installed: Installed) -> Iterator[tuple[str, Path, Path]]:
    """``parcours serve --dir`` of the installed wheel: (base URL, learner folder, log)."""
    port = free_port()
    folder = installed.home / "mon-parcours"
    log = installed.home / "serve.log"
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(
            [
                *(str(installed.venv / "bin" / "parcours"), "serve", "--no-browser"),
                *("--port", str(port), "--token", TOKEN, "--dir", str(folder)),
            ],
            cwd=installed.home,
            env=installed.env(),
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its kernels go with it
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text(encoding="utf-8")
            try:
                if _get(f"{base}/api/status?token={TOKEN}")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.5)
        yield base, folder, log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_serve_shows_the_learner_folder_not_the_package(
    installed: Installed, served: tuple[str, Path, Path]
) -> None:
    base, folder, log = served
    assert (folder / "course" / "accueil.ipynb").exists()
    assert (folder / "dashboards" / "radar_fragilites.ipynb").exists()
    status, body = _get(f"{base}/api/contents/course/accueil.ipynb?token={TOKEN}")
    assert status == 200
    assert json.loads(body)["path"] == "course/accueil.ipynb"
    output = log.read_text(encoding="utf-8")
    assert f"Dossier de l'apprenant\u00a0: {folder.resolve()}" in output
    assert "/voila/render/dashboards/radar_fragilites.ipynb" in output


def test_serve_renders_a_dashboard_and_the_join_page(served: tuple[str, Path, Path]) -> None:
    base, _, _ = served
    status, body = _get(
        f"{base}/voila/render/dashboards/barometre_partenariats.ipynb?token={TOKEN}"
    )
    assert status == 200, body[-2000:]
    # The page is complete once its cells ran in a kernel of the installed environment: the
    # notebook's title, then the barometer's figure widget, and no error output.
    assert "Baromètre des partenariats" in body
    assert "application/vnd.jupyter.widget-view+json" in body, body[-3000:]
    assert '"output_type": "error"' not in body and "Traceback" not in body
    status, page = _get(f"{base}/parcours/live/j/ABC123")
    assert status == 200 and "<html" in page.lower()
    assert _get(f"{base}/parcours/live/j/assets/participant.js")[0] == 200
