"""The Milvus `Backend`: one collection per corpus, BM25 and dense search in the engine.

pymilvus talks to a Milvus server or cluster (``http://host:19530``) and to milvus-lite (a
local ``*.db`` file, in-process) through the same API; it is an optional extra
(``pip install 'qa-index[milvus]'``) imported only here, on first use.

The collection holds each chunk's fields (text, title, heading, document, path, paragraph,
offsets, a hash of them), its unit vector (COSINE) and, for BM25, one analysed text field per
keyword field (text, title, heading), each with a BM25 function into a sparse field. The
analysed fields hold `index.analysis` terms (stemmed, stop words out, numbers as typed), each
spelled in ``[a-z0-9]`` (`milvus_terms`), so Milvus' standard analyser (milvus-lite:
``\\w+`` and lower case; Milvus: the Unicode standard tokenizer and lower case) splits them
back into exactly the terms the embedded engines index: the stemming and stop words are the
project's, not Milvus' (milvus-lite has no English stemmer). Keyword search is the BM25F sum
of the three fields weighted by `index.keyword.FIELD_WEIGHTS` (a hybrid_search of the three
sparse fields with an unnormalised WeightedRanker), with k1 1.2 and b 0.75 as the embedded
engines use.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

import numpy as np

from index.backend import BackendError, row_hash
from index.chunking import Chunk
from index.keyword import FIELD_WEIGHTS, TEXT_FIELDS, field_texts

__all__ = [
    "BM25_B",
    "BM25_K1",
    "FIELD_DEPTH",
    "MilvusBackend",
    "collection_name",
    "milvus_terms",
]

# Okapi BM25 constants of the embedded engines (index.keyword.KeywordBackend: Lucene's
# defaults), set explicitly: Milvus' own default k1 is 1.5 in milvus-lite.
BM25_K1 = 1.2
BM25_B = 0.75
# VARCHAR limits, in bytes (Milvus' maximum is 65,535): ids and paths are short; a chunk is a
# paragraph (index.chunking splits long ones), so a longer text is cut in the stored copy only
# (hits, texts and offsets come from the local chunk table).
_MAX_ID = 1024
_MAX_TEXT = 65_535
# Each field's BM25 search returns this many times `k` candidates before the weighted sum (a
# chunk outside one field's list misses that field's share). Hand-set from one measurement on
# bbc-full (50 sampled queries, top 5 of 100, against tantivy; under load): 1x gave the same
# top-5 order for 0.76 of queries (overlap 0.964), 3x 0.88 (0.984), 10x 0.90 (0.988); the
# median keyword query took 146, 198 and 340 ms on milvus-lite.
FIELD_DEPTH = 3
# Rows sent per upsert call: hand-set (bounds one request's size, ~1.5 MB of vectors).
UPSERT_BATCH = 1000
# Milvus reads index parameters as flat keys; milvus-lite 3.2.2 only from a nested "params"
# entry (it silently kept its default k1 1.5 otherwise: tests/index/test_milvus_backend.py).
_BM25 = {"bm25_k1": BM25_K1, "bm25_b": BM25_B, "inverted_index_algo": "TAAT_NAIVE"}
_BM25_PARAMS: dict[str, Any] = {**_BM25, "params": _BM25}
_SAFE_TERM = re.compile(r"[a-z0-9]{1,40}")
_OUTPUT = ["chunk_id", "row_hash"]


def milvus_terms(terms: Iterable[str]) -> str:
    """`terms` as one space-separated string of ``[a-z0-9]`` tokens, one token per term.

    A term that is not already such a token ("3.5", "café", "über") becomes ``z`` + 20 hex
    digits of its blake2b hash, which no tokenizer splits; a collision with a real term of that
    shape is as unlikely as one of 80-bit hashes.
    """
    out = []
    for t in terms:
        if _SAFE_TERM.fullmatch(t):
            out.append(t)
        else:
            out.append("z" + hashlib.blake2b(t.encode("utf-8", "surrogatepass"),
                                              digest_size=10).hexdigest())
    return " ".join(out)


def collection_name(corpus_key: str) -> str:
    """A valid collection name for a corpus: ``qa_`` + a slug + a hash of `corpus_key`."""
    slug = re.sub(r"[^A-Za-z0-9_]+", "_", corpus_key.rstrip("/").rsplit("/", 1)[-1])[:40]
    digest = hashlib.sha1(corpus_key.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"qa_{slug.strip('_') or 'corpus'}_{digest}"


def _cut(text: str, limit: int) -> str:
    data = text.encode("utf-8", "surrogatepass")
    return text if len(data) <= limit else data[:limit].decode("utf-8", "ignore")


class MilvusBackend:
    """A Milvus collection of chunks (see the module docstring); `connect` opens or creates it."""

    name: ClassVar[str] = "milvus"

    def __init__(self, client: Any, uri: str, collection: str, dimension: int) -> None:
        self._client = client
        self.uri = uri
        self.collection = collection
        self.dimension = dimension
        self.weights = dict(FIELD_WEIGHTS)  # BM25F field weights, as the keyword engines'

    @classmethod
    def connect(
        cls, uri: str, collection: str, dimension: int, token: str | None = None
    ) -> MilvusBackend:
        """Connect to `uri`, create the collection if needed, and load it.

        BackendError (one line) when pymilvus is missing or the server cannot be reached.
        """
        try:
            from pymilvus import MilvusClient
        except ImportError:
            raise BackendError(
                "the milvus backend needs pymilvus: pip install 'qa-index[milvus]'"
            ) from None
        try:
            client = MilvusClient(uri=uri, token=token or "", timeout=10)
        except Exception as e:  # pymilvus raises MilvusException and grpc errors alike
            raise BackendError(f"cannot reach Milvus at {uri}: {_one_line(e)}") from None
        self = cls(client, uri, collection, dimension)
        try:
            if not client.has_collection(collection):
                self._create()
            else:
                self._check_dimension()
            client.load_collection(collection)
        except BackendError:
            raise
        except Exception as e:
            raise BackendError(f"Milvus at {uri}: {_one_line(e)}") from None
        return self

    def _create(self) -> None:
        from pymilvus import DataType, Function, FunctionType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("chunk_id", DataType.VARCHAR, is_primary=True, max_length=_MAX_ID)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=_MAX_ID)
        schema.add_field("path", DataType.VARCHAR, max_length=_MAX_ID)
        schema.add_field("title", DataType.VARCHAR, max_length=_MAX_TEXT)
        schema.add_field("heading", DataType.VARCHAR, max_length=_MAX_TEXT)
        schema.add_field("text", DataType.VARCHAR, max_length=_MAX_TEXT)
        schema.add_field("paragraph", DataType.INT64)
        schema.add_field("start_offset", DataType.INT64)
        schema.add_field("end_offset", DataType.INT64)
        schema.add_field("row_hash", DataType.VARCHAR, max_length=64)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dimension)
        # The analysed copies are already analysed (milvus_terms): the standard tokenizer only
        # splits them on spaces, and lower-casing leaves them as they are.
        analyser = {"tokenizer": "standard", "filter": ["lowercase"]}
        index = self._client.prepare_index_params()
        index.add_index(field_name="vector", index_type="AUTOINDEX", metric_type="COSINE")
        for field in TEXT_FIELDS:
            schema.add_field(f"{field}_terms", DataType.VARCHAR, max_length=_MAX_TEXT,
                             enable_analyzer=True, analyzer_params=analyser)
            schema.add_field(f"{field}_bm25", DataType.SPARSE_FLOAT_VECTOR)
            schema.add_function(Function(
                name=f"{field}_bm25_fn", function_type=FunctionType.BM25,
                input_field_names=[f"{field}_terms"], output_field_names=[f"{field}_bm25"],
            ))
            index.add_index(field_name=f"{field}_bm25", index_type="SPARSE_INVERTED_INDEX",
                            metric_type="BM25", params=_BM25_PARAMS)
        self._client.create_collection(self.collection, schema=schema, index_params=index)

    def _check_dimension(self) -> None:
        info = self._client.describe_collection(self.collection)
        for f in info.get("fields", []):
            if f.get("name") == "vector":
                dim = int(f.get("params", {}).get("dim", self.dimension))
                if dim != self.dimension:
                    raise BackendError(
                        f"collection {self.collection} holds {dim}-dimensional vectors, the "
                        f"embedder makes {self.dimension}; drop it or use another index"
                    )

    # ------------------------------------------------------------------ writing

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Insert or replace `chunks` (by chunk id) with their unit vectors."""
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        from index.analysis import tokenize

        for b in range(0, len(chunks), UPSERT_BATCH):
            rows = []
            for c, v in zip(chunks[b : b + UPSERT_BATCH], vectors[b : b + UPSERT_BATCH],
                            strict=True):
                rows.append({
                    "chunk_id": c.chunk_id,
                    "doc_id": c.doc_id,
                    "path": c.path,
                    "title": _cut(c.title or "", _MAX_TEXT),
                    "heading": _cut(c.heading or "", _MAX_TEXT),
                    "text": _cut(c.text, _MAX_TEXT),
                    "paragraph": c.paragraph,
                    "start_offset": c.start,
                    "end_offset": c.end,
                    "row_hash": row_hash(c),
                    "vector": np.asarray(v, dtype=np.float32).tolist(),
                    **{f"{f}_terms": _cut(milvus_terms(tokenize(text)), _MAX_TEXT)
                       for f, text in field_texts(c).items()},
                })
            self._call("upsert", self.collection, rows)

    def delete(self, chunk_ids: Iterable[str]) -> None:
        """Remove these chunk ids (absent ones are ignored)."""
        ids = list(chunk_ids)
        for b in range(0, len(ids), UPSERT_BATCH):
            self._call("delete", self.collection, ids=ids[b : b + UPSERT_BATCH])

    def stored(self) -> dict[str, str]:
        """``{chunk_id: row_hash}`` of every stored row (what a sync compares against)."""
        out: dict[str, str] = {}
        with _quiet_iterator():
            it = self._call("query_iterator", self.collection, batch_size=1000, filter="",
                            output_fields=_OUTPUT)
            try:
                while batch := it.next():
                    out.update((r["chunk_id"], r["row_hash"]) for r in batch)
            finally:
                it.close()
        return out

    def count(self) -> int:
        """Number of stored chunks."""
        rows = self._call("query", self.collection, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"])

    # ------------------------------------------------------------------ searching

    def keyword(self, terms: Sequence[str], k: int) -> list[tuple[str, float]]:
        """BM25F top-`k`: the fields' BM25, weighted by `weights` and summed.

        Each field's search returns its own top `FIELD_DEPTH` x `k` before the sum, so a chunk
        outside one field's list misses that field's share: exact while that covers every
        match (the seeds at the fusion depth of 100), an approximation on large corpora.
        """
        query = milvus_terms(terms)
        if not query or k <= 0:
            return []
        from pymilvus import AnnSearchRequest, WeightedRanker

        fields = [(f, w) for f, w in self.weights.items() if w > 0]
        requests = [AnnSearchRequest(data=[query], anns_field=f"{f}_bm25", param={},
                                     limit=k * FIELD_DEPTH) for f, _ in fields]
        ranker = WeightedRanker(*(w for _, w in fields), norm_score=False)
        hits = self._call("hybrid_search", self.collection, requests, ranker, limit=k,
                          output_fields=["chunk_id"])
        return _ranking(hits)

    def dense(self, query: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Cosine top-`k` of a unit query vector."""
        if k <= 0:
            return []
        hits = self._call("search", self.collection,
                          data=[np.asarray(query, dtype=np.float32).tolist()],
                          anns_field="vector", limit=k, search_params={"metric_type": "COSINE"},
                          output_fields=["chunk_id"])
        return _ranking(hits)

    def describe(self) -> dict[str, Any]:
        return {"backend": self.name, "collection": self.collection, "milvus_uri": self.uri}

    def drop(self) -> None:
        """Remove the whole collection."""
        self._call("drop_collection", self.collection)

    def close(self) -> None:
        self._client.close()

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self._client, method)(*args, **kwargs)
        except Exception as e:
            raise BackendError(f"Milvus at {self.uri}: {method}: {_one_line(e)}") from None


def _ranking(hits: Any) -> list[tuple[str, float]]:
    """(chunk_id, score) best first from a one-query result (distances are similarities for
    COSINE and BM25 here; only the order is compared across backends)."""
    rows = [(h["entity"]["chunk_id"] if "entity" in h else h["id"], float(h["distance"]))
            for h in (hits[0] if hits else [])]
    return sorted(rows, key=lambda r: -r[1])


@contextmanager
def _quiet_iterator() -> Iterator[None]:
    """milvus-lite lacks the RPC a query iterator first tries (a timestamp); pymilvus then
    falls back to a client-side one, but both log it loudly. Silence those two loggers."""
    loggers = [logging.getLogger(n) for n in ("pymilvus", "grpc._server")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__
