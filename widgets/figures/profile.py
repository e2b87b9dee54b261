"""Profile of a self-diagnostic: one 0–100 score per axis, as a radar or as horizontal bars.

A radar needs at least three axes to draw a shape, so a bank with fewer gets bars
(:func:`profile_style`). The figure always has three traces in a fixed order
(:data:`TRACE_ROLES`): the learner's result, an earlier result of the same bank (their history)
and a group average (a live webinar). An absent overlay is a hidden trace, not a missing one, so
a ``FigureWidget`` switches the comparison on and off in place through :func:`apply_profile`,
exactly as the fragility radar does; :func:`profile_figure` is a blank figure plus that call.

An axis without any answer has score ``None``: the radar leaves a gap and the bar is absent,
and its label says « sans réponse ». Drawing 0 would tell the learner « vous ne le faites pas »,
which they did not say (see :mod:`widgets.scoring.diagnostic`).

Pure: results and score mappings in, ``go.Figure`` out; ``layout.meta`` carries what is shown,
from which :func:`describe_profile` writes the French text alternative.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

import plotly.graph_objects as go

from widgets.figures.theme import (
    COLORS,
    LINE_STYLES,
    OKABE_ITO,
    apply_theme,
    apply_updates,
    caption_annotation,
    caption_margin,
    plain,
    wrap_text,
)
from widgets.french import NBSP, format_number, join_fr
from widgets.scoring.diagnostic import DiagnosticResult

TRACE_ROLES: tuple[str, ...] = ("result", "earlier", "group")
SCORE_MAX = 100
RADAR_MIN_AXES = 3
NO_ANSWER_FR = "sans réponse"
DEFAULT_LABELS_FR: dict[str, str] = {
    "result": "Votre profil",
    "earlier": "Résultat précédent",
    "group": "Moyenne du groupe",
}

Style = Literal["radar", "bars"]
Overlay = DiagnosticResult | Mapping[str, Any]
"""An earlier result or a group average: a scored result, or axis id → score (``None`` or
anything not a number counts as missing, e.g. ``ResultRecord.scores`` of an older version)."""

_RADAR_STYLES: dict[str, dict[str, Any]] = {
    "result": LINE_STYLES["primary"],
    "earlier": LINE_STYLES["comparison"],
    "group": LINE_STYLES["reference"],
}
_BAR_STYLES: dict[str, dict[str, Any]] = {
    "result": {"marker": {"color": COLORS["bar"]}},
    "earlier": {
        "marker": {
            "color": OKABE_ITO["vermillion"],
            "pattern": {"shape": "/", "fgcolor": "#ffffff", "solidity": 0.3},
        }
    },
    "group": {
        "marker": {
            "color": "#555555",
            "pattern": {"shape": ".", "fgcolor": "#ffffff", "solidity": 0.3},
        }
    },
}
_HIDDEN_RADAR: dict[str, Any] = {
    "r": [],
    "theta": [],
    "hovertext": [],
    "name": "",
    "visible": False,
}
_HIDDEN_BARS: dict[str, Any] = {
    "x": [],
    "y": [],
    "text": [],
    "hovertext": [],
    "name": "",
    "visible": False,
}


def profile_style(result: DiagnosticResult) -> Style:
    """``"radar"`` from three axes up, ``"bars"`` below (two points make no shape)."""
    return "radar" if len(result.axes) >= RADAR_MIN_AXES else "bars"


def _number(value: Any) -> float | None:
    """A drawable score, or ``None`` for anything missing, non-numeric or not finite."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def overlay_scores(overlay: Overlay, result: DiagnosticResult) -> list[float | None]:
    """The overlay's scores in the result's axis order; an axis it lacks is ``None``."""
    scores = overlay.scores if isinstance(overlay, DiagnosticResult) else overlay
    return [_number(scores.get(axis.axis)) for axis in result.axes]


def _axis_labels(result: DiagnosticResult, width: int) -> list[str]:
    """Wrapped axis labels, unique (plotly merges equal categories), « sans réponse » marked."""
    labels: list[str] = []
    for axis in result.axes:
        text = axis.label if axis.score is not None else f"{axis.label} ({NO_ANSWER_FR})"
        label = wrap_text(text, width=width, max_lines=3)
        while label in labels:
            label += "\u200b"
        labels.append(label)
    return labels


def _score_text(score: float | None) -> str:
    return NO_ANSWER_FR if score is None else f"{format_number(score, 0)} / {SCORE_MAX}"


