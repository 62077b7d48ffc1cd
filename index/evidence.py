"""Answer evidence among the best fused candidates: does one sentence hold the query's terms,
and does the passage hold the query's word pairs in order?

Among passages on one subject (the paragraphs of one article) whole-passage scores barely
differ, while the passage that answers usually repeats the question's words in one sentence
and in the question's order. Terms are weighted by how rare they are among the candidates
themselves, not the corpus, so words that every candidate shares (the subject) count for
nothing. Pure functions over the passages' text; no model call.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from index.analysis import term_of, tokenize
from index.fusion import Fused

__all__ = ["Evidence", "evidence", "order_by_evidence"]

# A sentence ends at . ! or ? (and any closing quote or bracket) before white space: hand-set;
# abbreviations split a sentence in two, which only costs a best sentence some of its terms.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
# The rest of a word whose start was found: letters, digits, and inner "." or "," ("5,000").
_WORD_REST = re.compile(r"\w*(?:[.,]\w+)*")


@dataclass(frozen=True)
class Evidence:
    """How one candidate holds the query: `sentence`, the share of the query terms' weight its
    best sentence holds; `pairs`, the share of the query's adjacent term pairs it holds
    adjacent. Both 0..1."""

    sentence: float
    pairs: float


def _starts(terms: Sequence[str]) -> list[str]:
    """How a word that may analyse to one of `terms` starts, in lower case: a term's stem less
    its last letter ("societ" for societi: society, societies), a number's first digit
    ("5,000"). Every word found is analysed before it counts, so a false start costs time,
    never a wrong term; a stem that is not a prefix of its word ("die" of "dying") is missed."""
    return sorted({t[0] if any(c.isdigit() for c in t) else t if len(t) <= 4 else t[:-1]
                   for t in terms})


def _lower(text: str) -> str:
    """`text` in lower case, letter for letter (a letter whose lower case is longer stays), so
    that offsets into it are offsets into `text`."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _words(low: str, starts: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each word of `low` that opens with one of `starts`, in text order
    (str.find per start: no pattern is compiled per query)."""
    found: dict[int, int] = {}
    for p in starts:
        i = low.find(p)
        while i >= 0:
            if (i == 0 or not low[i - 1].isalnum()) and i not in found:
                m = _WORD_REST.match(low, i + len(p))
                found[i] = m.end() if m else i + len(p)
            i = low.find(p, i + 1)
    return sorted(found.items())


def _held(text: str, terms: Sequence[str], starts: Sequence[str]
          ) -> tuple[list[set[str]], set[tuple[str, str]]]:
    """The query terms each sentence of `text` holds, and the pairs of query terms that stand
    next to each other (nothing but stop words between) in one sentence."""
    wanted = set(terms)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    sentences: list[set[str]] = [set() for _ in range(len(ends) + 1)]
    pairs: set[tuple[str, str]] = set()
    last: tuple[str, int, int] | None = None  # a held term, where its word ends, its sentence
    for start, end in _words(_lower(text), starts):
        word = text[start:end]
        if word.isalnum():  # one token (most words): its term directly
            term = term_of(word)
            found = [term] if term in wanted else []
        else:
            found = [t for t in tokenize(word) if t in wanted]
        if not found:
            continue
        at = bisect_right(ends, start)
        sentences[at].update(found)
        gap = text[last[1]:start] if last is not None else ""
        if last is not None and last[2] == at and (gap.isspace() or not tokenize(gap)):
            pairs.add((last[0], found[0]))
        last = (found[-1], end, at)
    return sentences, pairs


def evidence(query_terms: Sequence[str], texts: Sequence[str]) -> list[Evidence]:
    """The `Evidence` of each passage text for the query's distinct terms in order. A term's
    weight is its BM25 idf among these passages (log(1 + (n - df + 0.5) / (df + 0.5))), so a
    term in every passage weighs little. Only the words that may be query terms are analysed
    (`_starts`), so a passage costs a few string scans, not a full analysis."""
    terms = tuple(dict.fromkeys(query_terms))
    if not terms:
        return [Evidence(0.0, 0.0) for _ in texts]
    starts = _starts(terms)
    held = [_held(t, terms, starts) for t in texts]
    whole = [set().union(*sentences) for sentences, _ in held]
    n = len(texts)
    weight = {}
    for t in terms:
        df = sum(t in h for h in whole)
        weight[t] = math.log(1 + (n - df + 0.5) / (df + 0.5))
    total = sum(weight.values())
    asked = set(zip(terms, terms[1:], strict=False))
    out = []
    for sentences, pairs in held:
        best = max((sum(weight[t] for t in s) for s in sentences), default=0.0)
        out.append(Evidence(best / total if total > 0 else 0.0,
                            len(pairs & asked) / len(asked) if asked else 0.0))
    return out


def order_by_evidence(fused: Sequence[Fused], found: Sequence[Evidence],
                      sentence_weight: float, pair_weight: float) -> list[Fused]:
    """The first ``len(found)`` of `fused` re-scored by score + sentence_weight x sentence +
    pair_weight x pairs and re-sorted (ties keep the fused order); every score is then divided
    by 1 + both weights, so a fusion's upper bound stays its own and the rest stay below."""
    scale = 1.0 + sentence_weight + pair_weight
    head = [(f.score + sentence_weight * e.sentence + pair_weight * e.pairs, i, f)
            for i, (f, e) in enumerate(zip(fused, found, strict=False))]
    head.sort(key=lambda x: (-x[0], x[1]))
    out = [replace(f, score=s / scale) for s, _, f in head]
    out += [replace(f, score=f.score / scale) for f in fused[len(head):]]
    return out
