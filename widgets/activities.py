"""Binôme activities that save like a quiz: their definition and the record they make.

An activity is not scored: the binôme places its territory on a few dimensions and writes a
note. What it saves is a :class:`~widgets.storage.ResultRecord` of kind ``"activity"`` (answers:
the level index chosen per dimension, one note per dimension, the binôme's note; meta: how many
dimensions were placed), so the results list, the JSON/CSV exchange and the offline pages keep
it beside quizzes. The dimensions and their questions are quoted from the sources; the levels
are the learner's own placement, not a measure.

Core: the standard library and :mod:`widgets.french` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from widgets.french import NBSP, plural


@dataclass(frozen=True)
class Dimension:
    """One dimension to place the territory on, with the question the source asks."""

    id: str
    label: str
    question: str


@dataclass(frozen=True)
class Activity:
    """A binôme activity: ``id`` and ``version`` name its records like a bank's do."""

    id: str
    version: str
    title: str
    module: int
    prompt: str
    dimensions: tuple[Dimension, ...]
    levels: tuple[str, ...]
    source: str
    note_label: str = "Note du binôme (ce que vous retenez, la dimension à travailler)"

    def to_json(self) -> dict[str, Any]:
        """The definition as plain JSON, for the offline pages' script."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "module": self.module,
            "prompt": self.prompt,
            "dimensions": [vars(d) for d in self.dimensions],
            "levels": list(self.levels),
            "source": self.source,
            "note_label": self.note_label,
        }


FOUR_DIMENSIONS = Activity(
    id="activite_quatre_dimensions",
    version="1",
    title="Placer votre territoire sur les quatre dimensions",
    module=3,
    prompt=(
        "Pour chaque dimension, choisissez ensemble où en est la démarche de votre territoire "
        "et écrivez en une phrase la réponse qu'il apporte aujourd'hui à la question posée."
    ),
    dimensions=(
        Dimension(
            "solutions",
            "Solutions",
            "Quelles actions mettre en place pour une ingénierie adaptée à la co-construction "
            f"en territoire{NBSP}?",
        ),
        Dimension(
            "chaine_de_valeur",
            "Chaîne de valeur",
            f"Quels rôles complémentaires entre acteurs du territoire{NBSP}? Comment articuler "
            f"les apports respectifs{NBSP}?",
        ),
        Dimension(
            "modele_economique",
            "Modèle économique",
            f"Comment financer l'ingénierie de co-construction sur le territoire{NBSP}?",
        ),
        Dimension(
            "dispositif",
            "Dispositif",
            f"Au sein de quelle organisation{NBSP}? Avec quelle gouvernance{NBSP}? Dans quel "
            f"cadre technique{NBSP}?",
        ),
    ),
    levels=("Pas encore abordée", "En discussion", "En construction", "En place"),
    source="000_3d8b2b73c40b1d15.txt",
)

ACTIVITIES: dict[str, Activity] = {FOUR_DIMENSIONS.id: FOUR_DIMENSIONS}
"""Every activity by id (a record's ``bank_id``)."""

NOTE = "note"
"""The answer key of the binôme's note; a dimension's own note is ``<dimension>_note``."""


def activity_answers(
    activity: Activity,
    levels: Mapping[str, int | None],
    notes: Mapping[str, str],
    note: str = "",
) -> dict[str, int | str]:
    """The canonical answers of an activity: chosen level indexes, then non-empty notes.

    A dimension left unplaced is absent (like a skipped question); text is stripped and an
    empty note is not kept. A level outside the activity's scale is a :class:`ValueError`.
    """
    answers: dict[str, int | str] = {}
    for dimension in activity.dimensions:
        level = levels.get(dimension.id)
        if level is not None:
            if not 0 <= level < len(activity.levels):
                raise ValueError(f"level {level!r} outside 0..{len(activity.levels) - 1}")
            answers[dimension.id] = int(level)
    for dimension in activity.dimensions:
        text = (notes.get(dimension.id) or "").strip()
        if text:
            answers[f"{dimension.id}_note"] = text
    if note.strip():
        answers[NOTE] = note.strip()
    return answers


def activity_meta(activity: Activity, answers: Mapping[str, int | str]) -> dict[str, int]:
    """What the results list says of an activity record: dimensions placed, out of how many."""
    placed = sum(1 for d in activity.dimensions if isinstance(answers.get(d.id), int))
    return {"module": activity.module, "placed": placed, "total": len(activity.dimensions)}


def activity_summary(meta: Mapping[str, Any]) -> str:
    """« 3 dimensions placées sur 4 » (the results list's line for an activity record)."""
    placed, total = meta.get("placed"), meta.get("total")
    if not isinstance(placed, int) or not isinstance(total, int):
        return "activité enregistrée"
    return f"{plural(placed, 'dimension placée', 'dimensions placées')} sur {total}"
