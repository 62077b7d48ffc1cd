"""`Retriever`: the library entry point (`from qa import Retriever`).

    from qa import Retriever
    r = Retriever("path/to/corpus")          # builds, updates or loads the index
    for hit in r.search("what did Grushko say?", k=5):
        print(hit.citation, hit.text)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from index.corpus import Document
from index.embedder import Embedder
from index.fusion import Fusion
from index.keyword import tokenize
from index.search import Hit, HybridIndex, Mode, check_query
from qa.answer import Answer, Corpus, answer_question
from qa.asked_person import resolve_asked
from qa.corpus_data import (
    ContextTerms,
    CorpusData,
    context_terms,
    context_vectors,
    corpus_data,
    statement_vectors,
)
from qa.fusion_choice import fusion_for
from qa.quotes import Quote
from qa.speakers import SpeakerTable
from qa.statement_context import statement_context
from qa.statement_dates import SaidOn, StatementKey, date_statements
from qa.timeline import Timeline, build_timeline

__all__ = ["Retriever"]

# How many text vectors a Retriever keeps in memory between questions (statements, their
# contexts, answer sentences: a REPL asking about one person again re-embeds none of them).
# Hand-set: 20,000 x 384 float32 is about 30 MB.
EMBED_MEMO_SIZE = 20_000
# How many texts' terms a Retriever keeps (statements and their contexts: a person's statements
# that share a paragraph share a context, and asking about them again re-analyses nothing).
# Hand-set: 50,000 term lists of a few hundred short strings is some tens of MB at most.
TERMS_MEMO_SIZE = 50_000


class DocumentTexts(Mapping[str, str]):
    """``{doc_id: text}`` over the index's documents, each read only when asked for."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self._documents = documents

    def __getitem__(self, doc_id: str) -> str:
        return self._documents[doc_id].text

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)


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
        self._data: CorpusData | None = None
        self._statement_rows: dict[str, int] | None = None
        self._statement_vecs: np.ndarray | None = None
        self._memo: dict[str, np.ndarray] = {}
        self._said_on: dict[StatementKey, SaidOn | None] = {}
        self._terms: dict[str, list[str]] = {}
        self._context: ContextTerms | None = None
        self._rows_by_key: dict[StatementKey, int] = {}

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
        """The `k` best passages for `query` (see `HybridIndex.search`); hybrid fuses as
        `qa.fusion_choice.fusion_for` says for this question unless `alpha` is given."""
        return self._index.search(query, k=k, mode=mode, alpha=alpha,
                                  fusion=self._fusion(query, mode))

    def _fusion(self, query: object, mode: object) -> Fusion | None:
        """The question's fusion for hybrid search (None: the engine's default)."""
        if mode != "hybrid" or not isinstance(query, str):
            return None
        return fusion_for(query, self._index.unknown_terms)

    # ------------------------------------------------------------------ question answering

    def _corpus_data(self) -> CorpusData:
        if self._data is None:
            self._data = corpus_data(self._index)
        return self._data

    def prepare(self, progress: Callable[[str, int, int], None] | None = None) -> None:
        """Compute and store what answering derives from the whole corpus, statement vectors
        included (`qa index` calls it, so that no question has to)."""
        # The statement vectors are embedded while the rest of the data is derived.
        self._data = corpus_data(self._index, progress, vectors=True)
        context_terms(self._index, self._data)  # stored: a question loads it
        statement_vectors(self._index, self._data, progress)

    def warm(self) -> None:
        """Load what the first question would (corpus data, statement vectors, the model), so
        that it is answered at once (the REPL calls it while the prompt is already up)."""
        self._corpus_data()
        self._statement_row("")  # the statement lookups a speaker question makes
        self._context_terms([])
        self._embed(["warm up"])

    @property
    def table(self) -> SpeakerTable:
        """The people of the corpus and their aliases."""
        return self._corpus_data().table

    @property
    def quotes(self) -> list[Quote]:
        """Every attributed statement of the corpus, by document and position."""
        return list(self._corpus_data().quotes)

    def _term_idf(self) -> dict[str, float]:
        return self._corpus_data().idf

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

    def _statement_row(self, text: str) -> int | None:
        """The row of the first statement with this text in the corpus data, if any."""
        if self._statement_rows is None:
            rows: dict[str, int] = {}
            for i, q in enumerate(self._corpus_data().quotes):
                rows.setdefault(q.text, i)
            self._statement_rows = rows
        return self._statement_rows.get(text)

    def _stored_vector(self, text: str) -> np.ndarray | None:
        """The stored vector of a statement's text (`qa.corpus_data.statement_vectors`)."""
        row = self._statement_row(text)
        if row is None:
            return None
        if self._statement_vecs is None:
            self._statement_vecs = statement_vectors(self._index, self._corpus_data())
        return np.asarray(self._statement_vecs[row])

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        """The index embedder's vectors for `texts`: statements' from the index, others
        embedded once per Retriever (up to `EMBED_MEMO_SIZE` texts kept, oldest dropped
        first)."""
        stored = {t: v for t in dict.fromkeys(texts)
                  if t not in self._memo and (v := self._stored_vector(t)) is not None}
        todo = list(dict.fromkeys(t for t in texts if t not in self._memo and t not in stored))
        fresh = dict(zip(todo, self._index.embed(todo), strict=True)) if todo else {}
        if not texts:
            return np.zeros((0, self._index.embedder.dimension), dtype=np.float32)
        known = {**stored, **fresh}
        out = np.stack([known[t] if t in known else self._memo[t] for t in texts])
        self._memo.update(fresh)
        while len(self._memo) > EMBED_MEMO_SIZE:
            del self._memo[next(iter(self._memo))]
        return out

    def _tokenize(self, text: str) -> list[str]:
        """`index.keyword.tokenize`, each text analysed once per Retriever (up to
        `TERMS_MEMO_SIZE` texts kept, oldest dropped first)."""
        terms = self._terms.get(text)
        if terms is None and (row := self._statement_row(text)) is not None:
            return list(self._corpus_data().terms[row])  # stored with the index
        if terms is None:
            terms = self._terms[text] = tokenize(text)
            if len(self._terms) > TERMS_MEMO_SIZE:
                del self._terms[next(iter(self._terms))]
        return list(terms)

    def _context_terms(self, quotes: Sequence[Quote]) -> list[list[str]]:
        """The distinct terms of each statement's context: stored with the corpus data
        (`qa.corpus_data.context_terms`), analysed here for a statement it lacks."""
        data = self._corpus_data()
        if self._context is None:
            self._context = context_terms(self._index, data)
            self._rows_by_key = {(q.doc_id, q.start, q.end): i for i, q in enumerate(data.quotes)}
        out = []
        for q in quotes:
            row = self._rows_by_key.get((q.doc_id, q.start, q.end))
            out.append(self._context.row(row) if row is not None else list(dict.fromkeys(
                self._tokenize(statement_context(q, self._index.chunks_of)))))
        return out

    def ask(self, question: str, k: int = 5, mode: Mode = "hybrid") -> Answer:
        """Answer `question`: passages with answer sentences, a speaker's statements with
        corroboration, or an abstention with the nearest passages (see `qa.answer`). Mode
        "bm25" uses no model (torch is never imported): every score is then lexical."""
        idx = self._index
        check_query(question, k, mode, None)  # the query and options, before any work
        corpus = Corpus(
            root=idx.corpus,
            texts=DocumentTexts(idx.documents),
            chunks_of=idx.chunks_of,
            search=lambda q, kk, m: idx.search(
                q, k=kk, mode=m, fusion=self._fusion(q, m)),  # type: ignore[arg-type]
            embed=None if mode == "bm25" else self._embed,
            tokenize=self._tokenize,
            idf=self._term_idf(),
            context_vectors=lambda quotes: context_vectors(idx, quotes, self._embed),
            context_terms=self._context_terms,
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
        stored with the corpus data for its statements, else computed once per Retriever."""
        todo = [q for q in quotes if (q.doc_id, q.start, q.end) not in self._said_on]
        if todo and not self._said_on:  # stored with the corpus data (`qa.corpus_data`)
            data = self._corpus_data()
            self._said_on.update(zip(((q.doc_id, q.start, q.end) for q in data.quotes),
                                     data.said_on, strict=True))
            todo = [q for q in todo if (q.doc_id, q.start, q.end) not in self._said_on]
        if todo:
            docs = self._index.documents
            ids = {q.doc_id for q in todo}
            self._said_on.update(date_statements(
                todo, {d: docs[d].text for d in ids}, {d: docs[d].published for d in ids}))
        return {(q.doc_id, q.start, q.end): self._said_on[(q.doc_id, q.start, q.end)]
                for q in quotes}

    def timeline(self, person: str) -> Timeline:
        """Every statement of `person` (a name, alias or role, read as questions read it:
        `qa.asked_person`) by the date it was said, undated ones last (`qa.timeline`).
        ValueError when no person of the corpus has that name."""
        idx = self._index
        asked = resolve_asked(person, table=self.table, quotes=self.quotes,
                              texts=DocumentTexts(idx.documents), chunks_of=idx.chunks_of,
                              search=lambda text, n: idx.search(text, k=n, mode="bm25"))
        if asked is None:
            raise ValueError(f"no person named {person!r} in the corpus")
        found = asked.person
        mine = [q for q in self.quotes if self.table.canonical(q.speaker) == found.name]
        mine += [q for q in asked.joined if q not in mine]
        docs = self._index.documents
        return build_timeline(found.name, found.aliases, mine, self.said_on(mine),
                              {q.doc_id: docs[q.doc_id].meta for q in mine})
