"""The actors map of modules 5 and 6: the actors of a territory by profile, and their links.

The binôme names the actors it knows, gives each one of the four profiles of the Réseau des
pionniers (doc. 004: collectivités territoriales / institutions, acteurs économiques —
entreprises, ESS, SIAE —, associations, académiques; doc. 000 lists « collectivités
territoriales, associations, entreprises, universités »), and links those that already work
together. The map is saved like any binôme activity: a record of kind ``"activity"`` whose
``bank_id`` is :data:`ACTORS_MAP_ID`, answers flat so CSV keeps them:

- ``acteur_<n>``: the name; ``acteur_<n>_profil``: the profile index (0–3);
- ``lien_<k>_de`` and ``lien_<k>_vers``: the actor numbers a link joins (no direction meant);
- ``note``: the binôme's note.

Its drawing (:func:`layout`) puts each profile in its own column, so the map reads without
colour and without dragging; the offline script (``actors.js``) draws the same.

Core: the standard library and :mod:`widgets.french` only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ACTORS_MAP_ID = "carte_des_acteurs"
ACTORS_MAP_VERSION = "1"
ACTORS_MAP_TITLE = "La carte des acteurs de votre territoire"
ACTORS_MAP_MODULE = 5
ACTORS_MAP_SOURCE = "004_331fb6bdea7adcf7.txt"

PROFILES: tuple[str, ...] = (
    "Collectivités territoriales / institutions",
    "Acteurs économiques (entreprises, ESS, SIAE)",
    "Associations",
    "Académiques",
)
"""The four profiles of the network's members, as the 2020 report names them (doc. 004)."""

PROFILE_COLOURS = ("#1f4e79", "#7a4b00", "#2e6b30", "#6b2e6b")
"""One colour per profile, each dark enough for white text; the column says it too."""

WIDTH, COLUMN, ROW, TOP, BOX_HEIGHT, BEND = 800, 200, 44, 80, 30, 120
"""The drawing's geometry in SVG units (mirrored in ``actors.js``)."""

_ACTOR = re.compile(r"^acteur_(\d+)$")
_LINK = re.compile(r"^lien_(\d+)_de$")


@dataclass(frozen=True)
class Actor:
    """One actor of the territory and its profile (an index into :data:`PROFILES`)."""

    name: str
    profile: int


