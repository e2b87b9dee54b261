"""French text as a learner reads it: numbers, units, years, lists, plurals, sources.

One place for the conventions every edition follows (the notebook widgets, the live room, the
offline pages and the figures): decimal comma, a narrow no-break space between thousands, a
no-break space between a number and its unit, « A, B et C », « 1 réponse » / « 2 réponses ».
Pure functions of the standard library: the core imports them freely.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

NBSP = "\u00a0"  # between a number and its unit: « 42 % » never breaks
NNBSP = "\u202f"  # thousands separator in French typography: « 675 000 »


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 0 réponse », « 1 réponse », « 2 réponses » (French: 0 and 1 take the singular)."""
    return f"{count}{NBSP}{plural_word(count, singular, plural_form)}"


def plural_word(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word alone, agreed with ``count`` as :func:`plural` agrees it, for a sentence whose
    number stands apart (« Score : 3 / 5 bonnes réponses »)."""
    return singular if abs(count) < 2 else (plural_form or f"{singular}s")


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def minimal_decimals(value: float, limit: int = 2) -> int:
    """Fewest decimals (up to ``limit``) that print ``value`` exactly: 7.3 → 1, 35015 → 0."""
    for decimals in range(limit + 1):
        scaled = value * 10**decimals
        if abs(scaled - round(scaled)) < 1e-6 * max(1.0, abs(scaled)):
            return decimals
    return limit


def decimals_for(values: Iterable[float | None], limit: int = 2) -> int:
    """One number of decimals for a whole series, so 7.0 prints « 7,0 » next to « 7,4 »."""
    found = [
        minimal_decimals(float(v), limit) for v in values if v is not None and not _is_missing(v)
    ]
    return max(found, default=0)


def format_number(value: float | None, decimals: int | None = None) -> str:
    """French number: « 10,4 », « 675 000 », « −0,5 »; « n.d. » when missing."""
    if _is_missing(value):
        return "n.d."
    number = float(value)  # type: ignore[arg-type]
    if decimals is None:
        decimals = minimal_decimals(number)
    text = f"{number:,.{decimals}f}"
    if set(text) <= set("-0,."):  # "-0.0" is zero
        text = text.lstrip("-")
    return text.replace(",", NNBSP).replace(".", ",").replace("-", "\u2212")


def format_value(value: float | None, unit: str | None, decimals: int | None = None) -> str:
    """A number with its unit: « 10,4 % », « 35 015 euros courants par habitant »."""
    text = format_number(value, decimals)
    if _is_missing(value) or not unit:
        return text
    return f"{text}{NBSP}{unit}"


def format_years(years: Iterable[int]) -> str:
    """« 2019 », « 2018 et 2020 », « 2013, 2014 et 2019 »."""
    unique = sorted({int(y) for y in years if not _is_missing(y)})
    if not unique:
        return ""
    if len(unique) == 1:
        return str(unique[0])
    return ", ".join(map(str, unique[:-1])) + f" et {unique[-1]}"


def year_span(years: Iterable[int]) -> str:
    """« 2019 » or « 2013–2020 »: a compact range for titles and ``layout.meta``."""
    unique = sorted({int(y) for y in years if not _is_missing(y)})
    if not unique:
        return ""
    return str(unique[0]) if len(unique) == 1 else f"{unique[0]}–{unique[-1]}"


def join_fr(items: Iterable[str]) -> str:
    """« A », « A et B », « A, B et C »."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" et {items[-1]}"


def _top_level_split(text: str, separator: str) -> list[str]:
    depth, start, parts = 0, 0, []
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            start = i + len(separator)
    return [*parts, text[start:]]


_PARENTHESES = re.compile(r"\s*\([^()]*\)")
# Provenance notes in indicators.csv are in English ("redistributed unchanged in GitHub
# repository …"): they belong to DATA_NOTES, not on a slide shown to participants.
_RELAY = re.compile(r",?\s*redistributed unchanged in .*$", re.IGNORECASE)


SOURCE_SEPARATOR = " ; "
"""Between the sources of a ``source_title`` (a no-break space before it reads the same)."""


def short_source(title: str) -> str:
    """The main source of a ``source_title``: first ``;`` part, no parentheses, no relay note.

    « Insee – Indicateurs territoriaux … (fichier …), redistributed unchanged in … ; cross-checks »
    becomes « Insee – Indicateurs territoriaux … ».
    """
    text = _top_level_split(str(title).replace(NBSP + ";", " ;"), SOURCE_SEPARATOR)[0]
    while _PARENTHESES.search(text):
        text = _PARENTHESES.sub("", text)
    return " ".join(_RELAY.sub("", text).split()).strip(" ,;")


def producer(title: str) -> str:
    """Who produced the data, for grouped captions: « Insee », « SSMSI », « Handidonnées »."""
    head = short_source(title).split(" – ")[0]
    return head.split(" «")[0].strip()
