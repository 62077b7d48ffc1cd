"""Query latency of one index on the embedded backend and on Milvus (milvus-lite or a server).

Opens the index of a corpus twice in this process (embedded, then Milvus: the first Milvus open
syncs the collection and is timed apart), then runs the same queries in each mode on both and
prints p50/p95 per backend and mode, and the top-5 agreement between them. Queries: the first
12 words of `--queries` chunks drawn with a fixed seed from the index (no hand-picked text).
The model is loaded and warmed before timing, so dense and hybrid include one query embedding.

Usage: python scripts/bench_backends.py --corpus DIR --index-dir DIR --milvus-uri URI
       [--queries 50] [--json]
It leaves the index's remembered backend as Milvus. Timings under load mean little: say so.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

from index.search import MODES, HybridIndex


def sample_queries(index: HybridIndex, n: int, seed: int = 0) -> list[str]:
    """The first 12 words of `n` chunks drawn with `seed`."""
    rng = random.Random(seed)
    chunks = rng.sample(index.chunks, min(n, len(index.chunks)))
    return [" ".join(c.text.split()[:12]) for c in chunks]


def latencies(index: HybridIndex, queries: list[str], mode: str) -> tuple[list[float], list]:
    times, tops = [], []
    for q in queries:
        t0 = time.perf_counter()
        hits = index.search(q, k=5, mode=mode)  # type: ignore[arg-type]
        times.append(time.perf_counter() - t0)
        tops.append([h.chunk_id for h in hits])
    return times, tops


def summary(times: list[float]) -> dict[str, float]:
    ms = sorted(t * 1000 for t in times)
    return {"p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--index-dir", type=Path, required=True)
    ap.add_argument("--milvus-uri", required=True)
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    out: dict[str, Any] = {"corpus": str(args.corpus), "loadavg_1min": os.getloadavg()[0]}
    t0 = time.perf_counter()
    emb = HybridIndex.open(args.corpus, args.index_dir, backend="embedded")
    out["open_embedded_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    mil = HybridIndex.open(args.corpus, args.index_dir, backend="milvus",
                           milvus_uri=args.milvus_uri, embedder=emb.embedder)
    out["open_milvus_s"] = round(time.perf_counter() - t0, 2)
    out["chunks"] = len(emb.chunks)
    queries = sample_queries(emb, args.queries)
    emb.search(queries[0], k=5)  # load the model
    results: dict[str, Any] = {}
    for mode in MODES:
        e_times, e_top = latencies(emb, queries, mode)
        m_times, m_top = latencies(mil, queries, mode)
        same = sum(a == b for a, b in zip(e_top, m_top, strict=True)) / len(queries)
        overlap = statistics.mean(len(set(a) & set(b)) / max(1, len(a))
                                  for a, b in zip(e_top, m_top, strict=True))
        results[mode] = {"embedded": summary(e_times), "milvus": summary(m_times),
                         "same_top5_order": round(same, 3), "top5_overlap": round(overlap, 3)}
    out["modes"] = results
    emb.close()
    mil.close()
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['corpus']}: {out['chunks']} chunks, {len(queries)} queries, load average "
          f"{out['loadavg_1min']:.1f}; open embedded {out['open_embedded_s']} s, "
          f"milvus {out['open_milvus_s']} s")
    for mode, r in results.items():
        print(f"  {mode:<7} embedded p50 {r['embedded']['p50_ms']:>7.2f} ms  milvus p50 "
              f"{r['milvus']['p50_ms']:>7.2f} ms  same top-5 {r['same_top5_order']:.2f}  "
              f"overlap {r['top5_overlap']:.2f}")


if __name__ == "__main__":
    main()
