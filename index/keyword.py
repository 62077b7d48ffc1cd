"""The keyword side: the analyser, the `KeywordBackend` protocol, and BM25 over chunks with whoosh.

whoosh indexes the text plus lower-weighted title and heading; tantivy and bm25s implement the
same protocol (`index.tantivy_keyword`, `index.bm25s_keyword`; chosen in `index.keyword_engines`).

User text is never parsed as query syntax: it goes through the same analyzer as the index
(`tokenize`) and the terms are OR-ed, so quotes, colons, AND, parentheses or any unicode
cannot raise. The index lives in a directory and is updated per document (add/delete).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import log
from pathlib import Path
from typing import Any, ClassVar, Protocol

from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Or, Term

# The analyser (terms for text and for queries) lives in index.analysis, shared by every engine.
from index.analysis import MAX_QUERY_TERMS, query_terms, tokenize
from index.analysis import analyzer as _analyzer
from index.chunking import Chunk

__all__ = [
    "FIELD_WEIGHTS",
    "MAX_QUERY_TERMS",
    "TEXT_FIELDS",
    "KeywordBackend",
    "OkapiBM25F",
    "WhooshKeywordIndex",
    "field_texts",
    "query_terms",
    "tokenize",
]

# The paragraph is what answers; title and heading only help to pick the right article.
# Hand-set; scripts/tune_scifact on SciFact train: weights 0, 0.3, 0.5 and 1 within 0.005 nDCG@10.
FIELD_WEIGHTS: dict[str, float] = {"text": 1.0, "title": 0.3, "heading": 0.3}
# The text fields every engine indexes, each from `field_texts` (beside chunk_id and doc_id).
TEXT_FIELDS: tuple[str, ...] = tuple(FIELD_WEIGHTS)
_INDEX_NAME = "chunks"


def field_texts(chunk: Chunk) -> dict[str, str]:
    """The text of each of `TEXT_FIELDS` in `chunk` ("" for no title or heading)."""
    return {"text": chunk.text, "title": chunk.title or "", "heading": chunk.heading or ""}


def _schema() -> Schema:
    ana = _analyzer()
    return Schema(
        chunk_id=ID(stored=True, unique=True),
        doc_id=ID(),
        **{name: TEXT(analyzer=ana, phrase=False) for name in TEXT_FIELDS},
    )


class OkapiBM25F(scoring.BM25F):
    """whoosh's BM25 with the Lucene/Okapi idf ``log(1 + (N - n + .5) / (n + .5))``.

    whoosh's own idf (``log(N / (n + 1)) + 1``) orders rare terms the same way but weighs
    common ones differently from the BM25 of rank_bm25, Lucene and bm25s; this one agrees.
    """

    def idf(self, searcher: Any, fieldname: str, text: str) -> float:
        n = searcher.doc_frequency(fieldname, text)
        total = searcher.doc_count_all()
        return log(1.0 + (total - n + 0.5) / (n + 0.5))


class KeywordBackend(Protocol):
    """What the store and `HybridIndex` need from a keyword engine (whoosh, tantivy, bm25s).

    Implementations index `Chunk`s under their chunk ids in one directory, with `tokenize`'s
    terms and `FIELD_WEIGHTS`, and score BM25 (Lucene idf, k1 1.2, b 0.75). `incremental`
    engines update a directory in place (`write(create=False)` adds and deletes by document);
    the others are rebuilt from every chunk.
    """

    engine: ClassVar[str]
    incremental: ClassVar[bool]

    @classmethod
    def open(cls, directory: Path, weights: dict[str, float] | None = None) -> KeywordBackend: ...

    @classmethod
    def write(
        cls,
        directory: Path,
        add: Iterable[Chunk],
        delete_docs: Iterable[str] = (),
        *,
        create: bool = False,
    ) -> int: ...

    def hold(self) -> None:
        """Open the index files now, so that this reader keeps them if a writer removes them."""
        ...

    def doc_count(self) -> int: ...

    def chunk_ids(self) -> set[str]: ...

    def search(self, terms: Sequence[str], limit: int) -> list[tuple[str, float]]: ...

    def close(self) -> None: ...


@dataclass
class WhooshKeywordIndex:
    """A whoosh index of chunks in one directory; `search` returns (chunk_id, score) best first."""

    engine: ClassVar[str] = "whoosh"
    incremental: ClassVar[bool] = True

    directory: Path
    weights: dict[str, float]
    _ix: Any
    _searcher: Any = None

    @classmethod
    def open(cls, directory: Path, weights: dict[str, float] | None = None) -> WhooshKeywordIndex:
        """Open an existing index (raises whoosh/OS errors if it is missing or corrupt)."""
        ix = whoosh_index.open_dir(str(directory), indexname=_INDEX_NAME, schema=_schema())
        return cls(Path(directory), dict(weights or FIELD_WEIGHTS), ix)

    @classmethod
    def write(
        cls,
        directory: Path,
        add: Iterable[Chunk],
        delete_docs: Iterable[str] = (),
        *,
        create: bool = False,
    ) -> int:
        """Create (or update in place) the index in `directory`: delete docs, add chunks.

        Returns the number of chunks added. whoosh only ever writes new files here and
        renames its table of contents into place, so files shared by hard link are safe.
        """
        directory.mkdir(parents=True, exist_ok=True)
        if create:
            ix = whoosh_index.create_in(str(directory), _schema(), indexname=_INDEX_NAME)
        else:
            ix = whoosh_index.open_dir(str(directory), indexname=_INDEX_NAME, schema=_schema())
        writer = ix.writer(limitmb=128)
        added = 0
        try:
            for doc_id in delete_docs:
                writer.delete_by_term("doc_id", doc_id)
            for c in add:
                writer.add_document(chunk_id=c.chunk_id, doc_id=c.doc_id, **field_texts(c))
                added += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        ix.close()
        return added

    def doc_count(self) -> int:
        """Number of (undeleted) chunks in the index."""
        return int(self._ix.doc_count())

    def chunk_ids(self) -> set[str]:
        """Every chunk id stored in the index (used to validate it against the manifest)."""
        with self._ix.searcher() as s:
            return {fields["chunk_id"] for fields in s.all_stored_fields()}

    def searcher(self) -> Any:
        """The open whoosh searcher (opening it holds the segment files: later deletion of the
        directory by a writer's clean-up cannot pull them away from this reader)."""
        if self._searcher is None:
            self._searcher = self._ix.searcher(weighting=OkapiBM25F())
        return self._searcher

    def hold(self) -> None:
        """Open the searcher now (see `searcher`)."""
        self.searcher()

    def search(self, terms: Sequence[str], limit: int) -> list[tuple[str, float]]:
        """BM25 top-`limit` chunks for OR-ed analyzed `terms` (see `query_terms`)."""
        if not terms or limit <= 0:
            return []
        subqueries = [
            Term(field, term, boost=weight)
            for term in terms
            for field, weight in self.weights.items()
            if weight > 0
        ]
        results = self.searcher().search(Or(subqueries), limit=limit)
        return [(hit["chunk_id"], float(hit.score)) for hit in results]

    def close(self) -> None:
        """Release the searcher's open files."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix.close()
