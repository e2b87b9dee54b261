"""The Observatoire's relative 0–10 scale: hand-checked values, the edges, and properties."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.scoring.indices import (
    NATIONAL_CODE,
    REASON_ALL_EQUAL,
    REASON_MISSING_VALUE,
    REASON_NO_DATA,
    REGION_CODES,
    SCORE_COLUMNS,
    IndicatorScale,
    indicator_scale,
    indicator_scales,
    indicator_table,
    missing_values,
    normalise,
    normalise_all,
    radar_profile,
)

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return pd.read_csv(DATA / "regions_indicators.csv", dtype={"region_code": str})


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return pd.read_csv(DATA / "indicators.csv")


@pytest.fixture(scope="module")
def scores(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    return normalise_all(values, indicators)


def small(values: dict[str, float | None]) -> pd.Series:
    return pd.Series({k: np.nan if v is None else v for k, v in values.items()}, dtype=float)


def tiny_tables(
    rows: dict[str, float | None], higher: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One indicator ``x`` with the given values per code (absent codes: no row at all)."""
    values = pd.DataFrame(
        {
            "region_code": list(rows),
            "region_name": [f"Région {c}" for c in rows],
            "indicator_id": "x",
            "value": [np.nan if v is None else v for v in rows.values()],
            "unit": "%",
            "year": 2019,
        }
    )
    indicators = pd.DataFrame(
        {
            "indicator_id": ["x"],
            "label_fr": ["Indicateur x"],
            "unit": ["%"],
            "year": [2019],
            "higher_is_more_fragile": [higher],
        }
    )
    return values, indicators


def full(base: float = 1.0) -> dict[str, float | None]:
    """13 regions with distinct values base, base+1, …"""
    return {code: base + i for i, code in enumerate(REGION_CODES)}


# -- by hand, on the real file ----------------------------------------------------------------


@pytest.mark.parametrize("region", ["32", "53", "94"])
def test_real_scores_match_a_hand_computation(
    region: str, values: pd.DataFrame, indicators: pd.DataFrame, scores: pd.DataFrame
) -> None:
    # Plain Python, independent of the implementation: min and max over the 13 regions.
    raw: dict[str, dict[str, float]] = {}
    for row in values.itertuples():
        if not (isinstance(row.value, float) and math.isnan(row.value)):
            raw.setdefault(row.indicator_id, {})[row.region_code] = float(row.value)
    direction = {
        row.indicator_id: str(row.higher_is_more_fragile).lower() == "true"
        for row in indicators.itertuples()
    }
    for indicator_id, by_region in raw.items():
        regional = [v for code, v in by_region.items() if code != "FM"]
        low, high = min(regional), max(regional)
        v = by_region[region]
        expected = (
            10 * (v - low) / (high - low)
            if direction[indicator_id]
            else 10 * (high - v) / (high - low)
        )
        got = scores.loc[
            (scores["region_code"] == region) & (scores["indicator_id"] == indicator_id), "score"
        ].item()
        assert got == pytest.approx(expected, abs=1e-12), indicator_id


@pytest.mark.parametrize(
    ("region", "indicator_id", "expected"),
    [
        ("32", "taux_chomage", 10.0),  # Hauts-de-France has the highest unemployment
        ("53", "taux_chomage", 0.0),  # Bretagne the lowest
        ("94", "pib_par_habitant", 10.0),  # Corse the lowest GDP per head: higher is better
        ("11", "pib_par_habitant", 0.0),
        ("32", "taux_pauvrete", 10 * (18.0 - 10.8) / (18.5 - 10.8)),
        ("94", "esperance_vie_femmes", 0.0),  # tied at the top with 11 and 52
        ("FM", "taux_chomage", 10 * (8.2 - 7.0) / (10.4 - 7.0)),
    ],
)
def test_known_real_scores(
    scores: pd.DataFrame, region: str, indicator_id: str, expected: float
) -> None:
    row = scores[(scores["region_code"] == region) & (scores["indicator_id"] == indicator_id)]
    assert row["score"].item() == pytest.approx(expected)


