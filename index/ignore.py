"""Which corpus files are not articles: default rules, `.qaignore` (gitignore syntax), --exclude.

Three sources of rules, each with a reason a user can see in ``qa stats``:

- ``default``: files that describe a folder rather than report news — README, LICENSE/LICENCE,
  COPYING, SOURCES, CHANGELOG, CONTRIBUTING, AUTHORS, NOTICE — by exact stem, any case, with or
  without an extension (``SOURCES.md``, ``readme.txt``; not ``license-fees.txt``). A
  ``.qaignore`` line ``!SOURCES.md`` indexes such a file after all.
- ``.qaignore``: a file in the corpus root, gitignore syntax (the ``pathspec`` library).
- ``--exclude``: glob patterns given on the command line, gitignore syntax too.

The rules are fingerprinted (`IgnoreRules.fingerprint`) into the index manifest, so changing
them updates the index.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

__all__ = ["DEFAULT_NAMES", "IGNORE_FILE", "IgnoreRules", "load_rules"]

log = logging.getLogger(__name__)

IGNORE_FILE = ".qaignore"
# Stems of files that document a folder (the conventional names of GitHub's and the GNU
# coding standards' top-level files, plus SOURCES as in ../shared/corpora). Hand-set list.
DEFAULT_NAMES = (
    "readme", "license", "licence", "copying", "sources", "changelog", "contributing",
    "authors", "notice",
)
DEFAULT_REASON = "default (README, LICENSE, SOURCES… files)"
QAIGNORE_REASON = ".qaignore"
EXCLUDE_REASON = "--exclude"


@functools.lru_cache(maxsize=8)
def _spec(lines: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    """The compiled rules (cached: one corpus scan asks about every file)."""
    return pathspec.GitIgnoreSpec.from_lines(lines)


@dataclass(frozen=True)
class IgnoreRules:
    """The ignore rules of one corpus; `reason(path)` says why a file is ignored, or None."""

    qaignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    use_defaults: bool = True

    def reason(self, rel_path: str) -> str | None:
        """Why `rel_path` (POSIX, relative to the corpus root) is ignored; None if it is not.

        --exclude wins over everything; a ``.qaignore`` rule (including ``!name``) decides
        next; otherwise the default names apply."""
        if self.exclude and _spec(self.exclude).match_file(rel_path):
            return EXCLUDE_REASON
        if self.qaignore:
            # gitignore semantics: the last matching line decides, "!" re-includes.
            decided = _spec(self.qaignore).check_file(rel_path).include
            if decided is not None:
                return QAIGNORE_REASON if decided else None
        if self.use_defaults and _is_default_name(rel_path):
            return DEFAULT_REASON
        return None

    def fingerprint(self) -> str:
        """A short hash of the rules (stored in the manifest: other rules, other index)."""
        h = hashlib.sha1()
        for part in (*self.qaignore, "\0", *self.exclude, "\0", str(self.use_defaults),
                     *DEFAULT_NAMES):
            h.update(part.encode("utf-8", "surrogatepass") + b"\n")
        return h.hexdigest()[:16]


def _is_default_name(rel_path: str) -> bool:
    name = rel_path.rsplit("/", 1)[-1].lower()
    stem = name.split(".", 1)[0]
    return stem in DEFAULT_NAMES


def load_rules(root: Path, exclude: Sequence[str] = ()) -> IgnoreRules:
    """The rules for the corpus at `root`: its ``.qaignore`` (if readable) and `exclude`.

    An unreadable ``.qaignore`` (permissions, not text) is a one-line warning; the folder is
    then indexed without it."""
    lines: tuple[str, ...] = ()
    path = root / IGNORE_FILE
    if path.exists():
        try:
            lines = tuple(path.read_text(encoding="utf-8").splitlines())
            _spec(lines)
        except (OSError, UnicodeDecodeError, ValueError, re.error) as e:
            msg = " ".join(str(e).split())
            log.warning("%s: unreadable (%s); indexing without it", path, msg)
            lines = ()
    try:
        _spec(tuple(exclude))
    except (ValueError, re.error) as e:
        raise ValueError(f"--exclude: not a valid pattern ({' '.join(str(e).split())})") from None
    return IgnoreRules(lines, tuple(exclude))
