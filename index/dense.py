"""The dense side of search: brute-force cosine (dot product of unit vectors) top-k."""

from __future__ import annotations

import numpy as np

__all__ = ["top_k"]


def top_k(vectors: np.ndarray, query: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Rows of `vectors` with the highest dot product with `query`: (row, score) best first."""
    n = vectors.shape[0]
    if n == 0 or k <= 0:
        return []
    scores = vectors @ query.astype(np.float32, copy=False)
    k = min(k, n)
    if k < n:  # the k best; among rows tied with the k-th best, the first rows
        threshold = scores[np.argpartition(-scores, k - 1)[:k]].min()
        above = np.flatnonzero(scores > threshold)
        idx = np.concatenate([above, np.flatnonzero(scores == threshold)[: k - len(above)]])
    else:
        idx = np.arange(n)
    # Stable order: score descending, then row ascending.
    order = np.lexsort((idx, -scores[idx]))
    return [(int(idx[i]), float(scores[idx[i]])) for i in order]
