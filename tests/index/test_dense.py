"""Dense top-k: the same rows and order as a full sort, ties broken by row; the int8 first
pass with exact re-scoring finds the exact top-k on clustered vectors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from index.dense import VECTORS_FILE, DenseIndex, quantize, top_k, write_codes


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


# ---------------------------------------------------------------- int8 first pass + re-scoring


def _clustered(n: int, dim: int, seed: int) -> np.ndarray:
    """Unit vectors in 50 clusters: near neighbours close together, as real embeddings are."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((50, dim)).astype(np.float32)
    x = centres[rng.integers(0, 50, n)] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _folder(tmp_path, vectors: np.ndarray):
    np.save(tmp_path / VECTORS_FILE, vectors)
    write_codes(tmp_path, vectors)
    return tmp_path


def test_quantize_bounds_each_component_by_half_a_step():
    x = _clustered(300, 16, 1)
    codes, scales = quantize(x)
    assert codes.shape == (16, 300) and codes.dtype == np.int8
    err = np.abs(x - (codes.T.astype(np.float32) * scales[:, None]))
    assert np.all(err <= scales[:, None] / 2 + 1e-7)


def test_quantized_search_returns_exact_scores_and_the_exact_top_k(tmp_path):
    x = _clustered(3000, 64, 2)
    dense = DenseIndex(_folder(tmp_path, x), 3000, 64)
    assert dense.quantized
    rng = np.random.default_rng(3)
    for i in rng.choice(3000, 20, replace=False):
        q = x[i] + 0.2 * rng.standard_normal(64).astype(np.float32)
        q /= np.linalg.norm(q)
        got = dense.top_k(q, 10)
        want = top_k(x, q, 10)
        assert [r for r, _ in got] == [r for r, _ in want]
        assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-6)
    dense.close()


def test_first_pass_ranks_like_the_float32_scores(tmp_path):
    x = _clustered(1000, 32, 4)
    dense = DenseIndex(_folder(tmp_path, x), 1000, 32)
    q = x[7]
    approx, exact = dense.approximate(q), x @ q
    assert np.max(np.abs(approx - exact)) < 0.02  # int8 steps of about max|x| / 127
    dense.close()


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    x = _clustered(300, 8, 5)
    dense = DenseIndex(_folder(tmp_path_factory.mktemp("dense"), x), 300, 8)
    yield dense, x
    dense.close()


@settings(deadline=None)  # file reads: timing varies on a shared machine
@given(rows=st.lists(st.integers(0, 299), min_size=0, max_size=40))
def test_read_rows_returns_the_rows_asked_for_in_that_order(small_index, rows):
    dense, x = small_index
    got = dense.read_rows(np.array(rows, dtype=np.int64))
    assert np.array_equal(got, x[rows].reshape(len(rows), 8))


def test_small_or_code_less_folders_are_searched_exactly(tmp_path):
    x = _clustered(150, 8, 6)
    np.save(tmp_path / VECTORS_FILE, x)
    dense = DenseIndex(tmp_path, 150, 8, codes=False)  # a format-1 generation: no codes
    assert not dense.quantized
    got, want = dense.top_k(x[3], 5), top_k(x, x[3], 5)
    assert [r for r, _ in got] == [r for r, _ in want]
    assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-6)
    dense.close()


def test_a_wrong_header_is_a_value_error(tmp_path):
    x = _clustered(250, 8, 7)
    _folder(tmp_path, x)
    with pytest.raises(ValueError, match="expected"):
        DenseIndex(tmp_path, 251, 8)


def test_an_open_index_keeps_working_after_its_files_are_deleted(tmp_path):
    """A writer may collect a generation a reader still searches: its files are open."""
    x = _clustered(1000, 16, 8)
    dense = DenseIndex(_folder(tmp_path, x), 1000, 16)
    for p in tmp_path.iterdir():
        p.unlink()
    assert dense.quantized
    got, want = dense.top_k(x[5], 3), top_k(x, x[5], 3)
    assert [r for r, _ in got] == [r for r, _ in want]
    assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-6)
    dense.close()


@pytest.mark.parametrize("n", [150, 1000])
def test_mapped_vectors_give_the_same_rows_and_scores_as_row_reads(tmp_path, monkeypatch, n):
    """A small vectors file is mapped, a large one read row by row: bit-identical results."""
    import index.dense as dense_module

    x = _clustered(n, 16, 4)
    folder = _folder(tmp_path, x)
    mapped = DenseIndex(folder, n, 16)
    monkeypatch.setattr(dense_module, "MAPPED_VECTOR_BYTES", 0)
    read = DenseIndex(folder, n, 16)
    assert mapped._mapped is not None and read._mapped is None
    rng = np.random.default_rng(5)
    for i in rng.choice(n, 10, replace=False):
        q = x[i] + 0.2 * rng.standard_normal(16).astype(np.float32)
        assert mapped.top_k(q, 20) == read.top_k(q, 20)
        rows = rng.choice(n, 30)
        assert mapped.read_rows(rows).tobytes() == read.read_rows(rows).tobytes()
        assert mapped.exact(rows, q).tobytes() == read.exact(rows, q).tobytes()
    with pytest.raises(IndexError):
        mapped.read_rows(np.array([n], dtype=np.int64))
    with pytest.raises(IndexError):
        mapped.read_rows(np.array([-1], dtype=np.int64))
    mapped.close()
    read.close()
    with pytest.raises(ValueError):
        mapped.read_rows(np.array([0], dtype=np.int64))
