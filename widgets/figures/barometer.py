"""Module 1 « baromètre des partenariats »: the Observatoire's national figures, three screens.

Every number comes from the seed-figures table (``figure_id, value, unit, label_fr, module,
source_document, quote``), never from this file: the code only knows which ``figure_id`` goes on
which screen and how to word the axis. Practices and geographic scope are *multiple-answer*
questions, so their bars do not add up to 100 %; each figure says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from widgets.errors import DataError, Problem
from widgets.figures.theme import COLORS, apply_theme, caption, plain
from widgets.french import NBSP, format_number, format_value

#: Default caption label of each seed document (the file name is what the table carries).
SOURCE_LABELS: dict[str, str] = {
    "001_52d11ce732393435.txt": "Le RAMEAU, Observatoire des partenariats (doc. 001)",
}

PRACTICES: dict[str, str] = {
    "pratiques_responsables_pct": "Pratiques responsables",
    "mecenat_pct": "Mécénat",
    "cooperation_economique_pct": "Coopération économique",
    "innovation_societale_pct": "Innovation sociétale",
}
SCOPES: dict[str, str] = {
    "perimetre_local_pct": "Local",
    "perimetre_regional_pct": "Régional",
    "perimetre_national_pct": "National",
    "perimetre_international_pct": "International",
}
MULTIPLE_ANSWERS = f"Réponses multiples{NBSP}: le total dépasse 100{NBSP}%."

BAR_HEIGHT = 640
"""px. Set, not left to the container: a widget's container has no height of its own, and a
figure sized from it kept its title and caption margins with a plot squeezed to a line."""
GRID_HEIGHT = 860


#: The heading of each barometer screen, by the key of :func:`barometer_figures`.
BAROMETER_TITLES = {
    "pratiques": "Ce que font les entreprises de plus de 10 salariés avec les associations",
    "perimetre": "À quelle échelle se nouent les partenariats",
    "dynamique": "Une dynamique qui progresse",
}


def source_label(document: str, labels: Mapping[str, str] | None = None) -> str:
    """Caption label of a seed document; unknown documents are named by their number."""
    known = {**SOURCE_LABELS, **(labels or {})}
    if document in known:
        return known[document]
    number = document.split("_", 1)[0]
    return f"Le RAMEAU (doc. {number})" if number.isdigit() else document


def _table(figures: pd.DataFrame) -> pd.DataFrame:
    table = figures.set_index("figure_id") if "figure_id" in figures.columns else figures
    table = table.copy()
    table.index = table.index.astype(str)
    return table


def _require(table: pd.DataFrame, ids: Sequence[str]) -> None:
    """Each figure drawn must be in the table (``parcours validate`` checks the same list,
    :data:`widgets.loaders.checks.REQUIRED_FIGURES`)."""
    absent = [i for i in ids if i not in table.index]
    if absent:
        raise DataError(
            [Problem("seed_figures.csv", "missing-item", item=figure_id) for figure_id in absent]
        )


def _value(table: pd.DataFrame, figure_id: str) -> float:
    return float(table.loc[figure_id, "value"])


def _source_line(table: pd.DataFrame, ids: Sequence[str], labels: Mapping[str, str] | None) -> str:
    documents = list(dict.fromkeys(str(table.loc[i, "source_document"]) for i in ids))
    names = [source_label(doc, labels) for doc in documents]
    return (f"Source{NBSP}: " if len(names) == 1 else f"Sources{NBSP}: ") + f"{NBSP}; ".join(names)


def _percent(value: float) -> str:
    return format_value(value, "%")


def _quantity(value: float) -> str:
    """« 1,2 million », « 675 000 »: how the source itself writes these counts."""
    if value >= 1_000_000:
        millions = value / 1_000_000
        return f"{format_number(millions)}{NBSP}million" + ("s" if millions >= 2 else "")
    return format_number(value, 0)


def _bars(
    table: pd.DataFrame, categories: Mapping[str, str], title: str, subtitle: str
) -> go.Figure:
    ids = list(categories)
    values = [_value(table, i) for i in ids]
    fig = go.Figure(
        go.Bar(
            x=list(categories.values()),
            y=values,
            text=[_percent(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            marker={"color": COLORS["bar"]},
            hovertext=[
                f"<b>{plain(label)}</b><br>{_percent(value)}"
                for label, value in zip(table.loc[ids, "label_fr"], values, strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    apply_theme(fig)
    fig.update_layout(
        title={"text": title, "subtitle": {"text": subtitle}},
        yaxis={"range": [0, 100], "ticksuffix": f"{NBSP}%"},
        xaxis={"tickfont": {"size": 24}},
        bargap=0.35,
        height=BAR_HEIGHT,
    )
    return fig


def _meta(kind: str, source: str, ids: Sequence[str], table: pd.DataFrame, **extra: Any) -> dict:
    return {
        "kind": "barometer",
        "panel": kind,
        "source": source,
        "year": None,  # the seed documents do not date these survey figures
        "figure_ids": list(ids),
        "values": [_value(table, i) for i in ids],
        **extra,
    }


def practices_figure(
    figures: pd.DataFrame, source_labels: Mapping[str, str] | None = None
) -> go.Figure:
    """Practices of the partnerships of companies with more than 10 employees."""
    table = _table(figures)
    ids = [*PRACTICES, "partenariats_entreprises_10_salaries", "partenariats_total", "tpe_part_pct"]
    _require(table, ids)
    count = _quantity(_value(table, "partenariats_entreprises_10_salaries"))
    total = _quantity(_value(table, "partenariats_total"))
    tpe = _percent(_value(table, "tpe_part_pct"))
    fig = _bars(
        table,
        PRACTICES,
        f"Plus de {count} partenariats concernent les entreprises de plus de 10 salariés",
        f"Part de ces entreprises selon leurs pratiques partenariales (sur {total} de "
        f"partenariats associations–entreprises) · {MULTIPLE_ANSWERS}",
    )
    source = _source_line(table, ids, source_labels)
    caption(
        fig,
        f"{source}.\nLes TPE, «{NBSP}représentant les {tpe} restant{NBSP}» selon la source, "
        f"pratiquent surtout le mécénat de proximité{NBSP}; avec plus de "
        f"{count} partenariats sur {total} pour les entreprises de plus de 10 salariés, "
        "il en reste moins de la moitié.",
        offset=90,
    )
    fig.update_layout(
        meta=_meta(
            "pratiques",
            source,
            list(PRACTICES),
            table,
            labels=list(PRACTICES.values()),
            count=count,
            total=total,
            multiple_answers=True,
        )
    )
    return fig


def scope_figure(
    figures: pd.DataFrame, source_labels: Mapping[str, str] | None = None
) -> go.Figure:
    """Geographic scope of the partnerships (local, regional, national, international)."""
    table = _table(figures)
    ids = list(SCOPES)
    _require(table, ids)
    fig = _bars(
        table,
        SCOPES,
        "Des partenariats d'abord locaux",
        f"Part des partenariats selon leur périmètre géographique · {MULTIPLE_ANSWERS}",
    )
    source = _source_line(table, ids, source_labels)
    caption(fig, f"{source}.", offset=90)
    fig.update_layout(
        meta=_meta(
            "perimetre", source, ids, table, labels=list(SCOPES.values()), multiple_answers=True
        )
    )
    return fig


#: The four tiles: figure_id, prefix, suffix, and the words under the number (``{…}`` are
#: filled from other figures of the table, never typed here).
_DYNAMICS: tuple[tuple[str, str, str, str], ...] = (
    ("associations_employeuses_partenariats_pct", "", f"{NBSP}%",
     "des associations employeuses ont des partenariats"
     "<br><b>+{associations_hausse_points} points depuis 2011</b>"),
    ("entreprises_hausse_taux_points", "+", f"{NBSP}points",
     "hausse du taux de présence des partenariats<br>dans les entreprises <b>en 5 ans</b>"),
    ("maires_dynamique_pct", "", f"{NBSP}%",
     f"des maires{NBSP}: leur territoire a initié<br>une dynamique de co-construction"),
    ("maires_emergente_pct", "", f"{NBSP}%",
     f"des maires{NBSP}: une dynamique qui émerge<br>"
     "tout juste (compris dans les {maires_dynamique_pct})"),
)  # fmt: skip


def dynamics_figure(
    figures: pd.DataFrame, source_labels: Mapping[str, str] | None = None
) -> go.Figure:
    """The rates that show a growing movement: associations, companies, mayors (four tiles)."""
    table = _table(figures)
    ids = [row[0] for row in _DYNAMICS] + ["associations_hausse_points"]
    _require(table, ids)
    words = {
        "associations_hausse_points": format_number(_value(table, "associations_hausse_points")),
        "maires_dynamique_pct": _percent(_value(table, "maires_dynamique_pct")),
    }
    fig = go.Figure()
    for position, (figure_id, prefix, suffix, title) in enumerate(_DYNAMICS):
        value = _value(table, figure_id)
        fig.add_trace(
            go.Indicator(
                mode="number",
                value=value,
                number={
                    "prefix": prefix,
                    "suffix": suffix,
                    "valueformat": ",.1~f",
                    "font": {"color": COLORS["bar"], "size": 96},
                },
                title={"text": title.format(**words)},
                domain={"row": position // 2, "column": position % 2},
                name=figure_id,
            )
        )
    apply_theme(fig)
    fig.update_layout(
        grid={"rows": 2, "columns": 2, "pattern": "independent", "ygap": 0.15},
        height=GRID_HEIGHT,
        title={
            "text": "Une dynamique de co-construction qui s'affirme",
            "subtitle": {"text": "Associations, entreprises et maires"},
        },
    )
    source = _source_line(table, ids, source_labels)
    caption(fig, f"{source}.", offset=10)
    texts = [
        f"{prefix}{format_number(_value(table, i))}{suffix}" for i, prefix, suffix, _ in _DYNAMICS
    ]
    fig.update_layout(
        meta=_meta(
            "dynamique",
            source,
            [r[0] for r in _DYNAMICS],
            table,
            texts=texts,
            change_points=_value(table, "associations_hausse_points"),
        )
    )
    return fig


def barometer_figures(
    figures: pd.DataFrame, source_labels: Mapping[str, str] | None = None
) -> dict[str, go.Figure]:
    """The three screens of the barometer: ``pratiques``, ``perimetre``, ``dynamique``.

    ``source_labels`` maps a ``source_document`` to the words of its caption; it extends
    :data:`SOURCE_LABELS`. Raises :class:`DataError` naming any ``figure_id`` the table lacks.
    """
    return {
        "pratiques": practices_figure(figures, source_labels),
        "perimetre": scope_figure(figures, source_labels),
        "dynamique": dynamics_figure(figures, source_labels),
    }
