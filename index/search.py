"""`HybridIndex`: open (build or update) the index of a corpus and search it; `Hit` results.

Search modes: ``bm25`` (keyword), ``dense`` (embeddings), ``hybrid`` (both, fused as
`index.fusion.DEFAULT_FUSION` says, or by weighted min-max-normalised scores when `alpha` is
given). Every hit carries both sides' scores and ranks, so a reader can see why a passage
ranked where it did.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeGuard, get_args, overload

import numpy as np

from index.analysis import is_question
from index.backend import Backend, EmbeddedBackend
from index.backends import open_backend, requested_backend, resolve_backend
from index.chunking import Chunk
from index.corpus import Document
from index.corpus_scan import CorpusSnapshot, Progress, resolve_corpus, scan_corpus
from index.derived import (
    JSONable,
    Rebase,
    generation_data_dir,
    other_generation_data,
    save_generation_data,
)
from index.embedder import Embedder, default_embedder
from index.evidence import evidence, order_by_evidence
from index.fusion import DEFAULT_FUSION, Fused, Fusion, fuse, weighted_fusion
from index.generations import ChunkTable, Generation, chunk_at
from index.ignore import load_rules
from index.keyword import query_terms
from index.keyword_engines import requested_engine
from index.metadata import ArticleMeta
from index.store import DEFAULT_LOCK_TIMEOUT, IndexStore, UpdateReport, default_index_dir

__all__ = [
    "MODES", "ChunkList", "Hit", "HybridIndex", "Mode", "QueryError", "check_query", "is_mode",
]

Mode = Literal["hybrid", "bm25", "dense"]
MODES: tuple[Mode, ...] = get_args(Mode)


def is_mode(value: object) -> TypeGuard[Mode]:
    """Whether `value` names a search mode."""
    return value in MODES
# The model reads at most 256 word pieces; more characters than this are never looked at.
MAX_DENSE_QUERY_CHARS = 4000
# How many candidates each side gives the fusion: hand-set, not calibrated (scripts/tune_scifact
# fuses at the same depth).
FUSION_DEPTH = 100
_WORD_RE = re.compile(r"\w")


class QueryError(ValueError):
    """An unusable query or search option (empty query, unknown mode, bad k or alpha)."""


@dataclass(frozen=True, kw_only=True)
class Hit:
    """One retrieved chunk: where it is, its text, and how each side scored it."""

    rank: int  # 1-based
    # What ranked it, on the scale of the mode. Hybrid with the default fusion
    # (`index.fusion.DEFAULT_FUSION`): 0.3 x the BM25 score min-max scaled over this query's
    # candidates (1 = BM25's best, 0 = its worst or absent) + 0.7 x the cosine similarity
    # (a candidate only BM25 found takes its true cosine); for a question (`index.analysis.
    # is_question`) the top 20 then given + 0.3 x their
    # best sentence's share of the query + 0.3 x their share of its word pairs
    # (`index.evidence`), all divided by 1.6: at most 1.0, at least -0.7 / 1.6. With
    # `alpha`, or the min-max fusion the QA layer passes for speaker questions
    # (`qa.fusion_choice`): the weighted mean of both sides' min-max scaled scores, 0..1 (1.0:
    # best on both sides). Either way it orders one query's hits and is not comparable across
    # queries or corpora; no threshold reads it. bm25 mode, the BM25 score (unbounded); dense
    # mode, the cosine similarity (-1..1). Other fusions: their own scale (`index.fusion`).
    score: float
    doc_id: str
    path: str  # relative to the corpus root
    title: str
    heading: str | None
    paragraph: int
    start: int
    end: int
    text: str  # == the file's text[start:end]
    citation: str  # e.g. "002_313894709d82b104.txt ¶4 [1234:1456]"
    bm25: float | None
    bm25_rank: int | None
    dense: float | None  # cosine similarity
    dense_rank: int | None
    chunk_id: str
    meta: ArticleMeta = ArticleMeta()  # the article's author, date, URL, source, encoding

    @classmethod
    def from_chunk(
        cls,
        chunk: Chunk,
        *,
        rank: int,
        score: float,
        bm25: float | None = None,
        bm25_rank: int | None = None,
        dense: float | None = None,
        dense_rank: int | None = None,
        meta: ArticleMeta | None = None,
    ) -> Hit:
        """A hit on `chunk` with the given rank, score and side components."""
        return cls(
            rank=rank,
            score=score,
            doc_id=chunk.doc_id,
            path=chunk.path,
            title=chunk.title,
            heading=chunk.heading,
            paragraph=chunk.paragraph,
            start=chunk.start,
            end=chunk.end,
            text=chunk.text,
            citation=chunk.citation,
            bm25=bm25,
            bm25_rank=bm25_rank,
            dense=dense,
            dense_rank=dense_rank,
            chunk_id=chunk.chunk_id,
            meta=meta if meta is not None else ArticleMeta(),
        )


class ChunkList(Sequence[Chunk]):
    """The chunks of an index, row by row, made when asked for: a `Chunk` holds a copy of its
    text, so a list of them all would keep the corpus in memory twice."""

    def __init__(self, table: ChunkTable, documents: Mapping[str, Document]) -> None:
        self._table = table
        self._documents = documents

    def __len__(self) -> int:
        return len(self._table)

    @overload
    def __getitem__(self, i: int) -> Chunk: ...

    @overload
    def __getitem__(self, i: slice) -> list[Chunk]: ...

    def __getitem__(self, i: int | slice) -> Chunk | list[Chunk]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(f"chunk row {i} out of range")
        return chunk_at(*self._table.location(i % len(self)), self._documents)

    def __iter__(self) -> Iterator[Chunk]:
        for i in range(len(self)):
            yield self[i]

    def chunk_id(self, i: int) -> str:
        """The id of row i's chunk (without slicing its text)."""
        doc_id, _heading, _paragraph, start, _end = self._table.location(i)
        return f"{doc_id}@{start}"

    def chunk_ids(self, rows: Sequence[int]) -> list[str]:
        """The ids of the chunks of `rows` (as `chunk_id` each, made in one pass)."""
        return self._table.chunk_ids(rows)


