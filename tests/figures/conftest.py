"""Real data for the figure tests (read here: the builders themselves never read files)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from widgets.scoring.indices import normalise_all

DATA = Path(__file__).resolve().parents[2] / "data"
DOC_001 = "001_52d11ce732393435.txt"

#: Module 1 figures as the seed-figures table gives them (values from 001_52d11ce732393435.txt).
SEED_FIGURES: dict[str, tuple[float, str]] = {
    "partenariats_total": (1_200_000, "partenariats"),
    "partenariats_entreprises_10_salaries": (675_000, "partenariats"),
    "pratiques_responsables_pct": (42, "%"),
    "mecenat_pct": (30, "%"),
    "cooperation_economique_pct": (25, "%"),
    "innovation_societale_pct": (16, "%"),
    "tpe_part_pct": (50, "%"),
    "perimetre_local_pct": (74, "%"),
    "perimetre_regional_pct": (51, "%"),
    "perimetre_national_pct": (25, "%"),
    "perimetre_international_pct": (16, "%"),
    "entreprises_hausse_taux_points": (8.5, "points"),
    "associations_employeuses_partenariats_pct": (53, "%"),
    "associations_hausse_points": (7, "points"),
    "maires_dynamique_pct": (76, "%"),
    "maires_emergente_pct": (46, "%"),
}


@pytest.fixture(scope="session")
def values() -> pd.DataFrame:
    return pd.read_csv(DATA / "regions_indicators.csv", dtype={"region_code": str})


@pytest.fixture(scope="session")
def indicators() -> pd.DataFrame:
    return pd.read_csv(DATA / "indicators.csv")


@pytest.fixture(scope="session")
def geojson() -> dict[str, Any]:
    return json.loads((DATA / "regions.geojson").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def scores(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    return normalise_all(values, indicators)


@pytest.fixture
def seed_figures() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "figure_id": list(SEED_FIGURES),
            "value": [v for v, _ in SEED_FIGURES.values()],
            "unit": [u for _, u in SEED_FIGURES.values()],
            "label_fr": [f"Libellé de {k}" for k in SEED_FIGURES],
            "module": 1,
            "source_document": DOC_001,
            "quote": "",
        }
    )


def without(values: pd.DataFrame, region_code: str, indicator_id: str) -> pd.DataFrame:
    """The values with one cell emptied (the row stays, its value becomes NaN)."""
    out = values.copy()
    mask = (out["region_code"] == region_code) & (out["indicator_id"] == indicator_id)
    out.loc[mask, "value"] = float("nan")
    return out
