"""What the QA layer derives from the whole corpus — the speaker table, every statement, the
passage idf and, with a model, each statement's vector — computed once per index generation
and stored beside the index (`HybridIndex.save_generation_data`), so a question loads it
instead of rebuilding it. A new generation (any document added, changed or removed) has no
data yet: it is rebuilt then, from the per-document statement cache (only new documents are
extracted) and reusing the vectors of statements whose text an older generation embedded.

    derived/qa.corpus@<version>/<generation>/corpus.msgpack        table, statements, idf, terms,
                                                                   dates
    derived/qa.corpus@<version>/<generation>/vectors-<model>.npy   float32, one row a statement
    derived/qa.corpus@<version>/<generation>/context-terms.msgpack each statement's context terms

`version` joins `STATEMENTS_VERSION`, `CORPUS_DATA_VERSION` and a hash of the code that derives
the data, so changed extraction or merging code is never served stale data.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import msgpack
import numpy as np

from index.keyword import tokenize
from index.search import HybridIndex
from index.vector_reuse import EMBED_BATCH as CHUNK_EMBED_BATCH
from qa.lexical import passage_idf
from qa.people_merge import Person
from qa.quotes import Quote
from qa.speakers import SpeakerTable
from qa.statement_context import context_parts
from qa.statement_dates import SaidOn, date_statement
from qa.statements import (
    STATEMENTS_VERSION,
    corpus_quotes,
    corpus_table,
    rebased_statements,
    statements_of,
)

__all__ = [
    "CORPUS_DATA_VERSION",
    "ContextTerms",
    "CorpusData",
    "context_terms",
    "corpus_data",
    "data_version",
    "context_vectors",
    "statement_vectors",
]

log = logging.getLogger(__name__)

# Bump when the stored layout changes (the code hash below covers what the values mean).
CORPUS_DATA_VERSION = "2"
NAME = "qa.corpus"
CORPUS_FILE = "corpus.msgpack"
CONTEXT_FILE = "context-terms.msgpack"
# Statements embedded per encoder call while computing their vectors: the store's chunk calls'
# size (`index.vector_reuse.EMBED_BATCH`, which bounds the memory of one call). Statements are
# sent longest first, so each call, and each of the encoder's batches, holds texts of about one
# length: on bbc-full's 12,922 statement texts (27 word pieces on average) calls of 256 in
# document order padded 15.9 % of the model's positions, calls sorted by length 0.9 %
# (README "Statement vectors").
EMBED_BATCH = CHUNK_EMBED_BATCH

Progress = Callable[[str, int, int], None]

_QUOTE_FIELDS = ("speaker", "text", "doc_id", "path", "start", "end", "cue", "confidence",
                 "kind", "paragraph")
# The modules whose code decides the stored values: a change to any of them re-derives.
_SOURCES = ("qa.statements", "qa.quotes", "qa.quote_marks", "qa.document_people",
            "qa.statement_record", "qa.reading_state", "qa.quote_sentences", "qa.antecedents",
            "qa.organisation_speakers", "qa.speech_subjects", "qa.speech_attribution",
            "qa.attribution_shapes", "qa.clause_subjects",
            "qa.people_merge", "qa.organisations", "qa.names", "qa.lexicon", "qa.speakers",
            "qa.lexical", "qa.corpus_data", "index.keyword", "index.analysis",
            "qa.statement_dates", "qa.time_expressions", "qa.statement_context",
            "qa.group_voices", "qa.party_names", "qa.role_introductions", "qa.person_titles",
            "qa.parsed_reading", "qa.sentence_parse", "qa.parser_model", "qa.cue_senses",
            "qa.work_titles", "qa.first_names", "qa.role_qualifiers", "qa.name_candidates",
            "qa.name_runs", "qa.candidate_filters", "qa.speaker_words", "qa.complement_mentions",
            "qa.unlisted_people", "qa.role_appositions", "qa.cue_descriptions",
            "qa.reported_speech", "qa.topic_cues")


@cache
def data_version() -> str:
    """The version the stored data is keyed by (formats and a hash of the deriving code)."""
    import importlib

    h = hashlib.sha1()
    for name in _SOURCES:
        h.update(Path(str(importlib.import_module(name).__file__)).read_bytes())
    return f"{STATEMENTS_VERSION}.{CORPUS_DATA_VERSION}-{h.hexdigest()[:12]}"


@dataclass(frozen=True, kw_only=True)
class CorpusData:
    """The QA layer's view of the whole corpus, as of one index generation."""

    table: SpeakerTable
    quotes: tuple[Quote, ...]
    idf: dict[str, float]
    # Each statement speaker's canonical name (what `SpeakerTable.canonical` gives).
    canonical: dict[str, str] = field(default_factory=dict)
    # Each statement's terms (`index.keyword.tokenize` of its text; row i: ``quotes[i]``):
    # "who said" scores every statement, and analysing 12,908 of them took seconds.
    terms: tuple[tuple[str, ...], ...] = ()
    # When each statement was said (`qa.statement_dates.date_statement`; row i: ``quotes[i]``):
    # it depends only on the document's text and date and the statement's offsets, and dating
    # a much-quoted person's statements per question took 0.2 s (plus dateparser's first use).
    said_on: tuple[SaidOn | None, ...] = ()


