"""How text becomes keyword terms: the analyser every keyword engine shares, and query handling.

One place for analysis, so that a keyword engine (whoosh, tantivy, bm25s) can be swapped without
touching it. Text: words; numbers as typed ("5,000" is the term ``5000``, "2004" and "3.5" stay
whole, "£3bn" is ``3bn``); dotted acronyms joined ("U.S." = "US"); a word typed in capitals
("US", "IT", "WHO") kept even when its lower-case form is a stop word; possessive 's dropped;
lower-cased, English stop words dropped, Snowball-stemmed. Queries: the same, minus the words
that only make it a question ("how many"): they would favour any paragraph that happens to
hold them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.lang import stopwords_for_language

__all__ = [
    "MAX_QUERY_TERMS",
    "QUESTION_ONLY_WORDS",
    "STOP_WORDS",
    "analyzer",
    "is_question",
    "query_terms",
    "term_of",
    "tokenize",
]

# Long queries are cut to their first terms (a pasted article must not cost seconds): hand-set.
MAX_QUERY_TERMS = 512
# The 127-word English stop list shipped with whoosh.
STOP_WORDS: frozenset[str] = frozenset(stopwords_for_language("en"))
# Dropped from a question (text starting with a question word) before it is searched: the
# question words and "many"/"much" (of "how many", "how much"), which would favour paragraphs
# that happen to contain them. Hand-set. Reporting verbs ("say", "told") are kept: dropping them
# too cost the seed dev set's BM25 recall@1 one question of eight ("What did Sergei Lavrov
# say?": the paragraph where he says it then lost to one that only names him).
QUESTION_ONLY_WORDS: frozenset[str] = frozenset({
    "what", "who", "whom", "whose", "which", "when", "where", "why", "how", "many", "much",
})
_QUESTION_START = re.compile(
    r"^\W*(what|who|whom|whose|which|when|where|why|how|did|does|do|is|are|was|were)\b",
    re.IGNORECASE)
# A token: a number with thousands separators or decimals ("5,000", "1,234.5", "3.5"), else a
# word with optional dotted parts ("U.S.", "e.g").
_TOKEN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?[^\W_]*|\w+(?:\.?\w+)*"
_DOTTED_ACRONYM = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_CAPITALS = re.compile(r"^[^\W\d_a-z]{2,}$")  # "US", "WHO": every letter a capital


class _ShapeFilter(Filter):
    """Number and acronym shapes, before lower-casing: "5,000" -> "5000", "U.S." -> "US";
    marks words typed in capitals (`keep`) so that the stop filter spares them."""

    def __call__(self, tokens: Iterable[Any]) -> Iterator[Any]:  # type: ignore[override]
        # (whoosh declares filters as Composable with a looser signature; this is its API.)
        for t in tokens:
            text = t.text
            if "," in text and _THOUSANDS.match(text):
                text = text.replace(",", "")
            elif "." in text and _DOTTED_ACRONYM.match(text):
                text = text.replace(".", "")
            t.text = text
            t.keep = bool(_CAPITALS.match(text))
            yield t


class _StopFilter(Filter):
    """English stop words and one-letter words out, except words typed in capitals and digits."""

    def __call__(self, tokens: Iterable[Any]) -> Iterator[Any]:  # type: ignore[override]
        # (whoosh declares filters as Composable with a looser signature; this is its API.)
        for t in tokens:
            spared = getattr(t, "keep", False) or t.text.isdigit()
            if spared or (len(t.text) >= 2 and t.text not in STOP_WORDS):
                yield t


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The whoosh analyser chain (whoosh indexes with it; the other engines call `tokenize`).

    Snowball (Porter2) rather than whoosh's default Porter, whose port leaves "running" as
    "runn".
    """
    return (
        RegexTokenizer(_TOKEN)
        | _ShapeFilter()
        | LowercaseFilter()
        | _StopFilter()
        | StemFilter(lang="en", cachesize=-1)
    )


_TOKEN_RE = re.compile(_TOKEN)


@lru_cache(maxsize=1 << 17)
def term_of(word: str) -> str | None:
    """The term of one token (a match of the tokenizer's pattern) as `analyzer` makes it (every
    filter there reads one token alone), or None when it is dropped; remembered per word (2**17
    words: hand-set, a few MB)."""
    if "," in word and _THOUSANDS.match(word):
        word = word.replace(",", "")
    elif "." in word and _DOTTED_ACRONYM.match(word):
        word = word.replace(".", "")
    keep = bool(_CAPITALS.match(word)) or word.lower().isdigit()
    word = word.lower()
    if not keep and (len(word) < 2 or word in STOP_WORDS):
        return None
    return str(_stem()(word))


@lru_cache(maxsize=1)
def _stem() -> Any:
    from whoosh.lang import stemmer_for_language

    return stemmer_for_language("en")


def tokenize(text: str) -> list[str]:
    """The index's terms for `text` (see the module docstring): the terms `analyzer` gives
    (a test checks it), found word by word with each word's term remembered, several times
    faster than whoosh's token stream (search orders passages by their terms, `index.evidence`)."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        term = term_of(m.group())
        if term is not None:
            out.append(term)
    return out


def is_question(text: str) -> bool:
    """Whether a query is asked as a question: it opens with a question word or an auxiliary
    ("what", "how", "did"), or ends with a question mark. (A claim or keywords is not one.)"""
    return bool(_QUESTION_START.match(text)) or text.rstrip().endswith("?")


def query_terms(text: str, limit: int = MAX_QUERY_TERMS) -> list[str]:
    """The distinct terms of a user query, in order, at most `limit` of them.

    A question loses its `QUESTION_ONLY_WORDS` first; a query of nothing else keeps them.
    """
    terms: list[str] = []
    if _QUESTION_START.match(text):
        kept = " ".join(w for w in re.split(r"(\W+)", text) if w.lower() not in
                        QUESTION_ONLY_WORDS or _CAPITALS.match(w))
        terms = tokenize(kept)  # analysed once: the terms searched when there are any
    seen: dict[str, None] = {}
    for term in terms or tokenize(text):
        seen.setdefault(term, None)
        if len(seen) >= limit:
            break
    return list(seen)
