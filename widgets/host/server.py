"""Start one Jupyter server that serves the course (JupyterLab) and the dashboards (Voilà).

Voilà runs as a jupyter_server extension of the same process, so a facilitator starts one
command and one token protects everything. The data are validated before the server starts,
which also warms the validation cache so that the first dashboard opens fast.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from widgets import config
from widgets.bundles import WIDGET, partial_traces, widget_chunks
from widgets.config import data_dir
from widgets.learner_folder import SyncReport, sync_learner_folder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Urls:
    """The addresses printed for the facilitator, each carrying the access token."""

    base: str
    token: str

    def lab(self) -> str:
        return f"{self.base}/lab/tree/course/accueil.ipynb?token={self.token}"

    def dashboard(self, name: str) -> str:
        return f"{self.base}/voila/render/dashboards/{name}?token={self.token}"


def dashboards(root: Path | None = None) -> list[str]:
    """Notebook names of ``dashboards/``, in order."""
    folder = (root or config.content_root()) / "dashboards"
    return sorted(p.name for p in folder.glob("*.ipynb"))


def banner(urls: Urls, root: Path | None = None) -> str:
    """The French text printed when the server is ready."""
    lines = [
        "",
        "Parcours «\u00a0co-construction territoriale\u00a0» — serveur prêt / server ready",
        f"  Cours (JupyterLab)\u00a0: {urls.lab()}",
        "  Tableaux de bord (Voilà)\u00a0:",
        *[f"    - {urls.dashboard(name)}" for name in dashboards(root)],
        "  Arrêt\u00a0: Ctrl+C",
        "",
    ]
    return "\n".join(lines)


def server_argv(port: int, ip: str, token: str, open_browser: bool, root: Path) -> list[str]:
    """Command-line options for the Jupyter server, kept here so tests can reuse them."""
    return [
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.open_browser={open_browser}",
        "--ServerApp.default_url=/lab/tree/course/accueil.ipynb",
        *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        # Warmed kernels waiting for the next dashboard (widgets/host/kernels.py).
        "--ServerApp.kernel_manager_class=widgets.host.kernels.PooledKernelManager",
        # Notebooks carry the kernel's language_info: opening one does not mark it modified.
        "--ServerApp.contents_manager_class=widgets.host.contents.CourseContentsManager",
    ]


def package_version() -> str:
    """The installed distribution's version (``parcours --version``), from its metadata."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("parcours")
    except PackageNotFoundError:  # imported from a checkout that was never installed
        from widgets import __version__

        return __version__


def served_folder(requested: Path | None) -> tuple[Path, SyncReport | None]:
    """The folder the server shows, made ready, and what was copied into it.

    From a source checkout with no folder asked for: the checkout itself, so that developers
    edit the real notebooks. Otherwise the learner's folder (``requested`` or
    :func:`widgets.config.learner_dir`), created or updated from the course
    (:func:`widgets.learner_folder.sync_learner_folder`); the installed package's files are
    never served themselves.
    """
    content = config.content_root().resolve()
    if requested is None and config.running_from_checkout():
        return content, None
    folder = (requested or config.learner_dir()).expanduser().resolve()
    if folder == content:
        return folder, None
    return folder, sync_learner_folder(content, folder, version=package_version())


def launch(port: int, open_browser: bool, ip: str, token: str, root: Path | None = None) -> None:
    """Validate the data, then run JupyterLab with Voilà in ``root`` until interrupted.

    ``root`` is the folder to serve as it is; :func:`served_folder` prepares it. Broken data
    never stops the server: the broken files are named here, and the pages that need them say
    so in French; the rest of the course and the live room work.
    """
    from jupyterlab.labapp import LabApp

    for line in data_warnings():
        print(line, flush=True)
    for line in store_warnings():
        print(line, flush=True)
    root = (root or config.content_root()).resolve()
    LabApp.launch_instance(argv=server_argv(port, ip, token, open_browser, root))


def data_warnings() -> list[str]:
    """French lines naming each problem of the data folder (none when it is valid)."""
    from widgets.activities import activity_problems
    from widgets.french import NBSP
    from widgets.loaders.validation import validate_data_dir

    folder = data_dir()
    try:
        report = validate_data_dir(folder, use_cache=True)
        report.problems += activity_problems(folder)
    except Exception as exc:  # a bug in a check must not cost the facilitator the webinar
        log.exception("data validation failed")
        return [
            f"Attention{NBSP}: les données de {folder} n'ont pas pu être vérifiées "
            f"({type(exc).__name__}){NBSP}; lancez «{NBSP}parcours validate{NBSP}»."
        ]
    if report.valid:
        return []
    lines = [
        f"Attention{NBSP}: des fichiers de données sont invalides{NBSP}; les pages qui en ont "
        f"besoin afficheront un message, le reste du cours et la salle en direct fonctionnent "
        f"(détails{NBSP}: parcours validate){NBSP}:"
    ]
    lines += [f"  - {problem.message_fr()}" for problem in report.problems[:30]]
    if len(report.problems) > 30:
        lines.append(f"  - et {len(report.problems) - 30} autres problèmes.")
    return lines


