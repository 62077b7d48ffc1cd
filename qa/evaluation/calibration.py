"""Helpers of the calibration scripts (`scripts/calibrate_*.py`): the threshold that best
separates two score samples, embeddings cached on disk, per-sentence lexical coverage.

The scripts measure the constants of `qa.answer` with these; the constants' comments cite them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

from qa.lexical import coverage, unknown_idf

__all__ = [
    "best_balanced_threshold",
    "best_f1_threshold",
    "encode_cached",
    "sentence_coverage",
]


def best_balanced_threshold(
    positive: np.ndarray, negative: np.ndarray, grid: Iterable[float]
) -> tuple[float, float]:
    """(threshold, balanced accuracy) of the rule ``score >= t`` that best separates the
    positive sample (should pass) from the negative one (should not), over the grid."""
    best_acc, best_t = max(
        (float((positive >= t).mean() + (negative < t).mean()) / 2, float(t)) for t in grid
    )
    return best_t, best_acc


def best_f1_threshold(score: np.ndarray, labels: np.ndarray,
                      grid: Iterable[float]) -> tuple[float, float]:
    """(best F1 of ``score >= t`` against boolean labels, its threshold t) over the grid."""
    best = (0.0, 0.0)
    for t in grid:
        pred = score >= t
        tp = (pred & labels).sum()
        f1 = 2 * tp / (pred.sum() + labels.sum()) if (pred.sum() + labels.sum()) else 0.0
        best = max(best, (float(f1), float(t)))
    return best


def encode_cached(texts: list[str]) -> np.ndarray:
    """Embeddings of `texts` (the default embedder), cached on disk (user cache dir,
    qa-index/calibration/) by the texts' hash, so that calibration runs can be repeated
    without re-embedding."""
    import platformdirs

    key = hashlib.sha1("\x00".join(texts).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    path = Path(platformdirs.user_cache_dir("qa-index")) / "calibration" / f"{key}.npy"
    if path.is_file():
        return np.asarray(np.load(path))
    from index.embedder import default_embedder

    vecs = default_embedder().encode(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


def sentence_coverage(
    question_terms: list[str],
    ids: Sequence[int],
    terms: Sequence[set[str]],
    postings: Mapping[str, list[int]],
    idf: Mapping[str, float],
    typed: set[str] | frozenset[str] = frozenset(),
    has_type: np.ndarray | None = None,
) -> np.ndarray:
    """`qa.lexical.coverage` of the question terms by each sentence of `ids` (zero when none of
    them occurs: only sentences in the terms' postings are scored). A sentence holding the
    answer type asked for (`has_type`) also covers the `typed` terms ("many" of "how many")."""
    unk = unknown_idf(idf)
    pos = {i: n for n, i in enumerate(ids)}
    out = np.zeros(len(ids), dtype=np.float64)
    cands = {i for t in set(question_terms) for i in postings.get(t, ())}
    if typed and has_type is not None:
        cands |= {i for i in ids if has_type[i]}
    for i in cands:
        if i in pos:
            extra = typed if typed and has_type is not None and has_type[i] else set()
            out[pos[i]] = coverage(question_terms, terms[i] | extra, idf, unk)
    return out
