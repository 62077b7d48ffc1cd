"""The people and statements of documents and of a corpus: per document, a JSON-able record
(cached with the index, keyed by `STATEMENTS_VERSION`); for the corpus, the speaker table and
every statement in document order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from index.chunking import Chunk
from index.corpus import Document
from qa.document_people import DocPeople, document_people
from qa.quotes import Quote, extract_quotes
from qa.speakers import SpeakerTable

__all__ = ["STATEMENTS_VERSION", "corpus_statements", "statements_of"]

# Bump when the people/quote extraction changes: the per-document cache is keyed by it.
STATEMENTS_VERSION = "3"


def statements_of(doc: Document, chunks: list[Chunk]) -> dict[str, Any]:
    """The JSON-able people and statements of one document (cached with the index)."""
    people = document_people(doc, chunks)
    quotes = extract_quotes(doc, chunks, people)
    return {"people": people.to_dict(), "quotes": [q.to_dict() for q in quotes]}


def corpus_statements(
    per_document: Mapping[str, Mapping[str, Any]],
) -> tuple[SpeakerTable, list[Quote]]:
    """The speaker table of the corpus and its statements (by document id, then position),
    from the `statements_of` records of its documents."""
    people = {d: DocPeople.from_dict(v["people"]) for d, v in per_document.items()}
    quotes = [Quote.from_dict(q) for d in sorted(per_document) for q in per_document[d]["quotes"]]
    return SpeakerTable.merge(people), quotes
