"""Documents read on first use: the corpus files an up-to-date index already knows are not read
when the index opens, only when a passage, a statement or a citation needs their text.

Each file is decoded with the encoding the index recorded for it (no detection again) and
checked against the recorded content hash, so an offset can never index a different text: a
file changed since the index was opened raises `StaleFileError` ("run the command again").
Documents read this way are kept up to `CACHE_CHARS` of text, least recently used files going
first, so a long session over a big folder does not grow without bound.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from index.corpus import Document, parse_file

__all__ = ["CACHE_CHARS", "LazyDocuments", "StaleFileError"]

# Text of lazily read documents kept in memory, in characters; beyond it the least recently
# used files' documents are dropped, and read (and hash-checked) again when asked for. Hand-set:
# bbc-full (2,225 articles, 5.1 M characters) and SciFact's corpus file (5,183 records in one
# 8.3 MB file) each fit whole, so a session over them never reads a file twice; as Python
# strings it is 16 MB of ASCII text (up to 64 MB with characters beyond U+FFFF).
CACHE_CHARS = 16_000_000


class StaleFileError(ValueError):
    """A corpus file changed (or went away) after the index was opened."""


class LazyDocuments(Mapping[str, Document]):
    """``{doc_id: Document}`` over a corpus folder: documents given up front (new or changed
    files, read by the scan; always kept) plus documents of known files, read and parsed when
    first asked for and kept while they are among the most recently used `cache_chars` of
    text. Keys and length never need a file read."""

    def __init__(
        self,
        root: Path,
        loaded: Mapping[str, Document],
        known: Mapping[str, tuple[str, str, tuple[str, ...]]],
        hash_text: Callable[[str], str],
        order: Sequence[str] = (),
        cache_chars: int = CACHE_CHARS,
    ) -> None:
        """`known`: ``{file path: (content sha1, encoding, its doc ids)}`` of files to read later;
        `hash_text`: the content hash function the sha1 was made with; `order`: the doc ids
        in the order iteration gives them (default: `loaded`'s, then `known`'s); `cache_chars`:
        the text kept of files read later (the file read last is kept whatever its size)."""
        self._root = root
        self._loaded: dict[str, Document] = dict(loaded)
        self._read_files: OrderedDict[str, dict[str, Document]] = OrderedDict()  # oldest first
        self._read_chars = 0
        self._read_docs = 0
        self._cache_chars = cache_chars
        self._file_of: dict[str, str] = {}
        self._known = dict(known)
        self._hash = hash_text
        self._lock = threading.Lock()
        default: list[str] = list(loaded)
        for path, (_sha1, _encoding, doc_ids) in known.items():
            for d in doc_ids:
                self._file_of[d] = path
            default.extend(doc_ids)
        self._order = list(dict.fromkeys(order or default))

    def __getitem__(self, doc_id: str) -> Document:
        doc = self._loaded.get(doc_id)
        if doc is not None:
            return doc
        path = self._file_of.get(doc_id)
        if path is None:
            raise KeyError(doc_id)
        with self._lock:
            docs = self._read_files.get(path)
            if docs is None:
                docs = self._read_files[path] = self._read(path)
                self._read_chars += _chars(docs)
                self._read_docs += len(docs)
                self._evict()
            else:
                self._read_files.move_to_end(path)
            return docs[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._loaded or doc_id in self._file_of

    @property
    def read_count(self) -> int:
        """How many documents are in memory (tests and benchmarks read it)."""
        return len(self._loaded) + self._read_docs

    @property
    def read_chars(self) -> int:
        """Characters of text kept of the files read later (tests read it)."""
        return self._read_chars

    def _evict(self) -> None:
        while self._read_chars > self._cache_chars and len(self._read_files) > 1:
            _path, docs = self._read_files.popitem(last=False)
            self._read_chars -= _chars(docs)
            self._read_docs -= len(docs)

    def _read(self, path: str) -> dict[str, Document]:
        sha1, encoding, doc_ids = self._known[path]
        try:
            text = (self._root / path).read_bytes().decode(encoding)
        except (OSError, UnicodeDecodeError, LookupError) as e:
            raise StaleFileError(
                f"{path} cannot be read as before ({e}); run the command again"
            ) from None
        if self._hash(text) != sha1:
            raise StaleFileError(
                f"{path} changed on disk after the index was loaded; run the command again"
            )
        docs = {d.doc_id: d for d in parse_file(path, text, encoding)}
        missing = [d for d in doc_ids if d not in docs]
        if missing:
            raise StaleFileError(f"{path} no longer holds {missing[0]}; run the command again")
        return {d: docs[d] for d in doc_ids}


def _chars(docs: Mapping[str, Document]) -> int:
    return sum(len(d.text) for d in docs.values())
