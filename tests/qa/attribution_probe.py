"""Run the quote extractor on one invented article and ask who said a phrase, or write a
sentence's parse by hand: the helpers the attribution rule tests share
(test_attribution_rules.py, test_organisation_references.py, test_cue_senses.py, …)."""

from __future__ import annotations

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.quotes import extract_quotes
from qa.sentence_parse import ParsedSentence, ParsedToken


def quotes_of(text: str) -> list[tuple[str, str]]:
    """(speaker, statement text) of every statement the extractor finds in `text` (an article:
    title on line 1)."""
    doc = parse_file("t.txt", text)[0]
    return [(q.speaker, q.text) for q in extract_quotes(doc, chunk_document(doc))]


def speaker_of(text: str, words: str) -> str | None:
    """The speaker of the first statement of `text` that contains `words`, or None."""
    return next((sp for sp, t in quotes_of(text) if words in t), None)


def hand_parse(text: str, arcs: list[tuple[str, str, int]]) -> ParsedSentence:
    """A parse written by hand: (word, label, head index) per token, in order (a parse the
    parser was seen to give, without running it)."""
    tokens, at = [], 0
    for i, (word, dep, head) in enumerate(arcs):
        at = text.index(word, at)
        tokens.append(ParsedToken(i=i, start=at, end=at + len(word), dep=dep, head=head, tag=""))
        at += len(word)
    return ParsedSentence(start=0, end=len(text), tokens=tuple(tokens))