def test_real_table_shape_order_and_flags(scores: pd.DataFrame, indicators: pd.DataFrame) -> None:
    assert list(scores.columns) == list(SCORE_COLUMNS)
    assert len(scores) == 13 * 14
    assert list(scores["indicator_id"].drop_duplicates()) == list(indicators["indicator_id"])
    assert list(scores["region_code"][:14]) == [*REGION_CODES, NATIONAL_CODE]
    regional = scores[~scores["is_national"]]
    assert regional["score"].between(0, 10).all()
    assert not scores["partial"].any()
    assert not scores["outside_scale"].any()  # FM is inside the regional range everywhere
    assert missing_values(scores) == [
        ("FM", "taux_chomage_15_24"),
        ("FM", "taux_coups_blessures_volontaires"),
    ]
    gaps = scores[scores["missing"]]
    assert gaps["score"].isna().all()
    assert list(gaps["reason"]) == [REASON_MISSING_VALUE, REASON_MISSING_VALUE]
    assert scores.loc[~scores["missing"], "reason"].isna().all()


def test_radar_profile_is_ordered_like_the_indicators(
    scores: pd.DataFrame, indicators: pd.DataFrame
) -> None:
    profile = radar_profile(scores, "32")
    assert list(profile.index) == list(indicators["indicator_id"])
    assert profile.name == "32"
    assert profile["taux_chomage"] == 10.0
    national = radar_profile(scores, "FM")
    assert math.isnan(national["taux_chomage_15_24"])
    with pytest.raises(KeyError):
        radar_profile(scores, "99")


def test_indicator_scales_name_the_ends(scores: pd.DataFrame) -> None:
    scales = indicator_scales(scores)
    assert list(scales) == list(scores["indicator_id"].drop_duplicates())
    youth = scales["part_jeunes_non_inseres_18_25"]
    assert (youth.min, youth.max) == (19.3, 28.8)
    assert youth.min_regions == ("11", "53")  # a tie at the favourable end
    assert youth.most_fragile_regions == ("32",)
    gdp = scales["pib_par_habitant"]
    assert gdp.most_fragile_regions == ("94",)  # lowest GDP, direction reversed
    assert gdp.least_fragile_regions == ("11",)
    assert gdp.min_region == "94" and gdp.max_region == "11"
    assert all(s.defined and not s.partial and s.n_regions == 13 for s in scales.values())


# -- edges ------------------------------------------------------------------------------------


def test_ties_get_equal_scores() -> None:
    scores = normalise(small({"11": 1.0, "24": 3.0, "27": 3.0, "28": 5.0}), True)
    assert scores.tolist() == [0.0, 5.0, 5.0, 10.0]


def test_lower_is_more_fragile_reverses_the_scale() -> None:
    scores = normalise(small({"11": 1.0, "24": 3.0, "28": 5.0}), False)
    assert scores.tolist() == [10.0, 5.0, 0.0]


def test_a_missing_value_stays_missing_and_is_never_zero() -> None:
    scores = normalise(small({"11": 1.0, "24": None, "28": 5.0}), True)
    assert scores["11"] == 0.0 and scores["28"] == 10.0
    assert math.isnan(scores["24"])


def test_all_regions_equal_gives_nan_everywhere() -> None:
    scores = normalise(small({"11": 4.0, "24": 4.0, "28": 4.0, "FM": 3.0}), True)
    assert scores.isna().all()


def test_national_value_never_sets_the_scale() -> None:
    regions = small({"11": 2.0, "24": 4.0, "28": 6.0})
    with_fm = normalise(pd.concat([regions, small({"FM": 100.0})]), True)
    assert with_fm[["11", "24", "28"]].tolist() == normalise(regions, True).tolist()
    assert with_fm["FM"] == pytest.approx(10 * (100 - 2) / (6 - 2))  # kept, not clipped


