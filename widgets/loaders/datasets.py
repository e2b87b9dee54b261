"""One loader per dataset of ``data/``; each validates its files first.

The frames returned have the shapes the pure modules (:mod:`widgets.scoring`,
:mod:`widgets.figures`) expect, so notebooks never touch a path or a CSV option.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from widgets.config import data_dir as default_data_dir
from widgets.errors import DataError, Problem
from widgets.loaders.validation import ensure_valid

INDICATOR_FILES = ("indicators.csv", "regions_indicators.csv")


@dataclass(frozen=True)
class IndicatorData:
    """Regional fragility indicators and their metadata.

    ``values`` is long (``region_code, region_name, indicator_id, value, unit, year``; ``value``
    is NaN where the source gives none), ``indicators`` is indexed by ``indicator_id``.
    """

    values: pd.DataFrame
    indicators: pd.DataFrame

    def region_names(self) -> dict[str, str]:
        """Region code → French name, metropolitan regions first, France métropolitaine last."""
        pairs = self.values.drop_duplicates("region_code").set_index("region_code")["region_name"]
        ordered = sorted(
            (c for c in pairs.index if c != "FM"), key=lambda c: _sort_key(str(pairs[c]))
        )
        names = {code: str(pairs[code]) for code in ordered}
        if "FM" in pairs.index:
            names["FM"] = "France métropolitaine"
        return names


def _resolve(data_dir: Path | str | None) -> Path:
    return Path(data_dir).resolve() if data_dir is not None else default_data_dir()


def load_indicator_data(data_dir: Path | str | None = None) -> IndicatorData:
    """Regional indicators: INSEE, SSMSI and handidonnees.fr public statistics.

    Sources per indicator are in ``indicators.csv`` (``source_title``, ``source_url``) and
    described in ``DATA_NOTES.md``. These are not the Observatoire des partenariats' own values.
    """
    root = _resolve(data_dir)
    ensure_valid(root, INDICATOR_FILES)
    return _read_indicators(str(root), _mtimes(root, INDICATOR_FILES))


@lru_cache(maxsize=4)
def _read_indicators(root: str, _stamp: tuple[float, ...]) -> IndicatorData:
    base = Path(root)
    indicators = pd.read_csv(
        base / "indicators.csv",
        dtype={"indicator_id": str, "year": "int64", "higher_is_more_fragile": str},
        keep_default_na=False,
    )
    indicators["higher_is_more_fragile"] = indicators["higher_is_more_fragile"].map(
        {"true": True, "false": False}
    )
    indicators = indicators.set_index("indicator_id")
    values = pd.read_csv(
        base / "regions_indicators.csv",
        dtype={"region_code": str, "region_name": str, "indicator_id": str, "unit": str},
        keep_default_na=False,
        na_values={"value": [""]},
    )
    values["value"] = values["value"].astype(float)
    return IndicatorData(values=values, indicators=indicators)


def load_seed_figures(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Figures quoted by the pathway's source documents (Le RAMEAU), with their exact sentence.

    One row per figure: ``figure_id`` (index), ``value``, ``unit``, ``label_fr``, ``module``,
    ``source_document`` (a file of ``data/sources/``) and ``quote``.
    """
    root = _resolve(data_dir)
    ensure_valid(root, ("seed_figures.csv",))
    return _read_seed_figures(str(root), _mtimes(root, ("seed_figures.csv",))).copy()


@lru_cache(maxsize=4)
def _read_seed_figures(root: str, _stamp: tuple[float, ...]) -> pd.DataFrame:
    frame = pd.read_csv(
        Path(root) / "seed_figures.csv",
        dtype={"figure_id": str, "unit": str, "module": "int64"},
        keep_default_na=False,
    )
    frame["value"] = frame["value"].astype(float)
    return frame.set_index("figure_id", drop=False)


def seed_figure(figure_id: str, data_dir: Path | str | None = None) -> pd.Series:
    """One quoted figure by id; an unknown id is a :class:`DataError`, not a KeyError."""
    figures = load_seed_figures(data_dir)
    if figure_id not in figures.index:
        raise DataError([Problem("seed_figures.csv", "unknown-item", item=figure_id)])
    return figures.loc[figure_id]


def load_regions_geojson(data_dir: Path | str | None = None) -> dict[str, Any]:
    """Simplified boundaries of the 13 regions: IGN Admin Express / INSEE COG 2018 (Etalab)."""
    root = _resolve(data_dir)
    ensure_valid(root, ("regions.geojson",))
    return _read_geojson(str(root), _mtimes(root, ("regions.geojson",)))


@lru_cache(maxsize=2)
def _read_geojson(root: str, _stamp: tuple[float, ...]) -> dict[str, Any]:
    return json.loads((Path(root) / "regions.geojson").read_text(encoding="utf-8"))


def _mtimes(root: Path, names: tuple[str, ...]) -> tuple[float, ...]:
    """What tells two versions of the files apart without reading them: a file rewritten
    within the clock's resolution keeps its time, not always its size or inode."""
    stamps: list[float] = []
    for name in names:
        info = (root / name).stat()
        stamps += [info.st_mtime_ns, info.st_size, info.st_ino]
    return tuple(stamps)


def _sort_key(name: str) -> str:
    """Alphabetical order a French reader expects: « Île-de-France » between H and N."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
