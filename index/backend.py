"""The `Backend` protocol: where `HybridIndex` stores chunks and runs keyword and dense top-k.

Two implementations: `EmbeddedBackend` (the default: the local generation's keyword engine and
its numpy vectors) and `index.milvus_backend.MilvusBackend` (a Milvus collection; milvus-lite in
tests). Both answer with ``[(chunk_id, score), ...]`` best first. Hybrid search fuses the two
lists in `HybridIndex.search` as `index.fusion.DEFAULT_FUSION` says, whatever the backend:
Milvus' own rankers (RRF; weighted sums after arctan or (1 + cos) / 2 normalisation) cannot
express min-max fusion, and fusing in one place keeps the fused order identical across
backends for the same two lists.
Which backend an index uses, and how a remote one is kept in step, is `index.backends`.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

import numpy as np

from index.chunking import Chunk
from index.dense import top_k
from index.generations import Generation
from index.keyword import KeywordBackend
from index.keyword_engines import backend as keyword_backend

__all__ = ["Backend", "BackendError", "EmbeddedBackend", "row_hash"]


def row_hash(chunk: Chunk) -> str:
    """What a stored copy of `chunk` must match to be up to date: every field a backend holds
    (the vector follows from title, heading and text)."""
    key = "\0".join(str(x) for x in (chunk.doc_id, chunk.path, chunk.title, chunk.heading,
                                      chunk.paragraph, chunk.start, chunk.end, chunk.text))
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()


class BackendError(RuntimeError):
    """A backend that cannot be used: not installed, unreachable, or refusing a request."""


class Backend(Protocol):
    """Storage and search of chunks under their chunk ids (see the module docstring).

    `upsert` stores chunks with their unit vectors (replacing any with the same id), `delete`
    removes ids; `keyword` is BM25 over the index's analysed terms (`index.analysis`), `dense`
    the cosine top-k of a unit query vector. Scores are each side's own; callers compare ranks.
    """

    name: ClassVar[str]

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None: ...

    def delete(self, chunk_ids: Iterable[str]) -> None: ...

    def count(self) -> int: ...

    def stored(self) -> dict[str, str]:
        """``{chunk_id: row_hash(chunk)}`` of every stored chunk (what `index.backends.sync`
        compares against)."""
        ...

    def keyword(self, terms: Sequence[str], k: int) -> list[tuple[str, float]]: ...

    def dense(self, query: np.ndarray, k: int) -> list[tuple[str, float]]: ...

    def describe(self) -> dict[str, Any]:
        """What `qa stats` shows: the backend's name and where its data lives (no secrets)."""
        ...

    def close(self) -> None: ...


class EmbeddedBackend:
    """The embedded engine: one published generation's keyword index and vectors.

    A generation is immutable: the embedded engine's real upserts and deletes are the store's
    per-document build of the next generation (`index.store.IndexStore.update`), published
    atomically. `upsert` and `delete` here stage a change on top of the generation in memory
    (the keyword side rebuilt in a temporary directory with the generation's own engine), so
    code that drives any backend by chunk id works on this one too; the staging is lost on
    `close`.
    """

    name: ClassVar[str] = "embedded"

    def __init__(self, generation: Generation, chunks: Sequence[Chunk]) -> None:
        self._gen = generation
        self._chunks = chunks  # row i of the generation's vectors is chunk i
        self._id_list: list[str] | None = None  # made only when a change is staged
        self._hidden: set[str] = set()
        self._staged: dict[str, tuple[Chunk, np.ndarray]] = {}
        self._staged_keyword: tuple[KeywordBackend, tempfile.TemporaryDirectory[str]] | None = None

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Stage chunks (with their unit vectors) over the generation, replacing same ids."""
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        for c, v in zip(chunks, vectors, strict=True):
            self._hidden.add(c.chunk_id)
            self._staged[c.chunk_id] = (c, np.asarray(v, dtype=np.float32))
        self._drop_staged_keyword()

    def delete(self, chunk_ids: Iterable[str]) -> None:
        """Hide these chunk ids (generation rows or staged chunks)."""
        for cid in chunk_ids:
            self._hidden.add(cid)
            self._staged.pop(cid, None)
        self._drop_staged_keyword()

    def _visible(self) -> list[Chunk]:
        kept = [c for c in self._chunks if c.chunk_id not in self._hidden]
        return kept + [c for c, _ in self._staged.values()]

    def count(self) -> int:
        """Chunks searchable now."""
        return len(self._visible()) if self._hidden else len(self._chunks)

    def stored(self) -> dict[str, str]:
        """``{chunk_id: row_hash}`` of the chunks searchable now."""
        return {c.chunk_id: row_hash(c) for c in self._visible()}

    def keyword(self, terms: Sequence[str], k: int) -> list[tuple[str, float]]:
        """BM25 top-`k` from the generation's keyword engine (or its staged rebuild)."""
        if not self._hidden:
            return self._gen.keyword().search(terms, k)
        if self._staged_keyword is None:
            engine = keyword_backend(self._gen.engine)
            tmp = tempfile.TemporaryDirectory(prefix="qa-staged-")
            engine.write(Path(tmp.name) / "keyword", self._visible(), create=True)
            self._staged_keyword = (engine.open(Path(tmp.name) / "keyword"), tmp)
        return self._staged_keyword[0].search(terms, k)

    def _id(self, row: int) -> str:
        """The chunk id of a row, without building the chunk when the sequence can tell it
        (`index.search.ChunkList` can: a search reads no other document)."""
        of_row = getattr(self._chunks, "chunk_id", None)
        return str(of_row(row)) if of_row is not None else self._chunks[row].chunk_id

    @property
    def _ids(self) -> list[str]:
        if self._id_list is None:
            self._id_list = [self._id(i) for i in range(len(self._chunks))]
        return self._id_list

    def dense(self, query: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Cosine top-`k` over the generation's vectors (`index.dense`: int8 first pass and
        exact re-scoring for a large generation), and the staged ones if any."""
        if not self._hidden:
            best = self._gen.dense().top_k(query, k)
            of_rows = getattr(self._chunks, "chunk_ids", None)  # `ChunkList`: one pass
            if of_rows is None:
                return [(self._id(row), score) for row, score in best]
            ids: list[str] = of_rows([row for row, _ in best])
            return list(zip(ids, (score for _, score in best), strict=True))
        vecs: np.ndarray = self._gen.vectors()
        ids = self._ids
        if self._hidden:
            keep = [i for i, cid in enumerate(ids) if cid not in self._hidden]
            staged = [v for _, v in self._staged.values()]
            vecs = np.vstack([np.asarray(vecs[keep], dtype=np.float32),
                              np.asarray(staged, dtype=np.float32).reshape(-1, vecs.shape[1])])
            ids = [ids[i] for i in keep] + list(self._staged)
        return [(ids[row], score) for row, score in top_k(vecs, query, k)]

    def describe(self) -> dict[str, Any]:
        return {"backend": self.name}

    def _drop_staged_keyword(self) -> None:
        if self._staged_keyword is not None:
            kw, tmp = self._staged_keyword
            kw.close()
            tmp.cleanup()
            self._staged_keyword = None

    def close(self) -> None:
        """Drop the staging (the generation itself is closed by its owner)."""
        self._drop_staged_keyword()
        self._hidden.clear()
        self._staged.clear()
