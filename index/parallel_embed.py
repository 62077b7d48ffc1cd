"""Embedding in parallel worker processes (``qa index --workers N``), each with its own model.

`ParallelEmbedder` is an `Embedder`: same name, dimension and variant as the model it spreads
(so the manifest, and vector reuse, cannot tell them apart), whose `encode` cuts a batch into
pieces and embeds them in a process pool. Workers are started with ``spawn`` (a forked copy of
a process holding runtime threads is not safe), load the model once each, and share the
cores: each runs cores / N runtime threads.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

from index.batched_embedder import THREADS_ENV
from index.embedder import Embedder, default_embedder

__all__ = ["PIECE", "ParallelEmbedder"]

# Texts per piece sent to one worker: hand-set. Small enough that the store's batches
# (index.store.EMBED_BATCH = 1024) give each of a few workers several pieces, large enough that
# pickling the texts and vectors costs little against the model (~0.5 ms per text here).
PIECE = 32

_worker_embedder: Embedder | None = None


def _start_worker(make: Callable[[], Embedder], threads: int) -> None:
    global _worker_embedder
    # Each worker's model gets its share of the cores (`index.batched_embedder.THREADS_ENV`): N
    # processes each running one thread per core would fight over them.
    os.environ[THREADS_ENV] = str(threads)
    _worker_embedder = make()


def _encode_piece(texts: list[str]) -> np.ndarray:
    assert _worker_embedder is not None, "worker not initialised"
    return np.asarray(_worker_embedder.encode(texts), dtype=np.float32)


class ParallelEmbedder:
    """`make()`'s embedder, run in `workers` processes (see the module docstring).

    `make` must be picklable (a module-level function or class); the default is
    `index.embedder.default_embedder`, which honours $QA_EMBEDDER in each worker.
    """

    def __init__(self, workers: int, make: Callable[[], Embedder] = default_embedder) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        self._make = make
        self._local = make()  # names the model; embeds small calls (queries) in-process
        self.name: str = self._local.name
        self.dimension: int = self._local.dimension
        self.variant: str = self._local.variant
        self._pool: ProcessPoolExecutor | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for `texts`, in order; pieces of `PIECE` texts go to the workers."""
        if self.workers == 1 or len(texts) <= PIECE:
            return np.asarray(self._local.encode(texts), dtype=np.float32)
        # Pieces of texts of similar length (longest first), so each worker's batches pad little.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        pieces = [[texts[i] for i in order[j : j + PIECE]] for j in range(0, len(order), PIECE)]
        vecs = np.vstack(list(self._executor().map(_encode_piece, pieces)))
        out = np.empty_like(vecs, dtype=np.float32)
        out[order] = vecs
        return out

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self._make, max(1, (os.cpu_count() or 1) // self.workers)),
            )
        return self._pool

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ParallelEmbedder:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