def test_national_outside_the_regional_range_is_kept_and_flagged() -> None:
    values, indicators = tiny_tables({**full(1.0), NATIONAL_CODE: 20.0})
    scores = normalise_all(values, indicators)
    national = scores[scores["is_national"]].iloc[0]
    assert national["score"] == pytest.approx(10 * (20 - 1) / 12)
    assert bool(national["outside_scale"])
    assert not scores.loc[~scores["is_national"], "outside_scale"].any()


def test_all_equal_indicator_is_nan_with_a_reason() -> None:
    values, indicators = tiny_tables({**dict.fromkeys(REGION_CODES, 7.0), NATIONAL_CODE: 7.0})
    scores = normalise_all(values, indicators)
    assert scores["score"].isna().all()
    assert set(scores["reason"]) == {REASON_ALL_EQUAL}
    scale = indicator_scales(scores)["x"]
    assert scale.reason == REASON_ALL_EQUAL and not scale.defined
    assert scale.most_fragile_regions == ()
    assert math.isnan(scale.score(7.0))


def test_fewer_than_13_regions_are_scaled_over_those_present_and_flagged() -> None:
    rows = full(1.0)
    del rows["94"]  # no row at all
    rows["11"] = None  # a row with an empty value
    values, indicators = tiny_tables(rows)
    scores = normalise_all(values, indicators).set_index("region_code")
    assert scores["partial"].all()
    assert (scores["n_regions"] == 11).all()
    assert scores.loc["24", "score"] == 0.0  # new minimum: 11 is missing
    assert scores.loc["93", "score"] == 10.0  # new maximum: 94 is absent
    assert math.isnan(scores.loc["94", "score"]) and bool(scores.loc["94", "missing"])
    assert scores.loc["94", "region_name"] == "94"  # no name known for an absent row
    assert scores.loc["11", "reason"] == REASON_MISSING_VALUE
    scale = indicator_scale(pd.Series({k: v for k, v in rows.items() if v is not None}), True, "x")
    assert scale.partial and scale.missing_regions == ("11", "94")


def test_an_indicator_without_any_value_has_reason_no_data() -> None:
    values, indicators = tiny_tables({"11": None, "24": None})
    scores = normalise_all(values, indicators)
    assert scores["score"].isna().all()
    absent = scores[scores["region_code"] == "53"]
    assert absent["reason"].item() == REASON_MISSING_VALUE
    assert indicator_scales(scores)["x"].reason == REASON_NO_DATA
    assert indicator_scale(pd.Series(dtype=float), True).reason == REASON_NO_DATA


def test_indicators_may_be_keyed_by_index_and_direction_may_be_a_word() -> None:
    values, indicators = tiny_tables(full(1.0), higher=True)
    as_index = indicators.set_index("indicator_id").assign(higher_is_more_fragile=["false"])
    reversed_scores = normalise_all(values, as_index)
    straight = normalise_all(values, indicators)
    assert np.allclose(reversed_scores["score"], 10 - straight["score"], equal_nan=True)
    assert indicator_table(as_index)["higher_is_more_fragile"].tolist() == [False]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"region_code": "01"}, "unknown region_code"),
        ({"indicator_id": "inconnu"}, "indicator_id not in indicators"),
    ],
)
def test_input_the_loader_should_reject_raises(change: dict[str, str], message: str) -> None:
    values, indicators = tiny_tables(full(1.0))
    values.loc[0, list(change)] = list(change.values())
    with pytest.raises(ValueError, match=message):
        normalise_all(values, indicators)


def test_duplicated_rows_raise() -> None:
    values, indicators = tiny_tables(full(1.0))
    with pytest.raises(ValueError, match="several rows"):
        normalise_all(pd.concat([values, values.iloc[[0]]]), indicators)


def test_a_bad_direction_word_raises() -> None:
    values, indicators = tiny_tables(full(1.0))
    with pytest.raises(ValueError, match="higher_is_more_fragile"):
        normalise_all(values, indicators.assign(higher_is_more_fragile=["peut-être"]))


