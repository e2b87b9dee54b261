"""Radar of regional fragility: one region's 0–10 scores, France métropolitaine, a comparison.

Scores come from :func:`widgets.scoring.indices.normalise_all`, computed once. The figure has
three traces in a fixed order (:data:`TRACE_ROLES`) whose data change with the selection while
their style never does. :func:`radar_trace_updates` and :func:`radar_layout_updates` compute
what a selection changes; :func:`apply_radar_selection` assigns it, inside ``batch_update`` so a
``FigureWidget`` redraws once; :func:`radar_figure` is a blank figure plus that same call. One
code path, whether the figure is built fresh or updated in place.

Missing values are ``None`` in ``r``: plotly leaves a gap (``connectgaps=False``) instead of
drawing a 0 that would read as "the most favourable region".
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from widgets.figures.theme import (
    LINE_STYLES,
    apply_theme,
    apply_updates,
    caption_annotation,
    caption_margin,
    plain,
    wrap_text,
)
from widgets.french import (
    NBSP,
    decimals_for,
    format_number,
    format_value,
    format_years,
    join_fr,
    producer,
    year_span,
)
from widgets.scoring.indices import (
    NATIONAL_CODE,
    REASON_ALL_EQUAL,
    REASON_NO_DATA,
    REGION_CODES,
    SCALE_MAX,
    indicator_table,
)

TRACE_ROLES: tuple[str, ...] = ("region", "national", "compare")

#: Axis labels short enough for a radar; the full ``label_fr`` is in the hover text.
#: A ``short_label_fr`` column in the indicators table, when present, wins over these.
SHORT_LABELS_FR: dict[str, str] = {
    "taux_chomage": "Chômage",
    "taux_chomage_15_24": "Chômage des 15-24 ans",
    "pib_par_habitant": "PIB par habitant",
    "taux_pauvrete": "Pauvreté",
    "part_jeunes_non_inseres_18_25": "Jeunes non insérés (18-25 ans)",
    "part_actifs_transports_commun": "Transports en commun",
    "taux_coups_blessures_volontaires": "Coups et blessures",
    "taux_allocataires_aah": "Allocataires AAH",
    "indice_vieillissement": "Vieillissement",
    "esperance_vie_hommes": "Espérance de vie des hommes",
    "esperance_vie_femmes": "Espérance de vie des femmes",
    "part_pop_a_plus_7min_sante_proximite": "Santé à plus de 7 min",
    "part_pop_zone_inondable": "Zone inondable",
}

_STYLES: dict[str, dict[str, Any]] = {
    "region": LINE_STYLES["primary"],
    "national": LINE_STYLES["reference"],
    "compare": LINE_STYLES["comparison"],
}

LABEL_CHARS = 11
"""Characters per line of an axis label: 13 labels around a circle stay apart (Chromium test)."""

_CAPTION_OFFSET = 75  # angular tick labels stick out below the polar domain

SCALE_NOTE = "0 = situation la plus favorable, 10 = la plus critique parmi les 13 régions"


def short_label(indicator_id: str, row: Mapping[str, Any]) -> str:
    """Short French name of an indicator: its ``short_label_fr``, ours, else its ``label_fr``."""
    short = row.get("short_label_fr")
    if isinstance(short, str) and short:
        return short
    return SHORT_LABELS_FR.get(indicator_id, str(row.get("label_fr", indicator_id)))


def axis_labels(table: pd.DataFrame) -> list[str]:
    """Wrapped axis labels, made unique: plotly merges equal categories into one axis."""
    labels: list[str] = []
    for indicator_id, row in table.iterrows():
        label = wrap_text(short_label(str(indicator_id), row), width=LABEL_CHARS, max_lines=3)
        while label in labels:
            label += "\u200b"  # invisible, but a distinct category
        labels.append(label)
    return labels


def _in_sentence(code: str, names: Mapping[str, str]) -> str:
    """« la France métropolitaine » inside a sentence; region names need no article here."""
    name = names.get(code, code)
    return f"la {name}" if code == NATIONAL_CODE and name.startswith("France") else name


@dataclass(frozen=True)
class _Axes:
    """What every selection of one dataset shares: axes, names, decimals, years, and the
    per-code trace data once computed (``traces`` is a memo filled by :func:`_trace`)."""

    table: pd.DataFrame
    theta: list[str]
    names: dict[str, str]
    decimals: dict[str, int]
    years: dict[str, int]
    traces: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def build(cls, scores: pd.DataFrame, indicators: pd.DataFrame) -> _Axes:
        table = indicator_table(indicators)
        table = table[table.index.isin(set(scores["indicator_id"]))]
        dated = scores.dropna(subset=["year"]).drop_duplicates("indicator_id")
        years = dict(zip(dated["indicator_id"], dated["year"], strict=True))
        return cls(
            table=table,
            theta=axis_labels(table),
            names=dict(zip(scores["region_code"], scores["region_name"], strict=True)),
            decimals={
                str(ind): decimals_for(group["raw"])
                for ind, group in scores.groupby("indicator_id", sort=False)
            },
            years={str(ind): int(years[ind]) for ind in table.index if ind in years},
        )

    def short(self, indicator_id: str) -> str:
        return short_label(indicator_id, self.table.loc[indicator_id])

    def rows(self, scores: pd.DataFrame, code: str) -> pd.DataFrame:
        """The rows of one code in axis order; ``KeyError`` for a code without scores."""
        rows = scores[scores["region_code"] == code]
        if rows.empty:
            raise KeyError(f"no scores for region {code!r}")
        return rows.set_index("indicator_id").reindex(self.table.index).reset_index()


def _hover(row: Mapping[str, Any], axes: _Axes) -> str:
    indicator_id = str(row["indicator_id"])
    label = wrap_text(str(axes.table.loc[indicator_id, "label_fr"]), 48)
    value = format_value(row["raw"], row["unit"], axes.decimals.get(indicator_id))
    year = "" if pd.isna(row["year"]) else f" ({int(row['year'])})"
    if pd.isna(row["score"]):
        score = "score non calculable"
    else:
        score = f"score{NBSP}: {format_number(row['score'], 1)} / 10"
        if row["outside_scale"]:
            score += " (hors de l'échelle régionale)"
    fragile = "plus fragile plus la valeur est " + (
        "élevée" if row["higher_is_more_fragile"] else "basse"
    )
    name = plain(row["region_name"])
    return f"<b>{name}</b><br>{label}<br>{value}{year}<br>{score}<br><i>{fragile}</i>"


_MEMO: list[tuple[weakref.ref[pd.DataFrame], weakref.ref[pd.DataFrame], _Axes]] = []


def _axes(scores: pd.DataFrame, indicators: pd.DataFrame) -> _Axes:
    """:class:`_Axes` of this dataset, built on the first selection and then reused.

    Scores are computed once and never mutated (see ``normalise_all``), so a selection change
    only picks. The last eight datasets are kept, their tables held by weak reference and found
    with ``is`` on the live objects, never by ``id()``: a table at a recycled address cannot
    match a dead entry, and a dropped table takes its entry with it.
    """
    live = [entry for entry in _MEMO if entry[0]() is not None and entry[1]() is not None]
    axes = next((e[2] for e in live if e[0]() is scores and e[1]() is indicators), None)
    if axes is None:
        axes = _Axes.build(scores, indicators)
        live = [*live[-7:], (weakref.ref(scores), weakref.ref(indicators), axes)]
    _MEMO[:] = live
    return axes


def _trace(scores: pd.DataFrame, axes: _Axes, code: str) -> dict[str, Any]:
    if code not in axes.traces:
        rows = axes.rows(scores, code)
        r = [None if pd.isna(s) else float(s) for s in rows["score"]]
        hovertext = [_hover(row, axes) for row in rows.to_dict("records")]
        axes.traces[code] = {
            "r": [*r, r[0]],
            "theta": [*axes.theta, axes.theta[0]],
            "hovertext": [*hovertext, hovertext[0]],
            "name": plain(axes.names.get(code, code)),
            "visible": True,
        }
    return {k: list(v) if isinstance(v, list) else v for k, v in axes.traces[code].items()}


_HIDDEN: dict[str, Any] = {"r": [], "theta": [], "hovertext": [], "name": "", "visible": False}


def _shown_codes(region_code: str, compare_code: str | None, national: bool) -> list[str]:
    """Codes drawn, in :data:`TRACE_ROLES` order, without repeating the region itself."""
    code = str(region_code)
    shown = [code]
    if national and code != NATIONAL_CODE:
        shown.append(NATIONAL_CODE)
    if compare_code is not None and str(compare_code) not in shown:
        shown.append(str(compare_code))
    return shown


def radar_trace_updates(
    scores: pd.DataFrame,
    indicators: pd.DataFrame,
    region_code: str,
    compare_code: str | None = None,
    national: bool = True,
) -> list[dict[str, Any]]:
    """Per-trace properties for a selection, in :data:`TRACE_ROLES` order.

    Each dict holds ``r``, ``theta``, ``hovertext``, ``name`` and ``visible``, ready for
    ``fig.data[i].update(d)``. The polygon is closed by repeating the first axis. The national
    trace is hidden when ``national`` is false or FM is the region itself; the comparison trace
    when ``compare_code`` is ``None`` or already shown (comparing with ``"FM"`` draws the national
    trace). Raises ``KeyError`` for an unknown code.
    """
    axes = _axes(scores, indicators)
    shown = _shown_codes(region_code, compare_code, national)
    code = str(region_code)
    updates = [_trace(scores, axes, code)]
    show_national = NATIONAL_CODE in shown[1:]
    updates.append(_trace(scores, axes, NATIONAL_CODE) if show_national else dict(_HIDDEN))
    compare = str(compare_code) if compare_code is not None else None
    show_compare = compare is not None and compare in shown[1:] and compare != NATIONAL_CODE
    updates.append(
        _trace(scores, axes, compare) if compare is not None and show_compare else dict(_HIDDEN)
    )
    return updates


def _caption_lines(rows: pd.DataFrame, axes: _Axes, shown: list[str]) -> tuple[list[str], dict]:
    """Scale, sources, years, then every gap or oddity of what is drawn."""
    by_producer: dict[str, set[int]] = {}
    for ind, row in axes.table.iterrows():
        years = by_producer.setdefault(producer(str(row.get("source_title", ""))), set())
        if ind in axes.years:
            years.add(axes.years[str(ind)])
    sources = f"{NBSP}; ".join(
        f"{name} ({format_years(years)})" if years else name for name, years in by_producer.items()
    )
    # The scale is the subtitle's (« échelle relative… »): not repeated here.
    lines = [f"Sources{NBSP}: {sources}."]
    if len(set(axes.years.values())) > 1:
        lines.append(
            f"Années différentes selon l'indicateur ({format_years(axes.years.values())}){NBSP}: "
            "le radar compare des régions, pas des années."
        )

    def labels(frame: pd.DataFrame, mask: pd.Series) -> list[str]:
        return list(dict.fromkeys(axes.short(str(i)) for i in frame["indicator_id"][mask]))

    missing: dict[str, list[str]] = {}
    for code in shown:
        own = rows[rows["region_code"] == code]
        gaps = labels(own, own["missing"])
        if gaps:
            missing[code] = gaps
            lines.append(
                f"Donnée manquante pour {_in_sentence(code, axes.names)}{NBSP}: {join_fr(gaps)}."
            )
    first = rows.drop_duplicates("indicator_id")
    flags = {
        "all_equal": labels(first, first["reason"] == REASON_ALL_EQUAL),
        "no_data": labels(first, first["reason"] == REASON_NO_DATA),
        "partial": labels(first, first["partial"] & (first["n_regions"] > 0)),
        "outside": labels(rows, rows["outside_scale"]),
    }
    notes = {
        "all_equal": "Échelle non définie (toutes les régions à égalité) pour",
        "no_data": "Aucune donnée régionale pour",
        "partial": f"Échelle calculée sur moins de {len(REGION_CODES)} régions pour",
        "outside": "Hors de l'intervalle des régions (point au-delà du bord) pour",
    }
    lines += [f"{notes[key]}{NBSP}: {join_fr(found)}." for key, found in flags.items() if found]
    return lines, {"sources": sources, "missing": missing, **flags}


def radar_layout_updates(
    scores: pd.DataFrame,
    indicators: pd.DataFrame,
    region_code: str,
    compare_code: str | None = None,
    national: bool = True,
) -> dict[str, Any]:
    """Title, caption and ``meta`` for a selection (what ``fig.update_layout`` must receive)."""
    axes = _axes(scores, indicators)
    code = str(region_code)
    shown = _shown_codes(code, compare_code, national)
    rows = scores[scores["region_code"].isin(shown) & scores["indicator_id"].isin(axes.table.index)]
    lines, found = _caption_lines(rows, axes, shown)

    others = [
        _in_sentence(c, axes.names) if c == NATIONAL_CODE else f"la région {axes.names.get(c, c)}"
        for c in shown[1:]
    ]
    compared = f"Comparé {join_fr(f'à {o}' for o in others)} · " if others else ""
    own = rows[rows["region_code"] == code]
    critical = [axes.short(str(i)) for i in own["indicator_id"][own["score"] >= SCALE_MAX]]
    compare = next((c for c in shown[1:] if c != NATIONAL_CODE), None)
    annotation = caption_annotation("\n".join(lines), offset=_CAPTION_OFFSET)
    return {
        "title": {
            "text": f"Profil de fragilité{NBSP}: {plain(axes.names.get(code, code))}",
            "subtitle": {
                "text": f"{compared}{len(axes.table)} indicateurs, échelle relative par "
                f"indicateur{NBSP}: {SCALE_NOTE} métropolitaines"
            },
        },
        "annotations": [annotation],
        "margin": {"b": caption_margin(annotation)},
        # The radial ticks sit between the first two axes, not on top of the first one.
        "polar": {"radialaxis": {"angle": 90 - 180 / max(len(axes.table), 1)}},
        "meta": {
            "kind": "radar",
            "source": found["sources"],
            "year": year_span(axes.years.values()),
            "years": axes.years,
            "region_code": code,
            "region_name": axes.names.get(code, code),
            "compare_code": compare,
            "compare_name": axes.names.get(compare, compare) if compare else None,
            "national": NATIONAL_CODE in shown[1:],
            "indicators": list(axes.table.index),
            "n_indicators": len(axes.table),
            "missing": found["missing"],
            "undefined": found["all_equal"] + found["no_data"],
            "partial": found["partial"],
            "outside_scale": found["outside"],
            "most_critical": critical,
        },
    }


def apply_radar_selection(
    fig: go.Figure,
    scores: pd.DataFrame,
    indicators: pd.DataFrame,
    region_code: str,
    compare_code: str | None = None,
    national: bool = True,
) -> go.Figure:
    """Show a selection on an existing radar (``go.Figure`` or ``FigureWidget``), in place.

    Everything is computed before the figure is touched, so an unknown code leaves it unchanged.
    """
    traces = radar_trace_updates(scores, indicators, region_code, compare_code, national)
    layout = radar_layout_updates(scores, indicators, region_code, compare_code, national)
    apply_updates(fig, traces, layout)
    return fig


def radar_figure(
    scores: pd.DataFrame,
    indicators: pd.DataFrame,
    region_code: str,
    compare_code: str | None = None,
    national: bool = True,
) -> go.Figure:
    """The fragility radar of ``region_code`` (scores from ``normalise_all``), as a new figure."""
    fig = go.Figure(
        [
            go.Scatterpolar(
                mode="lines+markers",
                connectgaps=False,
                hoverinfo="text",
                legendrank=rank,
                **_STYLES[role],
            )
            for rank, role in enumerate(TRACE_ROLES, start=1)
        ]
    )
    apply_theme(fig)
    fig.update_layout(
        polar={
            "radialaxis": {
                "range": [0, SCALE_MAX],
                "tickvals": [0, 2, 4, 6, 8, 10],
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
        legend={"x": 1.0, "xanchor": "right", "y": 0.5, "yanchor": "middle"},
        showlegend=True,
    )
    return apply_radar_selection(fig, scores, indicators, region_code, compare_code, national)
