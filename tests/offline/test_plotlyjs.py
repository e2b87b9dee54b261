"""The offline edition's plotly.js: the partial one of ``tools/plotly-widget``, and the check
that stops an export showing a figure whose trace type it lacks (plotly.js would leave that
figure empty without a word)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import plotly
import pytest
from plotly.offline import get_plotlyjs_version

from widgets import bundles
from widgets.bundles import FULL_BUNDLE_ENV, MANIFEST, PARTIAL
from widgets.french import NBSP
from widgets.offline import ExportError, build_export
from widgets.offline import build as export_build
from widgets.offline.facade import figure_fragment
from widgets.offline.patches import Pool, apply_patch, diff
from widgets.offline.plotlyjs import (
    PlotlyJs,
    check_trace_types,
    choose_plotly_js,
    figure_types,
    indices_trace_types,
    patched_types,
    trace_types,
)

PLOTLY_MIN = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
BUILT_FOR = json.loads(MANIFEST.read_text(encoding="utf-8"))
TRACES = frozenset(BUILT_FOR["traces"])
LONG = list(range(40))  # long enough for the pool (POOL_MIN_CHARS)


def figure(*types: str | None) -> dict[str, Any]:
    data = [{"x": LONG, "y": LONG} | ({} if kind is None else {"type": kind}) for kind in types]
    return {"data": data, "layout": {"title": {"text": "Essai"}}}


def page(*figures: dict[str, Any]) -> str:
    return "".join(figure_fragment(item, "Figure").html for item in figures)


def data_file(path: Path) -> Any:
    """The payload of an ``assets/data/*.js`` file (``window.PARCOURS_DATA["…"] = {…};``)."""
    line = path.read_text(encoding="utf-8").splitlines()[1]
    return json.loads(line.split("] = ", 1)[1].removesuffix(";"))


# -- what an export ships -----------------------------------------------------------------------


def test_the_export_ships_the_partial_plotly_js(exported: Path) -> None:
    assert (exported / "assets" / "plotly.min.js").read_bytes() == PARTIAL.read_bytes()
    assert PARTIAL.stat().st_size < PLOTLY_MIN.stat().st_size / 3


def test_the_partial_plotly_js_is_a_classic_script_wrapped_as_plotly_min_js() -> None:
    """Same plotly.js version, MIT header, and plotly's own wrapper (it sets window.Plotly)."""
    ours = PARTIAL.read_text(encoding="utf-8")
    theirs = PLOTLY_MIN.read_text(encoding="utf-8")
    version = get_plotlyjs_version()
    assert ours.startswith(f"/**\n* plotly.js (parcours partial - minified) v{version}\n")
    assert "* Licensed under the MIT license\n*/\n" in ours[:400]
    assert f"limited to the traces {', '.join(BUILT_FOR['traces'])} " in ours[:1000]

    def wrapper(text: str) -> tuple[str, str]:
        body = re.sub(r"^(?:/\*[\s\S]*?\*/\n)+", "", text)
        return body[: body.index('"use strict";var Plotly=')], body[body.rindex("*/") + 2 :].strip()

    assert wrapper(ours) == wrapper(theirs)
    assert wrapper(ours)[1].startswith("window.Plotly = Plotly;")


def test_the_partial_one_is_chosen_unless_told_or_outdated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(FULL_BUNDLE_ENV, raising=False)
    assert choose_plotly_js() == PlotlyJs(PARTIAL, TRACES)
    monkeypatch.setenv(FULL_BUNDLE_ENV, "1")
    assert choose_plotly_js() == PlotlyJs(PLOTLY_MIN, None)
    monkeypatch.setenv(FULL_BUNDLE_ENV, "0")
    assert choose_plotly_js().path == PARTIAL
    stale = tmp_path / "plotly-widget.json"  # plotly upgraded, the partial one not rebuilt
    stale.write_text(json.dumps({"plotlyjs": "0.0.1", "traces": ["bar"]}), encoding="utf-8")
    monkeypatch.setattr(bundles, "MANIFEST", stale)
    assert choose_plotly_js() == PlotlyJs(PLOTLY_MIN, None)


# -- the trace types an export draws ------------------------------------------------------------


def test_trace_types_are_found_in_pages_and_data_files() -> None:
    pages = [("m1.html", page(figure("bar"), figure("indicator", None))), ("vide.html", "<p>")]
    course = {"profiles": {"b": {"base": figure("scatterpolar"), "labels": {}}}, "data": [1]}
    indices = {"bases": {"map": figure("choropleth", "scattergeo")}, "pool": [], "selections": {}}
    assert trace_types(pages, {"course": course}, indices) == {
        "bar": {"m1.html"},
        "indicator": {"m1.html"},
        "scatter": {"m1.html"},  # no type: plotly.js draws a scatter
        "scatterpolar": {"assets/data/course.js"},
        "choropleth": {"assets/data/indices.js (map)"},
        "scattergeo": {"assets/data/indices.js (map)"},
    }


@pytest.mark.parametrize(
    "target",
    [
        figure("bar", "bar"),
        figure("bar", "heatmap"),  # one trace's type
        figure("bar", None),  # its type removed
        figure("bar", "bar", "pie"),  # another number of traces: the whole data list
        {"data": [{"type": "heatmap", "z": LONG}, {"type": "bar"}], "layout": {}},
        {"data": [{"type": "sankey"}]},  # no layout
    ],
)
def test_the_types_of_a_patched_figure_are_those_of_the_figure(target: dict[str, Any]) -> None:
    base = figure("bar", "bar")
    pool = Pool()
    patch = pool.pooled(diff(base, target))
    assert figure_types(apply_patch(base, patch, pool.values)) == figure_types(target)
    assert patched_types(figure_types(base), patch, pool.values) == figure_types(target)


