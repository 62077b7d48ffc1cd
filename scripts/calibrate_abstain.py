"""Calibrate qa.answer.ABSTAIN_THRESHOLD on SQuAD v1.1 dev (not on the seed questions).

For each sampled question, the evidence score the QA layer uses is the highest cosine
similarity (all-MiniLM-L6-v2) between the question and a sentence of the candidate passages.
- answerable: the sentences of the question's own paragraph;
- unanswerable: the sentences of every paragraph of other articles (the corpus lacks the answer,
  so the best it can offer is the nearest wrong sentence).
The script prints both distributions and the threshold that maximises balanced accuracy.

With --lexical it calibrates LEXICAL_ABSTAIN_THRESHOLD instead (mode "bm25", no model): the
evidence is the best sentence's idf-weighted coverage of the question's terms (`qa.lexical.
coverage`), with idf over the paragraphs of the corpus the question is asked of (all sampled
articles when answerable, the other articles when not). It also prints how often the sentence
`best_sentence` picks without a model holds a gold answer (vs. a random sentence).

    .venv/bin/python scripts/calibrate_abstain.py [--articles 20] [--per-article 20] [--seed 0]
        [--lexical]

Measured (20 articles, 400 questions, seed 0): see the constants' comments in qa/answer.py.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
from collections import Counter
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
    ap.add_argument("--lexical", action="store_true",
                    help="calibrate the model-free threshold (idf-weighted term coverage)")
    args = ap.parse_args()
    if not args.squad.is_file():
        sys.exit(f"error: SQuAD dev file not found: {args.squad}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.chunking import sentence_spans

    rng = random.Random(args.seed)
    data = json.loads(args.squad.read_text(encoding="utf-8"))["data"]
    articles = rng.sample(data, min(args.articles, len(data)))
    sents: list[str] = []
    owner: list[tuple[int, int]] = []  # (article, paragraph) of each sentence
    questions: list[tuple[str, int, int]] = []
    answers: dict[tuple[str, int, int], list[tuple[int, str]]] = {}
    for a, art in enumerate(articles):
        qs = []
        for p, para in enumerate(art["paragraphs"]):
            for s in sentence_spans(para["context"]):
                sents.append(s.text)
                owner.append((a, p))
            qs.extend((qa["question"], a, p) for qa in para["qas"])
            for qa in para["qas"]:
                answers[qa["question"], a, p] = [(x["answer_start"], x["text"])
                                                 for x in qa["answers"]]
        questions.extend(rng.sample(qs, min(args.per_article, len(qs))))
    if args.lexical:
        pos, neg = _lexical_evidence(articles, sents, owner, questions, answers)
        _report(np.array(pos), np.array(neg), np.arange(0.05, 1.0, 0.01),
                (0.3, 0.35, 0.4, 0.45, 0.5, 0.55))
        return
    from index.dense import default_embedder

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
    _report(np.array(pos), np.array(neg), np.arange(0.2, 0.8, 0.01), (0.3, 0.35, 0.4, 0.45, 0.5))


def _report(pos_a: np.ndarray, neg_a: np.ndarray, grid: np.ndarray,
            marks: tuple[float, ...]) -> None:
    """Print both distributions and the threshold that maximises balanced accuracy."""
    for name, arr in (("answerable (own paragraph)", pos_a), ("unanswerable (other articles)",
                                                               neg_a)):
        q = np.percentile(arr, [5, 25, 50, 75, 95])
        print(f"{name:32s} n={len(arr)} mean={arr.mean():.3f} p5/25/50/75/95="
              + "/".join(f"{x:.3f}" for x in q))
    best = max(
        (((pos_a >= t).mean() + (neg_a < t).mean()) / 2, t) for t in grid
    )
    t = best[1]
    print(f"threshold maximising balanced accuracy: {t:.2f} (balanced accuracy {best[0]:.3f}; "
          f"answerable kept {(pos_a >= t).mean():.3f}, unanswerable abstained "
          f"{(neg_a < t).mean():.3f})")
    for t2 in marks:
        print(f"  at {t2:.2f}: answerable kept {(pos_a >= t2).mean():.3f}, "
              f"unanswerable abstained {(neg_a < t2).mean():.3f}")


def _idf(paragraph_terms: list[set[str]]) -> dict[str, float]:
    """Okapi idf over paragraphs, as `Retriever` computes it over chunks."""
    df: Counter[str] = Counter()
    for terms in paragraph_terms:
        df.update(terms)
    n = max(1, len(paragraph_terms))
    return {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}


def _lexical_evidence(
    articles: list[dict], sents: list[str], owner: list[tuple[int, int]],
    questions: list[tuple[str, int, int]],
    answers: dict[tuple[str, int, int], list[tuple[int, str]]],
) -> tuple[list[float], list[float]]:
    """Best-sentence lexical coverage of each question: own paragraph vs. other articles; and
    the share of questions whose `best_sentence` (no model) holds a gold answer."""
    from index.chunking import sentence_spans
    from index.keyword import tokenize
    from qa.answer import best_sentence
    from qa.lexical import coverage, unknown_idf

    paras = [(a, set(tokenize(para["context"])))
             for a, art in enumerate(articles) for para in art["paragraphs"]]
    idf_all = _idf([t for _, t in paras])
    idf_without = {a: _idf([t for b, t in paras if b != a]) for a in range(len(articles))}
    terms = [tokenize(s) for s in sents]
    by_article: dict[int, list[int]] = {}
    for i, (a, _) in enumerate(owner):
        by_article.setdefault(a, []).append(i)
    pos, neg = [], []
    hit = random_rate = 0.0
    for question, a, p in questions:
        qt = tokenize(question)
        unk_all, idf_neg = unknown_idf(idf_all), idf_without[a]
        unk_neg = unknown_idf(idf_neg)
        own = [i for i in by_article[a] if owner[i] == (a, p)]
        pos.append(max(coverage(qt, terms[i], idf_all, unk_all) for i in own))
        neg.append(max(coverage(qt, terms[i], idf_neg, unk_neg)
                       for b, ids in by_article.items() if b != a for i in ids))
        context = articles[a]["paragraphs"][p]["context"]
        got = best_sentence(context, 0, len(context), question, embed=None, tokenize=tokenize,
                            idf=idf_all)
        gold = answers[question, a, p]
        if got is not None and any(got[0].start <= s and s + len(t) <= got[0].end
                                   for s, t in gold):
            hit += 1
        spans = [(s.start, s.end) for s in sentence_spans(context)]
        random_rate += sum(any(b <= s and s + len(t) <= e for s, t in gold)
                           for b, e in spans) / len(spans)
    print(f"answer sentence without a model holds a gold answer: {hit / len(questions):.3f} "
          f"(random sentence: {random_rate / len(questions):.3f})")
    return pos, neg


if __name__ == "__main__":
    main()
