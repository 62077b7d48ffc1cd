"""The corpus as read now: every article file not ignored, its encoding, content hash, documents.

What the store compares with a generation's manifest to decide what to re-chunk and re-embed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.corpus import Document, parse_file
from index.encoding import BinaryFileError, read_decoded
from index.folder import IgnoredFile, list_folder, warn_binary
from index.ignore import IgnoreRules, load_rules

__all__ = [
    "CorpusError",
    "CorpusSnapshot",
    "FileState",
    "Progress",
    "resolve_corpus",
    "scan_corpus",
    "text_sha1",
]

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called during long steps (scan, chunk, embed, publish)."""


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
    documents: dict[str, Document]
    doc_ids: dict[str, tuple[str, ...]]  # file path -> its documents, in file order
    skipped: tuple[str, ...] = ()
    ignored: tuple[IgnoredFile, ...] = ()  # left out by an ignore rule (index.ignore)
    rules: str = ""  # fingerprint of the ignore rules (part of being up to date)


def resolve_corpus(path: str | Path) -> Path:
    """The corpus folder as an absolute path; CorpusError if it is missing or not a folder."""
    p = Path(path).expanduser()
    if not p.exists():
        raise CorpusError(f"corpus not found: {p}")
    if not p.is_dir():
        raise CorpusError(f"corpus is not a folder: {p}")
    return p.resolve()


def scan_corpus(
    root: Path, progress: Progress | None = None, rules: IgnoreRules | None = None
) -> CorpusSnapshot:
    """Read and parse every article below `root` that no ignore rule leaves out (`rules`,
    default: the folder's own, `index.ignore.load_rules`); binary files are skipped with one
    warning line, unreadable ones with a warning each."""
    rules = rules if rules is not None else load_rules(root)
    files: dict[str, FileState] = {}
    documents: dict[str, Document] = {}
    doc_ids: dict[str, tuple[str, ...]] = {}
    skipped: list[str] = []
    binary: list[str] = []
    listing = list_folder(root, rules)
    sources = listing.files
    for i, sf in enumerate(sources, 1):
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
        if progress and (i % 200 == 0 or i == len(sources)):
            progress("scan", i, len(sources))
    warn_binary(binary)
    if not documents:
        ignored = f" ({len(listing.ignored)} ignored by rules)" if listing.ignored else ""
        raise CorpusError(f"no readable articles (.txt, .md, corpus.jsonl) in {root}{ignored}")
    return CorpusSnapshot(
        root, files, documents, doc_ids, tuple(skipped), listing.ignored, rules.fingerprint()
    )


def text_sha1(text: str) -> str:
    """The content hash of a text (sha1 of its UTF-8 bytes, lone surrogates kept)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
