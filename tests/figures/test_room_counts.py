"""The room's results chart counts people: its axis steps by whole numbers, whatever the room's
size, before and after the counts grow (the facilitator's dashboard updates the figure in place)."""

from __future__ import annotations

import plotly.graph_objects as go

from widgets.figures.room import count_ticks, counts_figure
from widgets.room.aggregate import ChoiceCount, QuestionCounts


def _question(counts: list[int]) -> QuestionCounts:
    choices = tuple(
        ChoiceCount(value=f"c{i}", label=f"Choix {i}", count=n) for i, n in enumerate(counts)
    )
    return QuestionCounts(id="q", text="Une question\u00a0?", choices=choices)


def _ticks(figure: go.Figure) -> list[float]:
    """The tick values plotly would draw on the first count axis (computed like plotly.js does
    for a linear axis starting at zero)."""
    axis = figure.layout.xaxis
    top = max(figure.data[0].x)
    assert axis.tickmode == "linear" and axis.dtick is not None
    return [axis.tick0 + k * axis.dtick for k in range(int(top / axis.dtick) + 1)]


def test_a_small_room_gets_one_tick_per_person_not_halves() -> None:
    figure = counts_figure([_question([4, 2, 5, 1])], "Sondage")
    ticks = _ticks(figure)
    assert ticks == [0, 1, 2, 3, 4, 5]
    assert all(float(t).is_integer() for t in ticks)


def test_a_large_room_leaves_the_steps_to_plotly_again() -> None:
    assert count_ticks([0, 0]) == {"tickmode": "linear", "tick0": 0, "dtick": 1}
    grown = count_ticks([120, 480, 3])
    assert grown["tickmode"] == "auto" and grown["dtick"] is None