def store_warnings() -> list[str]:
    """French lines for a results or live database that cannot be written, or whose disk is
    full or nearly so (see :func:`widgets.storage.health.store_warning`)."""
    from widgets.storage.health import store_warning

    found = (
        store_warning("des résultats des apprenants", config.results_url()),
        store_warning("de la salle en direct", config.live_url()),
    )
    return [line for line in found if line is not None]


def plotly_bundle() -> Path:
    """The file served as ``/parcours/static/plotly-widget.js``.

    Ours (``widgets/static/plotly-widget.js``, built by ``tools/plotly-widget``): plotly's own
    widget front-end with a plotly.js limited to the trace types of ``widgets/figures``, a
    third of the size of plotly's ``widgetbundle.js``, which has them all. Plotly's, in the
    cases of :mod:`widgets.bundles` (the front-end must match the Python side's release).
    """
    import plotly

    if partial_traces(WIDGET, "plotly", plotly.__version__) is None:
        return Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
    return WIDGET


def _serve_static(serverapp: Any) -> None:
    """Serve the plotly widget bundle for :mod:`widgets.ui.plotly_widget` (:func:`plotly_bundle`)
    and, when it is ours, the chunks it imports (:func:`widgets.bundles.widget_chunks`).

    Behind the server's login like the pages that use it. Jupyter's file handler marks them
    ``no-cache``: the browser revalidates them (a 304, no body) on each page, so an entry file
    of an earlier build never names chunks the server no longer has.
    """
    from jupyter_server.base.handlers import AuthenticatedFileHandler
    from jupyter_server.utils import url_path_join
    from tornado import web

    bundle = plotly_bundle()
    chunks = widget_chunks() if bundle == WIDGET else frozenset()

    class BundleHandler(AuthenticatedFileHandler):
        def check_xsrf_cookie(self) -> None:
            """No cross-site check: the file is a public library, not the user's data.

            Jupyter blocks cookie-authenticated GETs that carry neither an XSRF token nor a
            same-host Referer (against cross-site inclusion of private files); a module import
            from a widget's script carries neither. The login is still required.
            """

        def get_cache_time(self, path: str, modified: Any, mime_type: str) -> int:
            return 24 * 3600

        def compute_etag(self) -> str | None:
            """A hash of the file, as Tornado's static files have (Jupyter's handler has none).

            Without it the server gzipped the 1.3 MB of plotly again for every page that draws
            a figure (0.14 s of its only thread for the shared chunk, measured), on the page's
            way to its first figure: :mod:`widgets.host.compression` keeps the gzip of a file
            by its ``Etag``. A browser's revalidation then gets a 304 by it too.
            """
            return web.StaticFileHandler.compute_etag(self)

        async def get(self, path: str, include_body: bool = True) -> None:
            if path == "plotly-widget.js":
                path = bundle.name
            elif path not in chunks:
                raise web.HTTPError(404)
            served = super().get(path, include_body=include_body)
            if served is not None:  # None: not logged in, already sent to the login page
                await served

    pattern = url_path_join(serverapp.base_url, "/parcours/static/(.*)")
    serverapp.web_app.add_handlers(".*$", [(pattern, BundleHandler, {"path": str(bundle.parent)})])


def _compress(serverapp: Any) -> None:
    """Gzip HTTP responses and deflate kernel websocket frames.

    Voilà's page and its JavaScript weigh about 9 MB uncompressed; they compress about fourfold,
    which matters on a facilitator's laptop shared over a venue's Wi-Fi. Static files are
    compressed once and kept (:mod:`widgets.host.compression`).
    """
    from widgets.host.compression import CachedGZipContentEncoding

    app = serverapp.web_app
    if CachedGZipContentEncoding not in app.transforms:
        app.transforms.insert(0, CachedGZipContentEncoding)
    app.settings.setdefault("websocket_compression_options", {})


ERROR_TEMPLATES = Path(__file__).resolve().parent / "templates"
"""``error.html`` and ``404.html``, the French error page of every route (jupyter_server's,
JupyterLab's and Voilà's, no CDN link); ``login.html``, jupyter_server's login page in French
(an address opened without its token); ``parcours-loading.html``, a dashboard's first bytes."""


@functools.lru_cache(maxsize=1)
def early_progress() -> str:
    """The first bytes of a dashboard's page: « Préparation du tableau de bord… », in French.

    Voilà sends nothing until its kernel has started; for the first visitor of a server that
    has just started (the pool still warming) that is seconds of blank screen. These bytes go
    before Voilà's page, in the same response (``templates/parcours-loading.html`` says how
    the browser joins the two).
    """
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(ERROR_TEMPLATES)), autoescape=True)
    return env.get_template("parcours-loading.html").render()