def corpus_data(
    index: HybridIndex, progress: Progress | None = None, *, vectors: bool = False
) -> CorpusData:
    """The stored data of the index's generation, computed and stored first if there is none
    (or it is unreadable). With `vectors`, computing it also computes the statement vectors
    (`statement_vectors`), embedded in a thread while the rest is derived (the model runs
    outside the GIL), and stores all of it together once both are done."""
    folder = index.generation_data(NAME, data_version())
    try:
        return _decode(msgpack.unpackb((folder / CORPUS_FILE).read_bytes()))
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError, msgpack.UnpackException) as e:
        log.warning("stored corpus data %s is unreadable (%s); recomputing", folder, e)
    if progress:
        progress("statements", 0, 1)
    stop = threading.Event()  # set when deriving failed: the embedding thread stops early
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="statement-vectors") as pool:
        embedding: list[Future[tuple[str, bytes]]] = []

        def embed(texts: Sequence[str]) -> None:
            if vectors:
                embedding.append(pool.submit(_vectors_file_of, index, texts, progress, stop))

        try:
            data, context = _derive(index, embed)
            # The context terms are stored with the data: deriving both analyses each chunk
            # once. The vectors (if any) too, so a failure in either thread writes nothing.
            files = {CORPUS_FILE: _encode(data), CONTEXT_FILE: _encode_context_terms(context)}
            files.update(f.result() for f in embedding)  # re-raises the thread's exception
        finally:
            stop.set()
    index.save_generation_data(NAME, data_version(), files)
    if progress:
        progress("statements", 1, 1)
    return data


def statement_vectors(
    index: HybridIndex, data: CorpusData, progress: Progress | None = None
) -> np.ndarray:
    """The index embedder's vector of every statement of `data` (row i: ``data.quotes[i]``),
    stored with the generation; computed first if missing, embedding only texts that no older
    generation's vectors hold."""
    emb = index.embedder
    fname = _vectors_file(emb.name, emb.variant, emb.dimension)
    version = data_version()
    path = index.generation_data(NAME, version) / fname
    n = len(data.quotes)
    try:
        vecs: np.ndarray = np.load(path, mmap_mode="r", allow_pickle=False)
        if vecs.shape == (n, emb.dimension) and vecs.dtype == np.float32:
            return vecs
        log.warning("stored statement vectors %s have shape %s; recomputing", path, vecs.shape)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as e:
        log.warning("stored statement vectors %s are unreadable (%s); recomputing", path, e)
    out = _embed_statements(index, [q.text for q in data.quotes], progress)
    index.save_generation_data(NAME, version, {fname: _npy_bytes(out)})
    return out


def _vectors_file_of(
    index: HybridIndex, texts: Sequence[str], progress: Progress | None, stop: threading.Event
) -> tuple[str, bytes]:
    """The statement vectors' file name and bytes for statements of `texts` (in order)."""
    emb = index.embedder
    fname = _vectors_file(emb.name, emb.variant, emb.dimension)
    return fname, _npy_bytes(_embed_statements(index, texts, progress, stop))


