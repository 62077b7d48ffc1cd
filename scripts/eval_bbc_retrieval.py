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
import sys
import tempfile
from pathlib import Path

from qa.evaluation.dev_articles import (
    add_dev_article_options,
    article_list,
    copy_articles,
    missing_inputs,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "statements"
HELDOUT = ROOT / "tests" / "data" / "retrieval_heldout"
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_article_options(ap, SHARED)
    ap.add_argument("--mode", default="all", help="a mode, hybrid-rrf60, or all (default)")
    ap.add_argument("--set", choices=("dev", "heldout"), default="dev",
                    help="dev: the 73 labelled dev questions; heldout: the 32 held-out ones")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if error := missing_inputs(args):
        print(error, file=sys.stderr)
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
    paths = article_list(args.articles)
    if args.set == "dev":
        labels = {lab.id: lab for lab in load_statements(DATA / "statements.jsonl")}
        queries = passage_queries(load_questions(DATA / "questions.jsonl"), labels)
    else:
        queries, heldout = load_passage_set(HELDOUT)
        paths = [*heldout, *paths]
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(args.work) if args.work else Path(tmp_dir)
        corpus = tmp / f"bbc-{args.set}"
        copy_articles(args.corpus, paths, corpus)
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
