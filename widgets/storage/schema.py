"""One result as found in an exchange file (JSON or CSV), checked field by field.

The checks mirror :class:`~widgets.storage.records.ResultRecord`, but report problems as data
(a location inside the result, a code, the value found) instead of raising, so that
:mod:`widgets.storage.exchange` can say where each problem is, in either file format.
Pydantic does the walking; each field has a plain validator so that one bad value gives one
problem (no per-branch errors of a union).
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError

from widgets.storage import bounds
from widgets.storage.records import ResultRecord

Located = tuple[tuple[str, ...], str, Any]
"""A problem inside one result: (location such as ``("answers", "q1")``, code, value)."""

EXPECTED_FR: dict[str, str] = {
    "id": "un identifiant UUID (32 chiffres hexadécimaux)",
    "pseudonym": f"un texte non vide d'au plus {bounds.NAME_LENGTH} caractères, sans "
    "caractère de contrôle",
    "bank_id": f"un texte non vide d'au plus {bounds.NAME_LENGTH} caractères, sans caractère "
    "de contrôle",
    "bank_version": "un texte court ou un entier",
    "kind": "diagnostic, quiz, poll ou activity",
    "created_at": "une date ISO 8601 avec fuseau entre 2000 et aujourd'hui, p. ex. "
    "2025-03-01T09:30:00Z",
    "answers": "un objet {question: entier ou texte}",
    "answers.*": f"un entier (au plus 2^53 en valeur absolue) ou un texte d'au plus "
    f"{bounds.TEXT_LENGTH} caractères",
    "scores": "un objet {axe: nombre ou null}",
    "scores.*": "un nombre fini (un entier au plus 2^53 en valeur absolue) ou null",
    "meta": f"un objet JSON (au plus {bounds.META_DEPTH} niveaux, sans caractère nul)",
}


_UUID = re.compile(bounds.UUID_PATTERN)
_DATE = re.compile(bounds.DATE_PATTERN)


def _uuid(value: Any) -> str:
    match = _UUID.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError("UUID expected")
    return "".join(match.groups()).lower()


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("non-empty text expected")
    return bounds.check_name(value, "text")


def _version(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(bounds.check_integer(value, "bank_version"))
    return _text(value)


def _timestamp(value: Any) -> datetime:
    """A moment read from the groups of :data:`~widgets.storage.bounds.DATE_PATTERN`, as the
    offline script reads them (``datetime`` checks the ranges: day of month, hour, offset)."""
    if not isinstance(value, str) or len(value) > bounds.DATE_LENGTH:
        raise ValueError("ISO 8601 text expected")
    match = _DATE.fullmatch(value.strip())
    if match is None:
        raise ValueError("ISO 8601 text with a time zone expected")
    year, month, day, hour, minute, second, fraction, zone, sign, hours, minutes = match.groups()
    offset = timedelta(0)
    if zone != "Z":
        offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
        offset = -offset if sign == "-" else offset
    moment = datetime(
        int(year),
        int(month),
        int(day),
        int(hour),
        int(minute),
        int(second or 0),
        int((fraction or "")[:6].ljust(6, "0")),
        tzinfo=timezone(offset),
    )
    return bounds.check_moment(moment, imported=True).astimezone(UTC)


def _key(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("text expected")
    return bounds.check_text(value, "key")


def _answer(value: Any) -> int | str:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("int or text expected")
    if isinstance(value, int):
        return bounds.check_integer(value, "answer")
    return bounds.check_text(value, "answer")


def _score(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("finite number or null expected")
    if isinstance(value, int):
        return bounds.check_integer(value, "score")
    if not math.isfinite(value):
        raise ValueError("finite number or null expected")
    return value


def _meta(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("object expected")
    bounds.check_json(value, "meta")
    return value


class _ResultModel(BaseModel):
    """One result as found in a file; unknown keys are ignored (see the module docstring)."""

    model_config = ConfigDict(extra="ignore")

    id: Annotated[str, PlainValidator(_uuid)]
    pseudonym: Annotated[str, PlainValidator(_text)]
    bank_id: Annotated[str, PlainValidator(_text)]
    bank_version: Annotated[str, PlainValidator(_version)]
    kind: Literal["diagnostic", "quiz", "poll", "activity"]
    created_at: Annotated[datetime, PlainValidator(_timestamp)]
    answers: dict[
        Annotated[str, PlainValidator(_key)], Annotated[int | str, PlainValidator(_answer)]
    ]
    scores: dict[
        Annotated[str, PlainValidator(_key)], Annotated[float | None, PlainValidator(_score)]
    ]
    meta: Annotated[dict[str, Any], PlainValidator(_meta)] = Field(default_factory=dict)


def check_result(data: Any) -> tuple[ResultRecord | None, list[Located]]:
    """A record, or the errors as ``(location, code, value)`` with location inside the result."""
    try:
        model = _ResultModel.model_validate(data)
    except (RecursionError, OverflowError, MemoryError):
        return None, [((), "invalid-field", "trop imbriqué ou trop grand")]
    except ValidationError as exc:
        errors: list[Located] = []
        for error in exc.errors():
            code = "missing-field" if error["type"] == "missing" else "invalid-field"
            value = None if code == "missing-field" else error.get("input")
            location = _restored(tuple(str(part) for part in error["loc"]), data)
            errors.append((location, code, value))
        return None, errors
    try:
        return ResultRecord(**dict(model)), []
    except (TypeError, ValueError) as exc:
        return None, [((), "invalid-field", str(exc))]


def _restored(location: tuple[str, ...], data: Any) -> tuple[str, ...]:
    """``location`` naming a key as the file wrote it. pydantic hands a key holding a lone
    surrogate back with U+FFFD in its place (its core cannot hold one), so the problem would
    name three U+FFFD instead of the key (shown ``\\ud800`` by :func:`widgets.errors.printable`)."""
    if len(location) < 2 or "\ufffd" not in location[1] or not isinstance(data, dict):
        return location
    entries = data.get(location[0])
    if not isinstance(entries, dict) or location[1] in entries:
        return location
    for key in entries:
        if isinstance(key, str) and _lossy(key) == location[1]:
            return (location[0], key, *location[2:])
    return location


def _lossy(text: str) -> str:
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def expected_fr(location: tuple[str, ...]) -> str | None:
    if not location:
        return None
    key = location[0] if len(location) == 1 else f"{location[0]}.*"
    return EXPECTED_FR.get(key)


def shown(value: Any) -> str | None:
    """``value`` as text for a message: short, and printable even when it cannot be stored."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, RecursionError):
            text = object.__repr__(value)
    text = text[:200]
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
