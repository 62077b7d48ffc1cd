"""Documents read on first use: the corpus files an up-to-date index already knows are not read
when the index opens, only when a passage, a statement or a citation needs their text.

Each file is decoded with the encoding the index recorded for it (no detection again) and
checked against the recorded content hash, so an offset can never index a different text: a
file changed since the index was opened raises `StaleFileError` ("run the command again").
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from index.corpus import Document, parse_file

__all__ = ["LazyDocuments", "StaleFileError"]


class StaleFileError(ValueError):
    """A corpus file changed (or went away) after the index was opened."""


class LazyDocuments(Mapping[str, Document]):
    """``{doc_id: Document}`` over a corpus folder: documents given up front (new or changed
    files, read by the scan) plus documents of known files, read and parsed when first asked
    for. Keys and length never need a file read."""

    def __init__(
        self,
        root: Path,
        loaded: Mapping[str, Document],
        known: Mapping[str, tuple[str, str, tuple[str, ...]]],
        hash_text: Callable[[str], str],
        order: Sequence[str] = (),
    ) -> None:
        """`known`: ``{file path: (content sha1, encoding, its doc ids)}`` of files to read later;
        `hash_text`: the content hash function the sha1 was made with; `order`: the doc ids
        in the order iteration gives them (default: `loaded`'s, then `known`'s)."""
        self._root = root
        self._docs: dict[str, Document] = dict(loaded)
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
        doc = self._docs.get(doc_id)
        if doc is not None:
            return doc
        path = self._file_of.get(doc_id)
        if path is None:
            raise KeyError(doc_id)
        with self._lock:
            if doc_id not in self._docs:
                self._read(path)
        return self._docs[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs or doc_id in self._file_of

    @property
    def read_count(self) -> int:
        """How many documents are in memory (tests and benchmarks read it)."""
        return len(self._docs)

    def _read(self, path: str) -> None:
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
        for d in doc_ids:
            self._docs[d] = docs[d]
