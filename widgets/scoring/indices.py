"""Regional fragility indices on the Observatoire des partenariats' relative 0–10 scale.

The Observatoire (Le RAMEAU, programme IMPACT) draws each region's fragility as a radar where,
for every index, the most critical of the 13 metropolitan regions sits at 10 (the rim) and the most
favourable at 0 (the centre)::

    score = 10 × (v − min) / (max − min)   when a higher value is more fragile
    score = 10 × (max − v) / (max − min)   otherwise

``min`` and ``max`` are taken over the 13 regions only, never over France métropolitaine (``FM``),
which is then placed on the same scale.

Decisions for the edges (each one is tested in ``tests/scoring/test_indices.py``):

- **Ties** give equal scores: the formula only sees the value.
- **A missing value** (NaN, or no row at all) gives a NaN score, never 0: 0 would say "the most
  favourable region", which is a claim the data does not make. Every such cell is listed by
  :func:`missing_values` and flagged ``missing`` with reason ``"missing-value"``.
- **All regions equal** (``max == min``, including a single region with a value): the scale is
  undefined — the Observatoire's rule has no "most critical" region to put at 10. Every score of
  that indicator (FM included) is NaN with reason ``"all-equal"``, rather than an arbitrary
  constant such as 5 that a radar would draw as a real, middling fragility.
- **No value at all** for an indicator: NaN with reason ``"no-data"``.
- **Fewer than 13 regions** with a value: the scale is computed over the regions present and every
  row of the indicator is flagged ``partial`` (and :class:`IndicatorScale` says which are missing),
  so a figure can say that the 0 and 10 ends were chosen among fewer regions.
- **France métropolitaine outside the regional range**: its score is kept as computed (below 0 or
  above 10) and flagged ``outside_scale``. Clipping it would silently move the national reference.
  In practice FM is a population-weighted average of the regions and falls between min and max
  (it does for every indicator of ``data/regions_indicators.csv``).

Everything is computed once by :func:`normalise_all` (vectorised: one groupby, no Python loop over
rows); a widget then only *picks* rows with :func:`radar_profile` when the selection changes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from widgets.regions import NATIONAL_CODE, REGION_CODES

__all__ = [
    "NATIONAL_CODE",
    "REASON_ALL_EQUAL",
    "REASON_MISSING_VALUE",
    "REASON_NO_DATA",
    "REGION_CODES",
    "SCALE_MAX",
    "SCORE_COLUMNS",
    "IndicatorScale",
    "indicator_scale",
    "indicator_scales",
    "indicator_table",
    "missing_values",
    "normalise",
    "normalise_all",
    "radar_profile",
]

SCALE_MAX = 10.0

REASON_MISSING_VALUE = "missing-value"
REASON_ALL_EQUAL = "all-equal"
REASON_NO_DATA = "no-data"

#: Columns of the long table returned by :func:`normalise_all`, in order.
SCORE_COLUMNS: tuple[str, ...] = (
    "region_code",
    "region_name",
    "indicator_id",
    "raw",
    "score",
    "unit",
    "year",
    "higher_is_more_fragile",
    "is_national",
    "missing",
    "partial",
    "outside_scale",
    "n_regions",
    "reason",
)

_TRUE_WORDS = frozenset({"true", "vrai", "1", "yes", "oui"})
_FALSE_WORDS = frozenset({"false", "faux", "0", "no", "non"})


@dataclass(frozen=True)
class IndicatorScale:
    """The ends of one indicator's 0–10 scale, kept so figures can say where 0 and 10 come from.

    ``min_regions`` / ``max_regions`` are tuples because ties at an end are common (Bretagne and
    Île-de-France share the lowest share of young people not in work or study).
    ``reason`` is ``None`` when the scale is defined, else ``"all-equal"`` or ``"no-data"``.
    """

    indicator_id: str
    higher_is_more_fragile: bool
    min: float
    max: float
    min_regions: tuple[str, ...]
    max_regions: tuple[str, ...]
    n_regions: int
    missing_regions: tuple[str, ...] = ()
    reason: str | None = None

    @property
    def defined(self) -> bool:
        """True when scores exist (at least two distinct regional values)."""
        return self.reason is None

    @property
    def partial(self) -> bool:
        """True when the ends were chosen among fewer regions than expected."""
        return bool(self.missing_regions)

    @property
    def min_region(self) -> str | None:
        """First region (code order) at the minimum; ``None`` without data."""
        return self.min_regions[0] if self.min_regions else None

    @property
    def max_region(self) -> str | None:
        """First region (code order) at the maximum; ``None`` without data."""
        return self.max_regions[0] if self.max_regions else None

    @property
    def most_fragile_regions(self) -> tuple[str, ...]:
        """Regions scored 10 (empty when the scale is undefined)."""
        if not self.defined:
            return ()
        return self.max_regions if self.higher_is_more_fragile else self.min_regions

    @property
    def least_fragile_regions(self) -> tuple[str, ...]:
        """Regions scored 0 (empty when the scale is undefined)."""
        if not self.defined:
            return ()
        return self.min_regions if self.higher_is_more_fragile else self.max_regions

    def score(self, value: float) -> float:
        """Place one value on this scale (NaN when the value or the scale is missing)."""
        if not self.defined or value is None or math.isnan(value):
            return math.nan
        span = self.max - self.min
        gap = value - self.min if self.higher_is_more_fragile else self.max - value
        return SCALE_MAX * (gap / span)


def _as_bool(value: object) -> bool:
    """Read a direction flag that may come as a bool, a number or a CSV word."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    word = str(value).strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ValueError(f"higher_is_more_fragile must be true or false, got {value!r}")