def _result_hover(result: DiagnosticResult) -> list[str]:
    texts = []
    for axis in result.axes:
        if axis.score is None:
            texts.append(f"<b>{plain(axis.label)}</b><br>Aucune réponse sur cet axe")
            continue
        answers = f"{axis.answered} réponse{'s' if axis.answered > 1 else ''} sur {axis.total}"
        stage = f"<br>Palier{NBSP}: {plain(axis.stage)}" if axis.stage else ""
        texts.append(
            f"<b>{plain(axis.label)}</b><br>Votre score{NBSP}: "
            f"{_score_text(axis.score)}{stage}<br>{answers}"
        )
    return texts


def _overlay_hover(result: DiagnosticResult, scores: list[float | None], name: str) -> list[str]:
    return [
        f"<b>{plain(axis.label)}</b><br>{plain(name)}{NBSP}: {_score_text(score)}"
        for axis, score in zip(result.axes, scores, strict=True)
    ]


def _trace(
    style: Style, scores: list[float | None], labels: list[str], hover: list[str], name: str
) -> dict[str, Any]:
    if style == "radar":
        return {
            "r": [*scores, scores[0]],
            "theta": [*labels, labels[0]],
            "hovertext": [*hover, hover[0]],
            "name": name,
            "visible": True,
        }
    return {
        "x": list(scores),
        "y": list(labels),
        "text": ["" if s is None else format_number(s, 0) for s in scores],
        "hovertext": hover,
        "name": name,
        "visible": True,
    }


def profile_trace_updates(
    result: DiagnosticResult,
    earlier: Overlay | None = None,
    group: Overlay | None = None,
    *,
    earlier_label: str | None = None,
    group_label: str | None = None,
) -> list[dict[str, Any]]:
    """Per-trace properties, in :data:`TRACE_ROLES` order, ready for ``fig.data[i].update``."""
    style = profile_style(result)
    labels = _axis_labels(result, 18 if style == "radar" else 26)
    own = [axis.score for axis in result.axes]
    updates = [_trace(style, own, labels, _result_hover(result), DEFAULT_LABELS_FR["result"])]
    for role, overlay, label in (
        ("earlier", earlier, earlier_label),
        ("group", group, group_label),
    ):
        if overlay is None:
            updates.append(dict(_HIDDEN_RADAR if style == "radar" else _HIDDEN_BARS))
            continue
        name = label or DEFAULT_LABELS_FR[role]
        scores = overlay_scores(overlay, result)
        hover = _overlay_hover(result, scores, name)
        updates.append(_trace(style, scores, labels, hover, plain(name)))
    return updates


def _caption_lines(result: DiagnosticResult) -> list[str]:
    lines = [
        f"Score de chaque axe{NBSP}: moyenne de vos réponses, ramenée de 0 (bas de l'échelle) "
        f"à {SCORE_MAX} (haut de l'échelle)."
    ]
    if result.partial:
        lines.append(
            f"Profil calculé sur {result.answered} réponses sur {result.total}{NBSP}: "
            "les questions sans réponse ne comptent pas."
        )
    empty = [axis.label for axis in result.axes if axis.score is None]
    if empty:
        lines.append(f"Aucune réponse, donc pas de score, pour{NBSP}: {join_fr(empty)}.")
    return lines


def profile_layout_updates(
    result: DiagnosticResult,
    earlier: Overlay | None = None,
    group: Overlay | None = None,
    *,
    title: str | None = None,
    earlier_label: str | None = None,
    group_label: str | None = None,
) -> dict[str, Any]:
    """Title, caption, legend and ``meta`` for what is shown (for ``fig.update_layout``)."""
    style = profile_style(result)
    shown = [DEFAULT_LABELS_FR["result"]]
    if earlier is not None:
        shown.append(earlier_label or DEFAULT_LABELS_FR["earlier"])
    if group is not None:
        shown.append(group_label or DEFAULT_LABELS_FR["group"])
    count = (
        f"{result.answered} réponses sur {result.total}"
        if result.partial
        else f"{result.total} réponses"
    )
    annotation = caption_annotation("\n".join(_caption_lines(result)), offset=90, width=80)
    # The bank's title goes in the subtitle, wrapped: a notebook is narrower than a slide, and
    # the overlays are named by the legend.
    subtitle = " · ".join(filter(None, [title, f"score de 0 à {SCORE_MAX} par axe", count]))
    return {
        "title": {
            "text": "Votre profil",
            "subtitle": {"text": wrap_text(subtitle, 70, max_lines=2)},
        },
        "annotations": [annotation],
        "margin": {"b": caption_margin(annotation)},
        "showlegend": len(shown) > 1,
        "meta": {
            "kind": "profile",
            "style": style,
            "bank_id": result.bank_id,
            "bank_version": result.bank_version,
            "title": title,
            "axes": [axis.axis for axis in result.axes],
            "labels": [axis.label for axis in result.axes],
            "scores": [axis.score for axis in result.axes],
            "stages": [axis.stage for axis in result.axes],
            "answered": result.answered,
            "total": result.total,
            "partial": result.partial,
            "overlays": shown[1:],
            "earlier": earlier is not None,
            "group": group is not None,
        },
    }


