"""What an answer holds: `Answer` (passages, a speaker's statements, whether it answered and
why), `Passage`, `AnswerSpan`, `QuoteGroup`; `Answer.to_dict()` is the JSON contract of
``qa ask --json``. Apart from `qa.answer` (which re-exports them), which decides what goes in.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from index.metadata import ArticleMeta
from index.search import Hit
from qa.disagreement import Difference
from qa.people_merge import Person
from qa.question import Question
from qa.quotes import Quote
from qa.statement_dates import SaidOn, StatementKey


@dataclass(frozen=True)
class AnswerSpan:
    """The answer inside a passage: a sentence (or statement) with exact file offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Passage:
    """A retrieved (or statement-holding) paragraph with its best answer span. Its `hit` says
    where it is and how search scored it; rank and score are its place in this answer."""

    hit: Hit
    answer: AnswerSpan | None = None

    @property
    def text(self) -> str:
        """The paragraph's text (the file's text[start:end])."""
        return self.hit.text

    def to_dict(self) -> dict[str, Any]:
        """The passage in the JSON answer format."""
        h = self.hit
        return {
            "rank": h.rank, "score": round(float(h.score), 6), "doc_id": h.doc_id,
            "path": h.path, "title": h.title, "heading": h.heading,
            "paragraph": h.paragraph, "start": h.start, "end": h.end,
            "text": h.text, "citation": h.citation,
            "scores": {
                "bm25": _num(h.bm25), "bm25_rank": h.bm25_rank,
                "dense": _num(h.dense), "dense_rank": h.dense_rank,
            },
            "answer": None if self.answer is None else {
                "text": self.answer.text, "start": self.answer.start, "end": self.answer.end},
        }


@dataclass(frozen=True)
class QuoteGroup:
    """A statement, with the statements of other documents that report the same thing, and
    where reports of it differ (`qa.disagreement`)."""

    quote: Quote
    speaker: str  # canonical name across the corpus
    corroborated_by: tuple[Quote, ...] = ()
    differs: tuple[Difference, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The quote in the JSON answer format."""
        q = self.quote
        return {
            "speaker": self.speaker, "text": q.text, "path": q.path, "start": q.start,
            "end": q.end, "citation": q.citation, "cue": q.cue, "confidence": q.confidence,
            "corroborated_by": [
                {"path": o.path, "start": o.start, "end": o.end, "citation": o.citation}
                for o in self.corroborated_by
            ],
            "differs": [d.to_dict() for d in self.differs],
        }


@dataclass(frozen=True, kw_only=True)
class Answer:
    """What `Retriever.ask` returns; `to_dict()` is the stable JSON format."""

    query: str
    mode: str
    corpus: str
    answered: bool
    reason: str | None
    speaker: Person | None
    passages: tuple[Passage, ...]
    quotes: tuple[QuoteGroup, ...]
    question: Question | None = None
    # Per document: author, date, URL, source, encoding (`index.metadata`); set by Retriever.
    articles: Mapping[str, ArticleMeta] = field(default_factory=dict)
    # When each statement was said, by (doc_id, start, end) (`qa.statement_dates`); set by
    # Retriever. A statement missing here has "said_on": null.
    said_on: Mapping[StatementKey, SaidOn | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Exactly the JSON answer format of README; every passage, quote and corroborating
        citation carries its article's `published`, `author`, `url`, `source`, `encoding`."""
        return {
            "query": self.query, "mode": self.mode, "corpus": self.corpus,
            "answered": self.answered, "reason": self.reason,
            "speaker": None if self.speaker is None else {
                "name": self.speaker.name, "aliases": list(self.speaker.aliases)},
            "passages": [{**p.to_dict(), **self._meta(p.hit.doc_id)} for p in self.passages],
            "quotes": [self._quote_dict(g) for g in self.quotes],
        }

    def _meta(self, doc_id: str) -> dict[str, Any]:
        return self.articles.get(doc_id, ArticleMeta()).to_dict()

    def _quote_dict(self, g: QuoteGroup) -> dict[str, Any]:
        d = g.to_dict()
        title = self.articles[g.quote.doc_id].title if g.quote.doc_id in self.articles else None
        d.update(paragraph=g.quote.paragraph, title=title, **self._meta(g.quote.doc_id),
                 said_on=self._said_on_dict(g.quote))
        for other, entry in zip(g.corroborated_by, d["corroborated_by"], strict=True):
            meta = self._meta(other.doc_id)
            entry.update(published=meta["published"], source=meta["source"], url=meta["url"],
                         said_on=self._said_on_dict(other))
        return d

    def _said_on_dict(self, q: Quote) -> dict[str, Any] | None:
        s = self.said_on.get((q.doc_id, q.start, q.end))
        return None if s is None else s.to_dict()


def _num(x: float | None) -> float | None:
    if x is None or not math.isfinite(float(x)):
        return None
    return round(float(x), 6)
