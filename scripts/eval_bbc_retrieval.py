"""Passage retrieval on the labelled BBC questions: Recall@1 / @5 of the passage holding a gold
statement, per search mode (bm25, dense, hybrid = the default fusion, hybrid-rrf60 = RRF k=60,
and the other evaluation rows of `qa.evaluation.resolve_modes`).

    PYTHONPATH=$PWD .venv/bin/python scripts/eval_bbc_retrieval.py [--json] [--work DIR]
        [--set dev|heldout]

``--set dev`` (default): the 73 questions with gold statements of
tests/data/statements/questions.jsonl, asked of the 80 labelled articles alone (copied into a
temporary folder, as scripts/eval_statements does); tuned on. ``--set heldout``: the 32 questions
of tests/data/retrieval_heldout (30 other articles, never tuned on), asked of those 30 articles
plus the 80 dev articles as distractors.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "statements"
HELDOUT = ROOT / "tests" / "data" / "retrieval_heldout"
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc-full")
    ap.add_argument("--articles", type=Path, default=SHARED / "eval" / "bbc_dev_articles.txt")
    ap.add_argument("--mode", default="all", help="a mode, hybrid-rrf60, or all (default)")
    ap.add_argument("--set", choices=("dev", "heldout"), default="dev",
                    help="dev: the 73 labelled dev questions; heldout: the 32 held-out ones")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--work", type=Path, default=None,
                    help="keep the copied articles and their index here between runs")
    args = ap.parse_args(argv)
    for path in (args.corpus, args.articles):
        if not path.exists():
            print(f"error: not found: {path}", file=sys.stderr)
            return 1
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.search import HybridIndex
    from qa.evaluation import (
        EvalError,
        load_passage_set,
        load_questions,
        load_statements,
        passage_queries,
        recall_at,
        resolve_modes,
        search_options,
    )

    try:
        rows = resolve_modes(args.mode)
    except EvalError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    paths = args.articles.read_text(encoding="utf-8").split()
    if args.set == "dev":
        labels = {lab.id: lab for lab in load_statements(DATA / "statements.jsonl")}
        queries = passage_queries(load_questions(DATA / "questions.jsonl"), labels)
    else:
        queries, heldout = load_passage_set(HELDOUT)
        paths = [*heldout, *paths]
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(args.work) if args.work else Path(tmp_dir)
        corpus = tmp / f"bbc-{args.set}"
        for p in paths:
            (corpus / p).parent.mkdir(parents=True, exist_ok=True)
            if not (corpus / p).exists():
                shutil.copyfile(args.corpus / p, corpus / p)
        results = {}
        with HybridIndex.open(corpus, tmp / f"index-{args.set}") as index:
            for row in rows:
                ranked = {q.qid: [(h.path, h.start, h.end) for h in
                                  index.search(q.question, k=5,
                                               **search_options(row, q.question, index))]
                          for q in queries}
                results[row] = {f"R@{k}": round(recall_at(ranked, queries, k), 4)
                                for k in (1, 5)}
    if args.json:
        print(json.dumps({"questions": len(queries), "rows": results}, indent=1))
    else:
        print(f"labelled BBC questions ({args.set}) with gold passages: {len(queries)}")
        print(f"{'row':<16} {'R@1':>7} {'R@5':>7}")
        for row, m in results.items():
            print(f"{row:<16} {m['R@1']:>7.4f} {m['R@5']:>7.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
