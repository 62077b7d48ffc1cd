"""What a statement is about, read from where it stands: the article's title, the paragraph
before and the paragraph holding it (`qa.answer` scores the quote itself separately). One
place for the rule, so the terms stored at index time (`qa.corpus_data.context_terms`) are
those a question would compute."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from index.chunking import Chunk
from qa.quotes import Quote

__all__ = ["context_parts", "statement_context"]


def context_parts(quote: Quote, chunks: Sequence[Chunk]) -> tuple[str, ...]:
    """The texts the context joins: (title, paragraph before, paragraph) for a statement
    inside a chunk of its document (`chunks`), else the statement's own text alone."""
    i = next((j for j, c in enumerate(chunks) if c.start <= quote.start < c.end), None)
    if i is None:
        return (quote.text,)
    return (chunks[i].title or "", chunks[i - 1].text if i > 0 else "", chunks[i].text)


def statement_context(quote: Quote, chunks_of: Callable[[str], Sequence[Chunk]]) -> str:
    """The context text of `quote` (`context_parts` joined as "title. before paragraph"),
    its text when no chunk holds it."""
    parts = context_parts(quote, chunks_of(quote.doc_id))
    if len(parts) == 1:
        return parts[0]
    title, prev, text = parts
    return f"{title}. {prev} {text}"
