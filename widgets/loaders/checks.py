"""Our own checks of ``data/``, beside Frictionless's: boundaries and quoted sentences.

Frictionless checks each table against its schema; what it cannot know is checked here: one
polygon per metropolitan region in the boundaries, and every quoted figure's sentence standing
in its source document.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from widgets.errors import Problem
from widgets.regions import REGION_CODES


def geojson_problems(path: Path, name: str) -> list[Problem]:
    """The boundaries must be a FeatureCollection with one polygon per metropolitan region."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [Problem(name, "encoding-error")]
    except json.JSONDecodeError as exc:
        return [Problem(name, "json-error", row=exc.lineno, value=exc.msg)]
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        return [Problem(name, "geometry-error", item="features", expected="une FeatureCollection")]
    problems: list[Problem] = []
    seen: list[str] = []
    for i, feature in enumerate(features):
        props = feature.get("properties") or {} if isinstance(feature, dict) else {}
        code = str(props.get("code", ""))
        if code not in REGION_CODES:
            problems.append(
                Problem(
                    name,
                    "unknown-region",
                    item=f"features[{i}].properties.code",
                    value=code,
                    expected="un code INSEE de région métropolitaine",
                )
            )
        seen.append(code)
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in {
            "Polygon",
            "MultiPolygon",
        }:
            problems.append(
                Problem(
                    name,
                    "geometry-error",
                    item=f"features[{i}].geometry",
                    expected="un Polygon ou un MultiPolygon",
                )
            )
    for code in REGION_CODES:
        if code not in seen:
            problems.append(
                Problem(
                    name,
                    "geometry-error",
                    item=f"région {code}",
                    expected="un contour pour chaque région",
                )
            )
    return problems


QUOTED_TABLES = ("seed_figures.csv", "cases.csv")
"""Tables whose ``quote`` column must stand, word for word, in ``sources/<source_document>``."""


def quote_problems(data_dir: Path, table: str = "seed_figures.csv") -> list[Problem]:
    """Each row's quoted sentence (``quote``) must stand in its source document.

    Spaces and line breaks are collapsed on both sides, so a sentence split over two lines of
    the source (slides turned into text) is still found.
    """
    import csv

    problems: list[Problem] = []
    sources: dict[str, str] = {}
    with (data_dir / table).open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            doc = row.get("source_document") or ""
            if doc not in sources:
                source_path = data_dir / "sources" / doc
                sources[doc] = (
                    _collapse(source_path.read_text(encoding="utf-8"))
                    if source_path.is_file()
                    else ""
                )
            quote = _collapse(row.get("quote") or "")
            if not quote or quote not in sources[doc]:
                problems.append(
                    Problem(
                        table,
                        "quote-not-found",
                        row=line,
                        column="quote",
                        value=row.get("quote"),
                        expected=f"une phrase exacte de sources/{doc}",
                    )
                )
    return problems


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
