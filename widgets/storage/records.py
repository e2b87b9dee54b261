"""One saved result of a self-diagnostic, a quiz, a poll or an activity, in its canonical form.

:class:`ResultRecord` is the only shape a result takes inside parcours: the widgets build it,
the store saves it, the exchange formats write and read it. Its constructor normalises what it
is given (UUID spelling, time zone, number types, JSON-compatible ``meta``), so two records that
mean the same thing compare equal after a trip through SQLite, PostgreSQL, JSON or CSV.

Nothing personal is stored beyond a pseudonym chosen by the learner.
"""

from __future__ import annotations

import json
import math
import numbers
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, get_args

from widgets.storage import bounds

Kind = Literal["diagnostic", "quiz", "poll", "activity"]
"""What produced the result: a self-diagnostic (scores per axis), a quiz (``correct``/``total``),
a live poll, or a binôme activity (:mod:`widgets.activities`: levels and notes, no score)."""

KINDS: frozenset[str] = frozenset(get_args(Kind))

AnswerValue = int | str
"""A Likert level or choice index (``int``), or a free or coded answer (``str``)."""

ScoreValue = float | None
"""A score (an ``int`` is kept as such); ``None`` when it cannot be computed."""


def new_id() -> str:
    """A fresh random identifier, so results made offline never collide once merged."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    """The current time, aware and in UTC, the only time zone the store holds."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """``moment`` converted to UTC; a naive datetime is taken to be UTC already.

    Databases hand back naive datetimes (SQLite) or datetimes in the session's zone
    (PostgreSQL); both become aware UTC here. A *caller* giving a naive datetime is rejected by
    :class:`ResultRecord` instead, because there it is ambiguous.
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


@dataclass(frozen=True, kw_only=True)
class ResultRecord:
    """One result, immutable once made.

    ``answers`` maps question ids to the answer given; ``scores`` maps axis ids to a score
    (``None`` when not computable), or holds ``{"correct": n, "total": m}`` for a quiz;
    ``meta`` is free JSON (stage per axis, completion, duration…). ``created_at`` is always an
    aware UTC datetime; ``id`` is a 32-character UUID hex string.

    Invalid values raise :class:`ValueError` or :class:`TypeError`: records are built by our
    code, so a bad one is a bug. Files from outside go through :mod:`widgets.storage.exchange`,
    which reports problems as :class:`~widgets.errors.DataError` instead.
    """

    id: str = field(default_factory=new_id)
    pseudonym: str
    bank_id: str
    bank_version: str
    kind: Kind
    created_at: datetime = field(default_factory=utc_now)
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    scores: dict[str, ScoreValue] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "id", _normalise_id(self.id))
        for name in ("pseudonym", "bank_id"):
            set_(self, name, _text(name, getattr(self, name)))
        version = self.bank_version
        if isinstance(version, int) and not isinstance(version, bool):
            version = str(version)
        set_(self, "bank_version", _text("bank_version", version))
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, not {self.kind!r}")
        set_(self, "created_at", _aware_utc(self.created_at))
        set_(self, "answers", _answers(self.answers))
        set_(self, "scores", _scores(self.scores))
        set_(self, "meta", _meta(self.meta))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready mapping, in the field order of the exchange format.

        ``created_at`` becomes ISO 8601 text ending in ``Z`` with microseconds, which sorts as
        text in time order and loses nothing.
        """
        return {
            "id": self.id,
            "pseudonym": self.pseudonym,
            "bank_id": self.bank_id,
            "bank_version": self.bank_version,
            "kind": self.kind,
            "created_at": format_utc(self.created_at),
            "answers": dict(self.answers),
            "scores": dict(self.scores),
            "meta": json.loads(json.dumps(self.meta)),
        }

    @classmethod
    def _trusted(
        cls,
        *,
        id: str,
        pseudonym: str,
        bank_id: str,
        bank_version: str,
        kind: Kind,
        created_at: datetime,
        answers: dict[str, AnswerValue],
        scores: dict[str, ScoreValue],
        meta: dict[str, Any],
    ) -> ResultRecord:
        """Build a record from values already in canonical form, skipping the checks.

        Only the store uses this, for rows it wrote itself: loading a learner's whole history
        must stay well under 100 ms, and re-checking every row would triple that.
        """
        record = object.__new__(cls)
        set_ = object.__setattr__
        set_(record, "id", id)
        set_(record, "pseudonym", pseudonym)
        set_(record, "bank_id", bank_id)
        set_(record, "bank_version", bank_version)
        set_(record, "kind", kind)
        set_(record, "created_at", created_at)
        set_(record, "answers", answers)
        set_(record, "scores", scores)
        set_(record, "meta", meta)
        return record


def format_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with ``Z`` and microseconds: ``2025-03-01T09:30:00.000000Z``."""
    return as_utc(moment).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _normalise_id(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"id must be a string, not {type(value).__name__}")
    try:
        return uuid.UUID(value.strip()).hex
    except ValueError:
        raise ValueError(f"id must be a UUID, not {value!r}") from None


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    return bounds.check_name(value, name)


