"""Which files of a corpus folder are articles: the article files minus the ignored ones.

`list_folder` applies `index.ignore.IgnoreRules` to the article files `index.corpus` finds
(hidden entries are never looked at) and keeps, for ``qa stats``, each ignored file's reason.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from index.corpus import ARTICLE_SUFFIXES, JSONL_NAME, SourceFile
from index.ignore import IgnoreRules

__all__ = ["FolderListing", "IgnoredFile", "list_folder", "source_files", "warn_binary"]

log = logging.getLogger(__name__)

# How many binary file names the one warning line spells out (hand-set: a line stays readable).
NAMED_IN_WARNING = 10


@dataclass(frozen=True)
class IgnoredFile:
    """An article-type file left out of the index, and the rule that left it out."""

    path: str
    reason: str


@dataclass(frozen=True)
class FolderListing:
    """The files to read, in a stable order, and the ignored ones."""

    files: tuple[SourceFile, ...]
    ignored: tuple[IgnoredFile, ...]

    def ignored_by_reason(self) -> dict[str, int]:
        """``{reason: how many files}``, most first."""
        return dict(Counter(f.reason for f in self.ignored).most_common())


def source_files(root: Path) -> list[SourceFile]:
    """The article files below `root` in `index.corpus.iter_source_files`' order and with its
    rules (hidden entries skipped, symlinked folders not entered, symlinked files followed),
    read with one `os.scandir` pass per folder: about three times faster than its pathlib walk
    on bbc-full's 2,225 files, which matters on every open."""
    found: list[tuple[tuple[str, ...], SourceFile]] = []

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        with os.scandir(folder) as it:
            for e in it:
                if e.name.startswith("."):
                    continue
                rel = (*parts, e.name)
                if e.is_dir(follow_symlinks=False):
                    walk(e.path, rel)
                elif e.is_file() and (os.path.splitext(e.name)[1].lower() in ARTICLE_SUFFIXES
                                      or e.name == JSONL_NAME):
                    st = e.stat()
                    found.append((rel, SourceFile("/".join(rel), Path(e.path), st.st_size,
                                                  st.st_mtime_ns)))

    walk(str(root), ())
    found.sort(key=lambda f: f[0])
    return [sf for _, sf in found]


def list_folder(root: Path, rules: IgnoreRules) -> FolderListing:
    """The article files below `root` (sorted), split into those to read and those ignored."""
    keep: list[SourceFile] = []
    ignored: list[IgnoredFile] = []
    for sf in source_files(root):
        reason = rules.reason(sf.path)
        if reason is None:
            keep.append(sf)
        else:
            ignored.append(IgnoredFile(sf.path, reason))
    return FolderListing(tuple(keep), tuple(ignored))


def warn_binary(paths: Sequence[str]) -> None:
    """One warning line for every binary file skipped, with their count."""
    if not paths:
        return
    named = ", ".join(paths[:NAMED_IN_WARNING])
    more = f" and {len(paths) - NAMED_IN_WARNING} more" if len(paths) > NAMED_IN_WARNING else ""
    noun = "file" if len(paths) == 1 else "files"
    log.warning("%d binary %s skipped (not text): %s%s", len(paths), noun, named, more)