def voila_page_handler(base: type) -> type:
    """Voilà's page handler, setting the ``_xsrf`` cookie its page sends back on unload, and
    sending French progress before Voilà starts the kernel (:func:`early_progress`).

    When a dashboard's tab is closed or reloaded, Voilà's page posts
    ``/voila/api/shutdown/<kernel>`` with the ``_xsrf`` value read from its cookie. Nothing on
    a Voilà page ever asks the server for that cookie (JupyterLab's page does), so the request
    was refused (403 « '_xsrf' argument missing ») and every visit left its kernel running.
    Asking for the token once sets the cookie, as Tornado does for any form.
    """

    class KernelEndsWithPage(base):
        async def prepare(self, *args: Any, **kwargs: Any) -> None:
            await super().prepare(*args, **kwargs)
            if not self._finished:  # not already sent to the login page
                _ = self.xsrf_token

        async def get_generator(self, path: str | None = None) -> AsyncIterator[str]:
            """French progress first (:func:`early_progress`), then Voilà's page."""
            if await self._is_notebook(path):
                yield early_progress()
            async for chunk in super().get_generator(path=path):
                yield chunk

        async def _is_notebook(self, path: str | None) -> bool:
            """A notebook Voilà will render (else Voilà redirects or answers 404 itself)."""
            if not path or self.notebook_path or not path.endswith(".ipynb"):
                return False
            from jupyter_core.utils import ensure_async

            return bool(await ensure_async(self.contents_manager.file_exists(path)))

    KernelEndsWithPage.__name__ = f"KernelEndsWithPage{base.__name__}"
    return KernelEndsWithPage


def _end_kernels_with_their_page(serverapp: Any) -> None:
    """Serve Voilà's pages with :func:`voila_page_handler` (once every extension is loaded)."""
    from tornado.routing import Rule
    from voila.handler import VoilaHandler

    def walk(rules: list[Rule]) -> int:
        replaced = 0
        for rule in rules:
            target = rule.target
            if isinstance(target, type) and issubclass(target, VoilaHandler):
                if not target.__name__.startswith("KernelEndsWithPage"):
                    rule.target = voila_page_handler(target)
                    replaced += 1
            elif hasattr(target, "rules"):
                replaced += walk(target.rules)
        return replaced

    app = serverapp.web_app
    if walk(app.wildcard_router.rules) + walk(app.default_router.rules) == 0:
        serverapp.log.warning("parcours: no Voilà page handler found; kernels outlive pages")


def _french_error_pages(serverapp: Any) -> None:
    """Put :data:`ERROR_TEMPLATES` first in jupyter_server's and Voilà's template lookups.

    Both render ``<code>.html`` then ``error.html`` for a failed page; JupyterLab's handlers fall
    back to jupyter_server's; jupyter_server's login handler renders ``login.html``. Only those
    names are in the folder, so no other page changes.
    """
    from jinja2 import ChoiceLoader, FileSystemLoader

    settings = serverapp.web_app.settings
    for key in ("jinja2_env", "voila_jinja2_env"):
        env = settings.get(key)
        if env is not None and env.loader is not None:
            env.loader = ChoiceLoader([FileSystemLoader(str(ERROR_TEMPLATES)), env.loader])
            if env.cache is not None:
                env.cache.clear()


def low_latency(base: type) -> type:
    """The kernel websocket connection class with TCP_NODELAY set once the socket is open."""

    class LowLatencyConnection(base):
        async def connect(self) -> Any:
            self.websocket_handler.set_nodelay(True)
            return await super().connect()

    LowLatencyConnection.__name__ = f"LowLatency{base.__name__}"
    return LowLatencyConnection


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Server extension entry point: print the banner once the server listens."""
    from tornado.ioloop import IOLoop

    def announce() -> None:
        ip = serverapp.ip if serverapp.ip not in ("", "0.0.0.0", "::") else "127.0.0.1"
        token = serverapp.identity_provider.token
        root = Path(serverapp.root_dir)
        print(banner(Urls(base=f"http://{ip}:{serverapp.port}", token=token), root), flush=True)

    # Voilà's page asks for MathJax from a CDN; the dashboards use no formulas, so point it at
    # a local no-op script of our template instead (nothing may leave the machine).
    base = serverapp.base_url.rstrip("/")
    serverapp.web_app.settings["mathjax_url"] = (
        f"{base}/voila/templates/parcours/static/no-mathjax.js"
    )
    _serve_static(serverapp)
    _compress(serverapp)
    # Every widget change travels as a few small websocket frames; with Nagle's algorithm on,
    # the second frame waits for the browser's delayed ACK (about 40 ms on Linux).
    settings = serverapp.web_app.settings
    base_class = settings.get("kernel_websocket_connection_class")
    if base_class is not None:
        settings["kernel_websocket_connection_class"] = low_latency(base_class)
    IOLoop.current().add_callback(announce)
    # After every extension is loaded (Voilà's handlers may be added after ours).
    IOLoop.current().add_callback(_end_kernels_with_their_page, serverapp)
    IOLoop.current().add_callback(_french_error_pages, serverapp)
    fill_pool = getattr(serverapp.kernel_manager, "fill_pool", None)
    if (
        fill_pool is not None
    ):  # widgets.host.kernels.PooledKernelManager: warm kernels from the start
        IOLoop.current().add_callback(fill_pool)

    from widgets.live import setup_handlers

    setup_handlers(serverapp)  # participants' live-audience routes (no token) + facilitator API
