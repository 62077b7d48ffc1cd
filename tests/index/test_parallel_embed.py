"""`ParallelEmbedder`: the same vectors, in order, from worker processes."""

from __future__ import annotations

import numpy as np
import pytest
from fake_embedder import HashEmbedder

from index.parallel_embed import PIECE, ParallelEmbedder


def test_workers_give_the_same_vectors_in_order():
    texts = [f"text number {i} about harbour cranes and frost" for i in range(3 * PIECE + 5)]
    with ParallelEmbedder(2, make=HashEmbedder) as par:
        assert (par.name, par.dimension, par.variant) == ("test/hash-seeded-words", 384, "test")
        got = par.encode(texts)
        again = par.encode(texts[:7])  # a small call embeds in-process
    want = HashEmbedder().encode(texts)
    assert got.dtype == np.float32 and got.shape == want.shape
    assert np.array_equal(got, want) and np.array_equal(again, want[:7])


def test_workers_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        ParallelEmbedder(0, make=HashEmbedder)
