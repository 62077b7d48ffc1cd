"""The corpus as read now: every article file not ignored, its encoding, content hash, documents.

What the store compares with a generation's manifest to decide what to re-chunk and re-embed.
A file the index already knows with the same size and modification time is not read (its hash
is the recorded one; its documents are read when first needed, `index.lazy_documents`); any
other file is read and hashed, so a touched but unchanged file is found unchanged.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.corpus import Document, parse_file
from index.encoding import BinaryFileError, read_decoded
from index.folder import IgnoredFile, list_folder, warn_binary
from index.ignore import IgnoreRules, load_rules
from index.lazy_documents import LazyDocuments, StaleFileError

__all__ = [
    "CorpusError",
    "CorpusSnapshot",
    "RACY_NS",
    "FileState",
    "Progress",
    "StaleFileError",
    "resolve_corpus",
    "scan_corpus",
    "text_sha1",
]

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called during long steps (scan, chunk, embed, publish)."""

# A known file whose recorded modification time is this close to (or after) the time it was
# recorded is hashed even when size and time still match: a change within the same clock tick
# leaves the time unchanged ("racily clean", as git calls it). 2 s is the coarsest common file
# time resolution (FAT); hand-set.
RACY_NS = 2_000_000_000


class CorpusError(ValueError):
    """The corpus path does not exist, is not a folder, or holds no readable article."""


@dataclass(frozen=True)
class FileState:
    """What the manifest records about one corpus file."""

    size: int
    mtime_ns: int
    sha1: str
    encoding: str = "utf-8"


@dataclass(frozen=True)
class CorpusSnapshot:
    """The corpus as read now: files, their documents (in file order), unreadable files."""

    root: Path
    files: dict[str, FileState]
    documents: Mapping[str, Document]  # known files' documents are read on first use
    doc_ids: dict[str, tuple[str, ...]]  # file path -> its documents, in file order
    skipped: tuple[str, ...] = ()
    ignored: tuple[IgnoredFile, ...] = ()  # left out by an ignore rule (index.ignore)
    rules: str = ""  # fingerprint of the ignore rules (part of being up to date)
    scanned_ns: int = 0  # wall-clock time (ns) the scan started: what RACY_NS is measured from
    read: tuple[str, ...] = field(default=())  # files read and hashed by this scan


def resolve_corpus(path: str | Path) -> Path:
    """The corpus folder as an absolute path; CorpusError if it is missing or not a folder."""
    p = Path(path).expanduser()
    if not p.exists():
        raise CorpusError(f"corpus not found: {p}")
    if not p.is_dir():
        raise CorpusError(f"corpus is not a folder: {p}")
    return p.resolve()


def scan_corpus(
    root: Path,
    progress: Progress | None = None,
    rules: IgnoreRules | None = None,
    known: Mapping[str, Mapping[str, Any]] | None = None,
    known_scanned_ns: int = 0,
) -> CorpusSnapshot:
    """Read and parse every article below `root` that no ignore rule leaves out (`rules`,
    default: the folder's own, `index.ignore.load_rules`); binary files are skipped with one
    warning line, unreadable ones with a warning each.

    `known`: a manifest's ``{path: {"size", "mtime_ns", "sha1", "encoding", "documents"}}``,
    recorded by a scan that started at `known_scanned_ns` (or at the entry's own
    ``"scanned_ns"``). A file listed there with the same
    size and mtime (and not racily recorded, `RACY_NS`) keeps its recorded hash and is not read
    now; its documents are read when first used."""
    started = time.time_ns()
    rules = rules if rules is not None else load_rules(root)
    files: dict[str, FileState] = {}
    documents: dict[str, Document] = {}
    doc_ids: dict[str, tuple[str, ...]] = {}
    later: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    skipped: list[str] = []
    binary: list[str] = []
    read: list[str] = []
    order: list[str] = []  # doc ids in scan order (what iterating the documents gives)
    listing = list_folder(root, rules)
    sources = listing.files
    for i, sf in enumerate(sources, 1):
        same = _unchanged(sf.size, sf.mtime_ns, (known or {}).get(sf.path), known_scanned_ns)
        if same is not None:
            files[sf.path], doc_ids[sf.path] = same
            later[sf.path] = (same[0].sha1, same[0].encoding, same[1])
            order.extend(same[1])
            if progress and (i % 200 == 0 or i == len(sources)):
                progress("scan", i, len(sources))
            continue
        read.append(sf.path)
        try:
            decoded = read_decoded(sf.abspath)
        except BinaryFileError:
            binary.append(sf.path)
            skipped.append(sf.path)
            continue
        except OSError as e:
            log.warning("%s: unreadable (%s), skipped", sf.path, e.strerror or e)
            skipped.append(sf.path)
            continue
        docs = parse_file(sf.path, decoded.text, decoded.encoding)
        files[sf.path] = FileState(sf.size, sf.mtime_ns, text_sha1(decoded.text),
                                   decoded.encoding)
        doc_ids[sf.path] = tuple(d.doc_id for d in docs)
        for d in docs:
            documents[d.doc_id] = d
            order.append(d.doc_id)
        if progress and (i % 200 == 0 or i == len(sources)):
            progress("scan", i, len(sources))
    warn_binary(binary)
    if not documents and not later:
        ignored = f" ({len(listing.ignored)} ignored by rules)" if listing.ignored else ""
        raise CorpusError(f"no readable articles (.txt, .md, corpus.jsonl) in {root}{ignored}")
    lazy = LazyDocuments(root, documents, later, text_sha1, order)
    return CorpusSnapshot(
        root, files, lazy, doc_ids, tuple(skipped), listing.ignored, rules.fingerprint(),
        started, tuple(read),
    )


def _unchanged(
    size: int, mtime_ns: int, entry: Mapping[str, Any] | None, scanned_ns: int
) -> tuple[FileState, tuple[str, ...]] | None:
    """The recorded state and documents of a file whose size and mtime match its manifest
    entry, or None when it must be read (unknown, changed, racily recorded, old manifest)."""
    if not isinstance(entry, Mapping):
        return None
    docs = entry.get("documents")
    sha1 = entry.get("sha1")
    if (
        entry.get("size") != size
        or entry.get("mtime_ns") != mtime_ns
        or mtime_ns >= int(entry.get("scanned_ns", scanned_ns)) - RACY_NS
        or not isinstance(sha1, str)
        or not isinstance(docs, list)
        or not docs
    ):
        return None
    state = FileState(size, mtime_ns, sha1, str(entry.get("encoding", "utf-8")))
    return state, tuple(str(d) for d in docs)


def text_sha1(text: str) -> str:
    """The content hash of a text (sha1 of its UTF-8 bytes, lone surrogates kept)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
