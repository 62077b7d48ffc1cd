"""The keyword side on tantivy (Rust): BM25 over chunks, per-document add/delete, field boosts.

Analysis stays in Python (`index.keyword.tokenize`, the same terms whoosh and bm25s index):
tantivy receives the analysed terms joined by spaces and splits them on whitespace only, so the
three engines index identical terms. The query is a BooleanQuery of per-field TermQuerys
(boosted by field weight) built from analysed terms: user text is never parsed as query syntax.
tantivy's BM25 is Okapi/Lucene's (k1 1.2, b 0.75, idf ``ln(1 + (N - n + .5) / (n + .5))``,
field lengths in one byte), summed over fields, as `OkapiBM25F` does for whoosh.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import tantivy

from index.chunking import Chunk
from index.keyword import FIELD_WEIGHTS, TEXT_FIELDS, field_texts, tokenize

__all__ = ["TantivyKeywordIndex"]

_TOKENIZER = "analysed_terms"
# Writer memory: tantivy needs >= 15 MB per thread; 128 MB is whoosh's limitmb here (hand-set).
_WRITER_HEAP = 128_000_000
# One indexing thread: the analysis (Python) is the bottleneck, and one thread makes fewer
# segments, so queries visit fewer (hand-set; 2-core machines).
_WRITER_THREADS = 1
# Terms longer than this are dropped (tantivy rejects terms over 65,530 bytes; a "word" this
# long is an encoded blob, not language). Hand-set.
_MAX_TERM_CHARS = 255


def _schema() -> Any:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("chunk_id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("doc_id", stored=False, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FIELDS:
        sb.add_text_field(name, stored=False, tokenizer_name=_TOKENIZER, index_option="freq")
    return sb.build()


def _register(ix: Any) -> Any:
    """Teach an opened index the analyser of its text fields (tantivy does not persist it)."""
    ix.register_tokenizer(
        _TOKENIZER,
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.remove_long(_MAX_TERM_CHARS))
        .build(),
    )
    return ix


def _terms(text: str) -> str:
    return " ".join(tokenize(text)) if text else ""


@dataclass
class TantivyKeywordIndex:
    """A tantivy index of chunks in one directory; `search` returns (chunk_id, score) best first."""

    engine: ClassVar[str] = "tantivy"
    incremental: ClassVar[bool] = True

    directory: Path
    weights: dict[str, float]
    _ix: Any
    _searcher: Any = None

    @classmethod
    def open(
        cls, directory: Path, weights: dict[str, float] | None = None
    ) -> TantivyKeywordIndex:
        """Open an existing index (raises ValueError/OSError if it is missing or corrupt)."""
        if not tantivy.Index.exists(str(directory)):
            raise FileNotFoundError(f"no tantivy index in {directory}")
        ix = _register(tantivy.Index.open(str(directory)))
        ix.config_reader(reload_policy="Manual")  # immutable once published: no file watcher
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

        Returns the number of chunks added. tantivy writes segment files once and replaces
        meta.json by rename, so segment files shared by hard link with an older copy are safe.
        """
        directory.mkdir(parents=True, exist_ok=True)
        ix = _register(tantivy.Index(_schema(), str(directory), reuse=not create))
        writer = ix.writer(_WRITER_HEAP, _WRITER_THREADS)
        added = 0
        try:
            for doc_id in delete_docs:
                writer.delete_documents_by_term("doc_id", doc_id)
            for c in add:
                writer.add_document(
                    tantivy.Document(
                        chunk_id=c.chunk_id,
                        doc_id=c.doc_id,
                        **{name: _terms(text) for name, text in field_texts(c).items()},
                    )
                )
                added += 1
            writer.commit()
        except BaseException:
            writer.rollback()
            writer.wait_merging_threads()
            raise
        writer.wait_merging_threads()  # merges finish (and the writer lock goes) before publish
        return added

    def searcher(self) -> Any:
        """The open tantivy searcher (it maps the segment files: a later deletion of the
        directory by a writer's clean-up cannot pull them away from this reader)."""
        if self._searcher is None:
            self._ix.reload()
            self._searcher = self._ix.searcher()
        return self._searcher

    def hold(self) -> None:
        """Open the searcher now, so this reader keeps its files from now on."""
        self.searcher()

    def doc_count(self) -> int:
        """Number of (undeleted) chunks in the index."""
        return int(self.searcher().num_docs)

    def chunk_ids(self) -> set[str]:
        """Every chunk id stored in the index (used to validate it against the manifest)."""
        s = self.searcher()
        n = max(s.num_docs, 1)
        hits = s.search(tantivy.Query.all_query(), limit=n, count=False).hits
        return {s.doc(addr)["chunk_id"][0] for _score, addr in hits}

    def search(self, terms: Sequence[str], limit: int) -> list[tuple[str, float]]:
        """BM25 top-`limit` chunks for OR-ed analysed `terms` (see `query_terms`)."""
        if not terms or limit <= 0:
            return []
        schema = self._ix.schema
        clauses = []
        for term in terms:
            if len(term) > _MAX_TERM_CHARS:
                continue
            for field, weight in self.weights.items():
                if weight <= 0:
                    continue
                q = tantivy.Query.term_query(schema, field, term, index_option="freq")
                if weight != 1.0:
                    q = tantivy.Query.boost_query(q, weight)
                clauses.append((tantivy.Occur.Should, q))
        if not clauses:
            return []
        s = self.searcher()
        hits = s.search(tantivy.Query.boolean_query(clauses), limit=limit, count=False).hits
        return [(s.doc(addr)["chunk_id"][0], float(score)) for score, addr in hits]

    def close(self) -> None:
        """Release the searcher (its mapped files)."""
        self._searcher = None
        self._ix = None
