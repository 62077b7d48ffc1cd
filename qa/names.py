"""Names as text: word tokens with offsets, the normal form of a name (its lookup key),
surnames, and whether a word is a title word or may be part of a personal name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from qa.lexicon import (
    FEMALE_WORDS,
    FUNCTION_WORDS,
    GROUP_NOUNS,
    HONORIFICS,
    MALE_WORDS,
    NAME_PARTICLES,
    ORG_WORDS,
    TITLE_HEADS,
    TITLE_WORDS,
)

__all__ = [
    "FUZZY_MIN_SCORE",
    "Gender",
    "Token",
    "common_words",
    "gender_of",
    "is_name_token",
    "is_title_head",
    "is_title_word",
    "normalize_name",
    "surname_of",
    "tokens",
    "whole_word_spans",
]

# A typed name matches a corpus name when rapidfuzz's ratio (0-100) is at least this. Typos
# of one or two letters in names of 6+ letters score 83-92 ("blinkin"/"blinken" 85.7); unrelated
# names of similar length score below 60.
FUZZY_MIN_SCORE = 80.0

# A person's gender as the text shows it (titles, pronouns): "f" or "m"; None when it does not.
Gender = Literal["f", "m"]

_TOKEN_RE = re.compile(r"[^\W\d_](?:['’][^\W\d_]{2,})?[^\W\d_]*(?:-[^\W\d_]+)*|\d[\d.,]*|[^\w\s]")


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark with its offsets into the document."""

    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        """True for alphabetic tokens."""
        return self.text[0].isalpha()

    @property
    def is_cap(self) -> bool:
        """True when the token starts with a capital letter."""
        return self.text[0].isupper()

    @property
    def low(self) -> str:
        """The token in lower case."""
        return self.text.lower()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into `text`."""
    end = len(text) if end is None else end
    return [
        Token(start + m.start(), start + m.end(), m.group())
        for m in _TOKEN_RE.finditer(text[start:end])
    ]


def normalize_name(name: str) -> str:
    """Lower case, accents, hyphens, apostrophes and possessives removed: the key of a name."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[-‐‑–—_.]", " ", s)
    s = re.sub(r"[^\w\s]", "", s)
    return " ".join(s.split())


def surname_of(name: str) -> str:
    """The family name of a full name, with its particles ("Ursula von der Leyen" → "von der
    Leyen"); the name itself when it is one word."""
    parts = name.split()
    i = len(parts) - 1
    while i > 1 and parts[i - 1].lower() in NAME_PARTICLES:
        i -= 1
    return " ".join(parts[i:])


def is_title_word(low: str) -> bool:
    """A title word or honorific (or a hyphenated word with one: "secretary-general")."""
    parts = low.split("-")
    return any(p in TITLE_WORDS or p in HONORIFICS for p in parts)


def is_title_head(low: str) -> bool:
    """A title head noun or honorific: evidence that the name next to it is a person's."""
    parts = low.split("-")
    return any(p in TITLE_HEADS or p in HONORIFICS for p in parts)


def is_name_token(tok: Token, common: set[str]) -> bool:
    """A capitalised word that may be part of a personal name (not a function, organisation,
    group ("Analysts") or title word, not an acronym, not a word the text also writes in
    lower case)."""
    t = tok.text
    if not tok.is_word or not tok.is_cap:
        return False
    low = tok.low
    if low in FUNCTION_WORDS or low in ORG_WORDS or low in GROUP_NOUNS or is_title_word(low):
        return False
    if len(t) > 1 and t.isupper():  # acronyms: NATO, US, BBC
        return False
    return not (low in common and len(t) > 1)


def gender_of(words: Iterable[str]) -> Gender | None:
    """"f" or "m" when a word (of a title) is gendered ("spokeswoman", "Mr"), else None."""
    for w in words:
        for part in w.lower().split("-"):
            if part in FEMALE_WORDS:
                return "f"
            if part in MALE_WORDS:
                return "m"
    return None


_COMMON_WORD_RE = re.compile(r"(?<![\w’'])[a-z][a-z]+\b")


def common_words(text: str) -> set[str]:
    """Words that occur in lower case in a text: common words, not names."""
    return set(_COMMON_WORD_RE.findall(text))


_EMPTY_FORM_RE = re.compile(r"(?<![\w-])(?![\w-])")


def _word_char(c: str) -> bool:
    """A character `re`'s ``[\\w-]`` matches in a str pattern (\\w: alphanumeric or "_")."""
    return c.isalnum() or c == "_" or c == "-"


def whole_word_spans(text: str, form: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of `form` in ``text[start:end]`` with no word character
    or hyphen on either side (the character before `start` counts), left to right without
    overlap: what ``re.finditer(rf"(?<![\\w-]){re.escape(form)}(?![\\w-])", ...)`` over that
    range gives, without compiling a pattern per form (a document's name forms filled `re`'s
    cache and pushed pysbd's patterns out of it; tests/qa/test_names.py compares them)."""
    if not form:
        return [m.span() for m in _EMPTY_FORM_RE.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    n = len(form)
    i = text.find(form, start, end)
    while i >= 0:
        j = i + n
        if (i == 0 or not _word_char(text[i - 1])) and (j >= end or not _word_char(text[j])):
            out.append((i, j))
            i = text.find(form, j, end)
        else:
            i = text.find(form, i + 1, end)
    return out
