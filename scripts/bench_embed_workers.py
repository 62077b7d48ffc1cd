"""Embedding throughput with 1 and more worker processes (`qa index --workers N`).

Chunks the first documents of a corpus (default ../shared/corpora/bbc-full), then embeds the
same chunks with `index.parallel_embed.ParallelEmbedder` for each worker count, in the store's
batches (`index.vector_reuse.EMBED_BATCH`), after a warm-up call that loads the model in every
worker (model loading is reported apart). Prints chunks/s per worker count (and JSON with --json).

Usage: python scripts/bench_embed_workers.py [--corpus DIR] [--chunks 600] [--workers 1,2]
Timings mean something only on a quiet machine; say "under load" otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from index.chunking import chunk_document
from index.corpus_scan import scan_corpus
from index.embedder import embedding_text
from index.ignore import load_rules
from index.parallel_embed import ParallelEmbedder
from index.vector_reuse import EMBED_BATCH

ROOT = Path(__file__).resolve().parents[1]
BBC_FULL = ROOT.parent / "shared" / "corpora" / "bbc-full"


def texts_of(corpus: Path, n: int) -> list[str]:
    """The embedded texts of the first `n` chunks of `corpus` (files in path order)."""
    snap = scan_corpus(corpus, None, load_rules(corpus, ()))
    out: list[str] = []
    for p in sorted(snap.files):
        for d in snap.doc_ids[p]:
            out.extend(embedding_text(c) for c in chunk_document(snap.documents[d]))
        if len(out) >= n:
            break
    return out[:n]


def measure(texts: list[str], workers: int) -> dict[str, float]:
    """Model-load seconds and chunks/s for `workers` processes."""
    with ParallelEmbedder(workers) as emb:
        t0 = time.perf_counter()
        emb.encode(texts[: max(EMBED_BATCH, 64 * workers)])  # warm-up: every worker loads
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        for b in range(0, len(texts), EMBED_BATCH):
            emb.encode(texts[b : b + EMBED_BATCH])
        seconds = time.perf_counter() - t0
    return {"workers": workers, "load_s": round(load, 2), "seconds": round(seconds, 2),
            "chunks_per_s": round(len(texts) / seconds, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=BBC_FULL)
    ap.add_argument("--chunks", type=int, default=600)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    texts = texts_of(args.corpus, args.chunks)
    rows = [measure(texts, int(w)) for w in args.workers.split(",")]
    load = os.getloadavg()[0]
    if args.json:
        print(json.dumps({"chunks": len(texts), "loadavg_1min": load, "runs": rows}, indent=2))
        return
    print(f"{len(texts)} chunks of {args.corpus.name}; load average {load:.1f}")
    for r in rows:
        print(f"  workers {r['workers']}: {r['chunks_per_s']:>6.1f} chunks/s "
              f"({r['seconds']:.1f} s; model load/warm-up {r['load_s']:.1f} s)")


if __name__ == "__main__":
    main()
