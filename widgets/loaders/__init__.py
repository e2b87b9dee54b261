"""Loading and validating ``data/``: the only way notebooks and dashboards read data.

Every dataset has one loader whose docstring names its source; every loader first validates
the files it reads (strict reads, Frictionless schemas, our own checks:
:mod:`widgets.loaders.validation`) and raises :class:`widgets.errors.DataError` naming file,
line and column when something is wrong. What ``parcours validate`` accepts, every reader
reads (``tests/loaders/test_contract.py``).

Core: imports ``banks``, ``errors``, ``config``; never figures, scoring or an edition.
"""

from widgets.loaders.cases import Case, load_cases
from widgets.loaders.datasets import (
    IndicatorData,
    load_indicator_data,
    load_regions_geojson,
    load_seed_figures,
    seed_figure,
)
from widgets.loaders.validation import ValidationReport, ensure_valid, validate_data_dir

__all__ = [
    "Case",
    "IndicatorData",
    "ValidationReport",
    "ensure_valid",
    "load_cases",
    "load_indicator_data",
    "load_regions_geojson",
    "load_seed_figures",
    "seed_figure",
    "validate_data_dir",
]
