"""Binôme activities that save like a quiz: their definition (``data/activities.yaml``) and record.

An activity is not scored: the binôme answers a few items (a choice on the item's own scale,
a sentence, or both) and writes a note. What it saves is a
:class:`~widgets.storage.ResultRecord` of kind ``"activity"`` (answers: the choice index per
item, one note per item, the binôme's note; meta: how many items were answered, and the words
the results list uses for them), so the results list, the JSON/CSV exchange and the offline
pages keep it beside quizzes. Definitions are data, one per module, so a facilitator adds one
without touching Python; one form (notebook) and one script (offline) render them all.

The actors map of modules 5 and 6 (:mod:`widgets.actors`) saves records of the same kind.

Core: the standard library, PyYAML, :mod:`widgets.config`, :mod:`widgets.errors` and
:mod:`widgets.french` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from widgets.actors import ACTORS_MAP_ID, ACTORS_MAP_TITLE
from widgets.config import data_dir as default_data_dir
from widgets.errors import DataError, Problem
from widgets.french import NBSP

ACTIVITIES_FILE = "activities.yaml"
DEFAULT_UNIT = ("dimension placée", "dimensions placées")
"""What an activity record without ``unit`` in its meta counts (records of module 3's v1)."""


@dataclass(frozen=True)
class Dimension:
    """One item to answer, with the question the source asks; ``levels`` overrides the scale.

    An item whose scale is empty takes a sentence only.
    """

    id: str
    label: str
    question: str
    levels: tuple[str, ...] | None = None


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
    item_label: str = "Dimension"
    unit: tuple[str, str] = DEFAULT_UNIT
    source_label: str = "Questions de l'activité"
    placeholder: str = ""
    """What an item's sentence box suggests (empty: the form's own wording)."""

    def scale(self, dimension: Dimension) -> tuple[str, ...]:
        """The choices of one item: its own, else the activity's."""
        return dimension.levels if dimension.levels is not None else self.levels

    def to_json(self) -> dict[str, Any]:
        """The definition as plain JSON, for the offline pages' script (scales resolved)."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "module": self.module,
            "prompt": self.prompt,
            "dimensions": [
                {
                    "id": d.id,
                    "label": d.label,
                    "question": d.question,
                    "levels": list(self.scale(d)),
                }
                for d in self.dimensions
            ],
            "levels": list(self.levels),
            "source": self.source,
            "note_label": self.note_label,
            "item_label": self.item_label,
            "unit": list(self.unit),
            "source_label": self.source_label,
            "placeholder": self.placeholder,
        }


NOTE = "note"
"""The answer key of the binôme's note; an item's own note is ``<item>_note``."""


def activity_problems(data_dir: Path | str | None = None) -> list[Problem]:
    """What ``parcours validate`` and ``serve`` say of ``activities.yaml``; never raises.

    The data folder's checks (:mod:`widgets.loaders.validation`) see the file as a declared
    resource; its content is this module's to read, so what the activities' form would refuse
    is refused here too, with the same words (whatever validate accepts, every reader reads).
    """
    try:
        load_activities(data_dir)
    except DataError as error:
        return list(error.problems)
    except (RecursionError, ValueError, TypeError):  # absurd nesting or values: refused too
        return [Problem(ACTIVITIES_FILE, "yaml-error")]
    return []


def load_activities(data_dir: Path | str | None = None) -> dict[str, Activity]:
    """Every activity of ``data/activities.yaml`` by id (a record's ``bank_id``), file order.

    Written from the source documents each activity names (``source``); a malformed file is a
    :class:`~widgets.errors.DataError` naming the activity and the field.
    """
    root = Path(data_dir).resolve() if data_dir is not None else default_data_dir()
    path = root / ACTIVITIES_FILE
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise DataError.single(ACTIVITIES_FILE, "file-missing") from None
    return dict(_read(str(path), stamp))


@lru_cache(maxsize=4)
def _read(path: str, _stamp: int) -> tuple[tuple[str, Activity], ...]:
    try:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise DataError.single(ACTIVITIES_FILE, "yaml-error", row=row) from None
    entries = document.get("activities") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise DataError.single(ACTIVITIES_FILE, "missing-field", item="activities")
    problems: list[Problem] = []
    activities: list[tuple[str, Activity]] = []
    for number, entry in enumerate(entries, start=1):
        activity = _activity(entry, number, problems)
        if activity is not None:
            if any(activity.id == known for known, _ in activities):
                problems.append(Problem(ACTIVITIES_FILE, "duplicate-id", item=activity.id))
            activities.append((activity.id, activity))
    if problems:
        raise DataError(problems)
    return tuple(activities)


def _text(entry: Mapping[str, Any], key: str, where: str, problems: list[Problem]) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(ACTIVITIES_FILE, "missing-field", item=f"{where}.{key}"))
        return ""
    return value.strip()


def _scale(value: Any, where: str, problems: list[Problem]) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(Problem(ACTIVITIES_FILE, "invalid-field", item=f"{where}.levels"))
        return None
    return tuple(v.strip() for v in value)


def _activity(entry: Any, number: int, problems: list[Problem]) -> Activity | None:
    where = str(entry.get("id", number)) if isinstance(entry, dict) else str(number)
    if not isinstance(entry, dict):
        problems.append(Problem(ACTIVITIES_FILE, "invalid-field", item=where))
        return None
    before = len(problems)
    text = {
        key: _text(entry, key, where, problems)
        for key in ("id", "title", "prompt", "source", "note_label", "item_label", "source_label")
    }
    module = entry.get("module")
    if isinstance(module, bool) or not isinstance(module, int):
        problems.append(Problem(ACTIVITIES_FILE, "invalid-field", item=f"{where}.module"))
        module = -1
    unit = entry.get("summary")
    if not (isinstance(unit, list) and len(unit) == 2 and all(isinstance(u, str) for u in unit)):
        problems.append(Problem(ACTIVITIES_FILE, "invalid-field", item=f"{where}.summary"))
        unit = list(DEFAULT_UNIT)
    levels = _scale(entry.get("levels", []), where, problems) or ()
    items = entry.get("items")
    dimensions: list[Dimension] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            problems.append(Problem(ACTIVITIES_FILE, "invalid-field", item=f"{where}.items"))
            continue
        item_id = _text(item, "id", where, problems)
        place = f"{where}.{item_id}"
        dimensions.append(
            Dimension(
                item_id,
                _text(item, "label", place, problems),
                _text(item, "question", place, problems),
                _scale(item.get("levels"), place, problems),
            )
        )
    if not dimensions:
        problems.append(Problem(ACTIVITIES_FILE, "missing-field", item=f"{where}.items"))
    if len(problems) > before:
        return None
    return Activity(
        id=text["id"],
        version=str(entry.get("version", "1")),
        title=text["title"],
        module=module,
        prompt=text["prompt"],
        dimensions=tuple(dimensions),
        levels=levels,
        source=text["source"],
        note_label=text["note_label"],
        item_label=text["item_label"],
        unit=(str(unit[0]), str(unit[1])),
        source_label=text["source_label"],
        placeholder=str(entry.get("placeholder") or "").strip(),
    )


def activity_answers(
    activity: Activity,
    levels: Mapping[str, int | None],
    notes: Mapping[str, str],
    note: str = "",
) -> dict[str, int | str]:
    """The canonical answers of an activity: chosen level indexes, then non-empty notes.

    An item left unanswered is absent (like a skipped question); text is stripped and an
    empty note is not kept. A level outside the item's scale is a :class:`ValueError`.
    """
    answers: dict[str, int | str] = {}
    for dimension in activity.dimensions:
        level = levels.get(dimension.id)
        if level is not None:
            if not 0 <= level < len(activity.scale(dimension)):
                raise ValueError(f"level {level!r} outside 0..{len(activity.scale(dimension)) - 1}")
            answers[dimension.id] = int(level)
    for dimension in activity.dimensions:
        text = (notes.get(dimension.id) or "").strip()
        if text:
            answers[f"{dimension.id}_note"] = text
    if note.strip():
        answers[NOTE] = note.strip()
    return answers


def activity_meta(activity: Activity, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What the results list says of an activity record: items answered, out of how many.

    An item counts when it has a choice or a sentence. ``unit`` carries the words of the
    summary, so the list reads a record without its definition.
    """
    placed = sum(1 for d in activity.dimensions if d.id in answers or f"{d.id}_note" in answers)
    meta: dict[str, Any] = {
        "module": activity.module,
        "placed": placed,
        "total": len(activity.dimensions),
    }
    if activity.unit != DEFAULT_UNIT:
        meta["unit"] = list(activity.unit)
    return meta


def activity_summary(meta: Mapping[str, Any]) -> str:
    """« 3 dimensions placées sur 4 », or the actors map's « 5 acteurs, 3 liens »."""
    if isinstance(meta.get("actors"), int) and isinstance(meta.get("links"), int):
        actors, links = meta["actors"], meta["links"]
        return (
            f"{actors}{NBSP}acteur{'s' if actors > 1 else ''}, "
            f"{links}{NBSP}lien{'s' if links > 1 else ''}"
        )
    placed, total = meta.get("placed"), meta.get("total")
    if not isinstance(placed, int) or not isinstance(total, int):
        return "activité enregistrée"
    unit = meta.get("unit")
    if not (isinstance(unit, list) and len(unit) == 2 and all(isinstance(u, str) for u in unit)):
        unit = list(DEFAULT_UNIT)
    return f"{placed}{NBSP}{unit[1] if placed > 1 else unit[0]} sur {total}"


def activity_title(activity_id: str, data_dir: Path | str | None = None) -> str | None:
    """The title of an activity or of the actors map; ``None`` when the id is neither."""
    if activity_id == ACTORS_MAP_ID:
        return ACTORS_MAP_TITLE
    activity = load_activities(data_dir).get(activity_id)
    return activity.title if activity is not None else None
