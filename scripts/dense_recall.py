"""Recall@10 and @100 of the dense search (int8 first pass, exact float32 re-scoring) against
exact float32 search over the same vectors, per number of re-scored candidates (the product
re-scores max(200, 4 x k): 400 for the fusion's 100).

Reads the float32 vectors of an index that is already built (any format; nothing is built or
embedded but the queries), writes their int8 codes to a scratch folder, and compares, per
query, the top 10 (and the top 100 the fusion takes) of both searches. Queries: a BEIR
queries.jsonl (`--queries`), or SQuAD dev questions (`--squad N`, the bench's sample).

    .venv/bin/python scripts/dense_recall.py INDEX_DIR \
        --queries ../shared/benchmarks/scifact/queries.jsonl
    .venv/bin/python scripts/dense_recall.py INDEX_DIR --squad 1000 [--json]

scripts/bench computes the same figure (at the default candidates) on the corpora it builds.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SQUAD = ROOT.parent / "shared" / "benchmarks" / "squad" / "dev-v1.1.json"
CANDIDATES = (100, 200, 400)


def recall(dense: Any, exact_vectors: np.ndarray, qvecs: np.ndarray,
           ks: Sequence[int] = (10, 100)) -> dict[str, float]:
    """Mean Recall@k of `dense.top_k` against exact float32 top-k over `exact_vectors`, and
    the worst query's Recall@10, over the rows of `qvecs`."""
    from index.dense import top_k

    per_k: dict[int, list[float]] = {k: [] for k in ks}
    for q in qvecs:
        want = top_k(exact_vectors, q, max(ks))
        got = dense.top_k(q, max(ks))
        for k in ks:
            w = {r for r, _ in want[:k]}
            per_k[k].append(len(w & {r for r, _ in got[:k]}) / max(1, len(w)))
    out = {f"recall@{k}": statistics.fmean(v) for k, v in per_k.items()}
    out["worst_recall@10"] = min(per_k[min(ks)]) if per_k[min(ks)] else 1.0
    return out


def _vectors(index_dir: Path) -> np.ndarray:
    current = json.loads((index_dir / "CURRENT").read_text())["generation"]
    return np.load(index_dir / "generations" / current / "vectors.npy", mmap_mode="r")


def _queries(a: argparse.Namespace) -> list[str]:
    if a.queries:
        lines = Path(a.queries).read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["text"] for line in lines if line.strip()]
    data = json.loads(SQUAD.read_text(encoding="utf-8"))["data"]
    questions = [qa["question"] for art in data for p in art["paragraphs"] for qa in p["qas"]]
    return random.Random(11).sample(questions, min(a.squad, len(questions)))


def main(argv: list[str] | None = None) -> int:
    import index.dense as dense_module
    from index.dense import DenseIndex, write_codes
    from index.embedder_choice import embedder_for

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index_dir", type=Path)
    ap.add_argument("--queries", type=Path, help="a BEIR queries.jsonl")
    ap.add_argument("--squad", type=int, default=1000, help="else: N SQuAD dev questions")
    ap.add_argument("--candidates", default=",".join(map(str, CANDIDATES)))
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    vectors = np.asarray(_vectors(a.index_dir), dtype=np.float32)
    queries = _queries(a)
    qvecs = embedder_for().encode([q[:4000] for q in queries])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        np.save(folder / "vectors.npy", vectors)
        write_codes(folder, vectors)
        for c in (int(x) for x in a.candidates.split(",")):
            dense_module.RESCORE_CANDIDATES = c  # the value under test, for k 10 and 100
            dense_module.RESCORE_PER_RESULT = 0
            dense = DenseIndex(folder, len(vectors), vectors.shape[1])
            rows.append({"candidates": c, **recall(dense, vectors, qvecs)})
            dense.close()
    result = {"index": str(a.index_dir), "chunks": len(vectors), "queries": len(queries),
              "source": str(a.queries or f"SQuAD dev, {len(queries)} questions (seed 11)"),
              "rows": rows}
    if a.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{result['chunks']} chunks, {result['queries']} queries ({result['source']})")
        for r in rows:
            print(f"  re-score {r['candidates']:>4}: Recall@10 {r['recall@10']:.4f} (worst query "
                  f"{r['worst_recall@10']:.2f}), Recall@100 {r['recall@100']:.4f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