def apply_profile(
    fig: go.Figure,
    result: DiagnosticResult,
    earlier: Overlay | None = None,
    group: Overlay | None = None,
    *,
    title: str | None = None,
    earlier_label: str | None = None,
    group_label: str | None = None,
) -> go.Figure:
    """Show ``result`` (and overlays) on an existing profile figure or ``FigureWidget``, in place.

    Everything is computed before the figure is touched, and inside ``batch_update`` so a
    ``FigureWidget`` redraws once.
    """
    labels = {"earlier_label": earlier_label, "group_label": group_label}
    traces = profile_trace_updates(result, earlier, group, **labels)
    layout = profile_layout_updates(result, earlier, group, title=title, **labels)
    apply_updates(fig, traces, layout)
    return fig


def profile_figure(
    result: DiagnosticResult,
    earlier: Overlay | None = None,
    group: Overlay | None = None,
    *,
    title: str | None = None,
    earlier_label: str | None = None,
    group_label: str | None = None,
) -> go.Figure:
    """The learner's profile, optionally with an earlier result and a group average overlaid.

    ``title`` is the bank's title; ``earlier_label`` / ``group_label`` name the overlays in the
    legend and hover text (« Résultat du 3 mars 2025 », « Moyenne du groupe (12 personnes) »).
    """
    style = profile_style(result)
    if style == "radar":
        traces: list[Any] = [
            go.Scatterpolar(
                mode="lines+markers",
                connectgaps=False,
                hoverinfo="text",
                legendrank=rank,
                **_RADAR_STYLES[role],
            )
            for rank, role in enumerate(TRACE_ROLES, start=1)
        ]
    else:
        traces = [
            go.Bar(
                orientation="h",
                textposition="outside",
                cliponaxis=False,
                hoverinfo="text",
                legendrank=rank,
                **_BAR_STYLES[role],
            )
            for rank, role in enumerate(TRACE_ROLES, start=1)
        ]
    fig = apply_theme(go.Figure(traces))
    ticks = list(range(0, SCORE_MAX + 1, 25))
    if style == "radar":
        fig.update_layout(
            polar={
                # Radial ticks between the first two axes, not over an axis label.
                "radialaxis": {
                    "range": [0, SCORE_MAX],
                    "tickvals": ticks,
                    "angle": 90 - 180 / len(result.axes),
                },
                "angularaxis": {"direction": "clockwise", "rotation": 90},
                "domain": {"y": [0, 0.84]},  # room for the legend above
            },
            height=900,
        )
    else:
        fig.update_layout(
            xaxis={"range": [0, SCORE_MAX + 8], "tickvals": ticks, "title": {"text": "Score"}},
            yaxis={"autorange": "reversed"},
            barmode="group",
            height=340 + 110 * len(result.axes),
        )
    # Above the plot: beside or below it, the legend would cover axis labels, ticks or caption.
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"}, margin={"t": 200}
    )
    return apply_profile(
        fig,
        result,
        earlier,
        group,
        title=title,
        earlier_label=earlier_label,
        group_label=group_label,
    )


def describe_profile(fig: go.Figure | Mapping[str, Any]) -> str:
    """One French sentence saying what a profile figure shows (screen readers, printed course)."""
    meta = fig.get("layout", {}).get("meta") if isinstance(fig, Mapping) else fig.layout.meta
    if not isinstance(meta, Mapping) or meta.get("kind") != "profile":
        raise ValueError("not a profile figure built by widgets.figures.profile")
    parts = [
        f"{label} {format_number(score, 0)}" if score is not None else f"{label} {NO_ANSWER_FR}"
        for label, score in zip(meta["labels"], meta["scores"], strict=True)
    ]
    name = f" «{NBSP}{meta['title']}{NBSP}»" if meta.get("title") else ""
    text = f"Profil{name} sur {len(parts)} axes, de 0 à {SCORE_MAX}{NBSP}: {join_fr(parts)}"
    if meta.get("partial"):
        text += f"{NBSP}; calculé sur {meta['answered']} réponses sur {meta['total']}"
    if meta.get("overlays"):
        text += f"{NBSP}; comparé à{NBSP}: {join_fr(meta['overlays'])}"
    return text + "."
