"""Embed a corpus's chunks on a Ray cluster (Ray Data ``map_batches``), for archives too large
for one machine's `qa index --workers N`.

The same chunking (`index.chunking`), the same embedded text (`index.embedder.embedding_text`)
and the same model (`index.embedder.default_embedder`: ONNX all-MiniLM-L6-v2, honouring
$QA_EMBEDDER) as `qa index`; each Ray actor loads the model once. Writes Parquet rows of
(chunk_id, embed_hash, vector): the vector cache key the index uses (`index.embedder.text_hash`)
travels with each vector, so a loader can hand them to the index or to Milvus without
re-embedding.

Usage (a local Ray with 2 workers; on a cluster, set RAY_ADDRESS or pass --address):
    python scripts/ray_embed.py --corpus ../shared/corpora/bbc --out /tmp/bbc-vectors --workers 2
Tested here on a local Ray (tests/scripts/test_ray_embed.py); not on a multi-node cluster.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from index.chunking import chunk_document
from index.corpus_scan import scan_corpus
from index.embedder import Embedder, default_embedder, embedding_text, text_hash
from index.ignore import load_rules

# Texts per map_batches call: hand-set (the store embeds in batches of 256; smaller batches
# spread a small corpus over the actors).
BATCH = 64


class EmbedBatch:
    """A Ray Data actor: loads the embedder once, then embeds batches of ``text``."""

    def __init__(self, make: Callable[[], Embedder] = default_embedder) -> None:
        self.embedder = make()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        vectors = np.asarray(self.embedder.encode(list(batch["text"])), dtype=np.float32)
        return {"chunk_id": batch["chunk_id"], "embed_hash": batch["embed_hash"],
                "vector": list(vectors)}


def chunk_rows(corpus: Path) -> list[dict[str, str]]:
    """One row per chunk of `corpus` (as `qa index` chunks it): id, cache key, embedded text."""
    snap = scan_corpus(corpus, None, load_rules(corpus, ()))
    rows = []
    for p in sorted(snap.files):
        for d in snap.doc_ids[p]:
            for c in chunk_document(snap.documents[d]):
                text = embedding_text(c)
                rows.append({"chunk_id": c.chunk_id, "embed_hash": text_hash(text), "text": text})
    return rows


def embed_rows(rows: list[dict[str, str]], workers: int,
               make: Callable[[], Embedder] = default_embedder) -> Any:
    """A Ray Dataset of (chunk_id, embed_hash, vector) for `rows`, embedded by `workers`
    actors (Ray must be initialised)."""
    import ray

    # This file is a script, not an installed module: ship its code to the workers by value.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ds = ray.data.from_items(rows)
    return ds.map_batches(EmbedBatch, fn_constructor_kwargs={"make": make}, batch_size=BATCH,
                          concurrency=workers, num_cpus=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True, help="Parquet folder to write")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--address", default=None, help="Ray cluster (default: $RAY_ADDRESS or a "
                    "local Ray with --workers CPUs)")
    args = ap.parse_args()
    import ray

    if args.address:
        ray.init(address=args.address)
    elif os.environ.get("RAY_ADDRESS"):
        ray.init()  # the cluster named there; it has its own CPUs
    else:
        ray.init(num_cpus=args.workers, include_dashboard=False)
    rows = chunk_rows(args.corpus)
    embed_rows(rows, args.workers).write_parquet(str(args.out))
    print(f"embedded {len(rows)} chunks of {args.corpus} into {args.out}")


if __name__ == "__main__":
    main()
