"""Sentences as the statement extractor reads them: pysbd's, split further at a sentence mark
followed by a capital (around quotations), and where a mention's sentence starts (a fronted
clause, the first three words). Apart from `qa.quotes` because they hold no reading state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.chunking import Span, sentence_spans
from qa.attribution_shapes import FRONTED_CLAUSE_RE
from qa.lexicon import FUNCTION_WORDS

_BOUNDARY_RE = re.compile(r"(?<=[.!?])[\"”»’']?\s+(?=[\"“«‘']?[A-Z])")
# A full stop the writer left out: a lower-case word (no function word), then "The", capitalised
# words and "says"/"said" ("… hurt smaller firms The EC says …"). Hand-set, from a missed label of
# the dev set; mid-sentence "The" + name + "said" after a content word is otherwise ungrammatical.
_MISSING_STOP_RE = re.compile(r"(?<=[a-z])\s+(?=The(?:\s+[A-Z][\w&'’-]*)+\s+(?:says|said)\b)")
# Words before it that take "The …" as their object ("told The Times said"): verbs in -ed/-s.
_VERB_END_RE = re.compile(r"(?:ed|told|read|said|says|to|into|onto)$")
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our"})
_ABBREVIATIONS = frozenset(
    re.findall(r"\w+", "mr mrs ms dr st mt jr sr prof gen lt col sgt capt rev gov sen rep no inc "
               "ltd co corp vs etc fig jan feb mar apr jun jul aug sep sept oct nov dec")
)


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """pysbd's sentences, split further where a sentence mark is followed by a capital: pysbd
    keeps '…paid. "We have…' and '…children. The Shadow…' together around quotations."""
    out: list[Span] = []
    for s in sentence_spans(text, start, end):
        cuts = [s.start]
        for m in _BOUNDARY_RE.finditer(text, s.start, s.end):
            word = re.search(r"(\w+)\W*$", text[cuts[-1] : m.start()])
            w = word.group(1) if word else ""
            if w.lower() in _ABBREVIATIONS or len(w) == 1:
                continue  # "Mr. Smith", "George W. Bush", "U.S. officials"
            quote_mark = text[m.start()] in "\"”»’'"
            cuts.append(m.start() + 1 if quote_mark else m.end())
        for m in _MISSING_STOP_RE.finditer(text, s.start, s.end):
            before = re.findall(r"[\w'’-]+", text[max(s.start, m.start() - 80) : m.start()].lower())
            w = before[-1] if before else ""
            apposition = bool(set(before[-4:]) & _DETERMINERS)  # "the think-tank The X says"
            if w and w not in FUNCTION_WORDS and not _VERB_END_RE.search(w) and not apposition:
                cuts.append(m.end())
        cuts.sort()
        cuts.append(s.end)
        for a, b in zip(cuts, cuts[1:], strict=False):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                out.append(Span(a, b, text[a:b]))
    return out


def sentence_index(sents: Sequence[Span], pos: int) -> int:
    """The index of the sentence holding `pos` (the last one when none does)."""
    for i, s in enumerate(sents):
        if s.start <= pos < s.end:
            return i
    return max(0, len(sents) - 1)


def fronted_clause_start(text: str, pos: int) -> int | None:
    """Where the sentence of a pronoun at `pos` starts when it opens with a fronted clause
    ("Asked if Mr Dore could return, he replied", "When Ms Lind arrived, she said"): people
    named in that clause are not what the pronoun refers to. None otherwise."""
    starts = [m.end() for m in _SENTENCE_END_RE.finditer(text, max(0, pos - 400), pos)]
    lo = starts[-1] if starts else max(0, pos - 400)
    head = text[lo:pos]
    if FRONTED_CLAUSE_RE.match(head) and "," in head:
        return lo
    return None


def opens_sentence(text: str, pos: int) -> bool:
    """Whether a mention at `pos` is within the first three words of its sentence."""
    starts = [m.end() for m in _SENTENCE_END_RE.finditer(text, max(0, pos - 400), pos)]
    lo = starts[-1] if starts else max(0, pos - 400)
    return len(text[lo:pos].split()) <= 3


_SENTENCE_END_RE = re.compile(r"(?:[.!?][\"”’']?\s+|\n\s*)[\"“‘']?")