def test_whole_figures_and_traces_replaced_by_a_patch() -> None:
    """Patches that :func:`diff` does not make today, but :func:`apply_patch` would apply."""
    assert patched_types(["bar"], [[[], {"$p": 0}]], [figure("pie", None)]) == ["pie", "scatter"]
    assert patched_types(["bar", "bar"], [[["data", 1], {"type": "sankey"}]], []) == [
        "bar",
        "sankey",
    ]
    assert patched_types(["bar"], [[["layout", "title"], "x"], [["data", 0, "x"], [1]]], []) == [
        "bar"
    ]


def test_the_explorer_types_are_those_of_every_rebuilt_selection(exported: Path) -> None:
    payload = data_file(exported / "assets" / "data" / "indices.js")
    expected: dict[str, set[str]] = {}
    for view, base in payload["bases"].items():
        for kind in figure_types(base):
            expected.setdefault(kind, set()).add(view)
    for key, selection in payload["selections"].items():
        base = payload["bases"][key.split("|")[0]]
        rebuilt = apply_patch(base, selection["patch"], payload["pool"])
        for kind in figure_types(rebuilt):
            expected.setdefault(kind, set()).add(key)
    assert indices_trace_types(payload) == expected
    assert set(expected) == {"scatterpolar", "choropleth", "scattergeo", "bar"}


def test_a_type_the_partial_plotly_js_lacks_stops_the_check() -> None:
    used = trace_types([("m1.html", page(figure("bar", "heatmap")))], {}, {})
    with pytest.raises(ExportError) as raised:
        check_trace_types(PlotlyJs(PARTIAL, TRACES), used)
    message = raised.value.message_fr()
    assert (
        f"- «{NBSP}heatmap{NBSP}»{NBSP}: m1.html" in message and f"«{NBSP}bar{NBSP}»" not in message
    )
    assert "tools/plotly-widget/src/plotly-base.js" in message
    assert "Rien n'a été écrit" in message
    check_trace_types(PlotlyJs(PLOTLY_MIN, None), used)  # plotly's full one draws them all
    check_trace_types(PlotlyJs(PARTIAL, TRACES), {"bar": {"m1.html"}})


def test_an_export_with_a_figure_the_bundle_cannot_draw_fails_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The barometer's indicator figures (module 1 and its dashboard), without ``indicator``."""
    lacking = PlotlyJs(PARTIAL, TRACES - {"indicator"})
    monkeypatch.setattr(export_build, "choose_plotly_js", lambda: lacking)
    out = tmp_path / "hors-ligne"
    with pytest.raises(ExportError) as raised:
        build_export(out)
    assert (
        f"- «{NBSP}indicator{NBSP}»{NBSP}: barometre_partenariats.html, m1_etat_des_lieux.html"
        in str(raised.value)
    )
    assert list(tmp_path.iterdir()) == []


# -- in Chromium --------------------------------------------------------------------------------

# Per figure: each trace's type as given and as plotly.js read it (an unknown type becomes a
# scatter), whether it found a module, whether the trace's SVG group exists, and the texts.
DRAW = """async (figures) => {
  const out = {};
  for (const [name, figure] of Object.entries(figures)) {
    const gd = document.createElement('div');
    document.body.appendChild(gd);
    await Plotly.newPlot(gd, figure.data, figure.layout, {responsive: true});
    await Plotly.react(gd, figure.data, figure.layout, {responsive: true});
    const drawn = new Set([...gd.querySelectorAll('g.trace')].map(
      (g) => g.__data__ && g.__data__[0] && g.__data__[0].trace && g.__data__[0].trace.index));
    out[name] = {
      given: gd.data.map((t) => t.type || 'scatter'),
      read: gd._fullData.map((t) => t.type),
      modules: gd._fullData.every((t) => Boolean(t._module)),
      drawn: gd._fullData.every((t, i) => t.visible !== true || drawn.has(i)),
      texts: [...gd.querySelectorAll('.main-svg text')].map((t) => t.textContent),
      paths: gd.querySelectorAll('.main-svg path').length,
    };
  }
  return {version: Plotly.version, globals: [typeof Plotly, window.moduleName === Plotly], out};
}"""


@pytest.mark.browser
def test_the_partial_plotly_js_draws_every_builder_figure_as_plotly_min_js(
    browser: Any, tmp_path: Path
) -> None:
    """Loaded from ``file://`` with a classic script tag, as the exported pages load it."""
    from tests.host.test_plotly_bundle import builder_figures

    figures = {name: json.loads(fig.to_json()) for name, fig in builder_figures().items()}
    results = {}
    for name, source in {"partial": PARTIAL, "full": PLOTLY_MIN}.items():
        (tmp_path / f"{name}.js").write_bytes(source.read_bytes())
        html = tmp_path / f"{name}.html"
        html.write_text(
            f'<!DOCTYPE html><html><body><script src="{name}.js"></script></body></html>',
            encoding="utf-8",
        )
        context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="fr-FR")
        context.set_offline(True)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("console", lambda m, errors=errors: errors.append(m.text))
        tab.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        tab.goto(html.as_uri(), wait_until="load")
        results[name] = tab.evaluate(DRAW, figures)
        context.close()
        assert errors == [], (name, errors)
    partial, full = results["partial"], results["full"]
    assert partial["version"] == full["version"] == get_plotlyjs_version()
    assert partial["globals"] == full["globals"]  # plotly's wrapper, quirks included
    assert {t for row in partial["out"].values() for t in row["given"]} <= TRACES
    for name, row in partial["out"].items():
        assert row["read"] == row["given"] and row["modules"] and row["drawn"], (name, row)
        assert row["texts"] == full["out"][name]["texts"], name
        assert row["paths"] == full["out"][name]["paths"], name