class HybridIndex:
    """The index of one corpus folder; use `HybridIndex.open` to build, update or load it."""

    def __init__(
        self,
        corpus: Path,
        store: IndexStore,
        generation: Generation,
        snapshot: CorpusSnapshot,
        embedder: Embedder,
        report: UpdateReport,
        backend: Backend | None = None,
    ) -> None:
        self.corpus = corpus
        self.index_dir = store.root
        self.last_update = report
        # Documents of files the index knew unchanged are read when first used.
        self.documents: Mapping[str, Document] = snapshot.documents
        self.snapshot = snapshot
        self.embedder = embedder
        self._store = store
        self._gen = generation
        self.chunks = ChunkList(generation.rows, snapshot.documents)
        # Where keyword and dense search run (`index.backend`): the generation, or Milvus.
        self.backend: Backend = backend or EmbeddedBackend(generation, self.chunks)

    @classmethod
    def open(
        cls,
        corpus: str | Path,
        index_dir: str | Path | None = None,
        *,
        embedder: Embedder | None = None,
        progress: Progress | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        keyword_engine: str | None = None,
        exclude: Sequence[str] = (),
        backend: str | None = None,
        milvus_uri: str | None = None,
    ) -> HybridIndex:
        """Load the index of `corpus`, first re-chunking/re-embedding what changed on disk.

        `keyword_engine` (else $QA_KEYWORD_ENGINE, else the index's own, else the default; see
        `index.keyword_engines`): switching engine rebuilds the keyword index only. Files
        matched by `exclude` (gitignore-style globs), the folder's ``.qaignore`` or the default
        rules (`index.ignore`) are left out. `backend` / `milvus_uri` (else $QA_BACKEND /
        $QA_MILVUS_URI, else the index's own, else embedded) pick where search runs
        (`index.backends`); BackendError if Milvus is missing or unreachable.
        Raises CorpusError for a missing/empty corpus, IndexStoreError for an unusable index
        directory, KeywordEngineError for an unknown engine. An up-to-date index loads without
        importing torch.
        """
        t0 = time.monotonic()
        engine = requested_engine(keyword_engine)
        chosen = requested_backend(backend, milvus_uri)
        root = resolve_corpus(corpus)
        target = Path(index_dir) if index_dir is not None else default_index_dir(root)
        store = IndexStore.at(target, root, lock_timeout=lock_timeout, progress=progress)
        rules = load_rules(root, exclude)
        gen, _reason = store.load_current()
        known, scanned = store.known_files(gen) if gen is not None else ({}, 0)
        snap = scan_corpus(root, progress, rules, known, scanned)
        embedder = embedder if embedder is not None else default_embedder()
        if gen is not None and gen.is_current_for(snap, embedder, engine):
            report = UpdateReport.up_to_date(snap, gen, t0)
            store.remember_files(gen, snap)
        else:
            if gen is not None:
                gen.close()
            with store.locked():
                gen, report = store.update(snap, embedder, engine)
        index = cls(root, store, gen, snap, embedder, report)
        try:
            index.backend = open_backend(resolve_backend(store.root, chosen), store.root, root,
                                         gen, index.chunks, embedder.dimension,
                                         store.locked)
        except BaseException:
            index.close()
            raise
        return index

    # ------------------------------------------------------------------ access

    @property
    def chunk_count(self) -> int:
        """How many chunks the index holds (reads nothing)."""
        return len(self.chunks)

    @property
    def generation(self) -> str:
        """The name of the generation loaded: it changes whenever the index content does."""
        return self._gen.name

    def vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        """The float32 vectors of `rows`, copied out (from disk, or from the mapping of a small
        vectors file: `index.dense.MAPPED_VECTOR_BYTES`)."""
        return self._gen.dense().read_rows(np.asarray(rows, dtype=np.int64))

    def row_of(self, chunk_id: str) -> int:
        """The row of the chunk with this id in `chunks` and the vectors (KeyError if none)."""
        doc_id, _, start = chunk_id.rpartition("@")
        row = self._gen.rows.find(doc_id, int(start)) if start.isdigit() else None
        if row is None:
            raise KeyError(f"no chunk {chunk_id!r} in the index of {self.corpus}")
        return row

    def vectors(self) -> np.ndarray:
        """All chunk vectors, float32, row i for chunk i (memory-mapped: rows read count in
        the process's memory; `vectors_of` reads rows without mapping the file)."""
        return self._gen.vectors()

    def chunk(self, chunk_id: str) -> Chunk:
        """The chunk with this id (KeyError if there is none)."""
        return self.chunks[self.row_of(chunk_id)]

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """The chunks of one document, in order."""
        return [self.chunks[i] for i in self._gen.rows.rows_of(doc_id)]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for `texts` from the index's embedder (loads the model on first use)."""
        return self.embedder.encode(texts)

    def per_document(
        self,
        name: str,
        version: str,
        compute: Callable[[Document, list[Chunk]], JSONable],
        rebase: Rebase | None = None,
    ) -> dict[str, Any]:
        """``{doc_id: compute(doc, chunks)}``, cached in the index dir by document content.

        Only documents that are new or changed since the last call with the same name and
        version are computed; bump `version` when `compute` changes. Values must be JSON.
        With `rebase(value, copy)`, a copy of a document under another name takes the
        original's value, rebased, instead of being computed.
        """
        return self._store.per_document(name, version, self.documents, self.chunks_of, compute,
                                        rebase)

    def generation_data(self, name: str, version: str) -> Path:
        """The folder of files a caller derived from this generation's whole corpus under
        `name` and `version` (it may not exist yet; `index.derived`)."""
        return generation_data_dir(self.index_dir / "derived", name, version, self.generation)

    def other_generation_data(self, name: str, version: str) -> list[Path]:
        """Folders of `name` derived from other generations or versions, newest first."""
        return other_generation_data(
            self.index_dir / "derived", name, self.generation_data(name, version))

    def save_generation_data(self, name: str, version: str, files: Mapping[str, bytes]) -> Path:
        """Store files derived from this generation's whole corpus (atomically, under the
        writer lock); folders of older generations are collected (`index.derived`)."""
        return save_generation_data(self.index_dir / "derived", name, version, self.generation,
                                    files, self._store.locked)

    def facts(self) -> dict[str, Any]:
        """What the index holds and where: documents, chunks, model, size on disk, last build."""
        m = self._gen.manifest
        size = sum(p.stat().st_size for p in self.index_dir.rglob("*") if p.is_file())
        return {
            "corpus": str(self.corpus),
            "documents": len(self.documents),
            "chunks": self.chunk_count,
            "index_dir": str(self.index_dir),
            "index_bytes": size,
            "model": f"{m['model']['name']} ({m['model']['dimension']} dimensions)",
            "embedder": m["model"].get("variant", "torch"),
            "keyword_engine": m.get("keyword_engine", "whoosh"),
            **self.backend.describe(),
            "last_build": m.get("built_at"),
            "build_seconds": m.get("build_seconds"),
            **self.corpus_facts(),
        }

    def corpus_facts(self) -> dict[str, Any]:
        """Encodings, dated documents, ignored and skipped files of the corpus as scanned."""
        snap = self.snapshot
        encodings = Counter(st.encoding for st in snap.files.values())
        ignored: dict[str, list[str]] = {}
        for f in snap.ignored:
            ignored.setdefault(f.reason, []).append(f.path)
        return {
            "dated_documents": self._dated_documents(),
            "encodings": dict(encodings.most_common()),
            "not_utf8": {p: st.encoding for p, st in snap.files.items() if st.encoding != "utf-8"},
            "ignored": ignored,
            "skipped": list(snap.skipped),
        }

    def _dated_documents(self) -> int:
        """Documents with a publication date, from the manifest where it says (no file read)."""
        files = self._gen.files
        return sum(
            n if isinstance(n := files.get(p, {}).get("dated"), int)
            else sum(1 for d in ids if self.documents[d].published)
            for p, ids in self.snapshot.doc_ids.items()
        )

    def close(self) -> None:
        """Release open index files (and the backend's connection)."""
        self.backend.close()
        self._gen.close()

    def __enter__(self) -> HybridIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ search

    def search(
        self,
        query: str,
        k: int = 5,
        mode: Mode = "hybrid",
        alpha: float | None = None,
        depth: int = FUSION_DEPTH,
        fusion: Fusion | None = None,
    ) -> list[Hit]:
        """The `k` best chunks for `query`. Hybrid fuses by `fusion` (default `DEFAULT_FUSION`),
        or, given `alpha`, by min-max-normalised scores with weight alpha on BM25.

        `depth` is how many candidates each side contributes to the fusion.
        """
        query = check_query(query, k, mode, alpha)
        if isinstance(depth, bool) or not isinstance(depth, int):
            raise QueryError(f"depth must be a whole number, got {depth!r}")
        depth = max(depth, k)
        bm25: list[tuple[str, float]] = []
        dense: list[tuple[str, float]] = []
        terms = query_terms(query) if mode in ("hybrid", "bm25") else []
        if mode in ("hybrid", "bm25"):
            bm25 = self.backend.keyword(terms, depth)
        qvec = None
        if mode in ("hybrid", "dense"):
            dense, qvec = self._dense(query, depth)
        if mode == "bm25":
            fused = [Fused(key, s, (r, None), (s, None)) for r, (key, s) in enumerate(bm25, 1)]
        elif mode == "dense":
            fused = [Fused(key, s, (None, r), (None, s)) for r, (key, s) in enumerate(dense, 1)]
        elif alpha is None:
            chosen = fusion or DEFAULT_FUSION
            ordered = (chosen.evidence_depth > 0 and chosen.method == "scores"
                       and is_question(query))
            fused = fuse(bm25, dense, chosen, cosine=lambda keys: self._cosines(qvec, keys),
                         limit=max(k, chosen.evidence_depth) if ordered else k)
            if ordered:
                top = fused[:chosen.evidence_depth]
                found = evidence(terms, [self.chunk(f.key).text for f in top])
                fused = order_by_evidence(fused, found, chosen.sentence_weight,
                                          chosen.pair_weight)
        else:
            fused = weighted_fusion(bm25, dense, alpha)
        return [self._hit(rank, f) for rank, f in enumerate(fused[:k], 1)]

    def unknown_terms(self, text: str) -> list[str]:
        """The keyword terms of `text` (analysed as a query is) that no chunk holds, such as a
        misspelt name: the keyword side cannot match them, only the dense side can come near."""
        return [t for t in query_terms(text) if not self.backend.keyword([t], 1)]

    def _dense(self, query: str, depth: int) -> tuple[list[tuple[str, float]], np.ndarray | None]:
        """The dense side's top `depth` (chunk_id, cosine), and the query vector."""
        if not self.chunk_count:
            return [], None
        q = self.embedder.encode([query[:MAX_DENSE_QUERY_CHARS]])[0]
        return self.backend.dense(q, depth), q

    def _cosines(self, qvec: np.ndarray | None, keys: Sequence[str]) -> dict[str, float]:
        """The cosine of the query to each chunk in `keys` (what the dense side would score)."""
        if qvec is None or not keys:
            return {}
        vals = self._gen.dense().exact(np.array([self.row_of(k) for k in keys]), qvec)
        return dict(zip(keys, (float(v) for v in vals), strict=True))

    def _hit(self, rank: int, f: Fused) -> Hit:
        chunk = self.chunk(f.key)
        return Hit.from_chunk(
            chunk,
            rank=rank,
            score=float(f.score),
            bm25=f.scores[0],
            bm25_rank=f.ranks[0],
            dense=f.scores[1],
            dense_rank=f.ranks[1],
            meta=self.documents[chunk.doc_id].meta,
        )


def check_query(query: object, k: object, mode: object, alpha: object) -> str:
    """Validate search arguments (QueryError with a one-line reason); return a clean query.
    `HybridIndex.search` starts with it; a caller can check a question without searching."""
    if not isinstance(query, str):
        raise QueryError(f"query must be text, not {type(query).__name__}")
    if not is_mode(mode):
        raise QueryError(f"unknown mode {mode!r}; use one of: {', '.join(MODES)}")
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise QueryError(f"k must be a positive whole number, got {k!r}")
    if alpha is not None and (
        isinstance(alpha, bool) or not isinstance(alpha, int | float) or not 0 <= alpha <= 1
    ):
        raise QueryError(f"alpha must be a number between 0 and 1, got {alpha!r}")
    # Lone surrogates (possible in Python strings, never in UTF-8 files) would break the model.
    query = query.encode("utf-8", "replace").decode("utf-8")
    if not _WORD_RE.search(query):
        raise QueryError("empty query: type some words to search for")
    return query
