"""Calibrate qa.answer.ABSTAIN_THRESHOLD on SQuAD v1.1 dev (not on the seed questions).

For each sampled question, the evidence score the QA layer uses is the highest cosine
similarity (all-MiniLM-L6-v2) between the question and a sentence of the candidate passages.
- answerable: the sentences of the question's own paragraph;
- unanswerable: the sentences of every paragraph of other articles (the corpus lacks the answer,
  so the best it can offer is the nearest wrong sentence).
The script prints both distributions and the threshold that maximises balanced accuracy.

    .venv/bin/python scripts/calibrate_abstain.py [--articles 20] [--per-article 20] [--seed 0]

Measured (20 articles, 400 questions, seed 0): see the constant's comment in qa/answer.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_SQUAD = ROOT.parent / "shared" / "benchmarks" / "squad" / "dev-v1.1.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--squad", type=Path, default=DEFAULT_SQUAD)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--per-article", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if not args.squad.is_file():
        sys.exit(f"error: SQuAD dev file not found: {args.squad}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.chunking import sentence_spans
    from index.dense import default_embedder

    rng = random.Random(args.seed)
    data = json.loads(args.squad.read_text(encoding="utf-8"))["data"]
    articles = rng.sample(data, min(args.articles, len(data)))
    sents: list[str] = []
    owner: list[tuple[int, int]] = []  # (article, paragraph) of each sentence
    questions: list[tuple[str, int, int]] = []
    for a, art in enumerate(articles):
        qs = []
        for p, para in enumerate(art["paragraphs"]):
            for s in sentence_spans(para["context"]):
                sents.append(s.text)
                owner.append((a, p))
            qs.extend((qa["question"], a, p) for qa in para["qas"])
        questions.extend(rng.sample(qs, min(args.per_article, len(qs))))
    emb = default_embedder()
    print(f"embedding {len(sents)} sentences and {len(questions)} questions ...", flush=True)
    sv = emb.encode(sents)
    qv = emb.encode([q for q, _, _ in questions])
    own_article = np.array([a for a, _ in owner])
    own_para = np.array([hash(o) for o in owner])
    pos, neg = [], []
    for (_, a, p), v in zip(questions, qv, strict=True):
        cos = sv @ v
        pos.append(float(cos[own_para == hash((a, p))].max()))
        neg.append(float(cos[own_article != a].max()))
    pos_a, neg_a = np.array(pos), np.array(neg)
    for name, arr in (("answerable (own paragraph)", pos_a), ("unanswerable (other articles)",
                                                               neg_a)):
        q = np.percentile(arr, [5, 25, 50, 75, 95])
        print(f"{name:32s} n={len(arr)} mean={arr.mean():.3f} p5/25/50/75/95="
              + "/".join(f"{x:.3f}" for x in q))
    best = max(
        (((pos_a >= t).mean() + (neg_a < t).mean()) / 2, t) for t in np.arange(0.2, 0.8, 0.01)
    )
    t = best[1]
    print(f"threshold maximising balanced accuracy: {t:.2f} (balanced accuracy {best[0]:.3f}; "
          f"answerable kept {(pos_a >= t).mean():.3f}, unanswerable abstained "
          f"{(neg_a < t).mean():.3f})")
    for t2 in (0.3, 0.35, 0.4, 0.45, 0.5):
        print(f"  at {t2:.2f}: answerable kept {(pos_a >= t2).mean():.3f}, "
              f"unanswerable abstained {(neg_a < t2).mean():.3f}")


if __name__ == "__main__":
    main()
