"""Run the quote extractor on one invented article and ask who said a phrase: the helpers
the attribution rule tests share (test_attribution_rules.py, test_organisation_references.py)."""

from __future__ import annotations

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.quotes import extract_quotes


def quotes_of(text: str) -> list[tuple[str, str]]:
    """(speaker, statement text) of every statement the extractor finds in `text` (an article:
    title on line 1)."""
    doc = parse_file("t.txt", text)[0]
    return [(q.speaker, q.text) for q in extract_quotes(doc, chunk_document(doc))]


def speaker_of(text: str, words: str) -> str | None:
    """The speaker of the first statement of `text` that contains `words`, or None."""
    return next((sp for sp, t in quotes_of(text) if words in t), None)
