"""Print the dev-set figures of the QA layer: recall@5 on answerable questions, gold statements
among the quotes for speaker questions, abstaining on unanswerable ones.

    .venv/bin/python scripts/dev_eval.py [--corpus seeds] [--dev ../shared/eval/seeds_dev.jsonl]
        [--mode hybrid|bm25|dense|all]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from index.search import MODES

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description="QA dev-set figures")
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "seeds_dev.jsonl")
    ap.add_argument("--index-dir", type=Path, default=None)
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--mode", default="hybrid", choices=[*MODES, "all"],
                    help="search/answer mode (all: each in turn)")
    args = ap.parse_args()
    if not args.dev.is_file():
        sys.exit(f"error: dev set not found: {args.dev}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from qa.evaluation.dev_set import load_dev_set, score_answer, summarize
    from qa.retriever import Retriever

    questions = load_dev_set(args.dev)
    with tempfile.TemporaryDirectory() as tmp:
        r = Retriever(args.corpus, args.index_dir or Path(tmp) / "index")
        texts = {d.path: d.text for d in r.index.documents.values()}
        modes = list(MODES) if args.mode == "all" else [args.mode]
        for mode in modes:
            print(f"mode {mode}")
            results = []
            for q in questions:
                a = r.ask(q.question, k=args.k, mode=mode).to_dict()
                res = score_answer(q, a, texts.__getitem__, k=args.k)
                results.append(res)
                print(f"{q.id} {'ok ' if res.ok else 'BAD'} answered={a['answered']!s:5} "
                      f"recall@{args.k}={res.recall} quotes={res.quotes_recall} "
                      f"speaker_ok={res.speaker_ok}  {q.question}")
            for name, value in summarize(results).items():
                print(f"{name:42s} {value:.3f}")
        r.index.close()


if __name__ == "__main__":
    main()