def indicator_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators indexed by ``indicator_id`` with a real bool direction, whatever the input shape.

    The loader may hand over the table with ``indicator_id`` as a column or as the index; both are
    accepted here so that every function downstream sees one canonical form. Row order is kept: it
    is the order of the radar's axes.
    """
    table = indicators
    if "indicator_id" in table.columns:
        table = table.set_index("indicator_id")
    table = table.copy()
    table.index = table.index.astype(str)
    table.index.name = "indicator_id"
    if table.index.has_duplicates:
        dupes = sorted(set(table.index[table.index.duplicated()]))
        raise ValueError(f"duplicate indicator_id in indicators: {dupes}")
    table["higher_is_more_fragile"] = [_as_bool(v) for v in table["higher_is_more_fragile"]]
    return table


def _reference_mask(index: pd.Index) -> np.ndarray:
    return np.asarray(index.astype(str) != NATIONAL_CODE)


def normalise(values: pd.Series, higher_is_more_fragile: bool) -> pd.Series:
    """Scores 0–10 of one indicator; ``values`` is indexed by region code.

    The ends are taken over every entry except ``FM``, which is scored on the same scale and may
    fall outside 0–10. Missing values stay NaN; if fewer than two distinct regional values exist
    the scale is undefined and every score is NaN (see the module docstring for why).
    """
    raw = pd.to_numeric(values, errors="coerce").astype(float)
    reference = raw[_reference_mask(raw.index)]
    low, high = reference.min(), reference.max()
    if reference.count() == 0 or not high > low:
        return pd.Series(np.nan, index=raw.index, name=values.name, dtype=float)
    gap = raw - low if higher_is_more_fragile else high - raw
    return (SCALE_MAX * (gap / (high - low))).rename(values.name)


def indicator_scale(
    values: pd.Series,
    higher_is_more_fragile: bool,
    indicator_id: str = "",
    expected: Iterable[str] = REGION_CODES,
) -> IndicatorScale:
    """Describe the scale :func:`normalise` uses for these values (ends, ties, missing regions)."""
    raw = pd.to_numeric(values, errors="coerce").astype(float)
    raw.index = raw.index.astype(str)
    reference = raw[raw.index != NATIONAL_CODE].dropna()
    missing = tuple(code for code in expected if code not in reference.index)
    if reference.empty:
        return IndicatorScale(
            indicator_id, higher_is_more_fragile, math.nan, math.nan, (), (), 0, missing,
            REASON_NO_DATA,
        )  # fmt: skip
    low, high = float(reference.min()), float(reference.max())
    return IndicatorScale(
        indicator_id=indicator_id,
        higher_is_more_fragile=higher_is_more_fragile,
        min=low,
        max=high,
        min_regions=tuple(sorted(reference.index[reference == low])),
        max_regions=tuple(sorted(reference.index[reference == high])),
        n_regions=int(reference.size),
        missing_regions=missing,
        reason=None if high > low else REASON_ALL_EQUAL,
    )


def _positions(values: pd.DataFrame, table: pd.DataFrame, codes: list[str]) -> np.ndarray:
    """Flat cell index (indicator × code) of each input row; rejects what cannot be placed."""
    indicator_pos = table.index.get_indexer(values["indicator_id"])
    code_pos = pd.Index(codes).get_indexer(values["region_code"])
    problems = []
    if (code_pos < 0).any():
        unknown = sorted(set(values["region_code"][code_pos < 0]))
        problems.append(f"unknown region_code {unknown}")
    if (indicator_pos < 0).any():
        unknown = sorted(set(values["indicator_id"][indicator_pos < 0]))
        problems.append(f"indicator_id not in indicators {unknown}")
    flat = indicator_pos * len(codes) + code_pos
    if not problems and np.unique(flat).size != flat.size:
        problems.append("several rows for the same (indicator_id, region_code)")
    if problems:
        raise ValueError("; ".join(problems))
    return flat


def _cells(values: pd.DataFrame, column: str, flat: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Per-cell attribute: the row's own ``column`` when given, else the indicator's value."""
    cells = fallback.copy()
    if column in values.columns:
        own = values[column].to_numpy(dtype=object)
        known = pd.notna(own)
        cells[flat[known]] = own[known]
    return cells