def _npy_bytes(vecs: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, vecs, allow_pickle=False)
    return buf.getvalue()


class _Stopped(Exception):
    """The embedding was stopped because deriving the rest failed (never seen by callers: the
    deriving thread's own exception is)."""


def _embed_statements(
    index: HybridIndex,
    texts: Sequence[str],
    progress: Progress | None,
    stop: threading.Event | None = None,
) -> np.ndarray:
    """The embedder's vector of each of `texts` (row i: ``texts[i]``), each distinct text
    embedded once and only if no older generation's stored vectors hold it; stops between
    encoder calls once `stop` is set."""
    emb = index.embedder
    fname = _vectors_file(emb.name, emb.variant, emb.dimension)
    known = _reusable_vectors(index, fname, data_version(), set(texts))
    out = np.zeros((len(texts), emb.dimension), dtype=np.float32)
    todo: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        v = known.get(t)
        if v is not None:
            out[i] = v
        else:
            todo.setdefault(t, []).append(i)
    pending = _longest_first(todo)
    if progress:
        progress("statement vectors", 0, len(pending))
    for b in range(0, len(pending), EMBED_BATCH):
        if stop is not None and stop.is_set():
            raise _Stopped
        batch = pending[b:b + EMBED_BATCH]
        got = np.asarray(emb.encode(batch), dtype=np.float32)
        for t, v in zip(batch, got, strict=True):
            out[todo[t]] = v
        if progress:
            progress("statement vectors", b + len(batch), len(pending))
    return out


def _longest_first(texts: Iterable[str]) -> list[str]:
    """`texts` by length in characters, longest first (ties in their order): an encoder
    call then pads its batches little (`EMBED_BATCH`)."""
    return sorted(texts, key=len, reverse=True)


def context_vectors(
    index: HybridIndex, quotes: Sequence[Quote], embed: Callable[[Sequence[str]], np.ndarray]
) -> np.ndarray:
    """A vector of each statement's context (`qa.answer`'s: title, paragraph before, its own
    paragraph) from the stored vectors of the index, not embedded again: the normalised sum of
    the vectors of the chunk holding the statement and of the chunk before it (each embedded
    with the title, `index.embedder.embedding_text`). A statement outside every chunk (whose
    context `qa.answer` takes to be the statement itself) gets `embed` of its text."""
    out = np.zeros((len(quotes), index.vectors().shape[1]), dtype=np.float32)
    for j, q in enumerate(quotes):
        chunks = index.chunks_of(q.doc_id)
        i = next((k for k, c in enumerate(chunks) if c.start <= q.start < c.end), None)
        if i is None:
            out[j] = embed([q.text])[0]
            continue
        rows = [index.row_of(chunks[i].chunk_id)]
        if i:
            rows.append(index.row_of(chunks[i - 1].chunk_id))
        v = index.vectors_of(rows).sum(axis=0)  # read from disk: nothing stays in memory
        out[j] = v / (float(np.linalg.norm(v)) or 1.0)
    return out


@dataclass(frozen=True, kw_only=True)
class ContextTerms:
    """The distinct terms of each statement's context (`qa.statement_context`; row i: the
    corpus data's ``quotes[i]``), as ids into `vocab`: row i is ``ids[offsets[i]:offsets[i+1]]``.
    Distinct, because relevance reads a text's terms as a set (`qa.lexical.coverage`)."""

    vocab: list[str]
    offsets: np.ndarray
    ids: np.ndarray

    def row(self, i: int) -> list[str]:
        """The context terms of statement row `i`."""
        v = self.vocab
        return [v[t] for t in self.ids[self.offsets[i]:self.offsets[i + 1]].tolist()]


