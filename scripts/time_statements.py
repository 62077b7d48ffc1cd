"""Time statement extraction (people + quotes, `qa.statements.statements_of`) per article on a
random set of bbc-full articles: the cost issue 11 bounds (at most +50 % of index time).

    PYTHONPATH=$PWD .venv/bin/python scripts/time_statements.py [-n 300] [--seed 5]

Prints articles, statements and the best of two passes in ms per article (take it under load
unless the machine is quiet).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.statements import statements_of

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=300, help="articles (default 300)")
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args(argv)
    root = SHARED / "corpora" / "bbc-full"
    paths = sorted(str(p.relative_to(root)) for p in root.rglob("*.txt"))
    paths = [p for p in paths if p != "sport/199.txt"]  # 199: not UTF-8 on purpose
    random.Random(args.seed).shuffle(paths)
    docs = [(d, chunk_document(d)) for p in paths[: args.n]
            for d in parse_file(p, (root / p).read_text(encoding="utf-8"))]
    best, count = float("inf"), 0
    for _ in range(2):
        t0 = time.perf_counter()
        count = sum(len(statements_of(d, c)["quotes"]) for d, c in docs)
        best = min(best, time.perf_counter() - t0)
    print(f"{len(docs)} articles, {count} statements, "
          f"{best / max(len(docs), 1) * 1000:.1f} ms/article (best of 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
