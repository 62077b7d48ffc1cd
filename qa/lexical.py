"""Lexical scores for answering without a model (mode "bm25"): how much of a question a text
covers, and whether two statements are near-duplicates. Pure functions over index terms (the
stemmed, stop-word-free output of `index.keyword.tokenize`); thresholds live in `qa.answer`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

__all__ = [
    "coverage",
    "jaccard",
    "jaccard_matrix",
    "passage_idf",
    "term_overlap",
    "term_set_idf",
    "unknown_idf",
]


def passage_idf(texts: Iterable[str], tokenize: Callable[[str], list[str]]) -> dict[str, float]:
    """Okapi idf of every term over a set of passages (the chunks of a corpus)."""
    return term_set_idf(set(tokenize(text)) for text in texts)


def term_set_idf(passages: Iterable[Iterable[str]]) -> dict[str, float]:
    """Okapi idf (the BM25 form, log(1 + (n - df + 0.5) / (df + 0.5))) of every term over
    passages given as their terms."""
    df: Counter[str] = Counter()
    n = 0
    for terms in passages:
        df.update(set(terms))
        n += 1
    n = max(1, n)
    return {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}


def term_overlap(query_terms: Sequence[str], text_terms: Iterable[str],
                 idf: Mapping[str, float], unknown: float = 1.0) -> float:
    """The idf-weighted share of the query's distinct terms found in a text (0..1); a term
    missing from `idf` weighs `unknown`."""
    q = set(query_terms)
    if not q:
        return 0.0
    total = sum(idf.get(t, unknown) for t in q)
    have = set(text_terms)
    return sum(idf.get(t, unknown) for t in q if t in have) / total if total else 0.0


def unknown_idf(idf: Mapping[str, float]) -> float:
    """The weight of a term the corpus lacks: at least as rare as its rarest term."""
    return max(idf.values(), default=1.0)


def coverage(query_terms: Sequence[str], text_terms: Iterable[str],
             idf: Mapping[str, float], unknown: float | None = None) -> float:
    """Lexical evidence that a text answers a query: its idf-weighted coverage of the query's
    terms, where terms the corpus never uses weigh most (the corpus cannot be about them)."""
    return term_overlap(query_terms, text_terms, idf,
                        unknown_idf(idf) if unknown is None else unknown)


def jaccard(a_terms: Iterable[str], b_terms: Iterable[str]) -> float:
    """Jaccard similarity of two texts' term sets (0..1): near-duplicates score high."""
    a, b = set(a_terms), set(b_terms)
    return len(a & b) / len(a | b) if a and b else 0.0


def jaccard_matrix(terms: Sequence[Iterable[str]]) -> np.ndarray:
    """The symmetric matrix of pairwise `jaccard` similarities (1 on the diagonal), from one
    sparse product of the texts' term incidence (the pairwise loop took 0.13 s for a
    much-quoted person's 244 statements); the same values as `jaccard` on each pair."""
    sets = [set(t) for t in terms]
    n = len(sets)
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, s in enumerate(sets):
        for t in s:
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
    m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    inter = np.asarray((m @ m.T).todense(), dtype=np.float64)  # counts: exact in float64
    sizes = np.array([len(s) for s in sets], dtype=np.float64)
    union = sizes[:, None] + sizes[None, :] - inter
    out = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0).astype(np.float32)
    np.fill_diagonal(out, 1.0)
    return out
