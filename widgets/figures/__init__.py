"""Pure figure builders: scores and tables in, ``plotly.graph_objects.Figure`` out.

No file is read and no widget is created here; the ``ui`` layer wraps these figures in
``FigureWidget`` and updates them in place (see :func:`apply_radar_selection`). Every figure
carries ``layout.meta`` (``kind``, ``source``, ``year`` and what it shows), from which
:func:`describe` writes the one-sentence French text alternative read by screen readers and
printed under figures in the offline course.

Core: imports ``scoring``, ``room``, ``loaders``, ``french`` and ``templates``; never an edition.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from widgets.figures.barometer import barometer_figures
from widgets.figures.choropleth import choropleth_figure
from widgets.figures.radar import (
    apply_radar_selection,
    radar_figure,
    radar_layout_updates,
    radar_trace_updates,
)
from widgets.figures.ranking import ranking_figure
from widgets.figures.theme import TEMPLATE, apply_theme, caption
from widgets.french import NBSP, format_value, join_fr

__all__ = [
    "TEMPLATE",
    "apply_radar_selection",
    "apply_theme",
    "barometer_figures",
    "caption",
    "choropleth_figure",
    "describe",
    "radar_figure",
    "radar_layout_updates",
    "radar_trace_updates",
    "ranking_figure",
]


def _meta(fig: go.Figure | Mapping[str, Any]) -> dict[str, Any]:
    meta = fig.get("layout", {}).get("meta") if isinstance(fig, Mapping) else fig.layout.meta
    if not isinstance(meta, Mapping) or "kind" not in meta:
        raise ValueError("figure has no parcours layout.meta: it was not built by widgets.figures")
    return dict(meta)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def _years(meta: Mapping[str, Any]) -> str:
    year = meta.get("year")
    if not year:
        return ""
    text = str(year)
    return (
        f"{NBSP}; données de {text.replace('–', ' à ')}"
        if "–" in text
        else f"{NBSP}; données {text}"
    )


def _describe_radar(meta: Mapping[str, Any]) -> str:
    others = []
    if meta.get("national"):
        others.append("à la France métropolitaine")
    if meta.get("compare_name"):
        others.append(f"à la région {meta['compare_name']}")
    compared = f" comparé {join_fr(others)}" if others else ""
    text = (
        f"Radar de fragilité{NBSP}: {meta['region_name']}{compared} sur {meta['n_indicators']} "
        "indicateurs, de 0 (région la plus favorable) à 10 (la plus critique)"
    )
    critical = meta.get("most_critical") or []
    if critical:
        text += f"{NBSP}; score maximal pour {join_fr(critical)}"
    n_missing = sum(len(v) for v in (meta.get("missing") or {}).values())
    if n_missing:
        text += f"{NBSP}; {_plural(n_missing, 'donnée')} manquante{'s' if n_missing > 1 else ''}"
    return text + _years(meta) + "."


def _describe_single(meta: Mapping[str, Any]) -> str:
    if meta["kind"] == "ranking":
        text = f"Classement des régions pour «{NBSP}{meta['label']}{NBSP}»"
        names, texts = meta.get("names") or [], meta.get("value_texts") or []
        if names:
            text += (
                f"{NBSP}: la plus fragile est {names[0]} ({texts[0]}), "
                f"la moins fragile {names[-1]} ({texts[-1]})"
            )
    else:
        text = f"Carte des régions pour «{NBSP}{meta['label']}{NBSP}»"
        most, least = meta.get("most_fragile"), meta.get("least_fragile")
        if most and least:
            text += (
                f"{NBSP}: teinte la plus foncée (plus fragile) pour {most[0]} ({most[1]}), "
                f"la plus claire pour {least[0]} ({least[1]})"
            )
    if meta.get("national_text"):
        text += f"{NBSP}; France métropolitaine{NBSP}: {meta['national_text']}"
    missing = meta.get("missing") or []
    if missing:
        text += f"{NBSP}; {_plural(len(missing), 'région')} sans donnée"
    return text + _years(meta) + "."


def _describe_barometer(meta: Mapping[str, Any]) -> str:
    panel = meta.get("panel")
    if panel == "dynamique":
        texts = meta.get("texts") or []
        return (
            f"Baromètre des partenariats{NBSP}: "
            f"{texts[0]} des associations employeuses ont des partenariats, "
            f"{texts[1]} de taux de présence des partenariats dans les entreprises en 5 ans, "
            f"{texts[2]} des maires voient une dynamique de co-construction, "
            f"dont {texts[3]} une dynamique qui émerge tout juste."
        )
    pairs = [
        f"{label.lower()} {format_value(value, '%')}"
        for label, value in zip(meta.get("labels") or [], meta.get("values") or [], strict=True)
    ]
    if panel == "pratiques":
        head = (
            "pratiques partenariales des entreprises de plus de 10 salariés "
            f"(plus de {meta.get('count')} partenariats{NBSP}; parts d'entreprises)"
        )
    else:
        head = "périmètre géographique des partenariats"
    return f"Baromètre des partenariats{NBSP}: {head} — {join_fr(pairs)} (réponses multiples)."


def describe(fig: go.Figure | Mapping[str, Any]) -> str:
    """One French sentence saying what ``fig`` shows, built from its ``layout.meta``.

    Accepts a figure or its ``to_dict()``. Raises ``ValueError`` for a figure without our meta,
    rather than inventing a description.
    """
    meta = _meta(fig)
    kind = meta["kind"]
    if kind == "radar":
        return _describe_radar(meta)
    if kind in ("ranking", "choropleth"):
        return _describe_single(meta)
    if kind == "barometer":
        return _describe_barometer(meta)
    raise ValueError(f"no description for figures of kind {kind!r}")
