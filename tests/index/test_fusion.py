"""Fusion properties: RRF ignores score scale, agreement wins, alpha=1/0 give each side's order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.fusion import (
    RRF_K,
    SCALES,
    min_max,
    reciprocal_rank_fusion,
    scaler,
    score_fusion,
    weighted_fusion,
)

KEYS = st.text(alphabet="abcdefghij", min_size=1, max_size=3)
SCORES = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def ranking(draw, max_size: int = 15) -> list[tuple[str, float]]:
    """Distinct keys with scores sorted best first, as a search side returns them."""
    keys = draw(st.lists(KEYS, unique=True, max_size=max_size))
    scores = sorted(draw(st.lists(SCORES, min_size=len(keys), max_size=len(keys))), reverse=True)
    return list(zip(keys, scores, strict=True))


def keys(fused) -> list[str]:
    return [f.key for f in fused]


@given(ranking(), ranking(), st.floats(0.001, 1000), st.floats(-100, 100))
def test_rrf_ignores_score_scale(a, b, scale, shift):
    rescaled = [(k, s * scale + shift) for k, s in a]
    assert keys(reciprocal_rank_fusion([a, b])) == keys(reciprocal_rank_fusion([rescaled, b]))


@given(ranking(), ranking())
def test_rrf_score_is_sum_of_reciprocal_ranks(a, b):
    for f in reciprocal_rank_fusion([a, b]):
        expected = sum(1 / (RRF_K + r) for r in f.ranks if r is not None)
        assert f.score == pytest.approx(expected)
        for side, r in zip((a, b), f.ranks, strict=True):
            assert r is None or side[r - 1][0] == f.key


@given(st.integers(1, 40), st.integers(1, 40), st.booleans())
def test_found_by_both_sides_outranks_found_by_one_at_same_ranks(r, s, swap):
    """X at rank r on one side and also somewhere on the other beats Y at rank r on one side."""
    fill_a = [(f"a{i}", 0.0) for i in range(1, 60)]
    fill_b = [(f"b{i}", 0.0) for i in range(1, 60)]
    first = [*fill_a[: r - 1], ("X", 1.0), *fill_a[r - 1 :]]
    second = [*fill_b[: r - 1], ("Y", 1.0), *fill_b[r - 1 :]]
    second.insert(r if s <= r else s, ("X", 0.5))  # X's rank on the other side: anywhere
    rankings = [second, first] if swap else [first, second]
    fused = keys(reciprocal_rank_fusion(rankings))
    assert fused.index("X") < fused.index("Y")


@given(ranking(), ranking())
def test_alpha_one_is_first_order_and_alpha_zero_second_order(a, b):
    at_one = keys(weighted_fusion(a, b, 1.0))
    assert at_one[: len(a)] == [k for k, _ in a]
    at_zero = keys(weighted_fusion(a, b, 0.0))
    assert at_zero[: len(b)] == [k for k, _ in b]


@given(ranking(), ranking(), st.floats(0, 1))
def test_weighted_scores_are_in_unit_interval_and_sorted(a, b, alpha):
    fused = weighted_fusion(a, b, alpha)
    assert {f.key for f in fused} == {k for k, _ in a} | {k for k, _ in b}
    scores = [f.score for f in fused]
    assert all(-1e-9 <= s <= 1 + 1e-9 for s in scores)
    assert scores == sorted(scores, reverse=True)


@given(st.lists(SCORES, max_size=20))
def test_min_max_range(scores):
    norm = min_max(scores)
    assert len(norm) == len(scores)
    assert all(0 <= v <= 1 for v in norm)
    if scores and max(scores) > min(scores):
        assert norm[scores.index(max(scores))] == 1.0
        assert norm[scores.index(min(scores))] == 0.0


def test_component_ranks_and_scores_are_kept():
    fused = reciprocal_rank_fusion([[("a", 3.0), ("b", 2.0)], [("b", 0.9)]])
    by_key = {f.key: f for f in fused}
    assert by_key["b"].ranks == (2, 1) and by_key["b"].scores == (2.0, 0.9)
    assert by_key["a"].ranks == (1, None) and by_key["a"].scores == (3.0, None)
    assert keys(fused) == ["b", "a"]


def test_bad_alpha_is_rejected():
    with pytest.raises(ValueError, match="alpha"):
        weighted_fusion([], [], 1.5)


@given(ranking(), ranking(), st.floats(0, 1), st.sampled_from(SCALES))
def test_score_fusion_keeps_every_key_sorted(a, b, alpha, how):
    fused = score_fusion([a, b], [alpha, 1 - alpha], how)
    assert {f.key for f in fused} == {k for k, _ in a} | {k for k, _ in b}
    scores = [f.score for f in fused]
    assert scores == sorted(scores, reverse=True)


@given(ranking(), ranking(), st.sampled_from(SCALES))
def test_score_fusion_with_all_weight_on_one_side_keeps_its_order(a, b, how):
    assert keys(score_fusion([a, b], [1.0, 0.0], how))[: len(a)] == [k for k, _ in a]
    assert keys(score_fusion([a, b], [0.0, 1.0], how))[: len(b)] == [k for k, _ in b]


@given(st.lists(SCORES, min_size=1, max_size=20), st.sampled_from(("minmax", "dbsf")))
def test_bounded_scales_map_their_own_scores_into_the_unit_interval(scores, how):
    f = scaler(scores, how)
    assert all(-1e-9 <= f(s) <= 1 + 1e-9 for s in scores)


@given(st.lists(st.integers(-1000, 1000), unique=True, max_size=12), st.floats(0.01, 100),
       st.floats(-100, 100), st.sampled_from([s for s in SCALES if s != "raw"]))
def test_scaled_fusion_ignores_each_sides_units(values, scale, shift, how):
    """Every fitted scale is fitted per ranking, so an affine change of one side's units changes
    nothing (what lets one weight serve BM25 scores of any corpus). ``raw`` fits nothing."""
    a = [(f"k{i}", float(v)) for i, v in enumerate(sorted(values, reverse=True))]
    b = [(k + "x", -i * 0.1) for i, (k, _) in enumerate(a)]
    rescaled = [(k, s * scale + shift) for k, s in a]
    got = {f.key: f.score for f in score_fusion([rescaled, b], [0.5, 0.5], how)}
    want = {f.key: f.score for f in score_fusion([a, b], [0.5, 0.5], how)}
    assert got.keys() == want.keys()
    assert all(got[k] == pytest.approx(want[k], abs=1e-9) for k in want)


def test_raw_scale_keeps_scores_and_scales_can_differ_per_ranking():
    bm25 = [("x", 9.0), ("y", 1.0)]
    dense = [("y", 0.5), ("x", 0.25)]
    got = {f.key: f.score for f in score_fusion([bm25, dense], [0.5, 0.5], ("minmax", "raw"))}
    assert got == {"x": pytest.approx(0.5 * 1 + 0.5 * 0.25), "y": pytest.approx(0.5 * 0.5)}
    with pytest.raises(ValueError):
        score_fusion([bm25, dense], [0.5, 0.5], ("minmax",))


def test_fill_gives_an_absent_item_its_true_score():
    bm25 = [("x", 9.0), ("y", 1.0)]
    dense = [("z", 0.9), ("y", 0.1)]
    # Without a fill, x is absent from the dense side and gets its floor (y's 0.1 -> 0).
    plain = {f.key: f.score for f in score_fusion([bm25, dense], [0.5, 0.5], "minmax")}
    filled = {f.key: f.score for f in score_fusion([bm25, dense], [0.5, 0.5], "minmax",
                                                   fill=[None, {"x": 0.9}])}
    assert plain["x"] == pytest.approx(0.5)
    assert filled["x"] == pytest.approx(1.0)


@given(ranking(), ranking(), st.floats(0, 1), st.sampled_from(SCALES), st.integers(0, 35),
       st.dictionaries(KEYS, st.floats(-1, 1), max_size=10))
def test_score_fusion_limit_is_the_head_of_the_whole_list(a, b, alpha, how, limit, fill):
    """Search asks for only its k best (fewer objects made): the same items, scores, ranks and
    order as slicing the full fusion, ties included."""
    whole = score_fusion([a, b], [alpha, 1 - alpha], how, [None, fill])
    assert score_fusion([a, b], [alpha, 1 - alpha], how, [None, fill], limit) == whole[:limit]
