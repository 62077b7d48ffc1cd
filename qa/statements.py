"""The people and statements of documents and of a corpus: per document, a JSON-able record
(cached with the index, keyed by `STATEMENTS_VERSION`); for the corpus, the speaker table and
every statement in document order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from index.chunking import Chunk
from index.corpus import Document
from qa.document_people import DocPeople, DocPerson, document_people
from qa.organisations import acronyms, org_aliases
from qa.party_names import party_aliases
from qa.quotes import Quote, extract_statements
from qa.speakers import SpeakerTable

__all__ = ["STATEMENTS_VERSION", "corpus_quotes", "corpus_statements", "corpus_table",
           "rebased_statements", "statements_of"]

# Bump when the people/quote extraction changes: the per-document cache is keyed by it.
STATEMENTS_VERSION = "22"


def statements_of(doc: Document, chunks: list[Chunk]) -> dict[str, Any]:
    """The JSON-able people and statements of one document (cached with the index)."""
    people = document_people(doc, chunks)
    quotes, roles = extract_statements(doc, chunks, people)
    people = _with_speakers(people, quotes, acronyms(doc.text), roles)
    return {"people": people.to_dict(), "quotes": [q.to_dict() for q in quotes]}


def rebased_statements(value: Mapping[str, Any], copy: Document) -> dict[str, Any]:
    """`statements_of` of a document for its copy under another name (`index.derived`): the
    same people and statements, each statement citing the copy's id and path."""
    return {"people": value["people"],
            "quotes": [{**q, "doc_id": copy.doc_id, "path": copy.path} for q in value["quotes"]]}


def corpus_statements(
    per_document: Mapping[str, Mapping[str, Any]],
) -> tuple[SpeakerTable, list[Quote]]:
    """The speaker table of the corpus and its statements (by document id, then position),
    from the `statements_of` records of its documents."""
    return corpus_table(per_document), corpus_quotes(per_document)


def corpus_table(per_document: Mapping[str, Mapping[str, Any]]) -> SpeakerTable:
    """The speaker table of `corpus_statements` alone (the merge of the documents' people)."""
    return SpeakerTable.merge({d: DocPeople.from_dict(v["people"])
                               for d, v in per_document.items()})


def corpus_quotes(per_document: Mapping[str, Mapping[str, Any]]) -> list[Quote]:
    """The statements of `corpus_statements` alone: they do not depend on the speaker merge,
    so work on them (embedding) can start before it."""
    return [Quote.from_dict(q) for d in sorted(per_document) for q in per_document[d]["quotes"]]


def _with_speakers(people: DocPeople, quotes: list[Quote], known: dict[str, str],
                   roles: dict[str, tuple[str, ...]]) -> DocPeople:
    """The document's people plus the speakers the extractor found that are no person of it
    (organisations: "the NFB said"), so that questions resolve to them; their aliases are the
    acronym and short forms a user may type (`org_aliases`)."""
    names = {p.name for p in people.people}
    counts: dict[str, int] = {}
    for q in quotes:
        if q.speaker not in names:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    extra = tuple(DocPerson(name=n, titles=(*org_aliases(n, known), *party_aliases(n)),
                            gender=None, mentions=c, strong=True) for n, c in counts.items())
    learned = tuple(
        replace(p, titles=tuple(dict.fromkeys((*p.titles, *roles[p.name]))))
        if p.name in roles else p for p in people.people)
    # A bare name that speaks ("Disney said") is a speaker for questions, however weak its
    # evidence as a person's name (else the corpus merge drops it).
    spoke = {q.speaker for q in quotes}
    learned = tuple(replace(p, strong=True) if p.name in spoke else p for p in learned)
    return DocPeople(learned + extra, people.mentions)
