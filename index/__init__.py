"""The retrieval engine: corpus reading, paragraph chunks with exact offsets, hybrid search."""

from index.chunking import Chunk, Span, chunk_document, paragraph_spans, sentence_spans
from index.corpus import Document, parse_file, read_corpus
from index.embedder import (
    Embedder,
    ModelUnavailableError,
    SentenceTransformerEmbedder,
    default_embedder,
)
from index.fusion import reciprocal_rank_fusion, weighted_fusion
from index.keyword import tokenize
from index.search import MODES, Hit, HybridIndex, Mode, QueryError, is_mode
from index.store import CorpusError, IndexStoreError, UpdateReport, default_index_dir

__all__ = [
    "MODES",
    "Chunk",
    "CorpusError",
    "Document",
    "Embedder",
    "Hit",
    "HybridIndex",
    "IndexStoreError",
    "Mode",
    "ModelUnavailableError",
    "SentenceTransformerEmbedder",
    "QueryError",
    "Span",
    "UpdateReport",
    "chunk_document",
    "default_embedder",
    "default_index_dir",
    "is_mode",
    "paragraph_spans",
    "parse_file",
    "read_corpus",
    "reciprocal_rank_fusion",
    "sentence_spans",
    "tokenize",
    "weighted_fusion",
]