def context_terms(index: HybridIndex, data: CorpusData) -> ContextTerms:
    """The context terms of every statement of `data`, stored with the generation; computed
    first if missing. Analysing a much-quoted person's ~200 contexts per question took 0.2 s
    (0.6 s under load); loading all of them is a few milliseconds."""
    version = data_version()
    path = index.generation_data(NAME, version) / CONTEXT_FILE
    n = len(data.quotes)
    try:
        doc = msgpack.unpackb(path.read_bytes())
        got = ContextTerms(vocab=doc["vocab"], offsets=np.frombuffer(doc["offsets"], np.int64),
                           ids=np.frombuffer(doc["ids"], np.int32))
        if doc.get("version") == version and len(got.offsets) == n + 1:
            return got
        log.warning("stored context terms %s do not match the statements; recomputing", path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError, msgpack.UnpackException) as e:
        log.warning("stored context terms %s are unreadable (%s); recomputing", path, e)
    got = _derive_context_terms(index, data, _memo_tokenize())
    index.save_generation_data(NAME, version, {CONTEXT_FILE: _encode_context_terms(got)})
    return got


def _encode_context_terms(terms: ContextTerms) -> bytes:
    packed: bytes = msgpack.packb({
        "version": data_version(), "vocab": terms.vocab, "offsets": terms.offsets.tobytes(),
        "ids": terms.ids.tobytes()}, use_bin_type=True)
    return packed


def _memo_tokenize() -> Callable[[str], list[str]]:
    """`tokenize`, each distinct text analysed once (callers must not change the lists)."""
    memo: dict[str, list[str]] = {}

    def terms_of(text: str) -> list[str]:
        got = memo.get(text)
        if got is None:
            got = memo[text] = tokenize(text)
        return got

    return terms_of


def _derive_context_terms(
    index: HybridIndex, data: CorpusData, terms_of: Callable[[str], list[str]]
) -> ContextTerms:
    """`tokenize` (`terms_of`, which remembers) of each statement's context, each part analysed
    once: the terms of a text joined with whitespace are the concatenation of its parts' terms
    (no term spans a space; tests/qa/test_statement_context.py checks it)."""
    vocab: dict[str, int] = {}
    offsets: list[int] = [0]
    ids: list[int] = []
    for q in data.quotes:
        parts = context_parts(q, index.chunks_of(q.doc_id))
        distinct = dict.fromkeys(t for p in parts for t in terms_of(p))
        ids.extend(vocab.setdefault(t, len(vocab)) for t in distinct)
        offsets.append(len(ids))
    return ContextTerms(vocab=list(vocab), offsets=np.asarray(offsets, dtype=np.int64),
                        ids=np.asarray(ids, dtype=np.int32))


# ---------------------------------------------------------------- computing and storing


def _derive(
    index: HybridIndex, statements_known: Callable[[Sequence[str]], None] = lambda _: None
) -> tuple[CorpusData, ContextTerms]:
    """Statements (per-document cache: only new documents extracted), the merged speaker
    table, the idf over every chunk, and each statement's context terms (its context is made
    of chunks: each chunk is analysed once, for both). `statements_known` hears the
    statements' texts as soon as they are known, before the rest is derived."""
    per_doc = index.per_document("qa.statements", STATEMENTS_VERSION, statements_of,
                                 rebased_statements)
    quotes = corpus_quotes(per_doc)
    statements_known([q.text for q in quotes])
    table = corpus_table(per_doc)
    terms_of = _memo_tokenize()
    idf = passage_idf((c.text for c in index.chunks), terms_of)
    canonical = {s: table.canonical(s) for s in dict.fromkeys(q.speaker for q in quotes)}
    terms = tuple(tuple(tokenize(q.text)) for q in quotes)
    docs = index.documents
    said_on = tuple(date_statement(docs[q.doc_id].text, q.start, q.end, docs[q.doc_id].published)
                    for q in quotes)
    data = CorpusData(table=table, quotes=tuple(quotes), idf=idf, canonical=canonical,
                      terms=terms, said_on=said_on)
    return data, _derive_context_terms(index, data, terms_of)


_SAID_ON_FIELDS = ("basis", "expression", "expression_start", "expression_end", "confidence")


def _encode_said_on(d: SaidOn | None) -> list[Any] | None:
    if d is None:
        return None
    return [d.start.isoformat(), d.end.isoformat(), *(getattr(d, f) for f in _SAID_ON_FIELDS)]


