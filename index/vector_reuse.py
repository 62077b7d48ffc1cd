"""The vectors of a new generation: a row's vector is taken over from the current generation
when it holds the same embedded text (by its hash), so unchanged files are never embedded
again; the rest are embedded in calls of `EMBED_BATCH` texts, each text once."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from index.chunk_table import ChunkRow
from index.corpus import Document
from index.corpus_scan import Progress
from index.embedder import embedding_text
from index.generations import Generation, chunk_of_row

__all__ = ["EMBED_BATCH", "generation_vectors"]

# Chunks embedded per encoder call while building (the encoder batches again inside, by 32):
# bounds the memory of one call; the ONNX embedder sorts a call's texts by length, and on 1,000
# BBC chunks calls of 1,024 leave 3 % padding where calls of 256 left 12 % (README "Indexing
# speed"). Progress is reported per call.
EMBED_BATCH = 1024


def generation_vectors(
    rows: list[ChunkRow],
    documents: Mapping[str, Document],
    encode: Callable[[list[str]], np.ndarray],
    dimension: int,
    prev: Generation | None,
    progress: Progress,
) -> tuple[np.ndarray, int]:
    """float32 ``(len(rows), dimension)`` vectors of `rows` and how many texts were embedded;
    `prev`: the generation to reuse vectors from (None: embed all); `encode` returns one row
    of `dimension` per text; `progress` hears ``("embed", done, total)``."""
    out = np.zeros((len(rows), dimension), dtype=np.float32)
    known: dict[str, int] = {}
    old = prev.vectors() if prev is not None else out
    if prev is not None:
        known = {h.decode("ascii"): i for i, h in enumerate(prev.rows.hashes().tolist())}
    missing: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        j = known.get(r.embed_hash)
        if j is not None:
            out[i] = old[j]
        else:
            missing.setdefault(r.embed_hash, []).append(i)
    todo = list(missing.values())
    progress("embed", 0, len(todo))
    for b in range(0, len(todo), EMBED_BATCH):
        batch = todo[b : b + EMBED_BATCH]
        texts = [embedding_text(chunk_of_row(rows[idx[0]], documents)) for idx in batch]
        vecs = encode(texts)
        for idx, v in zip(batch, vecs, strict=True):
            out[idx] = v
        progress("embed", b + len(batch), len(todo))
    return out, len(todo)
