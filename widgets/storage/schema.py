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
import uuid
from datetime import UTC, datetime
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


def _uuid(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("UUID expected")
    return uuid.UUID(value.strip()).hex


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("non-empty text expected")
    return bounds.check_name(value, "text")


def _version(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(bounds.check_integer(value, "bank_version"))
    return _text(value)


def _timestamp(value: Any) -> datetime:
    if not isinstance(value, str) or len(value) > 64:
        raise ValueError("ISO 8601 text expected")
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("time zone expected")
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
            errors.append((tuple(str(part) for part in error["loc"]), code, value))
        return None, errors
    try:
        return ResultRecord(**dict(model)), []
    except (TypeError, ValueError) as exc:
        return None, [((), "invalid-field", str(exc))]


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
