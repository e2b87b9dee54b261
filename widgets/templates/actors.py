"""The actors map drawn as SVG, and its text alternative, for the notebook edition.

The offline script (``actors.js``) draws the same markup from the same geometry
(:func:`widgets.actors.layout`), so a map reads the same with or without a kernel.
"""

from __future__ import annotations

from widgets.actors import (
    BOX_HEIGHT,
    COLUMN,
    PROFILE_COLOURS,
    PROFILES,
    ActorsMap,
    layout,
    profile_label,
)
from widgets.french import NBSP, join_fr
from widgets.templates import render

SHORT_PROFILES = (
    "Collectivités / institutions",
    "Acteurs économiques",
    "Associations",
    "Académiques",
)
"""Column headings (the full names are in the profile list of the form)."""
EMPTY_FR = f"La carte est vide{NBSP}: ajoutez un premier acteur."


def actors_svg(actors_map: ActorsMap) -> str:
    """The map as an SVG element; an actor linked to nobody has a dashed red outline."""
    drawn = layout(actors_map)
    isolated = set(actors_map.isolated())
    boxes = [
        {
            **box,
            "name": _short(actor.name),
            "colour": PROFILE_COLOURS[actor.profile],
            "isolated": index in isolated,
        }
        for index, (actor, box) in enumerate(zip(actors_map.actors, drawn["boxes"], strict=True))
    ]
    return render(
        "actors.svg.j2",
        width=drawn["width"],
        height=drawn["height"],
        column=COLUMN,
        box_height=BOX_HEIGHT,
        profiles=[{"short": short} for short in SHORT_PROFILES],
        colours=PROFILE_COLOURS,
        lines=drawn["lines"],
        boxes=boxes,
        label=actors_text(actors_map),
    )


def actors_text(actors_map: ActorsMap) -> str:
    """The map in one French paragraph: who is in each profile, who is linked to whom."""
    if not actors_map.actors:
        return EMPTY_FR
    parts = []
    for index, profile in enumerate(PROFILES):
        names = [a.name for a in actors_map.actors if a.profile == index]
        if names:
            parts.append(f"{profile}{NBSP}: {join_fr(names)}")
    names = [a.name for a in actors_map.actors]
    links = [f"{names[a]} – {names[b]}" for a, b in actors_map.links]
    text = ". ".join(parts) + "."
    if links:
        text += f" Liens{NBSP}: {join_fr(links)}."
    lonely = [names[i] for i in actors_map.isolated()]
    if lonely:
        text += f" Reliés à personne{NBSP}: {join_fr(lonely)}."
    return text


def _short(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


__all__ = ["EMPTY_FR", "actors_svg", "actors_text", "profile_label"]
