"""Our plotly widget bundle: built for the installed plotly, has every trace type we draw, served.

``widgets/static/plotly-widget.js`` is plotly's FigureWidget front-end with a plotly.js limited
to our trace types (``tools/plotly-widget``). A trace type it lacks draws an empty figure
without a word; ``tests/browser/test_plotly_bundle.py`` draws them in Chromium.
"""

from __future__ import annotations

import ast
import asyncio
import gzip
import http.client
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import plotly
import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType

from widgets.bundles import FULL_BUNDLE_ENV
from widgets.host import server as parcours_server

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
BUNDLE = ROOT / "widgets" / "static" / "plotly-widget.js"
MANIFEST = ROOT / "widgets" / "static" / "plotly-widget.json"
TOKEN = "bundle-test-token"


def manifest() -> dict[str, Any]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def builder_figures() -> dict[str, go.Figure]:
    """One figure of each builder of :mod:`widgets.figures`, on the project's data."""
    from widgets.banks import DiagnosticBank, load_bank
    from widgets.figures import barometer_figures
    from widgets.figures.choropleth import choropleth_figure
    from widgets.figures.profile import profile_figure
    from widgets.figures.radar import radar_figure
    from widgets.figures.ranking import ranking_figure
    from widgets.figures.room import choice_counts_figure, group_profile_figure
    from widgets.loaders import load_seed_figures
    from widgets.scoring.diagnostic import score_diagnostic
    from widgets.scoring.indices import normalise_all

    values = pd.read_csv(DATA / "regions_indicators.csv", dtype={"region_code": str})
    indicators = pd.read_csv(DATA / "indicators.csv")
    geojson = json.loads((DATA / "regions.geojson").read_text(encoding="utf-8"))
    scores = normalise_all(values, indicators)
    bank = load_bank(DATA / "banks" / "profil_catalyseur.yaml")
    assert isinstance(bank, DiagnosticBank)
    answers = {item.id: index % 4 for index, item in enumerate(bank.items)}
    barometer = barometer_figures(load_seed_figures(DATA))
    return {
        "radar": radar_figure(scores, indicators, "32", compare_code="53"),
        "choropleth": choropleth_figure(values, indicators, "taux_chomage", geojson),
        "ranking": ranking_figure(values, indicators, "taux_chomage", highlight="53"),
        **{f"barometer-{name}": figure for name, figure in barometer.items()},
        "profile": profile_figure(score_diagnostic(bank, answers), title=bank.title),
        "replay-counts": choice_counts_figure("Question ?", ["Oui", "Non"], [3, 5], right=0),
        "replay-group": group_profile_figure(["Axe A", "Axe B"], [50.0, None], [3, 0], "Essai"),
    }


def trace_types_in_source() -> set[str]:
    """Trace types named as ``go.<Trace>`` anywhere in the package (figures, live, ui, …)."""
    types = set()
    for path in (ROOT / "widgets").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "go"
            ):
                cls = getattr(go, node.attr, None)
                if isinstance(cls, type) and issubclass(cls, BaseTraceType):
                    types.add(cls().type)
    return types


def test_bundle_is_built_for_the_installed_plotly() -> None:
    """Else the server falls back to plotly's full bundle: rebuild (tools/plotly-widget)."""
    from plotly.offline import get_plotlyjs_version

    built = manifest()
    assert (built["plotly"], built["plotlyjs"]) == (plotly.__version__, get_plotlyjs_version())
    head = BUNDLE.read_text(encoding="utf-8")[:1000]
    assert f"plotly.py {plotly.__version__}" in head
    assert f"plotly.js {get_plotlyjs_version()}" in head
    full = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
    ours = sum((BUNDLE.parent / name).stat().st_size for name in built["files"])
    assert ours < full.stat().st_size / 2  # partial, not plotly's own


def test_the_map_traces_are_a_chunk_of_their_own() -> None:
    """The widget's entry and the chunk it always imports leave the map traces out; the
    deferred chunk has them (``tools/plotly-widget/src/plotly-geo.js``)."""
    from widgets.bundles import deferred_traces, widget_chunks
    from widgets.ui.plotly_widget import DEFERRED_TRACES

    built = manifest()
    assert set(built["deferred"]) == {"scattergeo", "choropleth"} == DEFERRED_TRACES
    assert deferred_traces() == DEFERRED_TRACES
    assert set(built["deferred"]) < set(built["traces"])
    assert widget_chunks() == set(built["files"]) - {"plotly-widget.js"}
    (geo,) = [name for name in built["files"] if "geo" in name]
    (shared,) = widget_chunks() - {geo}
    entry = BUNDLE.read_text(encoding="utf-8")
    assert f'import("./{geo}")' in entry  # on demand
    assert f'from"./{shared}"' in entry  # with the entry
    assert f'from"./{geo}"' not in entry