def normalise_all(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Score every (indicator, region) once: the long table every fragility figure reads.

    Returns one row per indicator × (13 regions + FM), indicators in the order of ``indicators``
    and regions in :data:`REGION_CODES` order then FM, with the columns of :data:`SCORE_COLUMNS`:
    ``raw`` value, ``score`` (0–10, NaN when undefined), ``unit`` / ``year`` (the row's own, else
    the indicator's), the direction, and the flags ``missing``, ``partial``, ``outside_scale``,
    ``n_regions`` and ``reason`` (why ``score`` is NaN, else ``None``). Absent rows come back as
    missing values so that a gap is always explicit.

    The arithmetic runs on an indicators × codes matrix (min and max along one axis) rather than
    a pandas groupby: same result, no per-group overhead, well under a millisecond for 182 rows.

    Raises ``ValueError`` for input the loader should have rejected (unknown region or indicator,
    two rows for one cell): scoring them would produce a radar nobody can trust.
    """
    table = indicator_table(indicators)
    codes = [*REGION_CODES, NATIONAL_CODE]
    n_indicators, n_codes, n_regions = len(table), len(codes), len(REGION_CODES)
    data = values.assign(
        region_code=values["region_code"].astype(str),
        indicator_id=values["indicator_id"].astype(str),
    )
    flat = _positions(data, table, codes)

    raw = np.full(n_indicators * n_codes, np.nan)
    raw[flat] = pd.to_numeric(data["value"], errors="coerce").to_numpy(dtype=float)
    matrix = raw.reshape(n_indicators, n_codes)
    regional = matrix[:, :n_regions]
    present = ~np.isnan(regional)
    count = present.sum(axis=1)
    low = np.where(count > 0, np.where(present, regional, np.inf).min(axis=1), np.nan)
    high = np.where(count > 0, np.where(present, regional, -np.inf).max(axis=1), np.nan)
    span = high - low
    defined = span > 0
    higher = table["higher_is_more_fragile"].to_numpy(dtype=bool)
    gap = np.where(higher[:, None], matrix - low[:, None], high[:, None] - matrix)
    safe_span = np.where(defined, span, 1.0)[:, None]
    score = np.where(defined[:, None], SCALE_MAX * (gap / safe_span), np.nan).ravel()

    def per_indicator(column: str) -> np.ndarray:
        source = table[column] if column in table.columns else pd.Series(None, index=table.index)
        return np.repeat(source.to_numpy(dtype=object), n_codes)

    region_code = np.tile(np.array(codes, dtype=object), n_indicators)
    names = dict(
        zip(data["region_code"], data.get("region_name", data["region_code"]), strict=True)
    )
    missing = np.isnan(raw)
    count_cells = np.repeat(count, n_codes)
    defined_cells = np.repeat(defined, n_codes)
    reason = np.select(
        [missing, count_cells == 0, ~defined_cells],
        [REASON_MISSING_VALUE, REASON_NO_DATA, REASON_ALL_EQUAL],
        default="",
    ).astype(object)
    reason[reason == ""] = None
    return pd.DataFrame(
        {
            "region_code": region_code,
            "region_name": [names.get(code, code) for code in region_code],
            "indicator_id": np.repeat(table.index.to_numpy(dtype=object), n_codes),
            "raw": raw,
            "score": score,
            "unit": _cells(data, "unit", flat, per_indicator("unit")),
            "year": pd.array(
                pd.to_numeric(_cells(data, "year", flat, per_indicator("year"))), dtype="Int64"
            ),
            "higher_is_more_fragile": np.repeat(higher, n_codes),
            "is_national": region_code == NATIONAL_CODE,
            "missing": missing,
            "partial": count_cells < n_regions,
            "outside_scale": (score < 0) | (score > SCALE_MAX),
            "n_regions": count_cells,
            "reason": pd.Series(reason, dtype=object),
        },
        columns=list(SCORE_COLUMNS),
    )


def radar_profile(scores: pd.DataFrame, region_code: str) -> pd.Series:
    """One region's scores indexed by ``indicator_id``, in the order of the indicators table.

    A pick, not a computation: :func:`normalise_all` already did the arithmetic. Raises
    ``KeyError`` for a region the table does not hold.
    """
    rows = scores[scores["region_code"] == str(region_code)]
    if rows.empty:
        raise KeyError(f"no scores for region {region_code!r}")
    return pd.Series(
        rows["score"].to_numpy(dtype=float),
        index=pd.Index(rows["indicator_id"].to_numpy(), name="indicator_id"),
        name=str(region_code),
    )


def indicator_scales(scores: pd.DataFrame) -> dict[str, IndicatorScale]:
    """The scale of each indicator of a :func:`normalise_all` table, in indicator order."""
    scales: dict[str, IndicatorScale] = {}
    for indicator_id, rows in scores.groupby("indicator_id", sort=False):
        raw = pd.Series(rows["raw"].to_numpy(), index=rows["region_code"].to_numpy())
        direction = bool(rows["higher_is_more_fragile"].iloc[0])
        scales[str(indicator_id)] = indicator_scale(raw, direction, str(indicator_id))
    return scales


def missing_values(scores: pd.DataFrame) -> list[tuple[str, str]]:
    """``(region_code, indicator_id)`` of every missing raw value, FM included, in table order."""
    rows = scores[scores["missing"]]
    return list(zip(rows["region_code"], rows["indicator_id"], strict=True))
