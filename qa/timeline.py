"""A speaker's statements in the order they were said: `Timeline`, built by `build_timeline`.

Statements dated by their text or their article (`qa.statement_dates`) come first, earliest
first (a span sorts by its first day, then the shorter span first); statements with no date at
all (an undated article, no date in the text) come last, in document order, and are counted as
such. Pure: the caller gives the statements, their dates and their articles' metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from index.metadata import ArticleMeta
from qa.quotes import Quote
from qa.statement_dates import SaidOn, StatementKey

__all__ = ["Timeline", "TimelineEntry", "build_timeline"]


@dataclass(frozen=True, kw_only=True)
class TimelineEntry:
    """One statement on a timeline: the statement, when it was said, and its article."""

    quote: Quote
    speaker: str
    said_on: SaidOn | None
    article: ArticleMeta

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the statement with its citation and source, and ``said_on``."""
        q, a = self.quote, self.article
        return {
            "said_on": None if self.said_on is None else self.said_on.to_dict(),
            "speaker": self.speaker, "text": q.text, "path": q.path, "start": q.start,
            "end": q.end, "citation": q.citation, "cue": q.cue, "paragraph": q.paragraph,
            "title": a.title or None, "source": a.source, "published": a.published, "url": a.url,
        }


@dataclass(frozen=True, kw_only=True)
class Timeline:
    """A person's statements by date, undated ones last."""

    speaker: str
    aliases: tuple[str, ...]
    entries: tuple[TimelineEntry, ...]

    @property
    def dated(self) -> tuple[TimelineEntry, ...]:
        """The entries with a date (by the text or by the article's date)."""
        return tuple(e for e in self.entries if e.said_on is not None)

    @property
    def undated(self) -> tuple[TimelineEntry, ...]:
        """The entries with no date at all, in document order."""
        return tuple(e for e in self.entries if e.said_on is None)

    def to_dict(self) -> dict[str, Any]:
        """``{"speaker": {"name", "aliases"}, "statements": n, "dated": n, "undated": n,
        "entries": [...]}``: entries dated first, by date; undated last."""
        return {"speaker": {"name": self.speaker, "aliases": list(self.aliases)},
                "statements": len(self.entries), "dated": len(self.dated),
                "undated": len(self.undated), "entries": [e.to_dict() for e in self.entries]}


def build_timeline(
    speaker: str, aliases: Iterable[str], quotes: Iterable[Quote],
    said_on: Mapping[StatementKey, SaidOn | None], articles: Mapping[str, ArticleMeta],
) -> Timeline:
    """The timeline of `speaker` from their statements `quotes`, the statements' dates
    (`said_on`, by (doc_id, start, end)) and their articles' metadata (by document id)."""
    entries = [TimelineEntry(quote=q, speaker=speaker, said_on=said_on.get((q.doc_id, q.start,
                                                                             q.end)),
                             article=articles.get(q.doc_id, ArticleMeta()))
               for q in quotes]

    def key(e: TimelineEntry) -> tuple[Any, ...]:
        s = e.said_on
        when = (0, s.start, s.end) if s is not None else (1, None, None)
        return (when[0], when[1] or "", when[2] or "", e.quote.doc_id, e.quote.start)

    return Timeline(speaker=speaker, aliases=tuple(aliases),
                    entries=tuple(sorted(entries, key=key)))
