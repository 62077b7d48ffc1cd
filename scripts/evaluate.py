"""Reproduce the README quality figures: SciFact (BEIR) nDCG@10 and SQuAD paragraph recall.

    scripts/eval_scifact [--split test] [--mode all] [--json]
    scripts/eval_squad [--mode all] [--articles N] [--limit N] [--json]

Indexes go to the user cache dir (or --index-dir); nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from qa.interfaces.progress import progress_bar

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks"


def print_result(result: Any, as_json: bool) -> None:
    """The result as JSON, or as a table."""
    if as_json:
        print(json.dumps(result.to_dict(), indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    d = result.to_dict()
    t = Table(title=f"{d['dataset']} ({d['split']}): {d['queries']} queries, "
                    f"{d['documents']} documents, {d['chunks']} chunks")
    rows = d["results"]
    cols = [c for c in next(iter(rows.values())) if c not in ("queries",)]
    t.add_column("mode")
    for c in cols:
        t.add_column(c, justify="right")
    for mode, r in rows.items():
        t.add_row(mode, *(f"{r[c]:.4f}" if isinstance(r[c], float) else str(r[c]) for c in cols))
    Console().print(t)


def main(argv: list[str] | None = None) -> int:
    from qa.evaluation import EvalError, evaluate_beir, evaluate_squad

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="task", required=True)
    sf = sub.add_parser("scifact", help="BEIR SciFact (or any BEIR folder with --dir)")
    sf.add_argument("--dir", type=Path, default=BENCH / "scifact")
    sf.add_argument("--split", default="test")
    sq = sub.add_parser("squad", help="SQuAD v1.1 dev paragraph retrieval")
    sq.add_argument("--file", type=Path, default=BENCH / "squad" / "dev-v1.1.json")
    sq.add_argument("--articles", type=int, default=None, help="only the first N articles")
    sq.add_argument("--no-answers", action="store_true", help="skip the answer-sentence check")
    for p in (sf, sq):
        p.add_argument("--mode", default="all",
                       help="hybrid, bm25, dense, hybrid-rrf60 (the former RRF default) or all")
        p.add_argument("--alpha", type=float, default=None,
                       help="min-max fusion with this BM25 weight (else the default fusion)")
        p.add_argument("--limit", type=int, default=None, help="only the first N queries")
        p.add_argument("--index-dir", type=Path, default=None)
        p.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    try:
        with progress_bar() as progress:
            if a.task == "scifact":
                result = evaluate_beir(a.dir, a.mode, a.split, index_dir=a.index_dir,
                                       progress=progress, alpha=a.alpha, limit=a.limit)
            else:
                chooser = None if a.no_answers else "qa"
                result = evaluate_squad(a.file, a.mode, articles=a.articles, limit=a.limit,
                                        index_dir=a.index_dir, progress=progress, alpha=a.alpha,
                                        answer_sentence=chooser)
    except EvalError as e:
        print(f"evaluate: error: {e}", file=sys.stderr)
        return 1
    print_result(result, a.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