def test_every_trace_type_we_draw_is_in_the_bundle() -> None:
    drawn = {trace.type for fig in builder_figures().values() for trace in fig.data}
    named = trace_types_in_source()
    assert drawn <= named  # the scan sees what the builders draw
    assert named - set(manifest()["traces"]) == set()


def test_the_server_picks_our_bundle_unless_told_or_outdated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    full = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
    monkeypatch.delenv(FULL_BUNDLE_ENV, raising=False)
    assert parcours_server.plotly_bundle() == BUNDLE
    monkeypatch.setenv(FULL_BUNDLE_ENV, "1")
    assert parcours_server.plotly_bundle() == full
    monkeypatch.delenv(FULL_BUNDLE_ENV)
    monkeypatch.setattr(plotly, "__version__", "0.0.1")  # plotly upgraded, bundle not rebuilt
    assert parcours_server.plotly_bundle() == full


@pytest.fixture
def jupyter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[int]:
    """A Jupyter server app with our static route, on its own thread; yields its port."""
    from jupyter_server.serverapp import ServerApp
    from tornado.httpserver import HTTPServer
    from tornado.netutil import bind_sockets

    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.delenv(FULL_BUNDLE_ENV, raising=False)
    monkeypatch.setattr(ServerApp, "init_signal", lambda self: None)  # pytest's, not Jupyter's
    app = ServerApp()
    app.initialize(
        argv=[f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={tmp_path}"],
        find_extensions=False,
        new_httpserver=False,
    )
    parcours_server._serve_static(app)
    parcours_server._compress(app)
    sockets = bind_sockets(0, "127.0.0.1")
    loop = asyncio.new_event_loop()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        HTTPServer(app.web_app).add_sockets(sockets)
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield sockets[0].getsockname()[1]
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_our_bundle_is_served_gzipped_behind_the_login(jupyter: int) -> None:
    status, headers, body = get(jupyter, f"/parcours/static/plotly-widget.js?token={TOKEN}")
    assert status == 200 and headers["Content-Type"] == "application/javascript"
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == BUNDLE.read_bytes()
    status, headers, _ = get(jupyter, "/parcours/static/plotly-widget.js")
    assert status == 302 and headers["Location"].startswith("/login")
    status, _, _ = get(jupyter, f"/parcours/static/widgetbundle.js?token={TOKEN}")
    assert status == 404


def test_the_bundle_is_gzipped_once_and_revalidated_by_its_etag(jupyter: int) -> None:
    """Jupyter's file handler has no ``Etag``, so the server gzipped plotly's 1.3 MB again for
    every page (0.14 s of its only thread for the shared chunk); with one, the gzip is kept."""
    from widgets.bundles import widget_chunks
    from widgets.host.compression import CachedGZipContentEncoding

    for name in ["plotly-widget.js", *widget_chunks()]:
        _, first, body = get(jupyter, f"/parcours/static/{name}?token={TOKEN}")
        _, again, same = get(jupyter, f"/parcours/static/{name}?token={TOKEN}")
        assert first["Etag"] == again["Etag"] and body == same
        kept = [key for key in CachedGZipContentEncoding._cache if key[0].endswith(f"/{name}")]
        assert [key[1] for key in kept] == [first["Etag"]]
        connection = http.client.HTTPConnection("127.0.0.1", jupyter, timeout=30)
        try:
            connection.request(
                "GET",
                f"/parcours/static/{name}?token={TOKEN}",
                headers={"Accept-Encoding": "gzip", "If-None-Match": first["Etag"]},
            )
            assert connection.getresponse().status == 304
        finally:
            connection.close()


def test_the_chunks_are_served_and_nothing_else_of_the_folder(jupyter: int) -> None:
    from widgets.bundles import widget_chunks

    for name in widget_chunks():
        status, headers, body = get(jupyter, f"/parcours/static/{name}?token={TOKEN}")
        assert status == 200 and headers["Content-Type"] == "application/javascript"
        assert gzip.decompress(body) == (BUNDLE.parent / name).read_bytes()
        status, headers, _ = get(jupyter, f"/parcours/static/{name}")
        assert status == 302 and headers["Location"].startswith("/login")
    for name in ("plotly-widget.json", "plotly-partial.min.js", "plotly-widget-chunk-0.js"):
        status, _, _ = get(jupyter, f"/parcours/static/{name}?token={TOKEN}")
        assert status == 404, name
