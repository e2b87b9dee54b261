"""Our own check of ``data/`` beside Frictionless's: quoted sentences stand in their sources.

Frictionless checks each table against its schema; what it cannot know is checked here: every
quoted figure's (and case's) sentence standing in its source document. The boundaries are
checked with the other strict reads in :mod:`widgets.loaders.strict`.
"""

from __future__ import annotations

import re
from pathlib import Path

from widgets.errors import Problem

REQUIRED_FIGURES: dict[str, tuple[str, ...]] = {
    "seed_figures.csv": (
        "pratiques_responsables_pct", "mecenat_pct", "cooperation_economique_pct",
        "innovation_societale_pct", "partenariats_entreprises_10_salaries", "partenariats_total",
        "tpe_part_pct", "perimetre_local_pct", "perimetre_regional_pct", "perimetre_national_pct",
        "perimetre_international_pct", "associations_employeuses_partenariats_pct",
        "entreprises_hausse_taux_points", "maires_dynamique_pct", "maires_emergente_pct",
        "associations_hausse_points",
    ),
}  # fmt: skip
"""Rows the product draws whatever the notebooks say: the barometer's figures
(:mod:`widgets.figures.barometer`, which checks it draws no other)."""


def required_problems(data_dir: Path, table: str) -> list[Problem]:
    """Each row the product needs (:data:`REQUIRED_FIGURES`) is in ``table``."""
    import csv

    wanted = REQUIRED_FIGURES.get(table, ())
    if not wanted:
        return []
    with (data_dir / table).open(encoding="utf-8", newline="") as handle:
        present = {row.get("figure_id") for row in csv.DictReader(handle)}
    return [
        Problem(table, "missing-item", item=figure_id, expected="une ligne pour ce chiffre")
        for figure_id in wanted
        if figure_id not in present
    ]


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
