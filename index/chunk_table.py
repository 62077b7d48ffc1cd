"""The chunk table of a generation: one row per chunk, in numpy arrays instead of objects.

A row is where a chunk is (document, heading, paragraph, start, end) and the hash of the text
that was embedded for it. Stored as three files: ``chunks.npy`` (the numbers, 28 bytes a row),
``chunk-hashes.npy`` (the hashes, only read when building) and ``chunk-strings.json`` (the
distinct document ids and headings the numbers point into). 100k chunks take about 3 MB in
memory this way, against about 140 MB as JSON rows turned into Python objects (the format-1
``chunks.json``, still read to convert an old index).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import numpy as np

from index.atomic_files import read_json, write_json
from index.chunking import Chunk
from index.embedder import embedding_text, text_hash

__all__ = ["LEGACY_FILE", "ROW_DTYPE", "ChunkRow", "ChunkTable"]

ROW_DTYPE = np.dtype(
    [("doc", "<i4"), ("heading", "<i4"), ("paragraph", "<i4"), ("start", "<i8"), ("end", "<i8")]
)
NUMBERS_FILE = "chunks.npy"
HASHES_FILE = "chunk-hashes.npy"
STRINGS_FILE = "chunk-strings.json"
LEGACY_FILE = "chunks.json"  # format 1: {"rows": [[doc_id, heading, paragraph, start, end, hash]]}


@dataclass(frozen=True)
class ChunkRow:
    """A chunk as stored: its text is sliced from the document when it is needed."""

    doc_id: str
    heading: str | None
    paragraph: int
    start: int
    end: int
    embed_hash: str

    @classmethod
    def from_json(cls, row: list[Any]) -> ChunkRow:
        """A row of the format-1 ``chunks.json``."""
        doc_id, heading, paragraph, start, end, embed_hash = row
        if not (isinstance(doc_id, str) and isinstance(start, int) and isinstance(end, int)):
            raise ValueError(f"bad chunk row {row!r}")
        return cls(doc_id, heading, int(paragraph), start, end, str(embed_hash))

    @classmethod
    def of(cls, chunk: Chunk) -> ChunkRow:
        return cls(
            chunk.doc_id,
            chunk.heading,
            chunk.paragraph,
            chunk.start,
            chunk.end,
            text_hash(embedding_text(chunk)),
        )


class ChunkTable(Sequence[ChunkRow]):
    """The rows of a generation (row i <-> vector i), read as `ChunkRow`s on demand.

    Rows of one document are contiguous and in text order (the store writes them so), which
    `find` and `rows_of` rely on; `ChunkTable.build` checks it.
    """

    def __init__(
        self,
        numbers: np.ndarray,
        docs: Sequence[str],
        headings: Sequence[str],
        hashes: np.ndarray | Path | None,
    ) -> None:
        self._numbers = numbers
        self._docs = list(docs)
        self._headings = list(headings)
        self._hashes = hashes  # an array, or the file to map when first needed
        self._starts = numbers["start"]  # the field's view, made once: `find` runs per hit
        # Where each document's rows are: doc index -> (first row, end row).
        doc = numbers["doc"]
        if len(doc) and (np.any(np.diff(doc) < 0) or doc[0] < 0 or doc[-1] >= len(docs)):
            raise ValueError("chunk rows are not grouped by document")
        firsts = np.searchsorted(doc, np.arange(len(self._docs)), side="left")
        ends = np.searchsorted(doc, np.arange(len(self._docs)), side="right")
        self._span = {d: (int(a), int(b)) for d, a, b in zip(self._docs, firsts, ends, strict=True)}
        for a, b in self._span.values():
            if b - a > 1 and np.any(np.diff(numbers["start"][a:b]) <= 0):
                raise ValueError("chunk rows of a document are not in text order")

    # ----------------------------------------------------------------- building

    @classmethod
    def build(cls, rows: Sequence[ChunkRow]) -> ChunkTable:
        """A table of `rows` (rows of a document must be contiguous and in text order)."""
        docs: dict[str, int] = {}
        headings: dict[str, int] = {}
        numbers = np.zeros(len(rows), dtype=ROW_DTYPE)
        for i, r in enumerate(rows):
            numbers[i] = (
                docs.setdefault(r.doc_id, len(docs)),
                -1 if r.heading is None else headings.setdefault(r.heading, len(headings)),
                r.paragraph,
                r.start,
                r.end,
            )
        hashes = np.array([r.embed_hash for r in rows], dtype="S40")
        return cls(numbers, list(docs), list(headings), hashes)

    def write(self, folder: Path) -> None:
        """Write the three files of the table into `folder` (fsynced)."""
        for name, arr in ((NUMBERS_FILE, self._numbers), (HASHES_FILE, self.hashes())):
            with open(folder / name, "wb") as f:
                np.save(f, arr, allow_pickle=False)
                f.flush()
                os.fsync(f.fileno())
        write_json(folder / STRINGS_FILE, {"docs": self._docs, "headings": self._headings})

    @classmethod
    def load(cls, folder: Path) -> ChunkTable:
        """Read a table written by `write` (format 2) or a format-1 ``chunks.json``."""
        if not (folder / NUMBERS_FILE).is_file() and (folder / LEGACY_FILE).is_file():
            data = read_json(folder / LEGACY_FILE)
            return cls.build([ChunkRow.from_json(r) for r in data["rows"]])
        numbers = np.load(folder / NUMBERS_FILE, allow_pickle=False)
        if numbers.dtype != ROW_DTYPE or numbers.ndim != 1:
            raise ValueError(f"{NUMBERS_FILE}: {numbers.dtype} {numbers.shape}")
        strings = read_json(folder / STRINGS_FILE)
        docs, headings = strings["docs"], strings["headings"]
        if not all(isinstance(s, str) for s in (*docs, *headings)):
            raise ValueError(f"{STRINGS_FILE}: not a list of strings")
        if len(numbers) and int(numbers["heading"].max()) >= len(headings):
            raise ValueError(f"{NUMBERS_FILE}: heading out of range")
        return cls(numbers, docs, headings, folder / HASHES_FILE)

    # ----------------------------------------------------------------- reading

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, i: int) -> ChunkRow: ...

    @overload
    def __getitem__(self, i: slice) -> list[ChunkRow]: ...

    def __getitem__(self, i: int | slice) -> ChunkRow | list[ChunkRow]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        doc, heading, paragraph, start, end = self._numbers[i].tolist()
        return ChunkRow(
            self._docs[doc],
            None if heading < 0 else self._headings[heading],
            paragraph,
            start,
            end,
            self.hashes()[i].decode("ascii"),
        )

    def __iter__(self) -> Iterator[ChunkRow]:
        for i in range(len(self)):
            yield self[i]

    def hashes(self) -> np.ndarray:
        """The embedded-text hashes (S40), row by row (mapped from disk when first asked)."""
        if isinstance(self._hashes, Path):
            hashes = np.load(self._hashes, mmap_mode="r", allow_pickle=False)
            if hashes.shape != (len(self),) or hashes.dtype != np.dtype("S40"):
                raise ValueError(f"{HASHES_FILE}: {hashes.dtype} {hashes.shape}")
            self._hashes = hashes
        if not isinstance(self._hashes, np.ndarray):
            raise ValueError("chunk table without hashes")
        return self._hashes

    def docs(self) -> list[str]:
        """The documents that have rows, in row order."""
        return list(self._docs)

    def rows_of(self, doc_id: str) -> range:
        """The rows of one document, in text order (empty if it has none)."""
        a, b = self._span.get(doc_id, (0, 0))
        return range(a, b)

    def find(self, doc_id: str, start: int) -> int | None:
        """The row of the chunk of `doc_id` starting at `start`, or None."""
        a, b = self._span.get(doc_id, (0, 0))
        starts = self._starts[a:b]
        j = int(starts.searchsorted(start))
        return a + j if j < len(starts) and int(starts[j]) == start else None

    def chunk_ids(self, rows: Sequence[int]) -> list[str]:
        """The chunk ids (``doc_id@start``) of `rows`, in one pass over the numbers."""
        picked = self._numbers[np.asarray(rows, dtype=np.int64)]
        docs = self._docs
        return [f"{docs[d]}@{s}" for d, s in
                zip(picked["doc"].tolist(), picked["start"].tolist(), strict=True)]

    def location(self, i: int) -> tuple[str, str | None, int, int, int]:
        """(doc_id, heading, paragraph, start, end) of row i, without touching the hashes."""
        doc, heading, paragraph, start, end = self._numbers[i].tolist()
        return (self._docs[doc], None if heading < 0 else self._headings[heading],
                paragraph, start, end)
