"""BM25 quality of each keyword engine on SciFact (test) and SQuAD dev paragraphs, side by side.

bm25 mode never reads the vectors, so the index is built with placeholder vectors (no model:
minutes instead of an hour); the figures equal `qa eval DIR --mode bm25` and
`scripts/eval_squad --mode bm25 --no-answers` with the same engine (QA_KEYWORD_ENGINE=NAME).

    .venv/bin/python scripts/compare_keyword_engines.py [--engines tantivy,bm25s,whoosh]
        [--datasets scifact,squad] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks"


class PlaceholderVectors:
    """Unit vectors derived from a hash of the text: stand-ins that bm25 mode never reads."""

    name = "placeholder/keyword-only"
    dimension = 8

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, t in enumerate(texts):
            seed = int(hashlib.sha1(t.encode("utf-8", "replace")).hexdigest()[:8], 16)
            v = np.random.default_rng(seed).standard_normal(self.dimension)
            out[i] = v / np.linalg.norm(v)
        return out


def main(argv: list[str] | None = None) -> int:
    from platformdirs import user_cache_dir

    from index.keyword_engines import ENGINES, ENV_VAR
    from qa.evaluation import evaluate_beir, evaluate_squad

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--datasets", default="scifact,squad")
    ap.add_argument("--limit", type=int, default=None, help="only the first N queries")
    ap.add_argument("--workdir", type=Path,
                    default=Path(user_cache_dir("qa-index")) / "keyword-engines")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    rows: list[dict[str, Any]] = []
    for dataset in [d for d in a.datasets.split(",") if d]:
        for engine in [e for e in a.engines.split(",") if e]:
            os.environ[ENV_VAR] = engine  # HybridIndex.open picks it up: same index dir, switched
            t0 = time.perf_counter()
            if dataset == "scifact":
                r = evaluate_beir(BENCH / "scifact", "bm25", "test", embedder=PlaceholderVectors(),
                                  index_dir=a.workdir / "scifact", limit=a.limit)
            elif dataset == "squad":
                r = evaluate_squad(BENCH / "squad" / "dev-v1.1.json", "bm25",
                                   embedder=PlaceholderVectors(), limit=a.limit,
                                   corpus_dir=a.workdir / "squad-corpus",
                                   index_dir=a.workdir / "squad")
            else:
                raise SystemExit(f"unknown dataset {dataset}")
            d = r.to_dict()
            row = {"dataset": dataset, "engine": engine, "queries": d["queries"],
                   "chunks": d["chunks"], "total_seconds": round(time.perf_counter() - t0, 1),
                   **d["results"]["bm25"]}
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    if a.json:
        print(json.dumps(rows, indent=1))
    else:
        for row in rows:
            metrics = {k: v for k, v in row.items() if isinstance(v, float)}
            print(row["dataset"], row["engine"],
                  " ".join(f"{k} {v:.4f}" for k, v in metrics.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
