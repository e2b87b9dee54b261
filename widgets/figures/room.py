"""What a webinar room answered, as figures: the live screen's and the replay page's.

Pure builders over the room's aggregate (:mod:`widgets.room.aggregate`) or plain values (a
question, its choice labels and counts; axis labels and means), all on the project's theme, so
the facilitator's live panel, the offline edition's replay page and anything else that has the
numbers draw the same look. The live figures keep one structure per bank (one bar trace per
question, one polar trace) so a dashboard updates only their values. The right answer of a quiz
question is marked by a word or a sign as well as a colour; counts are printed with their share,
so nothing needs a hover to be read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widgets.figures.theme import COLORS, OKABE_ITO, TEXT_COLOR, apply_theme, wrap_text
from widgets.french import NBSP, format_number, join_fr
from widgets.room.aggregate import AxisMean, QuestionCounts

ROW_HEIGHT = 300
"""Pixels per question on the live screen: three questions fill a 1080-pixel screen."""

RIGHT_MARK = "✔ "
RIGHT_WORD = "bonne réponse"
SCORE_MAX = 100


def share_text(count: int, total: int) -> str:
    """« 12 (34 %) »; « 0 » when nobody answered (no division by zero, no « 0 % » of nothing)."""
    if total <= 0:
        return str(count)
    return f"{count} ({format_number(100 * count / total, 0)}{NBSP}%)"


def choice_counts_figure(
    question: str,
    labels: Sequence[str],
    counts: Sequence[int],
    *,
    right: int | None = None,
    respondents: int | None = None,
) -> go.Figure:
    """Horizontal bars of how many chose each choice, in the bank's order.

    ``right`` is the index of a quiz question's right option: its bar is green and its label
    starts with « ✔ » and ends with « (bonne réponse) ». ``respondents``: the people who
    answered a question where each may choose several options (shares are of them, and the
    subtitle says so), else the sum of the counts.
    """
    total = sum(counts) if respondents is None else respondents
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
    if respondents is not None:
        answered = f"{total} personne{'s' if total > 1 else ''} · plusieurs réponses possibles"
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
            "several": respondents is not None,
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
            f"{label}{NBSP}: {share_text(count, total)}"
            for label, count in zip(meta["labels"], meta["counts"], strict=True)
        ]
        people = (
            f"{total} personnes, plusieurs réponses possibles"
            if meta.get("several")
            else f"{total} réponses"
        )
        question = meta["question"]
        text = f"Réponses de la salle à «{NBSP}{question}{NBSP}» ({people}){NBSP}: {join_fr(parts)}"
        if meta.get("right") is not None:
            text += f"{NBSP}; bonne réponse{NBSP}: {meta['labels'][meta['right']]}"
        return text + "."
    if meta.get("kind") == "group-profile":
        parts = [
            f"{label} {format_number(mean, 0)}" if mean is not None else f"{label} sans réponse"
            for label, mean in zip(meta["labels"], meta["means"], strict=True)
        ]
        return f"Moyenne de la salle par axe, de 0 à {SCORE_MAX}{NBSP}: {join_fr(parts)}."
    raise ValueError(f"no description for figures of kind {meta.get('kind')!r}")


# -- the live screen: one figure per bank, updated in place --------------------------


WHOLE_STEPS_UP_TO = 6
"""Below about six answers plotly steps a count axis by 0.5, which ``tickformat="d"`` writes
« 0 1 1 2 2 »: up to this many, the axis steps by one."""


def count_ticks(values: Sequence[object]) -> dict[str, object]:
    """Tick settings for a count axis holding ``values``: whole steps while the counts are small,
    plotly's own (whole from there on) once they grow. Applied again at each update, since a
    room's counts start at zero and grow."""
    top = max((v for v in values if isinstance(v, int | float)), default=0)
    if top <= WHOLE_STEPS_UP_TO:
        return {"tickmode": "linear", "tick0": 0, "dtick": 1}
    return {"tickmode": "auto", "tick0": None, "dtick": None}


def bar_values(counts: QuestionCounts) -> dict[str, list[object]]:
    """The values of one question's trace, kept apart so an update assigns only these."""
    total = counts.answered
    labels = [
        f"{choice.label} ✓" if counts.answer == choice.value else choice.label
        for choice in counts.choices
    ]
    return {
        "x": [choice.count for choice in counts.choices],
        "y": [wrap_text(label, 38) for label in labels],
        "text": [share_text(choice.count, total) for choice in counts.choices],
        "marker.color": [
            OKABE_ITO["bluish_green"] if counts.answer == c.value else COLORS["bar"]
            for c in counts.choices
        ],
    }


def counts_figure(questions: Sequence[QuestionCounts], title: str) -> go.Figure:
    """One horizontal bar chart per question, choices in the bank's order, top to bottom."""
    rows = max(1, len(questions))
    fig = make_subplots(
        rows=rows,
        cols=1,
        subplot_titles=[wrap_text(q.text, 60) for q in questions] or [""],
        vertical_spacing=min(0.12, 0.5 / rows),
    )
    for row, counts in enumerate(questions, start=1):
        values = bar_values(counts)
        fig.add_trace(
            go.Bar(
                x=values["x"],
                y=values["y"],
                text=values["text"],
                orientation="h",
                textposition="auto",
                marker={"color": values["marker.color"]},
                name=counts.id,
                hovertemplate="%{y}\u00a0: %{x}<extra></extra>",
            ),
            row=row,
            col=1,
        )
        fig.update_yaxes(autorange="reversed", row=row, col=1)
        fig.update_xaxes(
            rangemode="tozero", tickformat="d", **count_ticks(values["x"]), row=row, col=1
        )
    _layout(fig, title, height=ROW_HEIGHT * rows + 120)
    fig.update_annotations(font={"size": 22, "color": TEXT_COLOR})
    return fig


def radar_figure(axes: Sequence[AxisMean], title: str, participants: int) -> go.Figure:
    """The room's mean profile (0–100 per axis) as a closed radar."""
    fig = go.Figure(go.Scatterpolar(**radar_values(axes, participants)))
    fig.update_layout(
        polar={
            "radialaxis": {"range": [0, 100], "tickvals": [0, 25, 50, 75, 100]},
            "angularaxis": {"direction": "clockwise"},
        }
    )
    _layout(fig, title, height=820)
    return fig


def radar_values(axes: Sequence[AxisMean], participants: int) -> dict[str, object]:
    means = [axis.mean if axis.mean is not None else 0 for axis in axes]
    labels = [axis.label for axis in axes]
    return {
        "r": [*means, means[0]] if means else [],
        "theta": [*labels, labels[0]] if labels else [],
        "fill": "toself",
        "name": f"Moyenne de la salle ({participants} participants)",
        "line": {"color": COLORS["region"], "width": 4},
        "hovertemplate": "%{theta}\u00a0: %{r:.0f}/100<extra></extra>",
    }


def _layout(fig: go.Figure, title: str, *, height: int) -> None:
    """The project's theme, with the room's title and no legend (one series per figure)."""
    apply_theme(fig)
    fig.update_layout(
        title={"text": title},
        showlegend=False,
        height=height,
        margin={"l": 40, "r": 40, "t": 140, "b": 40},
    )
