"""Dense top-k: the same rows and order as a full sort, ties broken by row."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from index.dense import top_k


@given(
    arrays(np.float32, st.tuples(st.integers(0, 40), st.just(4)),
           elements=st.floats(-1, 1, width=32)),
    st.integers(1, 50),
)
def test_top_k_matches_full_sort(vectors, k):
    q = np.array([0.5, -0.25, 1.0, 0.0], dtype=np.float32)
    got = top_k(vectors, q, k)
    scores = vectors @ q
    want = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
    assert [row for row, _ in got] == want
    assert all(s == pytest.approx(float(scores[r])) for r, s in got)
