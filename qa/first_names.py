"""A person's gender from their first name, where the document gives none: "James Humphreys …
'…,' she told Mr Blair" is not his statement. A fallback under the pronoun and title votes of
`qa.document_people`, so the text always wins over the name list.

The list is gender-guesser's (PyPI `gender-guesser`, the first-name dictionary of Jörg Michael's
`gender.c`, about 40,000 names by country); only names it calls plainly "male" or "female" over
all countries, and not unisex or the other gender in its British column, are used
("mostly_male", "andy" and unknown names give no gender).
"""

from __future__ import annotations

from functools import lru_cache

from gender_guesser.detector import Detector

from qa.names import Gender

__all__ = ["first_name_gender", "is_given_name"]

_BRITAIN = "great_britain"  # the list's country column for the UK (bbc-full is UK news)


@lru_cache(maxsize=1)
def _detector() -> Detector:
    """The name dictionary, read once per process (about 0.4 s) and only when first asked."""
    return Detector(case_sensitive=False)


def first_name_gender(name: str) -> Gender | None:
    """"m"/"f" for a full name ("James Humphreys") whose first word the dictionary calls
    plainly male or female; None for a one-word name, an initial, or an unknown or unisex
    first name."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0]
    if len(first) < 2 or first.endswith(".") or not first.isalpha():
        return None
    detector = _detector()
    got = detector.get_gender(first)
    if got not in ("male", "female"):
        return None
    # a name plain overall may be unisex in Britain, where most of the news is ("Alex")
    if detector.get_gender(first, _BRITAIN) not in (got, "mostly_" + got, "unknown"):
        return None
    return "m" if got == "male" else "f"


def is_given_name(word: str) -> bool:
    """Whether the dictionary knows `word` as a first name, of either gender or unisex."""
    return len(word) >= 2 and word.isalpha() and _detector().get_gender(word) != "unknown"
