"""``parcours export``: the whole course and its dashboards as a folder that opens anywhere.

The order of work is chosen so that nothing is written before every input is known good:
check ``OUT``, load the banks, the replays and the data (the explorer's selections are the
longest step, about half the time), then render every page into a staging folder, copy the
assets, write the marker, swap the folder in and zip it (:mod:`widgets.offline.target`).

Pages, in reading order (previous / next follow it)::

    index.html                      course/accueil.ipynb, the home with the progress table
    m0_catalyseur.html … m9_….html  the ten modules (widgets.plan.MODULES)
    radar_fragilites.html, …        the dashboards of dashboards/ (not the live audience,
                                    which needs the server: the replays stand in for it)
    webinaire-1.html, …             one per --replay file
    resultats.html                  the learner's results: list, export, import
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from widgets.errors import DataError
from widgets.french import NBSP
from widgets.offline import target
from widgets.offline.facade import Site
from widgets.offline.install import install
from widgets.offline.page import Page
from widgets.offline.plotlyjs import PlotlyJs, check_trace_types, choose_plotly_js, trace_types
from widgets.offline.site import (
    isolated_stores,
    notebook_page_for,
    results_page,
    with_extras,
    write_assets,
    write_pages,
)
from widgets.offline.target import ExportError

SKIPPED_DASHBOARDS = {
    "audience_live.ipynb": (
        f"il a besoin du serveur d'audience en direct{NBSP}; les pages «{NBSP}Ce qu'a répondu "
        f"la salle{NBSP}» "
        "(--replay) en tiennent lieu"
    )
}
"""Dashboards that are not exported at all (the replay pages stand in for the live one)."""
HOME_NOTEBOOK = "accueil.ipynb"


class Progress(Protocol):
    """What the build reports to (a progress bar in the command line)."""

    def start(self, total: int) -> None: ...

    def advance(self, amount: int = 1, description: str | None = None) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, amount: int = 1, description: str | None = None) -> None:
        pass


@dataclass(frozen=True)
class ExportSummary:
    """What was written, for the command's last lines and the benchmark."""

    out: Path
    zip: Path | None
    pages: tuple[str, ...]
    skipped: dict[str, str]
    """Dashboards left out because they need a kernel: notebook name → why (French)."""
    files: int
    bytes: int
    seconds: float


@dataclass
class _Sources:
    notebooks: list[tuple[Path, str]] = field(default_factory=list)
    """(notebook, page file name), in reading order."""
    course_pages: int = 0
    """How many of them are the course (home and modules); dashboards follow."""
    skipped: dict[str, str] = field(default_factory=dict)
    """Dashboards not exported at all, with why (French)."""


def _sources(course_dir: Path, dashboards_dir: Path | None) -> _Sources:
    from widgets.plan import MODULES

    sources = _Sources()
    names = [HOME_NOTEBOOK, *(module.filename for module in MODULES)]
    missing = [name for name in names if not (course_dir / name).is_file()]
    if missing:
        raise ExportError(
            f"Carnets du cours introuvables dans «{NBSP}{course_dir}{NBSP}»{NBSP}: rien n'a "
            "été écrit.",
            missing,
        )
    for name in names:
        page = "index.html" if name == HOME_NOTEBOOK else f"{Path(name).stem}.html"
        sources.notebooks.append((course_dir / name, page))
    sources.course_pages = len(names)
    if dashboards_dir is not None and dashboards_dir.is_dir():
        for path in sorted(dashboards_dir.glob("*.ipynb")):
            if path.name in SKIPPED_DASHBOARDS:
                sources.skipped[path.name] = SKIPPED_DASHBOARDS[path.name]
            else:
                sources.notebooks.append((path, f"{path.stem}.html"))
    return sources


