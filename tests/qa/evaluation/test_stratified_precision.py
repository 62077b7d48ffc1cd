"""The stratified precision estimate (`qa.evaluation.stratified_precision`): the weighted mean
of the strata's precisions, an interval around it that stays in [0, 1] and never collapses to a
point, and refusals for strata that cannot be weighted."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.evaluation.stratified_precision import Stratum, stratified_precision


def test_the_estimate_weights_each_stratum_by_its_share():
    est = stratified_precision([Stratum(name="low", weight=0.4, right=45, judged=50),
                                Stratum(name="high", weight=0.6, right=100, judged=100)])
    assert est.precision == pytest.approx(0.4 * 0.9 + 0.6 * 1.0)
    assert est.low < est.precision < est.high <= 1.0


def test_a_stratum_with_no_wrong_row_still_has_an_interval():
    est = stratified_precision([Stratum(name="all", weight=1.0, right=20, judged=20)])
    assert est.precision == 1.0
    assert est.low < 0.95


def test_more_rows_narrow_the_interval():
    few = stratified_precision([Stratum(name="s", weight=1.0, right=18, judged=20)])
    many = stratified_precision([Stratum(name="s", weight=1.0, right=180, judged=200)])
    assert many.high - many.low < few.high - few.low


@pytest.mark.parametrize("strata", [
    [],
    [Stratum(name="s", weight=1.0, right=0, judged=0)],
    [Stratum(name="a", weight=0.5, right=1, judged=1)],
    [Stratum(name="a", weight=-0.5, right=1, judged=1), Stratum(name="b", weight=1.5, right=1,
                                                                judged=1)],
])
def test_strata_that_cannot_be_weighted_are_refused(strata):
    with pytest.raises(ValueError):
        stratified_precision(strata)


@given(st.lists(st.tuples(st.integers(1, 50), st.integers(1, 300), st.integers(0, 300)),
                min_size=1, max_size=4))
def test_the_estimate_lies_between_the_strata_and_inside_its_interval(raw):
    total = sum(w for w, _, _ in raw)
    strata = [Stratum(name=str(i), weight=w / total, right=min(r, n), judged=n)
              for i, (w, n, r) in enumerate(raw)]
    est = stratified_precision(strata)
    shares = [s.right / s.judged for s in strata]
    assert min(shares) - 1e-9 <= est.precision <= max(shares) + 1e-9
    assert 0.0 <= est.low <= est.precision <= est.high <= 1.0