def _aware_utc(value: object) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"created_at must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("created_at must be timezone-aware (use datetime.now(UTC))")
    return bounds.check_moment(value, imported=False)


def _answers(value: object) -> dict[str, AnswerValue]:
    if not isinstance(value, dict):
        raise TypeError(f"answers must be a dict, not {type(value).__name__}")
    out: dict[str, AnswerValue] = {}
    for key, answer in value.items():
        if not isinstance(key, str):
            raise TypeError(f"answers keys must be strings, not {key!r}")
        bounds.check_text(key, "answers key")
        if isinstance(answer, bool) or not isinstance(answer, numbers.Integral | str):
            raise TypeError(f"answers[{key!r}] must be an int or a str, not {answer!r}")
        out[key] = (
            bounds.check_text(answer, f"answers[{key!r}]")
            if isinstance(answer, str)
            else bounds.check_integer(int(answer), f"answers[{key!r}]")
        )
    return out


def _scores(value: object) -> dict[str, ScoreValue]:
    """Scores as plain ``int`` or ``float`` (numpy numbers from pandas included; an int stays an
    int, so a quiz's ``correct``/``total`` read back as ``3``, not ``3.0``); NaN, what pandas
    gives for an empty axis, becomes ``None``."""
    if not isinstance(value, dict):
        raise TypeError(f"scores must be a dict, not {type(value).__name__}")
    out: dict[str, ScoreValue] = {}
    for key, score in value.items():
        if not isinstance(key, str):
            raise TypeError(f"scores keys must be strings, not {key!r}")
        bounds.check_text(key, "scores key")
        if score is None:
            out[key] = None
            continue
        if isinstance(score, bool) or not isinstance(score, numbers.Real):
            raise TypeError(f"scores[{key!r}] must be a number or None, not {score!r}")
        if isinstance(score, numbers.Integral):
            out[key] = bounds.check_integer(int(score), f"scores[{key!r}]")
        elif math.isnan(score):
            out[key] = None
        elif math.isinf(score):
            raise ValueError(f"scores[{key!r}] must be finite, not {score!r}")
        else:
            out[key] = float(score)
    return out


def _meta(value: object) -> dict[str, Any]:
    """``meta`` after a JSON round trip: tuples become lists, keys become strings.

    Doing it now rather than when saving means the record the widget holds is already equal
    to the one it will read back.
    """
    if not isinstance(value, dict):
        raise TypeError(f"meta must be a dict, not {type(value).__name__}")
    try:
        plain: dict[str, Any] = json.loads(json.dumps(value, allow_nan=False, default=_plain))
    except (TypeError, ValueError, RecursionError) as exc:
        raise ValueError(f"meta must be JSON-compatible: {exc}") from None
    bounds.check_json(plain, "meta")
    return plain


def _plain(value: Any) -> Any:
    """numpy and pandas scalars (which have ``.item()``) as plain Python values."""
    item = getattr(value, "item", None)
    if callable(item):
        return item()
    raise TypeError(f"{type(value).__name__} is not JSON-compatible")
