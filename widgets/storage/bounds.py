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

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
"""NUL (PostgreSQL text refuses it) and lone surrogates (not encodable in UTF-8)."""
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
"""What an identifier may not hold: control characters, tabs and line breaks included."""


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
