"""Titles of works (songs, films, books) inside a description of a person: "the singer of
Because the Night", "the former star of US TV drama Zentrio". The words after such a
creator's "of" name a work, so they are neither a person nor an organisation that speaks.
"""

from __future__ import annotations

import re

from qa.lexicon import word_set

__all__ = ["CREATOR_NOUNS", "inside_work_title"]

# Nouns of people known by a work they made or appear in, that take the work after "of":
# hand-set, the creative roles of arts news copy (held-out sample 10, entertainment/317).
# "director" and "producer" are left out ("director of Zentrix" names a company), and so are
# "frontman" and "drummer" ("frontman of Zentrix Tom Hale" names a band).
CREATOR_NOUNS = word_set(
    """
    singer singers songwriter songwriters author authors writer writers novelist composer
    star stars creator creators co-creator lyricist playwright screenwriter illustrator
    """
)
_CREATOR_OF_RE = re.compile(
    rf"(?<![\w’'-])(?:{'|'.join(sorted(CREATOR_NOUNS))})\s+of\s+", re.IGNORECASE)
# Between "of" and the title: a few words saying what kind of work it is ("the hit film",
# "US TV drama", "the 1970s TV cop drama"); hand-set bound.
_KIND_WORDS = 3
_TITLE_JOINERS = word_set("the a an of and in on to for with from at by is &")
_WORD_RE = re.compile(r"[\w’'&-]+")
_SPAN_CHARS = 120  # how far back the creator noun may be (hand-set: a description's length)


def inside_work_title(text: str, lo: int, at: int) -> bool:
    """Whether the capitalised word starting at `at` (searching `text` from `lo`) is inside
    the title of a work named after a creator noun and "of" ("singer of Because the Night",
    "star of US TV drama Zentrio"): only words, at most `_KIND_WORDS` of them lower-case
    (besides the title's joining words), between "of" and `at`."""
    found = list(_CREATOR_OF_RE.finditer(text, max(lo, at - _SPAN_CHARS), at))
    if not found:
        return False
    between = text[found[-1].end() : at]
    if _WORD_RE.sub("", between).strip():
        return False  # punctuation: "singer of the band, Tom Hale" is another phrase
    words = between.split()
    lower = [w for w in words if w[:1].islower() and w.lower() not in _TITLE_JOINERS]
    return len(lower) <= _KIND_WORDS