@dataclass(frozen=True)
class ActorsMap:
    """The binôme's map: actors in the order added, links as pairs of actor indexes."""

    actors: tuple[Actor, ...] = ()
    links: tuple[tuple[int, int], ...] = ()
    note: str = ""

    def add_actor(self, name: str, profile: int) -> ActorsMap:
        """The map with one more actor; a blank or repeated name, a wrong profile: ValueError."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("empty name")
        if not 0 <= profile < len(PROFILES):
            raise ValueError(f"profile {profile!r} outside 0..{len(PROFILES) - 1}")
        if any(actor.name.casefold() == name.casefold() for actor in self.actors):
            raise ValueError(f"{name!r} already on the map")
        return ActorsMap((*self.actors, Actor(name, profile)), self.links, self.note)

    def add_link(self, first: int, second: int) -> ActorsMap:
        """The map with one more link; a link to oneself, twice, or to nobody: ValueError."""
        if not (0 <= first < len(self.actors) and 0 <= second < len(self.actors)):
            raise ValueError("unknown actor")
        if first == second:
            raise ValueError("an actor cannot be linked to itself")
        pair = (min(first, second), max(first, second))
        if pair in self.links:
            raise ValueError("already linked")
        return ActorsMap(self.actors, (*self.links, pair), self.note)

    def remove_actor(self, index: int) -> ActorsMap:
        """The map without one actor and its links (later indexes shift down)."""
        if not 0 <= index < len(self.actors):
            raise ValueError("unknown actor")

        def shift(i: int) -> int:
            return i - 1 if i > index else i

        actors = tuple(a for i, a in enumerate(self.actors) if i != index)
        links = tuple((shift(a), shift(b)) for a, b in self.links if index not in (a, b))
        return ActorsMap(actors, links, self.note)

    def isolated(self) -> list[int]:
        """Actors linked to nobody: the first ones to put in touch."""
        linked = {i for pair in self.links for i in pair}
        return [i for i in range(len(self.actors)) if i not in linked]


def map_answers(actors_map: ActorsMap) -> dict[str, int | str]:
    """The flat answers a record keeps (see the module docstring); numbers start at 1."""
    answers: dict[str, int | str] = {}
    for number, actor in enumerate(actors_map.actors, start=1):
        answers[f"acteur_{number}"] = actor.name
        answers[f"acteur_{number}_profil"] = actor.profile
    for number, (first, second) in enumerate(actors_map.links, start=1):
        answers[f"lien_{number}_de"] = first + 1
        answers[f"lien_{number}_vers"] = second + 1
    if actors_map.note.strip():
        answers["note"] = actors_map.note.strip()
    return answers


def map_from_answers(answers: Mapping[str, Any]) -> ActorsMap:
    """A saved map read back; what does not fit (a bad profile, a link to nobody) is skipped."""
    numbers = sorted(int(m.group(1)) for key in answers if (m := _ACTOR.match(key)))
    result = ActorsMap()
    position: dict[int, int] = {}
    for number in numbers:
        name, profile = answers.get(f"acteur_{number}"), answers.get(f"acteur_{number}_profil")
        try:
            result = result.add_actor(str(name), profile if isinstance(profile, int) else -1)
        except ValueError:
            continue
        position[number] = len(result.actors) - 1
    for number in sorted(int(m.group(1)) for key in answers if (m := _LINK.match(key))):
        first, second = answers.get(f"lien_{number}_de"), answers.get(f"lien_{number}_vers")
        if first in position and second in position:
            try:
                result = result.add_link(position[first], position[second])
            except ValueError:
                continue
    note = answers.get("note")
    return ActorsMap(result.actors, result.links, note if isinstance(note, str) else "")


def map_meta(actors_map: ActorsMap) -> dict[str, Any]:
    """What the results list shows: actors, links, actors per profile, actors linked to none."""
    return {
        "module": ACTORS_MAP_MODULE,
        "actors": len(actors_map.actors),
        "links": len(actors_map.links),
        "by_profile": [
            sum(a.profile == p for a in actors_map.actors) for p in range(len(PROFILES))
        ],
        "isolated": len(actors_map.isolated()),
    }


def layout(actors_map: ActorsMap) -> dict[str, Any]:
    """Where to draw each actor: one column per profile, in the order added.

    Returns the SVG's height and, per actor, its box (``x``, ``y``, the centre ``cx``/``cy``),
    per link the path ``d`` of a curve between the two centres (bent upwards, or sideways in
    one column, so that a link never reads as passing through the actor between); the
    offline script computes the same.
    """
    rows = [0] * len(PROFILES)
    boxes = []
    for actor in actors_map.actors:
        row = rows[actor.profile]
        rows[actor.profile] += 1
        x, y = actor.profile * COLUMN + 8, TOP + row * ROW
        boxes.append({"x": x, "y": y, "cx": x + (COLUMN - 16) / 2, "cy": y + BOX_HEIGHT / 2})
    lines = [_curve(boxes[a], boxes[b]) for a, b in actors_map.links]
    height = TOP + max([*rows, 1]) * ROW + 8
    return {"width": WIDTH, "height": height, "boxes": boxes, "lines": lines}


def _curve(first: Mapping[str, float], second: Mapping[str, float]) -> dict[str, Any]:
    x1, y1, x2, y2 = first["cx"], first["cy"], second["cx"], second["cy"]
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    if x1 == x2:
        cx, cy = mx + COLUMN / 2 - 8, my
    else:
        cx, cy = mx, my - min(abs(x2 - x1) / 4, BEND)
    return {
        "x1": x1,
        "y1": y1,
        "x2": x2,
        "y2": y2,
        "d": f"M {x1:g} {y1:g} Q {cx:g} {cy:g} {x2:g} {y2:g}",
    }


def actors_map_json() -> dict[str, Any]:
    """The definition the offline script needs (profiles, colours, geometry, source)."""
    return {
        "id": ACTORS_MAP_ID,
        "version": ACTORS_MAP_VERSION,
        "title": ACTORS_MAP_TITLE,
        "module": ACTORS_MAP_MODULE,
        "source": ACTORS_MAP_SOURCE,
        "profiles": list(PROFILES),
        "colours": list(PROFILE_COLOURS),
        "geometry": {
            "width": WIDTH,
            "column": COLUMN,
            "row": ROW,
            "top": TOP,
            "box_height": BOX_HEIGHT,
            "bend": BEND,
        },
    }


def profile_label(index: int, profiles: Sequence[str] = PROFILES) -> str:
    """A profile's French label (``"profil inconnu"`` outside the list)."""
    return profiles[index] if 0 <= index < len(profiles) else "profil inconnu"
