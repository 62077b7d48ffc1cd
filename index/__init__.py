"""The retrieval engine: corpus reading, paragraph chunks with exact offsets, hybrid search."""

from index.chunking import Chunk, Span, chunk_document, paragraph_spans, sentence_spans
from index.corpus import Document, parse_file, read_corpus

__all__ = [
    "Chunk",
    "Document",
    "Span",
    "chunk_document",
    "paragraph_spans",
    "parse_file",
    "read_corpus",
    "sentence_spans",
]
