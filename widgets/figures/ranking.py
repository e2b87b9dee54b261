"""Ranking of the 13 regions on one indicator, from the most fragile to the least.

Raw values (with their unit) rather than 0–10 scores: a ranking is where participants read the
actual figures. "Most fragile" respects the indicator's direction, so for GDP per head the lowest
value comes first. France métropolitaine is a reference line, not a bar: it is not a 14th region.
A region without a value is named in the caption, never drawn as a zero-length bar.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go

from widgets.figures.theme import COLORS, apply_theme, caption, plain, titled, wrap_text
from widgets.french import NBSP, decimals_for, format_value, join_fr, short_source
from widgets.scoring.indices import NATIONAL_CODE, REGION_CODES, indicator_table

_SHORT_UNITS = {"%"}


def indicator_rows(
    values: pd.DataFrame, indicators: pd.DataFrame, indicator_id: str
) -> tuple[pd.Series, pd.DataFrame, float | None, list[str]]:
    """What every single-indicator figure needs, read once the same way.

    Returns the indicator's row of the table, the regional rows with a value (columns
    ``region_code``, ``region_name``, ``value``), the national value (``None`` if missing) and the
    codes of the regions without a value. Raises ``KeyError`` for an unknown indicator.
    """
    table = indicator_table(indicators)
    if indicator_id not in table.index:
        raise KeyError(f"unknown indicator {indicator_id!r}")
    info = table.loc[indicator_id]
    rows = values[values["indicator_id"].astype(str) == indicator_id].copy()
    rows["region_code"] = rows["region_code"].astype(str)
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    national = rows.loc[rows["region_code"] == NATIONAL_CODE, "value"]
    national_value = (
        None if national.empty or pd.isna(national.iloc[0]) else float(national.iloc[0])
    )
    regional = rows[rows["region_code"].isin(REGION_CODES) & rows["value"].notna()]
    missing = [code for code in REGION_CODES if code not in set(regional["region_code"])]
    return info, regional, national_value, missing


def region_names(values: pd.DataFrame) -> dict[str, str]:
    """Code → French name, as given in the values table."""
    rows = values.drop_duplicates("region_code")
    return dict(zip(rows["region_code"].astype(str), rows["region_name"], strict=True))


def indicator_year(info: pd.Series, rows: pd.DataFrame) -> int | None:
    """The indicator's year: the table's, else the most common year of its rows."""
    if "year" in info and pd.notna(info["year"]):
        return int(info["year"])
    if "year" in rows and rows["year"].notna().any():
        return int(rows["year"].mode().iloc[0])
    return None


class IndicatorView(NamedTuple):
    """One indicator as a single-indicator figure shows it (map or ranking)."""

    info: pd.Series
    regional: pd.DataFrame
    national: float | None
    missing: list[str]
    names: dict[str, str]
    higher: bool
    unit: str
    label: str
    decimals: int | None
    year: int | None


def indicator_view(
    values: pd.DataFrame, indicators: pd.DataFrame, indicator_id: str
) -> IndicatorView:
    """:func:`indicator_rows` plus the names, direction, unit, label, decimals and year that
    the map and the ranking both print, worked out once the same way."""
    info, regional, national, missing = indicator_rows(values, indicators, indicator_id)
    return IndicatorView(
        info=info,
        regional=regional,
        national=national,
        missing=missing,
        names=region_names(values),
        higher=bool(info["higher_is_more_fragile"]),
        unit=str(info.get("unit", "") or ""),
        label=str(info.get("label_fr", indicator_id)),
        decimals=decimals_for([*regional["value"], national]),
        year=indicator_year(info, regional),
    )


def indicator_source(info: pd.Series) -> str:
    """The source as shown on screen: a ``source_short`` column if the table has one, else the
    main part of ``source_title`` (see :func:`widgets.french.short_source`)."""
    given = info.get("source_short")
    if isinstance(given, str) and given.strip():
        return given.strip()
    return short_source(str(info.get("source_title", "")))


def source_caption(info: pd.Series, year: int | None) -> str:
    """« Source : Insee – … (2019). »"""
    source = indicator_source(info) or "non précisée"
    return f"Source{NBSP}: {source}" + (f" ({year})." if year else ".")


def short_value(value: float | None, unit: str, decimals: int | None) -> str:
    """Value for a label drawn on the figure: « 10,4 % » but « 35 015 » (long units go on the
    axis title or in the hover text)."""
    return format_value(value, unit if unit in _SHORT_UNITS else None, decimals)


def ranking_figure(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator_id: str,
    highlight: str | None = None,
) -> go.Figure:
    """Horizontal bars of the regions for ``indicator_id``, most fragile on top.

    ``highlight`` (a region code) gets a distinct colour and a bold label, so it stands out
    without relying on colour alone. Ties keep alphabetical order, so the figure is stable.
    """
    view = indicator_view(values, indicators, indicator_id)
    info, regional, national, missing, names, higher, unit, label, decimals, year = view

    ordered = regional.assign(
        _key=regional["value"] * (-1 if higher else 1), _name=regional["region_name"]
    ).sort_values(["_key", "_name"], kind="stable")
    codes = list(ordered["region_code"])
    region_labels = [plain(names.get(code, code)) for code in codes]
    bar_values = [float(v) for v in ordered["value"]]
    highlight = str(highlight) if highlight is not None else None

    hovertext = [
        f"<b>{name}</b><br>{format_value(v, unit, decimals)}"
        + (f" ({year})" if year else "")
        + f"<br>rang {rank} sur {len(codes)} (1 = le plus fragile)"
        for rank, (name, v) in enumerate(zip(region_labels, bar_values, strict=True), start=1)
    ]
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=region_labels,
            x=bar_values,
            text=[short_value(v, unit, decimals) for v in bar_values],
            textposition="outside",
            cliponaxis=False,
            marker={
                "color": [
                    COLORS["highlight"] if code == highlight else COLORS["bar"] for code in codes
                ]
            },
            hovertext=hovertext,
            hoverinfo="text",
            name=plain(label),
            showlegend=False,
        )
    )
    apply_theme(fig)
    direction = "élevée" if higher else "basse"
    tick_text = [
        f"<b>{n}</b>" if c == highlight else n for c, n in zip(codes, region_labels, strict=True)
    ]
    reach = [*bar_values, national or 0.0]
    x_range = [min(0.0, *reach) * 1.15, max(0.0, *reach) * 1.15 or 1.0]  # room for outside labels
    fig.update_layout(
        title=titled(
            label,
            "Régions classées de la plus fragile (en haut) à la moins fragile · "
            f"une valeur plus {direction} est plus fragile",
        ),
        yaxis={
            "autorange": "reversed",
            "tickmode": "array",
            "tickvals": region_labels,
            "ticktext": tick_text,
            "showgrid": False,
        },
        xaxis={"title": {"text": wrap_text(unit, 60)}, "range": x_range},
        bargap=0.25,
    )
    shapes: list[dict[str, Any]] = []
    if national is not None:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": national,
                "x1": national,
                "y0": 0,
                "y1": 1,
                "line": {"color": COLORS["national"], "width": 3, "dash": "dash"},
            }
        )
        fig.add_annotation(
            name="national",
            x=national,
            xref="x",
            y=1,
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=f"France métropolitaine{NBSP}: {short_value(national, unit, decimals)}",
        )
    fig.update_layout(shapes=shapes)

    lines = [source_caption(info, year)]
    if missing:
        lines.append(f"Donnée manquante{NBSP}: {join_fr(names.get(c, c) for c in missing)}.")
    if national is None:
        lines.append("Valeur France métropolitaine non disponible (pas de ligne de référence).")
    caption(fig, "\n".join(lines), offset=110)
    fig.update_layout(
        meta={
            "kind": "ranking",
            "source": indicator_source(info),
            "year": year,
            "indicator_id": indicator_id,
            "label": label,
            "unit": unit,
            "higher_is_more_fragile": higher,
            "order": codes,
            "values": bar_values,
            "names": region_labels,
            "national": national,
            "national_text": None if national is None else format_value(national, unit, decimals),
            "missing": missing,
            "highlight": highlight if highlight in codes else None,
            "value_texts": [format_value(v, unit, decimals) for v in bar_values],
            "decimals": decimals,
        }
    )
    return fig