def _decode_said_on(row: list[Any] | None) -> SaidOn | None:
    if row is None:
        return None
    start, end, *rest = row
    return SaidOn(start=date.fromisoformat(start), end=date.fromisoformat(end),
                  **dict(zip(_SAID_ON_FIELDS, rest, strict=True)))


def _encode(data: CorpusData) -> bytes:
    """The data as one msgpack document (statements by column; the speaker table with its
    normalised keys, so that loading it normalises no name). msgpack, not JSON: it loads in
    about half the time (0.10 s against 0.20 s for bbc-full's 3.7 MB, under load)."""
    people = [[p.name, list(p.aliases), list(p.titles), p.gender, p.mentions, list(p.documents),
               name_key, surname_key, list(alias_keys)]
              for p, (name_key, surname_key, alias_keys) in zip(
                  data.table.people, data.table.keys(), strict=True)]
    quotes = {f: [getattr(q, f) for q in data.quotes] for f in _QUOTE_FIELDS}
    doc = {"version": data_version(), "people": people, "quotes": quotes, "idf": data.idf,
           "canonical": data.canonical, "terms": [list(t) for t in data.terms],
           "said_on": [_encode_said_on(d) for d in data.said_on]}
    packed: bytes = msgpack.packb(doc, use_bin_type=True)
    return packed


def _decode(doc: dict[str, Any]) -> CorpusData:
    if doc.get("version") != data_version():
        raise ValueError(f"version {doc.get('version')!r}")
    people, keys = [], []
    for name, aliases, titles, gender, mentions, documents, nk, sk, ak in doc["people"]:
        people.append(Person(name=name, aliases=tuple(aliases), titles=tuple(titles),
                             gender=gender, mentions=mentions, documents=tuple(documents)))
        keys.append((nk, sk, tuple(ak)))
    c = doc["quotes"]
    quotes = tuple(
        Quote(speaker=sp, text=tx, doc_id=di, path=pa, start=st, end=en, cue=cu, confidence=co,
              kind=ki, paragraph=pg)
        for sp, tx, di, pa, st, en, cu, co, ki, pg in zip(
            *(c[f] for f in _QUOTE_FIELDS), strict=True)
    )
    table = SpeakerTable(people, keys)
    canonical = doc["canonical"]
    table.remember_canonical(canonical)
    terms = tuple(tuple(t) for t in doc["terms"])
    if len(terms) != len(quotes):
        raise ValueError(f"{len(terms)} term lists for {len(quotes)} statements")
    said_on = tuple(_decode_said_on(d) for d in doc["said_on"])
    if len(said_on) != len(quotes):
        raise ValueError(f"{len(said_on)} dates for {len(quotes)} statements")
    return CorpusData(table=table, quotes=quotes, idf=doc["idf"], canonical=canonical,
                      terms=terms, said_on=said_on)


def _vectors_file(name: str, variant: str, dimension: int) -> str:
    key = hashlib.sha1(f"{name}\0{variant}\0{dimension}".encode()).hexdigest()[:10]
    return f"vectors-{variant}-{key}.npy"


def _reusable_vectors(
    index: HybridIndex, fname: str, version: str, wanted: set[str]
) -> dict[str, np.ndarray]:
    """``{statement text: vector}`` from older generations' stored vectors of the same model,
    for the texts in `wanted`."""
    out: dict[str, np.ndarray] = {}
    for folder in index.other_generation_data(NAME, version):
        try:
            vecs = np.load(folder / fname, mmap_mode="r", allow_pickle=False)
            doc = msgpack.unpackb((folder / CORPUS_FILE).read_bytes())
            texts: Sequence[str] = doc["quotes"]["text"]
        except (OSError, ValueError, KeyError, TypeError, msgpack.UnpackException):
            continue
        if vecs.ndim != 2 or len(vecs) != len(texts):
            continue
        for i, t in enumerate(texts):
            if t in wanted and t not in out:
                out[t] = np.array(vecs[i], dtype=np.float32)
    return out
