"""Calibrate the "X never spoke about T" threshold of speaker answers (issue 11) on the
labelled questions of tests/data/statements: for every "what did X say about T?" question,
the best topic relevance among X's statements (`qa.answer._topic_relevance`); questions with a
gold list should answer, "absent_topic" ones should not. Prints both lists and the threshold
that separates them best (the midpoint of the widest gap that keeps the most right).

    .venv/bin/python scripts/calibrate_statement_topic.py [--mode bm25|hybrid] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from index.keyword import tokenize
from qa.answer import Corpus, _topic_relevance
from qa.corpus_data import context_vectors
from qa.evaluation.statement_set import load_questions
from qa.lexical import passage_idf
from qa.question import analyze
from qa.retriever import Retriever

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "statements"
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc-full")
    ap.add_argument("--articles", type=Path, default=SHARED / "eval" / "bbc_dev_articles.txt")
    ap.add_argument("--mode", default="bm25", choices=["bm25", "hybrid", "dense"])
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    paths = args.articles.read_text(encoding="utf-8").split()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(args.work or tmp_dir)
        corpus_dir = tmp / "bbc-dev"
        for p in paths:
            (corpus_dir / p).parent.mkdir(parents=True, exist_ok=True)
            if not (corpus_dir / p).exists():
                shutil.copyfile(args.corpus / p, corpus_dir / p)
        r = Retriever(corpus_dir, tmp / "index")
        idx = r.index
        corpus = Corpus(
            root=idx.corpus, texts={d: doc.text for d, doc in idx.documents.items()},
            chunks_of=idx.chunks_of, search=lambda q, k, m: idx.search(q, k=k, mode=m),
            embed=None if args.mode == "bm25" else idx.embed, tokenize=tokenize,
            idf=passage_idf((c.text for c in idx.chunks), tokenize),
            # as answering does: contexts' vectors from the index's paragraph vectors
            context_vectors=lambda quotes: context_vectors(idx, quotes, idx.embed),
        )
        pos: list[float] = []
        neg: list[float] = []
        for sq in load_questions(DATA / "questions.jsonl"):
            q = analyze(sq.question)
            if q.kind != "speaker" or not q.speaker or not q.topic:
                continue
            person = r.table.resolve(q.speaker)
            if person is None:
                continue
            st = [(s, person.name) for s in r.quotes
                  if r.table.canonical(s.speaker) == person.name]
            if not st:
                continue
            best = max(_topic_relevance(st, q.topic, corpus)[0])
            (pos if sq.gold else neg).append(best)
            print(f"{'gold  ' if sq.gold else 'absent'} {best:.3f} {sq.question}")
        idx.close()
    cands = sorted(set(pos + neg))
    best_t, best_ok = 0.0, -1
    for a, b in zip(cands, cands[1:], strict=False):
        t = (a + b) / 2
        ok = sum(x >= t for x in pos) + sum(x < t for x in neg)
        if ok > best_ok:
            best_t, best_ok = t, ok
    print(f"{len(pos)} questions with gold, {len(neg)} absent-topic; threshold {best_t:.3f} "
          f"puts {best_ok} of {len(pos) + len(neg)} on the right side")
    return 0


if __name__ == "__main__":
    sys.exit(main())
