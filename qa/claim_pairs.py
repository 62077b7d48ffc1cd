"""Which pairs of one speaker's statements `qa.disagreement` compares: those of different
documents that share a word of substance and pass a cheap overlap test, found with sparse
matrix products instead of a Python loop over every pair (0.1-0.2 s for a much-quoted
person's ~240 statements)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

__all__ = ["OverlapTest", "pairs_to_compare"]


@dataclass(frozen=True, kw_only=True)
class OverlapTest:
    """A necessary condition of either same-claim test of `qa.disagreement`: at least
    `local_min_shared` shared distinct content words and `local_share` of the fewer's, or a
    multiset of shared tokens of at least max(`min_aligned`, `share` × the shorter length)."""

    stop_words: frozenset[str]
    local_min_shared: int
    local_share: float
    min_aligned: int
    share: float


def _incidence(rows: Sequence[Iterable[str]], counts: bool = False) -> sparse.csr_matrix:
    """Rows × terms: 1 where a row holds a term (or how often, with `counts`)."""
    vocab: dict[str, int] = {}
    r: list[int] = []
    c: list[int] = []
    v: list[int] = []
    for i, terms in enumerate(rows):
        for t, n in (Counter(terms) if counts else dict.fromkeys(terms, 1)).items():
            r.append(i)
            c.append(vocab.setdefault(t, len(vocab)))
            v.append(n)
    return sparse.csr_matrix((np.asarray(v, dtype=np.float64), (r, c)),
                             shape=(len(rows), len(vocab)))


def _rowwise(a: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, op: str) -> np.ndarray:
    """For each pair (i[k], j[k]): the sum over terms of rows i and j multiplied, or of their
    minimum (exact: small integer counts in float64)."""
    x, y = a[i], a[j]
    got = x.multiply(y) if op == "product" else x.minimum(y)
    return np.asarray(got.sum(axis=1), dtype=np.float64).ravel()


def pairs_to_compare(norms: Sequence[Sequence[str]], substance: Sequence[Iterable[str]],
                     docs: Sequence[str], test: OverlapTest) -> list[tuple[int, int]]:
    """The pairs (i < j, sorted) of texts of different documents (`docs`) that share a word
    of `substance` and pass `test` on their tokens (`norms`, one list of normalised tokens a
    text)."""
    n = len(norms)
    if n < 2:
        return []
    s = _incidence(substance)
    cand = sparse.triu(s @ s.T, k=1).tocoo()
    i, j = cand.row.astype(np.int64), cand.col.astype(np.int64)
    codes = {d: k for k, d in enumerate(dict.fromkeys(docs))}
    doc = np.array([codes[d] for d in docs])
    keep = doc[i] != doc[j]
    i, j = i[keep], j[keep]
    if not len(i):
        return []
    counts = _incidence(norms, counts=True)
    keys = _incidence([dict.fromkeys(t) for t in norms])
    content = _incidence([[w for w in dict.fromkeys(t) if w not in test.stop_words]
                          for t in norms])
    n_content = np.asarray(content.sum(axis=1), dtype=np.float64).ravel()
    total = np.array([len(t) for t in norms], dtype=np.float64)
    most = np.asarray(counts.max(axis=1).todense(), dtype=np.float64).ravel()
    words = _rowwise(content, i, j, "product")
    local = (words >= test.local_min_shared) & (
        words >= test.local_share * np.minimum(n_content[i], n_content[j]))
    need = np.maximum(test.min_aligned, test.share * np.minimum(total[i], total[j]))
    bound = _rowwise(keys, i, j, "product") * np.minimum(most[i], most[j]) >= need
    ok = local.copy()
    rest = np.flatnonzero(~local & bound)
    if len(rest):
        ok[rest] = _rowwise(counts, i[rest], j[rest], "minimum") >= need[rest]
    order = np.lexsort((j, i))
    return [(int(i[k]), int(j[k])) for k in order if ok[k]]
