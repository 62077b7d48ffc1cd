"""`Retriever`: the library entry point (`from qa import Retriever`).

    from qa import Retriever
    r = Retriever("path/to/corpus")          # builds, updates or loads the index
    for hit in r.search("what did Grushko say?", k=5):
        print(hit.citation, hit.text)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from index.embedder import Embedder
from index.keyword import tokenize
from index.search import Hit, HybridIndex, Mode
from qa.answer import Answer, Corpus, answer_question
from qa.lexical import passage_idf
from qa.quotes import Quote
from qa.speakers import SpeakerTable
from qa.statement_dates import SaidOn, StatementKey, date_statements
from qa.statements import STATEMENTS_VERSION, corpus_statements, statements_of
from qa.timeline import Timeline, build_timeline

__all__ = ["Retriever"]

# How many text vectors a Retriever keeps in memory between questions (statements, their
# contexts, answer sentences: a REPL asking about one person again re-embeds none of them).
# Hand-set: 20,000 x 384 float32 is about 30 MB.
EMBED_MEMO_SIZE = 20_000


class Retriever:
    """Search (and, with the QA layer, answer questions) over one corpus folder."""

    def __init__(
        self,
        corpus: str | Path,
        index_dir: str | Path | None = None,
        *,
        embedder: Embedder | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        keyword_engine: str | None = None,
        exclude: Sequence[str] = (),
        backend: str | None = None,
        milvus_uri: str | None = None,
    ) -> None:
        self._index = HybridIndex.open(
            corpus, index_dir, embedder=embedder, progress=progress, keyword_engine=keyword_engine,
            exclude=exclude, backend=backend, milvus_uri=milvus_uri,
        )
        self._table: SpeakerTable | None = None
        self._quotes: list[Quote] | None = None
        self._idf: dict[str, float] | None = None
        self._memo: dict[str, np.ndarray] = {}
        self._said_on: dict[StatementKey, SaidOn | None] = {}

    @property
    def index(self) -> HybridIndex:
        """The underlying hybrid index (chunks, documents, last update report)."""
        return self._index

    @property
    def corpus(self) -> Path:
        """The corpus folder (absolute)."""
        return self._index.corpus

    def search(
        self, query: str, k: int = 5, mode: Mode = "hybrid", alpha: float | None = None
    ) -> list[Hit]:
        """The `k` best passages for `query` (see `HybridIndex.search`)."""
        return self._index.search(query, k=k, mode=mode, alpha=alpha)

    # ------------------------------------------------------------------ question answering

    def _load_statements(self) -> None:
        if self._quotes is not None:
            return
        data = self._index.per_document("qa.statements", STATEMENTS_VERSION, statements_of)
        self._table, self._quotes = corpus_statements(data)

    @property
    def table(self) -> SpeakerTable:
        """The people of the corpus and their aliases."""
        self._load_statements()
        assert self._table is not None
        return self._table

    @property
    def quotes(self) -> list[Quote]:
        """Every attributed statement of the corpus, by document and position."""
        self._load_statements()
        assert self._quotes is not None
        return list(self._quotes)

    def _term_idf(self) -> dict[str, float]:
        if self._idf is None:
            self._idf = passage_idf((c.text for c in self._index.chunks), tokenize)
        return self._idf

    def speakers(self) -> list[dict[str, Any]]:
        """People quoted in the corpus, most statements first: name, aliases, statements."""
        counts: Counter[str] = Counter(self.table.canonical(q.speaker) for q in self.quotes)
        out = [
            {"name": p.name, "aliases": list(p.aliases), "statements": counts[p.name]}
            for p in self.table.people if counts[p.name]
        ]
        return sorted(out, key=lambda s: (-s["statements"], s["name"]))

    def stats(self) -> dict[str, Any]:
        """Corpus and index facts (`HybridIndex.facts`) plus statements and speakers."""
        return {**self._index.facts(), "quotes": len(self.quotes), "speakers": self.speakers()}

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        """The index embedder's vectors for `texts`, each text embedded once per Retriever
        (up to `EMBED_MEMO_SIZE` texts kept, oldest dropped first)."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._memo))
        fresh = dict(zip(todo, self._index.embed(todo), strict=True)) if todo else {}
        if not texts:
            return np.zeros((0, self._index.embedder.dimension), dtype=np.float32)
        out = np.stack([fresh[t] if t in fresh else self._memo[t] for t in texts])
        self._memo.update(fresh)
        while len(self._memo) > EMBED_MEMO_SIZE:
            del self._memo[next(iter(self._memo))]
        return out

    def ask(self, question: str, k: int = 5, mode: Mode = "hybrid") -> Answer:
        """Answer `question`: passages with answer sentences, a speaker's statements with
        corroboration, or an abstention with the nearest passages (see `qa.answer`). Mode
        "bm25" uses no model (torch is never imported): every score is then lexical."""
        idx = self._index
        self.search(question, k=k, mode=mode)  # validates the query and options first
        corpus = Corpus(
            root=idx.corpus,
            texts={d: doc.text for d, doc in idx.documents.items()},
            chunks_of=idx.chunks_of,
            search=lambda q, kk, m: idx.search(q, k=kk, mode=m),  # type: ignore[arg-type]
            embed=None if mode == "bm25" else self._embed,
            tokenize=tokenize,
            idf=self._term_idf(),
        )
        answer = answer_question(question, corpus=corpus, table=self.table, quotes=self.quotes,
                                 k=k, mode=mode)
        statements = [q for g in answer.quotes for q in (g.quote, *g.corroborated_by)]
        used = {p.hit.doc_id for p in answer.passages} | {q.doc_id for q in statements}
        return replace(answer, articles={d: idx.documents[d].meta for d in used},
                       said_on=self.said_on(statements))

    # ------------------------------------------------------------------ dates and timelines

    def said_on(self, quotes: Sequence[Quote]) -> dict[StatementKey, SaidOn | None]:
        """When each statement was said (`qa.statement_dates`), by (doc_id, start, end);
        computed once per statement and Retriever."""
        todo = [q for q in quotes if (q.doc_id, q.start, q.end) not in self._said_on]
        if todo:
            docs = self._index.documents
            ids = {q.doc_id for q in todo}
            self._said_on.update(date_statements(
                todo, {d: docs[d].text for d in ids}, {d: docs[d].published for d in ids}))
        return {(q.doc_id, q.start, q.end): self._said_on[(q.doc_id, q.start, q.end)]
                for q in quotes}

    def timeline(self, person: str) -> Timeline:
        """Every statement of `person` (a name, alias or role as in questions) by the date it
        was said, undated ones last (`qa.timeline`). ValueError when no person of the corpus
        has that name."""
        found = self.table.resolve(person)
        if found is None:
            raise ValueError(f"no person named {person!r} in the corpus")
        mine = [q for q in self.quotes if self.table.canonical(q.speaker) == found.name]
        docs = self._index.documents
        return build_timeline(found.name, found.aliases, mine, self.said_on(mine),
                              {q.doc_id: docs[q.doc_id].meta for q in mine})
