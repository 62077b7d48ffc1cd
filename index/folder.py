"""Which files of a corpus folder are articles: the article files minus the ignored ones.

`list_folder` applies `index.ignore.IgnoreRules` to the article files `index.corpus` finds
(hidden entries are never looked at) and keeps, for ``qa stats``, each ignored file's reason.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from index.corpus import SourceFile, iter_source_files
from index.ignore import IgnoreRules

__all__ = ["FolderListing", "IgnoredFile", "list_folder", "warn_binary"]

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


def list_folder(root: Path, rules: IgnoreRules) -> FolderListing:
    """The article files below `root` (sorted), split into those to read and those ignored."""
    keep: list[SourceFile] = []
    ignored: list[IgnoredFile] = []
    for sf in iter_source_files(root):
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
