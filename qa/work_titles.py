"""Titles of works (songs, films, books) inside a description of a person: "the singer of
Because the Night", "the author of Mortal Engines". The capitalised words after such a
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
# A creator noun, "of", then capitalised words and joining words up to the position asked
# about ("singer of Because the ", "author of The Hidden ").
_CREATOR_OF_RE = re.compile(
    rf"(?<![\w’'-])(?:{'|'.join(sorted(CREATOR_NOUNS))})\s+of\s+"
    r"(?:(?:[A-Z][\w’'-]*|of|the|a|an|and|in|on|to|for|with|from|at|by|is|&|[0-9]+)[ \t]+)*$",
    re.IGNORECASE,
)


def inside_work_title(text: str, lo: int, at: int) -> bool:
    """Whether the capitalised word starting at `at` (searching `text` from `lo`) is inside
    the title of a work named after a creator noun and "of" ("singer of Because the Night")."""
    return _CREATOR_OF_RE.search(text, max(lo, at - 120), at) is not None
