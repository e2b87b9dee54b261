"""Every reader of ``data/`` the product has, run on one data folder (for the contract tests).

The loaders, the explorer's model and its three figures, the barometer, the quoted figures'
sentences, the case cards, the source titles and the banks: what the notebooks, the
dashboards and ``parcours export`` read. A reader may raise :class:`DataError`; anything else
is a broken contract.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

READERS: dict[str, tuple[str, ...]] = {
    "indicators": ("indicators.csv", "regions_indicators.csv", "regions.geojson"),
    "figures": ("seed_figures.csv",),
    "cases": ("cases.csv",),
    "titles": ("datapackage.json",),
    "banks": ("banks/",),
}
"""Reader → the files it reads (a prefix for a folder)."""


@contextmanager
def data_dir_set(data_dir: Path) -> Iterator[None]:
    """``PARCOURS_DATA_DIR`` pointing at ``data_dir`` (readers without a folder argument)."""
    before = os.environ.get("PARCOURS_DATA_DIR")
    os.environ["PARCOURS_DATA_DIR"] = str(data_dir)
    try:
        yield
    finally:
        if before is None:
            del os.environ["PARCOURS_DATA_DIR"]
        else:
            os.environ["PARCOURS_DATA_DIR"] = before


def read_indicators(data_dir: Path, *, every_indicator: bool = True) -> None:
    """The explorer on ``data_dir``: radars of the first and last regions, and the map and the
    ranking of every indicator (of the first two with ``every_indicator=False``, to keep the
    property tests quick: the model itself normalises every indicator either way)."""
    from widgets.figures.explorer import ExplorerModel, alt_html
    from widgets.loaders import load_indicator_data, load_regions_geojson

    data = load_indicator_data(data_dir)
    model = ExplorerModel(data, geojson=load_regions_geojson(data_dir))
    controls = model.controls()
    regions = [code for _, code in controls["regions"]]
    indicators = [code for _, code in controls["indicators"]]
    for region in (regions[0], regions[-1]):
        figure = model.figure("radar", region, regions[1], indicators[0])
        alt_html(figure)
        figure.to_json()
        model.status("radar", region, indicators[0])
    for indicator in indicators if every_indicator else indicators[:2]:
        for view in ("map", "ranking"):
            model.figure(view, regions[0], None, indicator).to_json()
            model.status(view, regions[0], indicator)


def read_figures(data_dir: Path) -> None:
    from widgets.figures.barometer import barometer_figures
    from widgets.loaders import load_seed_figures
    from widgets.quotes import figure_sentence

    figures = load_seed_figures(data_dir)
    for figure_id in figures.index:
        figure_sentence(str(figure_id), figures)
    for figure in barometer_figures(figures).values():
        figure.to_json()


def read_cases(data_dir: Path) -> None:
    from widgets.loaders import load_cases
    from widgets.loaders.sources import source_titles
    from widgets.templates.cases import case_cards_html

    with data_dir_set(data_dir):
        case_cards_html(load_cases(data_dir=data_dir), source_titles())


def read_titles(data_dir: Path) -> None:
    from widgets.loaders.sources import source_titles

    with data_dir_set(data_dir):
        source_titles()


def read_banks(data_dir: Path) -> None:
    from widgets.banks import load_banks

    load_banks(data_dir / "banks")


READ: dict[str, Callable[[Path], None]] = {
    "indicators": read_indicators,
    "figures": read_figures,
    "cases": read_cases,
    "titles": read_titles,
    "banks": read_banks,
}


def readers_of(name: str) -> list[str]:
    """The readers that read file ``name`` (all of them for the descriptor)."""
    if name == "datapackage.json":
        return list(READ)
    return [r for r, files in READERS.items() if any(name.startswith(f) for f in files)]
