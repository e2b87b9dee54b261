"""What a stored result may hold: text every store and both exchange formats can carry, and
numbers and dates in sane ranges.

One imported value that SQLite takes but a later JSON or CSV export cannot write (a lone
surrogate) would break every export of the learner's results until found; a result dated 9999
would stay the « latest » forever; a 401-digit integer overflows a float. So both
:class:`~widgets.storage.records.ResultRecord` (our code) and the exchange checks
(:mod:`widgets.storage.schema`, files from outside) refuse them, with the reasons below as
:class:`ValueError`.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta
from typing import Any

MAX_SAFE_INTEGER = 2**53
"""Integers beyond ±2⁵³ lose digits in JavaScript (the offline edition) and in a float."""
NAME_LENGTH = 100
"""Pseudonym, bank id and bank version: identifiers shown in lists, not prose."""
TEXT_LENGTH = 10_000
"""A free answer, a meta value, a key."""
META_DEPTH = 32
"""Nesting of ``meta``: our own widgets use two or three levels."""
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_YEAR = 2100
"""Dates a record made by our code may carry (a datetime beyond stays convertible)."""
FUTURE_SLACK = timedelta(days=1)
"""An imported result may be dated at most this far ahead of the importing machine's clock."""
DOCUMENT_DEPTH = 100
"""Nesting of a whole exchange file: a result holds four levels plus its ``meta``; deeper is
refused for the file at once (Python's parser would otherwise stop at its recursion limit, a
number that depends on the machine)."""
LONG_INTEGER_DIGITS = 20
"""An integer literal of more digits is kept as text by the reader and refused where it is."""
DATE_LENGTH = 64
"""Longest ``created_at`` text looked at."""

UNSTORABLE_PATTERN = r"[\x00\ud800-\udfff]"
"""NUL (PostgreSQL text refuses it) and lone surrogates (not encodable in UTF-8)."""
CONTROL_PATTERN = r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]"
"""What an identifier may not hold: control characters, tabs and line breaks included."""
UUID_PATTERN = (
    r"(?:urn:uuid:)?\{?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})"
    r"-?([0-9a-fA-F]{12})\}?"
)
"""An id as written by ``uuid`` (32 hex digits, dashes and braces optional); stricter than
:class:`uuid.UUID`, which also takes ``+``, ``_`` and doubled braces."""
DATE_PATTERN = (
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:[.,]([0-9]+))?)?(Z|([+-])([0-9]{2})(?::?([0-9]{2}))?)"
)
"""ISO 8601 with a time zone, the forms people and programs write: ``2025-03-01T09:30Z``,
``2025-03-01 09:30:00.5+01:00``, ``…+0100``, ``…+01``. Groups: year, month, day, hour,
minute, second, fraction, zone, zone sign, zone hours, zone minutes (the offline script reads
them by number). Week dates and the basic format (``20250301T0930Z``), which
:meth:`datetime.fromisoformat` also takes, are refused so that both editions take the same."""

_UNSTORABLE = re.compile(UNSTORABLE_PATTERN)
_CONTROL = re.compile(CONTROL_PATTERN)


def check_name(value: str, name: str) -> str:
    """``value`` stripped, or ValueError if it is empty, too long or holds a control char."""
    text = value.strip()
    if not text:
        raise ValueError(f"{name} must not be empty")
    if len(text) > NAME_LENGTH:
        raise ValueError(f"{name} longer than {NAME_LENGTH} characters")
    if _CONTROL.search(text):
        raise ValueError(f"{name} holds a control character or a lone surrogate")
    return text


def check_text(value: str, name: str) -> str:
    """Free text: any character but NUL and lone surrogates, at most :data:`TEXT_LENGTH`."""
    if len(value) > TEXT_LENGTH:
        raise ValueError(f"{name} longer than {TEXT_LENGTH} characters")
    if _UNSTORABLE.search(value):
        raise ValueError(f"{name} holds NUL or a lone surrogate")
    return value


def check_integer(value: int, name: str) -> int:
    if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
        raise ValueError(f"{name} beyond ±2**53")
    return int(value)


def check_float(value: float, name: str) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite")
    return float(value)


def check_moment(value: datetime, *, imported: bool) -> datetime:
    """An aware datetime in UTC, between 2000 and 2100 (tomorrow for an imported one)."""
    try:
        moment = value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError("created_at out of range") from None
    latest = (
        datetime.now(UTC) + FUTURE_SLACK
        if imported
        else datetime(LATEST_YEAR, 12, 31, 23, 59, 59, tzinfo=UTC)
    )
    if not EARLIEST <= moment <= latest:
        raise ValueError(f"created_at must lie between {EARLIEST:%Y-%m-%d} and {latest:%Y-%m-%d}")
    return moment


def nesting_exceeds(value: Any, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` deep in ``value`` (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth + 1 > limit:
                return True
            inner = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in inner)
    return False


def check_json(value: Any, name: str) -> None:
    """Walk ``value`` (meta) without recursion: depth, keys, strings and numbers in range."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > META_DEPTH:
            raise ValueError(f"{name} nested deeper than {META_DEPTH} levels")
        if isinstance(item, dict):
            for key, inner in item.items():
                if isinstance(key, str):
                    check_text(key, f"{name} key")
                stack.append((inner, depth + 1))
        elif isinstance(item, list | tuple):
            stack.extend((inner, depth + 1) for inner in item)
        else:
            _check_scalar(item, name)


def as_json() -> dict[str, Any]:
    """These bounds as data, for the offline edition's script (:mod:`widgets.storage.import_rules`),
    so that a browser checks an import with the very numbers and patterns used here."""
    return {
        "max_safe_integer": MAX_SAFE_INTEGER,
        "long_integer_digits": LONG_INTEGER_DIGITS,
        "name_length": NAME_LENGTH,
        "text_length": TEXT_LENGTH,
        "meta_depth": META_DEPTH,
        "document_depth": DOCUMENT_DEPTH,
        "date_length": DATE_LENGTH,
        "earliest": EARLIEST.isoformat().replace("+00:00", "Z"),
        "future_slack_ms": int(FUTURE_SLACK.total_seconds() * 1000),
        "unstorable_pattern": UNSTORABLE_PATTERN,
        "control_pattern": CONTROL_PATTERN,
        "uuid_pattern": UUID_PATTERN,
        "date_pattern": DATE_PATTERN,
    }


def _check_scalar(item: Any, name: str) -> None:
    if isinstance(item, str):
        check_text(item, name)
    elif isinstance(item, bool) or item is None:
        return
    elif isinstance(item, int):
        check_integer(item, name)
    elif isinstance(item, float):
        check_float(item, name)
    else:
        raise ValueError(f"{name} holds a value JSON cannot carry: {str(item)[:40]}")
