"""The text of a JSON exchange file as a value: UTF-8, no NaN, long integers kept, bounded.

Shared by the results import (:mod:`widgets.storage.exchange`) and the replay reader
(:mod:`widgets.room.replay`): both take files from outside, and both must answer with a
:class:`~widgets.errors.DataError` naming the file, never with ``RecursionError`` or
``OverflowError``.
"""

from __future__ import annotations

import json
from typing import Any

from widgets.errors import DataError
from widgets.storage import bounds

TOO_DEEP_FR = f"des listes et objets imbriqués sur au plus {bounds.DOCUMENT_DEPTH} niveaux"


def decode(text: str | bytes, source: str) -> str:
    """Text without a BOM; bytes (e.g. from a FileUpload widget) must be UTF-8."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataError.single(source, "encoding-error", row=None, value=str(exc)) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DataError.single(source, "file-empty")
    return text


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


class LongNumber:
    """An integer of more digits than any result holds, kept as text so that the check of the
    record it sits in names where it is (instead of the whole file failing to parse)."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __str__(self) -> str:
        return f"{self.digits[:12]}… ({len(self.digits)} chiffres)"


def _parse_int(text: str) -> int | LongNumber:
    return LongNumber(text) if len(text.lstrip("-")) > bounds.LONG_INTEGER_DIGITS else int(text)


def loads(text: str) -> Any:
    """``json.loads`` refusing NaN and Infinity, an over-long integer as :class:`LongNumber`."""
    return json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int)


def read_json_document(text: str | bytes, source: str) -> Any:
    """The value of a JSON file (UTF-8, BOM allowed); a :class:`DataError` naming ``source``
    (and the line) when it is empty or not JSON, NaN and Infinity included, or nested deeper
    than :data:`~widgets.storage.bounds.DOCUMENT_DEPTH` (checked after parsing, so the limit
    does not depend on the interpreter's recursion limit)."""
    text = decode(text, source)
    try:
        document = loads(text)
    except json.JSONDecodeError as exc:
        raise DataError.single(source, "json-error", row=exc.lineno, value=exc.msg) from None
    except ValueError as exc:  # NaN, or an integer of more than 4 300 digits
        raise DataError.single(source, "json-error", value=str(exc)[:200]) from None
    except RecursionError:
        raise DataError.single(source, "too-deep", expected=TOO_DEEP_FR) from None
    if bounds.nesting_exceeds(document, bounds.DOCUMENT_DEPTH):
        raise DataError.single(source, "too-deep", expected=TOO_DEEP_FR)
    return document
