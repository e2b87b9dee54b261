"""What a webinar room answered: counts per choice, and the room's mean profile.

Pure builders over plain values (a question, its choice labels and counts; axis labels and
means), so that the offline edition's replay page and anything else that has the numbers draw
the same figure. The right answer of a quiz question is marked by a word and a sign as well as
a colour; counts are printed on the bars with their share, so nothing needs a hover to be read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from widgets.figures.theme import (
    COLORS,
    NBSP,
    OKABE_ITO,
    apply_theme,
    format_number,
    join_fr,
    wrap_text,
)

RIGHT_MARK = "✔ "
RIGHT_WORD = "bonne réponse"
SCORE_MAX = 100


def share_text(count: int, total: int) -> str:
    """« 12 (34 %) »; « 0 » when nobody answered (no division by zero, no « 0 % » of nothing)."""
    if total <= 0:
        return str(count)
    return f"{count} ({format_number(100 * count / total, 0)}{NBSP}%)"


def choice_counts_figure(
    question: str, labels: Sequence[str], counts: Sequence[int], *, right: int | None = None
) -> go.Figure:
    """Horizontal bars of how many chose each choice, in the bank's order.

    ``right`` is the index of a quiz question's right option: its bar is green and its label
    starts with « ✔ » and ends with « (bonne réponse) ».
    """
    total = sum(counts)
    names = [
        wrap_text(f"{RIGHT_MARK}{label} ({RIGHT_WORD})" if index == right else label, 34, 3)
        for index, label in enumerate(labels)
    ]
    colours = [
        OKABE_ITO["bluish_green"] if i == right else COLORS["bar"] for i in range(len(labels))
    ]
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=names,
            x=list(counts),
            text=[share_text(count, total) for count in counts],
            textposition="outside",
            cliponaxis=False,
            marker={"color": colours},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    apply_theme(fig)
    answered = f"{total} réponse{'s' if total > 1 else ''}"
    fig.update_layout(
        title={"text": wrap_text(question, 60, max_lines=3), "subtitle": {"text": answered}},
        yaxis={"autorange": "reversed", "showgrid": False},
        xaxis={"range": [0, max([*counts, 1]) * 1.3], "title": {"text": "Participants"}},
        margin={"t": 190, "b": 90},
        height=320 + 80 * len(labels),
        meta={
            "kind": "counts",
            "question": question,
            "labels": list(labels),
            "counts": list(counts),
            "right": right,
            "total": total,
        },
    )
    return fig


def group_profile_figure(
    labels: Sequence[str], means: Sequence[float | None], respondents: Sequence[int], title: str
) -> go.Figure:
    """The room's mean score per axis (0–100), one bar per axis with its value and headcount.

    An axis nobody had a score on has no bar, and its label says so: a 0 would read as « the
    room does not do it ».
    """
    names = [
        wrap_text(label if mean is not None else f"{label} (aucune réponse)", 26, 3)
        for label, mean in zip(labels, means, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=names,
            x=[mean for mean in means],
            text=[
                "" if mean is None else f"{format_number(mean, 0)} ({count} pers.)"
                for mean, count in zip(means, respondents, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            marker={"color": "#555555"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    apply_theme(fig)
    ticks = list(range(0, SCORE_MAX + 1, 25))
    fig.update_layout(
        title={
            "text": "Moyenne de la salle",
            "subtitle": {"text": wrap_text(f"{title} · score de 0 à {SCORE_MAX} par axe", 70, 2)},
        },
        xaxis={"range": [0, SCORE_MAX + 20], "tickvals": ticks, "title": {"text": "Score"}},
        yaxis={"autorange": "reversed"},
        margin={"t": 190, "b": 90},
        height=300 + 90 * len(labels),
        meta={
            "kind": "group-profile",
            "labels": list(labels),
            "means": list(means),
            "respondents": list(respondents),
            "title": title,
        },
    )
    return fig


def describe_replay(fig: go.Figure | Mapping[str, Any]) -> str:
    """One French sentence for a figure of this module (text alternative, printed course)."""
    meta = fig.get("layout", {}).get("meta") if isinstance(fig, Mapping) else fig.layout.meta
    if not isinstance(meta, Mapping):
        raise ValueError("figure has no layout.meta")
    if meta.get("kind") == "counts":
        total = meta["total"]
        parts = [
            f"{label} : {share_text(count, total)}"
            for label, count in zip(meta["labels"], meta["counts"], strict=True)
        ]
        text = (
            f"Réponses de la salle à « {meta['question']} » ({total} réponses) : {join_fr(parts)}"
        )
        if meta.get("right") is not None:
            text += f" ; bonne réponse : {meta['labels'][meta['right']]}"
        return text + "."
    if meta.get("kind") == "group-profile":
        parts = [
            f"{label} {format_number(mean, 0)}" if mean is not None else f"{label} sans réponse"
            for label, mean in zip(meta["labels"], meta["means"], strict=True)
        ]
        return f"Moyenne de la salle par axe, de 0 à {SCORE_MAX} : {join_fr(parts)}."
    raise ValueError(f"no description for figures of kind {meta.get('kind')!r}")
