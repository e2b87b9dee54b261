"""Figures of the room for the shared screen: bars per question, the group's radar.

Pure functions (aggregates in, ``go.Figure`` out), built so that a dashboard can update them in
place at every poll: the structure depends only on the bank (one bar trace per question, one
polar trace), and only the values change with the answers.

The look follows the project's conventions for a 1920×1080 shared screen (large type, near-black
on white, Okabe–Ito colours, a correct answer marked by text as well as by colour).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widgets.live.aggregate import AxisMean, QuestionCounts

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif'
TEXT = "#1a1a1a"
BLUE = "#0072B2"
GREEN = "#009E73"
ROW_HEIGHT = 300
"""Pixels per question: three questions fill a 1080-pixel screen."""


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def _share(count: int, total: int) -> str:
    percent = round(100 * count / total) if total else 0
    return f"{count} ({percent}\u00a0%)"


def bar_values(counts: QuestionCounts) -> dict[str, list[object]]:
    """The values of one question's trace, kept apart so an update assigns only these."""
    total = counts.answered
    labels = [
        f"{choice.label} ✓" if counts.answer == choice.value else choice.label
        for choice in counts.choices
    ]
    return {
        "x": [choice.count for choice in counts.choices],
        "y": [_wrap(label, 38) for label in labels],
        "text": [_share(choice.count, total) for choice in counts.choices],
        "marker.color": [GREEN if counts.answer == c.value else BLUE for c in counts.choices],
    }


def counts_figure(questions: Sequence[QuestionCounts], title: str) -> go.Figure:
    """One horizontal bar chart per question, choices in the bank's order, top to bottom."""
    rows = max(1, len(questions))
    fig = make_subplots(
        rows=rows,
        cols=1,
        subplot_titles=[_wrap(q.text) for q in questions] or [""],
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
                hovertemplate="%{y} : %{x}<extra></extra>",
            ),
            row=row,
            col=1,
        )
        fig.update_yaxes(autorange="reversed", row=row, col=1)
        fig.update_xaxes(rangemode="tozero", tickformat="d", row=row, col=1)
    _layout(fig, title, height=ROW_HEIGHT * rows + 120)
    fig.update_annotations(font={"size": 22, "color": TEXT})
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
        "line": {"color": BLUE, "width": 4},
        "hovertemplate": "%{theta} : %{r:.0f}/100<extra></extra>",
    }


def _layout(fig: go.Figure, title: str, *, height: int) -> None:
    fig.update_layout(
        title={"text": title, "font": {"size": 34}},
        font={"family": FONT, "size": 22, "color": TEXT},
        template="plotly_white",
        showlegend=False,
        height=height,
        margin={"l": 40, "r": 40, "t": 140, "b": 40},
        separators=", ",
    )