def test_scale_score_matches_normalise() -> None:
    series = small({"11": 2.0, "24": 4.0, "28": 7.0})
    scale = indicator_scale(series, False, "x")
    assert isinstance(scale, IndicatorScale)
    assert [scale.score(v) for v in series] == normalise(series, False).tolist()


# -- properties -------------------------------------------------------------------------------

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
maybe = st.one_of(st.none(), finite)


def regional_series(draw_values: list[float | None]) -> pd.Series:
    codes = REGION_CODES[: len(draw_values)]
    return small(dict(zip(codes, draw_values, strict=True)))


@given(st.lists(maybe, min_size=1, max_size=13), st.booleans())
def test_region_scores_stay_within_0_and_10(raw: list[float | None], higher: bool) -> None:
    scores = normalise(regional_series(raw), higher)
    assert scores.dropna().between(0.0, 10.0).all()


@given(st.lists(finite, min_size=2, max_size=13), st.booleans())
def test_scores_are_monotonic_in_the_fragile_direction(raw: list[float], higher: bool) -> None:
    series = regional_series(raw)
    scores = normalise(series, higher)
    for a in series.index:
        for b in series.index:
            if series[a] <= series[b] and not scores.isna().any():
                assert (scores[a] <= scores[b]) if higher else (scores[a] >= scores[b])


@given(st.lists(maybe, min_size=2, max_size=13), st.one_of(st.none(), finite))
def test_flipping_the_direction_gives_10_minus_the_score(
    raw: list[float | None], national: float | None
) -> None:
    series = pd.concat([regional_series(raw), small({NATIONAL_CODE: national})])
    up, down = normalise(series, True), normalise(series, False)
    assert np.allclose(down, 10 - up, rtol=0, atol=1e-9, equal_nan=True)


@given(
    st.lists(maybe, min_size=1, max_size=13).flatmap(
        lambda v: st.tuples(st.just(v), st.permutations(range(len(v))))
    )
)
def test_scores_do_not_depend_on_the_order_of_regions(
    drawn: tuple[list[float | None], list[int]],
) -> None:
    raw, order = drawn
    series = regional_series(raw)
    shuffled = series.iloc[list(order)]
    pd.testing.assert_series_equal(
        normalise(shuffled, True).loc[series.index], normalise(series, True)
    )


@given(st.lists(maybe, min_size=1, max_size=13), st.booleans())
def test_missing_stays_missing(raw: list[float | None], higher: bool) -> None:
    series = regional_series(raw)
    scores = normalise(series, higher)
    assert scores[series.isna()].isna().all()


@settings(max_examples=50)
@given(
    st.lists(st.lists(maybe, min_size=14, max_size=14), min_size=1, max_size=4),
    st.data(),
)
def test_normalise_all_agrees_with_normalise(
    rows: list[list[float | None]], data: st.DataObject
) -> None:
    codes = [*REGION_CODES, NATIONAL_CODE]
    directions = [data.draw(st.booleans()) for _ in rows]
    values = pd.DataFrame(
        [
            {"region_code": code, "region_name": code, "indicator_id": f"i{n}", "value": v}
            for n, row in enumerate(rows)
            for code, v in zip(codes, row, strict=True)
        ]
    ).astype({"value": float})
    indicators = pd.DataFrame(
        {
            "indicator_id": [f"i{n}" for n in range(len(rows))],
            "label_fr": "x",
            "unit": "%",
            "year": 2019,
            "higher_is_more_fragile": directions,
        }
    )
    table = normalise_all(values, indicators)
    for n, row in enumerate(rows):
        expected = normalise(small(dict(zip(codes, row, strict=True))), directions[n])
        got = table[table["indicator_id"] == f"i{n}"].set_index("region_code")["score"]
        assert np.allclose(got.loc[codes], expected.loc[codes], rtol=0, atol=1e-9, equal_nan=True)
