"""Measure qa.answer.CORROBORATION_THRESHOLD: when do two statements of one person, from
different documents, report the same thing?

Pairs are labelled automatically: "same" when the two texts share a run of at least 5 words
(outlets quoting the same words), "different" otherwise. For each pair the cosine similarity
(all-MiniLM-L6-v2) of the two statements is computed; the script prints the distributions and
the threshold with the best F1 for "same".

With --lexical it measures LEXICAL_CORROBORATION_THRESHOLD instead (mode "bm25", no model): the
Jaccard similarity of the two statements' index terms (`qa.lexical.jaccard`). The labels are
lexical too, so its F1 flatters it; it also prints its agreement with the cosine decisions at
CORROBORATION_THRESHOLD when the model is at hand (--compare-cosine).

    .venv/bin/python scripts/calibrate_corroboration.py [--lexical [--compare-cosine]] \
        seeds ../shared/corpora/bbc

Measured: 7,665 pairs, 48 "same" (cosine min 0.171, median 0.580, p95 0.998) vs. 7,617
"different" (median 0.190, p95 0.448, max 0.975); best F1 0.469 at 0.68. The labels are a
proxy: a shared 5-gram can be a stock phrase, and a paraphrase shares none.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import sys
from pathlib import Path

import numpy as np

from qa.evaluation.calibration import best_f1_threshold

ROOT = Path(__file__).resolve().parents[1]


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _cosines(pairs: list[tuple[str, str, bool]]) -> np.ndarray:
    from index.embedder import default_embedder

    texts = sorted({t for a, b, _ in pairs for t in (a, b)})
    vec = dict(zip(texts, default_embedder().encode(texts), strict=True))
    return np.array([float(vec[a] @ vec[b]) for a, b, _ in pairs])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", type=Path, default=[ROOT / "seeds"])
    ap.add_argument("--lexical", action="store_true",
                    help="measure the model-free threshold (Jaccard of index terms)")
    ap.add_argument("--compare-cosine", action="store_true",
                    help="with --lexical: agreement with the cosine decisions (loads the model)")
    args = ap.parse_args()
    corpora = args.corpora
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.chunking import chunk_document
    from index.corpus import read_corpus
    from index.keyword import tokenize
    from qa.answer import CORROBORATION_THRESHOLD
    from qa.lexical import jaccard
    from qa.statements import corpus_statements, statements_of

    pairs = []
    for root in corpora:
        table, quotes = corpus_statements(
            {doc.doc_id: statements_of(doc, chunk_document(doc)) for doc in read_corpus(root)}
        )
        for a, b in itertools.combinations(quotes, 2):
            if a.doc_id != b.doc_id and table.canonical(a.speaker) == table.canonical(b.speaker):
                pairs.append((a.text, b.text, bool(_shingles(a.text) & _shingles(b.text))))
    if not pairs:
        sys.exit("no cross-document pairs of one speaker's statements")
    same = np.array([s for _, _, s in pairs])
    if args.lexical:
        score = np.array([jaccard(tokenize(a), tokenize(b)) for a, b, _ in pairs])
        grid = np.arange(0.1, 0.9, 0.01)
    else:
        score = _cosines(pairs)
        grid = np.arange(0.5, 0.96, 0.01)
    print(f"{len(pairs)} pairs, {same.sum()} labelled same")
    for name, arr in (("same", score[same]), ("different", score[~same])):
        if len(arr):
            print(f"{name:10s} n={len(arr)} min={arr.min():.3f} p5={np.percentile(arr, 5):.3f} "
                  f"median={np.median(arr):.3f} p95={np.percentile(arr, 95):.3f} "
                  f"max={arr.max():.3f}")
    f1, t = best_f1_threshold(score, same, grid)
    pred = score >= t
    tp = (pred & same).sum()
    print(f"best F1 {f1:.3f} at threshold {t:.2f} (precision {tp / pred.sum():.3f}, "
          f"recall {tp / same.sum():.3f})")
    for t2 in (t - 0.06, t - 0.03, t + 0.03, t + 0.06):
        print(f"  at {t2:.2f}: F1 {best_f1_threshold(score, same, np.array([t2]))[0]:.3f}")
    if args.lexical and args.compare_cosine:
        dense = _cosines(pairs) >= CORROBORATION_THRESHOLD
        pred = score >= t
        both = (pred & dense).sum()
        print(f"vs. cosine >= {CORROBORATION_THRESHOLD}: {dense.sum()} pairs grouped by cosine, "
              f"{pred.sum()} by Jaccard >= {t:.2f}, {both} by both (F1 of agreement "
              f"{2 * both / (pred.sum() + dense.sum()):.3f})")


if __name__ == "__main__":
    main()