def build_export(
    out: Path,
    *,
    make_zip: bool = True,
    replays: Sequence[Path] = (),
    course_dir: Path | None = None,
    dashboards_dir: Path | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> ExportSummary:
    """Build the offline edition in ``out`` (and ``out.zip``); :class:`ExportError` on failure.

    ``course_dir`` and ``dashboards_dir`` default to ``course/`` and ``dashboards/`` of
    :func:`widgets.config.content_root` (the checkout, or the installed package's copy); the
    data (banks included) is read from the configured data folder. ``force`` writes into an
    ``out`` that holds files no export wrote (they are kept; see :mod:`widgets.offline.target`).
    """
    from widgets import config

    started = time.perf_counter()
    report = progress or _Silent()
    out = Path(out).absolute()
    where = target.check_target(out, with_zip=make_zip, force=force)
    root = config.content_root()
    sources = _sources(course_dir or root / "course", dashboards_dir or root / "dashboards")
    plotly_js = choose_plotly_js()
    banks = _load_banks(config.data_dir())
    loaded = [_load_replay(path, banks) for path in replays]
    explorer = _explorer()

    from widgets.offline.explorer import selection_count

    controls = explorer.controls()
    selections = selection_count(
        len(controls["regions"]), len(controls["comparisons"]), len(controls["indicators"])
    )
    report.start(selections + len(sources.notebooks) + len(loaded) + 2 + int(make_zip))

    staged = target.staging_folder(where)
    try:
        pages, skipped = _write_site(staged, sources, banks, loaded, explorer, plotly_js, report)
        written = target.write_marker(
            staged, {"generated_at": _now_iso(), "pages": list(pages), "zip": make_zip}
        )
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    install(staged, where, written)
    report.advance(1, "Dossier installé")
    archive = None
    if make_zip:
        archive = target.zip_path(out)
        try:
            target.write_zip(where.folder, written, archive, out.name)
        except OSError as exc:
            raise ExportError(
                f"Le dossier «{NBSP}{out}{NBSP}» est complet, mais l'archive "
                f"«{NBSP}{archive}{NBSP}» n'a pas pu "
                f"être écrite ({exc.strerror or exc}){NBSP}: relancez avec --no-zip ou libérez de "
                "la place."
            ) from exc
        report.advance(1, "Archive zip écrite")
    return ExportSummary(
        out=out,
        zip=archive,
        pages=tuple(pages),
        skipped=skipped,
        files=len(written),
        bytes=sum((where.folder / path).stat().st_size for path in written),
        seconds=time.perf_counter() - started,
    )


def _load_banks(data_dir: Path) -> dict[str, Any]:
    from widgets.banks import load_banks

    try:
        return load_banks(data_dir / "banks")
    except DataError as exc:
        raise ExportError(
            f"Banque de questions invalide{NBSP}: rien n'a été écrit. Corrigez-la (parcours "
            "validate "
            "liste les problèmes) puis relancez l'export.",
            [problem.message_fr() for problem in exc.problems],
        ) from exc


def _load_replay(path: Path, banks: dict[str, Any]) -> Any:
    from widgets.room.replay import load_replay

    try:
        return load_replay(path, banks)
    except DataError as exc:
        raise ExportError(
            f"Fichier de rediffusion «{NBSP}{path}{NBSP}» invalide{NBSP}: rien n'a été écrit.",
            [problem.message_fr() for problem in exc.problems],
        ) from exc


def _explorer() -> Any:
    from widgets.figures.explorer import ExplorerModel
    from widgets.loaders import load_indicator_data, load_regions_geojson

    try:  # the boundaries too: the map view of every indicator is drawn
        return ExplorerModel(load_indicator_data(), geojson=load_regions_geojson())
    except DataError as exc:
        raise ExportError(
            f"Données des indicateurs régionaux invalides{NBSP}: rien n'a été écrit.",
            [problem.message_fr() for problem in exc.problems],
        ) from exc


_PAYLOADS: dict[tuple[object, ...], dict[str, Any]] = {}


def indices_payload(explorer: Any, report: Progress) -> dict[str, Any]:
    """The explorer's selections, computed once per state of the data files in a process.

    About half of an export's time; a second export from the same process (a notebook, the
    tests, the benchmark) with unchanged data reuses the first one's.
    """
    from widgets import config
    from widgets.offline.explorer import explorer_payload

    folder = config.data_dir()
    names = ("indicators.csv", "regions_indicators.csv", "regions.geojson", "datapackage.json")
    key = (str(folder.resolve()), *((folder / name).stat().st_mtime_ns for name in names))
    if key not in _PAYLOADS:
        _PAYLOADS.clear()
        _PAYLOADS[key] = explorer_payload(explorer, progress=lambda n: report.advance(n))
    else:
        report.advance(len(_PAYLOADS[key]["selections"]))
    return _PAYLOADS[key]


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _write_site(
    folder: Path,
    sources: _Sources,
    banks: dict[str, Any],
    replays: list[Any],
    explorer: Any,
    plotly_js: PlotlyJs,
    report: Progress,
) -> tuple[list[str], dict[str, str]]:
    """Every page and asset of the export, in ``folder``: the page names in order, and the
    dashboards left out with why. Stops (:class:`ExportError`) if ``plotly_js`` cannot draw
    one of the figures."""
    from widgets.config import learner_pseudonym
    from widgets.loaders.sources import source_titles
    from widgets.offline.course_data import course_payload, data_script
    from widgets.offline.explorer import explorer_controls
    from widgets.offline.replay_page import replay_body, replay_overlay, replay_title
    from widgets.report import format_datetime_fr

    data = folder / "assets" / "data"
    data.mkdir(parents=True)
    pages_map = {path.name: page for path, page in sources.notebooks}
    site = Site(pages=pages_map, explorer_controls=explorer_controls(explorer))
    pages: list[Page] = []
    with isolated_stores():
        for index, (path, filename) in enumerate(sources.notebooks):
            report.advance(0, f"Carnet {path.name}")
            page = notebook_page_for(path, filename, site, dashboard=index >= sources.course_pages)
            if page is None:
                del pages_map[path.name]
            else:
                pages.append(page)
            report.advance(1)

    report.advance(0, f"Explorateur des indicateurs{NBSP}: toutes les sélections")
    indices = indices_payload(explorer, report)
    (data / "indices.js").write_text(data_script("indices", indices), encoding="utf-8")

    overlays = []
    for index, replay in enumerate(replays, start=1):
        bank = banks[replay.bank_id]
        filename = f"webinaire-{index}.html"
        body = replay_body(replay, bank, pages_map)
        title = replay_title(replay, bank)
        pages.append(Page(filename, title, body.html, body.needs, eager_figures=True))
        overlays.append(replay_overlay(replay, bank, filename))
        report.advance(1, f"Rediffusion {index}")
    pages.append(results_page())
    pages[0] = with_extras(pages[0], pages[sources.course_pages :])

    generated = format_datetime_fr(datetime.now(UTC))
    payload = course_payload(
        banks,
        pages_map,
        source_titles(),
        overlays,
        pseudonym=learner_pseudonym(),
        generated_at=_now_iso(),
    )
    (data / "course.js").write_text(data_script("course", payload), encoding="utf-8")
    used = trace_types(((page.filename, page.body) for page in pages), {"course": payload}, indices)
    check_trace_types(plotly_js, used)
    write_pages(folder, pages, sources.course_pages, generated)
    write_assets(folder, plotly_js.path)
    report.advance(1, "Fichiers communs copiés")
    return [page.filename for page in pages], {**sources.skipped, **site.skipped}
